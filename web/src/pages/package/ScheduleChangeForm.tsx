/**
 * The Pokja's schedule change (`change_schedule`, workflows/definitions/preparation.ts): one parameter, its new value
 * and the reason, beside the schedule it changes. The hint under the value says the parameter's bounds, or the rule
 * that fixes it; the server judges (scheduleIssues) and a refusal is shown with its rule. A change made in a stage
 * moves that stage's deadline at once and is announced to the registered vendors.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ApiFailure } from '../../api/client';
import type { components } from '../../api/schema';
import type { MyAction } from '../../forms/ActionForm';
import { StepRefusal, type StepRefused } from '../../forms/StepRefusal';
import { postStep } from '../../forms/submit';
import type { ApiErrorBody } from '../../i18n/errors';

type Param = components['schemas']['PackageSchedule']['params'][number];
const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export const boundsText = (p: Param) =>
  p.fixed
    ? `Ditetapkan ${p.default} ${p.unitName} oleh ${p.fixed}; tidak dapat diubah.`
    : `Paling sedikit ${p.min}${p.max !== null ? `, paling lama ${p.max}` : ''} ${p.unitName}.`;

export function ScheduleChangeForm({ packageId, action, params }: { packageId: string; action: MyAction; params: Param[] }) {
  const queryClient = useQueryClient();
  const [param, setParam] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<StepRefused | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = useRef(newKey());
  const chosen = params.find((p) => p.id === param);
  const problems = {
    param: chosen ? null : 'Pilih parameter jadwal.',
    value: /^\d{1,4}$/.test(value.trim()) ? null : 'Isi nilai baru berupa bilangan bulat.',
    reason: reason.trim().length >= 10 ? null : 'Tulis alasan perubahan paling sedikit 10 karakter.',
  };
  const send = useMutation({
    mutationFn: () => postStep(packageId, action, { changes: { [param]: Number(value.trim()) }, reason: reason.trim() }, key.current),
    onSuccess: () => {
      key.current = newKey();
      setRefused(null);
      setDone(`${chosen?.name ?? param} menjadi ${value.trim()} ${chosen?.unitName ?? ''}`.trim());
      setValue('');
      setReason('');
      setTried(false);
      void queryClient.invalidateQueries();
    },
    onError: (e) => {
      const error: ApiErrorBody = e instanceof ApiFailure ? e.error : { code: 'network_error', message: 'Tidak dapat menghubungi server.' };
      if (!(e instanceof ApiFailure) || e.status !== 0) key.current = newKey();
      setDone(null);
      setRefused({ actionId: action.id, actionName: action.name, at: new Date().toISOString(), error });
      void queryClient.invalidateQueries();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problems.param || problems.value || problems.reason || send.isPending) return;
    send.mutate();
  };
  const err = (k: keyof typeof problems, id: string) =>
    tried && problems[k] ? (
      <p id={id} className="field-error">
        {problems[k]}
      </p>
    ) : null;
  return (
    <section id="ubah-jadwal" className="card action" aria-labelledby="ubah-jadwal-judul" tabIndex={-1}>
      <h2 id="ubah-jadwal-judul">{action.name}</h2>
      <p className="muted">Perubahan dicatat dengan alasannya, dihitung per tahap, dan diumumkan kepada penyedia yang terdaftar. Tahap: {action.stageName}.</p>
      {refused && <StepRefusal refused={refused} />}
      {done && (
        <p className="alert ok" role="status">
          <strong>Langkah “{action.name}” tercatat</strong>: {done}.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="ubah-parameter">Parameter jadwal</label>
          <select
            id="ubah-parameter"
            value={param}
            onChange={(e) => setParam(e.target.value)}
            aria-invalid={tried && !!problems.param}
            aria-describedby={['ubah-parameter-batas', tried && problems.param ? 'ubah-parameter-galat' : ''].filter(Boolean).join(' ')}
          >
            <option value="">— pilih —</option>
            {params.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} (sekarang {p.value} {p.unitName}
                {p.fixed ? '; ditetapkan peraturan' : ''})
              </option>
            ))}
          </select>
          <p id="ubah-parameter-batas" className="help" aria-live="polite">
            {chosen ? boundsText(chosen) : 'Batas atau aturan parameter tampil setelah parameter dipilih.'}
          </p>
          {err('param', 'ubah-parameter-galat')}
        </div>
        <div className="field">
          <label htmlFor="ubah-nilai">Nilai baru{chosen ? ` (${chosen.unitName})` : ''}</label>
          <input
            id="ubah-nilai"
            type="number"
            inputMode="numeric"
            min={0}
            max={3650}
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={tried && !!problems.value}
            aria-describedby={tried && problems.value ? 'ubah-nilai-galat' : undefined}
          />
          {err('value', 'ubah-nilai-galat')}
        </div>
        <div className="field">
          <label htmlFor="ubah-alasan">Alasan perubahan</label>
          <textarea
            id="ubah-alasan"
            rows={3}
            maxLength={4000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={tried && !!problems.reason}
            aria-describedby={tried && problems.reason ? 'ubah-alasan-galat' : undefined}
          />
          {err('reason', 'ubah-alasan-galat')}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Mengirim…' : 'Simpan perubahan jadwal'}
          </button>
        </div>
      </form>
    </section>
  );
}
