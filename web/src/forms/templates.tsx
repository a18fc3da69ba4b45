/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Buttons with words instead of rjsf's icon fonts (the console loads no icon font, and a button must say what it
 * does to a screen reader and to the eye), in Indonesian.
 */
import { getDefaultRegistry } from '@rjsf/core';
import { type IconButtonProps, type ObjectFieldTemplateProps, type SubmitButtonProps, type TemplatesType, TranslatableString } from '@rjsf/utils';
import type { StepFormContext } from './StepForm';

function TextButton({ label, className, iconType, icon: _icon, uiSchema: _ui, registry: _r, ...rest }: IconButtonProps & { label: string }) {
  return (
    <button type="button" className={`secondary small ${className ?? ''} ${iconType === 'danger' ? 'danger' : ''}`} {...rest} title={undefined}>
      {label}
    </button>
  );
}

const text = (key: TranslatableString) =>
  function Button(props: IconButtonProps) {
    return <TextButton {...props} label={props.registry.translateString(key)} />;
  };

/** The form's own submit button is rendered by ActionForm (pending state, wording); this one is never shown. */
function NoSubmit(_: SubmitButtonProps) {
  return null;
}

export const buttonTemplates: Partial<TemplatesType['ButtonTemplates']> = {
  AddButton: text(TranslatableString.AddItemButton),
  RemoveButton: text(TranslatableString.RemoveButton),
  MoveUpButton: text(TranslatableString.MoveUpButton),
  MoveDownButton: text(TranslatableString.MoveDownButton),
  CopyButton: text(TranslatableString.CopyButton),
  ClearButton: text(TranslatableString.ClearButton),
  SubmitButton: NoSubmit,
};

const DefaultObjectTemplate = getDefaultRegistry().templates.ObjectFieldTemplate;

/**
 * An item of a list is titled by its number and, for a per-vendor result, by the vendor it is about ("Butir 2 —
 * CV Tirta Jaya"), so a Pokja member filling three results knows which is which; other objects keep their label.
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const last = props.fieldPathId.path[props.fieldPathId.path.length - 1];
  if (typeof last !== 'number') return <DefaultObjectTemplate {...props} />;
  const data = (props.formData ?? {}) as Record<string, unknown>;
  const ctx = props.registry.formContext as StepFormContext | undefined;
  const vendor = typeof data.vendorId === 'string' ? (ctx?.participants?.find((p) => p.id === data.vendorId) ?? { id: data.vendorId }) : undefined;
  const title = `Butir ${last + 1}${vendor ? ` — ${vendor.name ?? vendor.id}` : ''}`;
  return <DefaultObjectTemplate {...props} title={title} />;
}
