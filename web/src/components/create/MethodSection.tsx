/**
 * Metode pemilihan: the select offers only the methods the server's rules allow for the category and HPS; the
 * refused ones are listed under it with the rule that refuses each and its legal source, so the officer sees why.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { formatRupiah } from '../../i18n/format';
import { ErrorAlert } from '../list/ErrorAlert';
import { Field } from './Field';
import type { MethodOptions } from '../../api/types';

export function MethodSection({
  options,
  ready,
  value,
  onChange,
  error,
}: {
  options: UseQueryResult<MethodOptions>;
  /** Category and HPS are filled: the server can be asked. */
  ready: boolean;
  value: string;
  onChange: (method: string) => void;
  error?: string;
}) {
  const data = ready ? options.data : undefined;
  const allowed = data?.data.filter((m) => m.allowed) ?? [];
  const refused = data?.data.filter((m) => !m.allowed) ?? [];
  const chosen = allowed.find((m) => m.method === value);
  return (
    <fieldset>
      <legend>Metode pemilihan</legend>
      {!ready && <p className="help">Isi jenis pengadaan dan HPS terlebih dahulu; metode yang diizinkan aturan akan ditawarkan di sini.</p>}
      {ready && options.isError && <ErrorAlert error={options.error} title="Metode yang diizinkan tidak dapat dimuat" />}
      {ready && options.isPending && <p aria-live="polite">Memeriksa metode yang diizinkan…</p>}
      <Field
        id="method"
        label="Metode"
        required
        error={error}
        help={
          data ? (
            <>
              {allowed.length} metode diizinkan untuk {formatRupiah(data.hps)} menurut {data.ruleSet.title}.{options.isFetching && ' Memperbarui…'}
            </>
          ) : undefined
        }
      >
        <select value={chosen ? value : ''} onChange={(e) => onChange(e.target.value)} disabled={!data}>
          <option value="">{data ? '— Pilih metode —' : '— Isi jenis pengadaan dan HPS dahulu —'}</option>
          {allowed.map((m) => (
            <option key={m.method} value={m.method}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      {chosen?.description && <p className="help">{chosen.description}</p>}
      {refused.length > 0 && (
        <details className="refused">
          <summary>Metode lain tidak tersedia ({refused.length})</summary>
          <ul>
            {refused.map((m) => (
              <li key={m.method}>
                <strong>{m.name}</strong>
                {m.reasons.map((r) => (
                  <div key={r.rule} className="reason">
                    {r.message}
                    {/* The message usually cites its article already; the source is added only when it does not. */}
                    {!r.message.includes(r.source) && <span className="sub">Dasar: {r.source}</span>}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  );
}
