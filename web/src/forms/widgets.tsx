/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The few controls a step form needs beyond rjsf's defaults, chosen by ui-schema.ts from the field's name and shape:
 * a rupiah amount with its reading under it, a select of choices known from the package (participants, open
 * questions), the hash of the document being signed (read-only, with the document named), and file inputs that
 * fill `{fileName, mediaType, contentBase64}` or `{name, sha256}`.
 */
import { type FieldProps, getTemplate, getUiOptions, type WidgetProps } from '@rjsf/utils';
import { type ChangeEvent, useState } from 'react';
import { formatRupiah } from '../i18n/format';
import type { ChoiceOption } from './ui-schema';
import type { StepFormContext } from './StepForm';

/** Integer rupiah: the input as usual, and the amount read back as `Rp1.450.000.000` (announced politely). */
export function MoneyWidget(props: WidgetProps) {
  const { id, value, registry, options } = props;
  const BaseInput = getTemplate('BaseInputTemplate', registry, options);
  const n = typeof value === 'number' ? value : undefined;
  return (
    <>
      <BaseInput {...props} type="number" />
      <p className="help rupiah-preview" id={`${id}__rupiah`} aria-live="polite">
        {n !== undefined ? `Terbaca: ${formatRupiah(n)}` : 'Isi dalam rupiah, tanpa titik atau koma.'}
      </p>
    </>
  );
}

/** A select of choices the page knows (`ui:options.choices`); the value is the choice's id. */
export function ChoiceWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors, autofocus } = props;
  const choices = (options.choices ?? []) as ChoiceOption[];
  // A value that is not among the choices (typed by hand earlier, or no longer open) stays visible and selectable.
  const all = value && !choices.some((c) => c.value === value) ? [...choices, { value: String(value), label: String(value) }] : choices;
  return (
    <select
      id={id}
      name={id}
      value={typeof value === 'string' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={`${id}__error ${id}__description ${id}__help`}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    >
      <option value="">— pilih —</option>
      {all.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** A required yes/no verdict (Lulus/Gugur): chosen explicitly from a select that starts at "— pilih —". */
export function VerdictWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors, autofocus } = props;
  const choices = (options.enumOptions ?? []) as { value: boolean; label: string }[];
  const toValue = (s: string) => (s === 'true' ? true : s === 'false' ? false : undefined);
  return (
    <select
      id={id}
      name={id}
      value={typeof value === 'boolean' ? String(value) : ''}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      aria-invalid={rawErrors?.length ? true : undefined}
      aria-describedby={`${id}__error ${id}__description ${id}__help`}
      onChange={(e) => onChange(toValue(e.target.value))}
      onBlur={(e) => onBlur(id, toValue(e.target.value))}
      onFocus={(e) => onFocus(id, toValue(e.target.value))}
    >
      <option value="">— pilih —</option>
      {choices.map((c) => (
        <option key={String(c.value)} value={String(c.value)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** An optional yes/no flag: a checkbox with its own label beside it. */
export function FlagWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, label, autofocus } = props;
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={value === true}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        aria-describedby={`${id}__error ${id}__description ${id}__help`}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={(e) => onBlur(id, e.target.checked)}
        onFocus={(e) => onFocus(id, e.target.checked)}
      />{' '}
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The SHA-256 of the document being signed: shown whole, read-only, with the document it belongs to. */
export function DocumentHashWidget(props: WidgetProps) {
  const { id, value, registry } = props;
  const doc = (registry.formContext as StepFormContext | undefined)?.document;
  return (
    <>
      <input id={id} name={id} className="hash" type="text" value={typeof value === 'string' ? value : ''} readOnly size={66} aria-describedby={`${id}__doc`} />
      <p className="help" id={`${id}__doc`}>
        {doc
          ? `Anda menandatangani ${doc.title ?? doc.fileName ?? doc.id}${doc.fileName && doc.title ? ` (${doc.fileName})` : ''} dengan hash ini.`
          : 'Hash dokumen yang ditandatangani.'}
      </p>
    </>
  );
}

const readAsBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve((typeof r.result === 'string' ? r.result : '').replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('baca berkas gagal'));
    r.readAsDataURL(file);
  });

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

function sizeLimit(base64Max: number | undefined): string | undefined {
  if (!base64Max) return undefined;
  const bytes = Math.floor((base64Max * 3) / 4);
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.floor(bytes / 1024)} KB`;
}

const MEDIA_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'text/plain': 'teks (TXT)', 'application/zip': 'ZIP' };

function FileFieldFrame({ props, accept, note, onFile }: { props: FieldProps; accept?: string; note: string; onFile: (f: File) => Promise<void> }) {
  const { fieldPathId, uiSchema, required, disabled, readonly, rawErrors, registry, errorSchema } = props;
  const id = fieldPathId.$id;
  const last = fieldPathId.path[fieldPathId.path.length - 1];
  // An item of a list of files is numbered ("Berkas 2"); a single file keeps its field's label.
  const title = typeof last === 'number' ? `Berkas ${last + 1}` : (getUiOptions(uiSchema).title ?? props.name);
  const [reading, setReading] = useState<string | null>(null);
  const FieldErrors = getTemplate('FieldErrorTemplate', registry);
  const nested = Object.values(errorSchema ?? {}).flatMap((e) => (e as { __errors?: string[] })?.__errors ?? []);
  const errors = [...(rawErrors ?? []), ...nested];
  const change = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setReading(`Membaca ${f.name}…`);
    try {
      await onFile(f);
      setReading(null);
    } catch {
      setReading('Berkas tidak dapat dibaca.');
    }
  };
  return (
    <div className="field file-field">
      <span className="label" id={`${id}__label`}>
        {String(title)}
        {required && <span className="required"> *</span>}
      </span>
      {/* The input stays in the tab order (visually hidden); its label is the visible "Pilih berkas" button. */}
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled || readonly}
        aria-labelledby={`${id}__label ${id}__button`}
        aria-describedby={`${id}__help`}
        aria-invalid={errors.length ? true : undefined}
        onChange={(e) => void change(e)}
      />
      <label htmlFor={id} className="file-button" id={`${id}__button`}>
        Pilih berkas
      </label>
      <p className="help" id={`${id}__help`} aria-live="polite">
        {reading ?? note}
      </p>
      <FieldErrors errors={errors} fieldPathId={fieldPathId} schema={props.schema} registry={registry} />
    </div>
  );
}

/** `{fileName, mediaType, contentBase64}` filled from a chosen file (sealed with the bid, never sent elsewhere). */
export function DocumentFileField(props: FieldProps) {
  const props_ = props.schema.properties as Record<string, { enum?: string[]; maxLength?: number }> | undefined;
  const types = props_?.mediaType?.enum ?? [];
  const limit = sizeLimit(props_?.contentBase64?.maxLength);
  const current = props.formData as { fileName?: string; contentBase64?: string } | undefined;
  const allowed = types.map((t) => MEDIA_LABELS[t] ?? t).join(', ');
  const note = current?.fileName ? `Terpilih: ${current.fileName}.` : `Pilih berkas${allowed ? ` (${allowed})` : ''}${limit ? `, paling besar ${limit}` : ''}.`;
  return (
    <FileFieldFrame
      props={props}
      accept={types.join(',') || undefined}
      note={note}
      onFile={async (f) => {
        const contentBase64 = await readAsBase64(f);
        props.onChange({ fileName: f.name, mediaType: f.type || 'application/octet-stream', contentBase64 }, props.fieldPathId.path);
      }}
    />
  );
}

/** `{name, sha256}` filled from a chosen file: only its name and hash are sent (the file stays with the user). */
export function HashedFileField(props: FieldProps) {
  const current = props.formData as { name?: string; sha256?: string } | undefined;
  const note = current?.sha256
    ? `Terpilih: ${current.name ?? ''} — SHA-256 ${current.sha256}`
    : 'Pilih berkas bukti; hanya nama dan hash SHA-256-nya yang dikirim.';
  return (
    <FileFieldFrame
      props={props}
      note={note}
      onFile={async (f) => {
        const sha256 = hex(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
        props.onChange({ name: f.name, sha256 }, props.fieldPathId.path);
      }}
    />
  );
}
