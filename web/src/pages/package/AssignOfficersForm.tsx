/**
 * The head of the UKPBJ's step `assign_officers` (workflows/definitions/preparation.ts): the assignment letter's number
 * and the members, chosen as checkboxes from the users who hold the role (GET /api/officers?role=…, id and name
 * only). The rule is stated on the form (a Pokja Pemilihan has an odd number of members, at least three; a Pejabat
 * Pengadaan is one person) and checked before sending, so the head sees at once why a choice is not yet valid; the
 * server judges again and its refusal is shown with its rule.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ASSIGNMENT_RULES } from '../../../../domain/selection/preparation';
import { api, ApiFailure, call } from '../../api/client';
import type { MyAction, StepLast } from '../../forms/ActionForm';
import { StepRefusal, type StepRefused } from '../../forms/StepRefusal';
import { postStep } from '../../forms/submit';
import type { ApiErrorBody } from '../../i18n/errors';
import { formatWib } from '../../i18n/format';
import './panels.css';

type Officer = 'pokja' | 'pejabat_pengadaan';
const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Which officers the step assigns, from the members field's description ("Pejabat Pengadaan (1 orang)"). */
function officerOf(action: MyAction): Officer {
  const members = (action.schema.properties as Record<string, { description?: string }> | undefined)?.members;
  return /pejabat pengadaan/i.test(members?.description ?? action.name) ? 'pejabat_pengadaan' : 'pokja';
}

/** Why the chosen members are not yet a valid assignment, or null. */
function sizeProblem(officer: Officer, n: number): string | null {
  if (officer === 'pejabat_pengadaan') return n === 1 ? null : `Pilih tepat 1 orang Pejabat Pengadaan (dipilih ${n}).`;
  if (n < 3) return `Pilih paling sedikit 3 anggota (dipilih ${n}).`;
  if (n % 2 === 0) return `Jumlah anggota harus gasal (dipilih ${n}).`;
  return null;
}

export function AssignOfficersForm({ packageId, action, onOutcome }: { packageId: string; action: MyAction; onOutcome?: (last: StepLast) => void }) {
  const officer = officerOf(action);
  const queryClient = useQueryClient();
  const officers = useQuery({
    queryKey: ['officers', officer],
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/officers', { params: { query: { role: officer } } })),
  });
  const [letter, setLetter] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<StepRefused | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = useRef(newKey());
  const problem = sizeProblem(officer, chosen.length);
  const letterProblem = letter.trim() ? null : 'Isi nomor surat tugas.';
  const send = useMutation({
    mutationFn: () => postStep(packageId, action, { letterNumber: letter.trim(), members: chosen }, key.current),
    onSuccess: () => {
      key.current = newKey();
      const at = new Date().toISOString();
      setRefused(null);
      setDone(at);
      // The page keeps the confirmation once the step is no longer offered (the package moved on to the review).
      onOutcome?.({ kind: 'done', outcome: { actionId: action.id, actionName: action.name, at, payload: { letterNumber: letter.trim(), members: chosen } } });
      void queryClient.invalidateQueries();
    },
    onError: (e) => {
      const error: ApiErrorBody = e instanceof ApiFailure ? e.error : { code: 'network_error', message: 'Tidak dapat menghubungi server.' };
      if (!(e instanceof ApiFailure) || e.status !== 0) key.current = newKey();
      const r: StepRefused = { actionId: action.id, actionName: action.name, at: new Date().toISOString(), error };
      setRefused(r);
      onOutcome?.({ kind: 'refused', refused: r });
      void queryClient.invalidateQueries();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || letterProblem || send.isPending) return;
    send.mutate();
  };
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const base = `aksi-${action.id}`;
  const who = officer === 'pokja' ? 'Anggota Pokja Pemilihan' : 'Pejabat Pengadaan';
  return (
    <section id={base} className="card action assign-form" aria-labelledby={`${base}-judul`} tabIndex={-1}>
      <h3 id={`${base}-judul`}>{action.name}</h3>
      <p className="muted">Tahap: {action.stageName}</p>
      {action.dueAt && (
        <p className="deadline">
          Batas waktu: <strong>{formatWib(action.dueAt)}</strong>
        </p>
      )}
      <p className="alert info">
        <strong>Ketentuan:</strong> {ASSIGNMENT_RULES[officer]}. PPK paket ini tidak boleh ditugaskan.
      </p>
      {refused && <StepRefusal refused={refused} />}
      {done && (
        <p className="alert ok" role="status">
          <strong>Langkah “{action.name}” tercatat</strong> pada {formatWib(done)}: {chosen.length} orang ditugaskan.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${base}-surat`}>Nomor surat tugas</label>
          <input
            id={`${base}-surat`}
            type="text"
            maxLength={100}
            value={letter}
            onChange={(e) => setLetter(e.target.value)}
            aria-invalid={tried && !!letterProblem}
            aria-describedby={tried && letterProblem ? `${base}-surat-galat` : undefined}
          />
          {tried && letterProblem && (
            <p id={`${base}-surat-galat`} className="field-error">
              {letterProblem}
            </p>
          )}
        </div>
        <fieldset aria-describedby={`${base}-jumlah`}>
          <legend>{who}</legend>
          {officers.isPending && <p aria-live="polite">Memuat daftar pejabat…</p>}
          {officers.isError && <p className="error-text">Daftar pejabat tidak dapat dimuat.</p>}
          {officers.data && officers.data.data.length === 0 && <p className="muted">Belum ada pengguna dengan peran ini.</p>}
          {officers.data && (
            <ul className="member-list">
              {officers.data.data.map((o) => (
                <li key={o.id}>
                  <label>
                    <input type="checkbox" checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} /> {o.name} <span className="muted">({o.id})</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p id={`${base}-jumlah`} aria-live="polite" className={tried && problem ? 'field-error' : 'muted'}>
            Dipilih {chosen.length} orang{problem ? ` — ${problem}` : ' — memenuhi ketentuan.'}
          </p>
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Mengirim…' : action.name}
          </button>
        </div>
      </form>
    </section>
  );
}
