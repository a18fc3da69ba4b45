/**
 * A refusal or failure as the user reads it: the Indonesian title for the server's code and the server's own message
 * under it. `role="alert"` so a screen reader announces it when it appears after an action.
 */
import { forwardRef, type ReactNode } from 'react';
import { ApiFailure } from '../../api/client';
import { describeError } from '../../i18n/errors';

export function errorBodyOf(err: unknown) {
  if (err instanceof ApiFailure) return err.error;
  return { code: 'internal_error', message: err instanceof Error ? err.message : '' };
}

export const ErrorAlert = forwardRef<HTMLDivElement, { error: unknown; title?: string; children?: ReactNode }>(function ErrorAlert(
  { error, title, children },
  ref,
) {
  const d = describeError(errorBodyOf(error));
  // "Penugasan pejabat tidak sah" over "Penugasan pejabat tidak sah." says it twice.
  const same = (a: string, b: string) => a.replace(/[.\s]+$/, '').toLowerCase() === b.replace(/[.\s]+$/, '').toLowerCase();
  if (d.message && same(d.message, d.title)) d.message = '';
  return (
    <div className="alert" role="alert" ref={ref} tabIndex={-1}>
      <strong>{title ?? d.title}</strong>
      {title && <div>{d.title}</div>}
      {d.message && <div>{d.message}</div>}
      {children}
    </div>
  );
});
