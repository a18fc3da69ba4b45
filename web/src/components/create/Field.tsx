/**
 * A labelled form control with its help and its error: the control gets `aria-describedby` pointing at both and
 * `aria-invalid` when there is an error, so a screen reader reads the refusal with the field.
 */
import type { ReactElement, ReactNode } from 'react';
import { cloneElement } from 'react';

export function Field({
  id,
  label,
  help,
  error,
  required,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req"> (wajib)</span>}
      </label>
      {cloneElement(children, { id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined, required })}
      {help && (
        <div id={`${id}-help`} className="help">
          {help}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
