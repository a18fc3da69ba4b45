/**
 * Collegial decisions of the Pokja (issue 13: opening, evaluation result, winner, answers to objections, failure need
 * a majority of the assigned members): the pending proposals of the current stage (data.proposals: what, by whom,
 * the payload in short, the votes so far and how many agreements are needed) with "Setuju" / "Tidak setuju" for a
 * member who has not taken a position, and the decisions already taken with the members who approved them (the
 * `approvedBy` the engine stamps on a decision a majority agreed to). The server judges every vote
 * (`vote_decision`); this panel only offers it to the members the server offers it to (`myActions`).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiFailure } from '../../api/client';
import { useSession } from '../../auth/session';
import { StepRefusal, type StepRefused } from '../../forms/StepRefusal';
import { postStep } from '../../forms/submit';
import { formatRupiah, formatWib } from '../../i18n/format';
import type { ApiErrorBody } from '../../i18n/errors';
import { humanise } from '../../forms/labels';
import type { MyAction } from '../../forms/ActionForm';
import type { PackageView } from './types';
import './panels.css';

interface Vote {
  by: string;
  agree: boolean;
  at: number;
  note?: string;
}
export interface Proposal {
  action: string;
  payload: Record<string, unknown>;
  by: string;
  at: number;
  votes: Vote[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function proposalsOf(data: Json | undefined): Proposal[] {
  const p = data?.proposals;
  if (!isObj(p)) return [];
  return Object.values(p).filter((x): x is Proposal => isObj(x) && typeof x.action === 'string' && typeof x.by === 'string' && Array.isArray(x.votes));
}

/** One value of a payload in a line: money as rupiah, lists by their length, long text cut. */
function short(k: string, v: unknown): string {
  if (typeof v === 'number') return /price|harga|value|nilai|amount|hps/i.test(k) ? formatRupiah(v) : v.toLocaleString('id-ID');
  if (typeof v === 'boolean') return v ? 'ya' : 'tidak';
  if (typeof v === 'string') return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  if (Array.isArray(v)) return `${v.length} butir`;
  if (isObj(v))
    return Object.entries(v)
      .slice(0, 4)
      .map(([kk, vv]) => `${humanise(kk)}: ${short(kk, vv)}`)
      .join('; ');
  return '—';
}

function PayloadSummary({ payload }: { payload: Json }) {
  const entries = Object.entries(payload).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!entries.length) return <p className="muted">Tanpa isian tambahan.</p>;
  return (
    <dl className="payload-summary">
      {entries.map(([k, v]) => (
        <div key={k} className="fact-pair">
          <dt>{humanise(k)}</dt>
          <dd>{short(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function VoteButtons({
  packageId,
  voteAction,
  proposal,
  name,
  onVoted,
}: {
  packageId: string;
  voteAction: MyAction;
  proposal: Proposal;
  name: string;
  onVoted: (v: Voted) => void;
}) {
  const queryClient = useQueryClient();
  const key = useRef(newKey());
  const [note, setNote] = useState('');
  const [refused, setRefused] = useState<StepRefused | null>(null);
  const send = useMutation({
    mutationFn: (agree: boolean) =>
      postStep(packageId, voteAction, { action: proposal.action, agree, ...(note.trim() ? { note: note.trim() } : {}) }, key.current),
    onSuccess: (_a, agree) => {
      key.current = newKey();
      setRefused(null);
      onVoted({ name, agree, at: new Date().toISOString() });
      void queryClient.invalidateQueries();
    },
    onError: (e) => {
      const error: ApiErrorBody = e instanceof ApiFailure ? e.error : { code: 'network_error', message: 'Tidak dapat menghubungi server.' };
      if (!(e instanceof ApiFailure) || e.status !== 0) key.current = newKey();
      setRefused({ actionId: voteAction.id, actionName: voteAction.name, at: new Date().toISOString(), error });
      void queryClient.invalidateQueries();
    },
  });
  const noteId = `catatan-${proposal.action}`;
  return (
    <div className="vote">
      {refused && <StepRefusal refused={refused} />}
      <div className="field">
        <label htmlFor={noteId}>Catatan (tidak wajib)</label>
        <textarea id={noteId} maxLength={2000} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="form-actions vote-buttons">
        <button type="button" disabled={send.isPending} onClick={() => send.mutate(true)} aria-label={`Setuju: ${name}`}>
          Setuju
        </button>
        <button type="button" className="secondary" disabled={send.isPending} onClick={() => send.mutate(false)} aria-label={`Tidak setuju: ${name}`}>
          Tidak setuju
        </button>
      </div>
    </div>
  );
}

/** Decisions already taken by a majority: data entries stamped with `approvedBy`, named by the step recorded then. */
function decisionsTaken(data: Json, timeline: PackageView['timeline'], actionName: (id: string) => string) {
  const out: { key: string; name: string; by: string; at: number; approvedBy: string[] }[] = [];
  const visit = (key: string, v: unknown, depth: number) => {
    if (depth > 2) return;
    if (Array.isArray(v)) v.forEach((x, i) => visit(`${key}.${i}`, x, depth + 1));
    else if (isObj(v)) {
      if (Array.isArray(v.approvedBy) && typeof v.by === 'string' && typeof v.at === 'number') {
        const at = v.at;
        const ev = timeline.find((e) => e.type === 'action_performed' && e.actorId === v.by && Date.parse(e.at) === at);
        out.push({
          key,
          name: ev?.action ? actionName(ev.action) : humanise(key.split('.')[0]!),
          by: v.by,
          at,
          approvedBy: v.approvedBy.filter((x): x is string => typeof x === 'string'),
        });
        return;
      }
      for (const [k, x] of Object.entries(v)) visit(`${key}.${k}`, x, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(data)) if (k !== 'proposals') visit(k, v, 0);
  return out.sort((a, b) => a.at - b.at);
}

/** The member's last vote, kept by the panel: the proposal it answered disappears once the decision is taken. */
interface Voted {
  name: string;
  agree: boolean;
  at: string;
}

export function Decisions(p: {
  packageId: string;
  data: Json;
  pokja: string[];
  myActions: MyAction[];
  timeline: PackageView['timeline'];
  actionName: (id: string) => string;
}) {
  const me = useSession().session?.user;
  const [voted, setVoted] = useState<Voted | null>(null);
  const proposals = proposalsOf(p.data);
  const taken = decisionsTaken(p.data, p.timeline, p.actionName);
  if (!proposals.length && !taken.length && !voted) return null;
  const needed = Math.floor(p.pokja.length / 2) + 1;
  const voteAction = p.myActions.find((a) => a.id === 'vote_decision' && a.target === 'package');
  const who = (id: string) => (me && id === me.id ? `${id} (Anda)` : id);
  return (
    <section aria-labelledby="keputusan-pokja" className="card decisions">
      <h2 id="keputusan-pokja">Keputusan Pokja</h2>
      {voted && (
        <p className="alert ok" role="status">
          <strong>Langkah “{voteAction?.name ?? 'Setujui atau Tolak Usulan Keputusan Pokja'}” tercatat</strong> pada {formatWib(voted.at)}: Anda{' '}
          {voted.agree ? 'setuju' : 'tidak setuju'} dengan usulan “{voted.name}”.
        </p>
      )}
      <p className="muted">
        Keputusan Pokja diambil bersama: usulan seorang anggota berlaku setelah disetujui mayoritas anggota yang ditugaskan ({needed} dari{' '}
        {p.pokja.length || '—'} orang, termasuk pengusul). Setiap persetujuan tercatat.
      </p>
      {proposals.map((pr) => {
        const name = p.actionName(pr.action);
        const agreed = 1 + pr.votes.filter((v) => v.agree).length;
        const against = pr.votes.filter((v) => !v.agree).length;
        const mine = !!me && (pr.by === me.id || pr.votes.some((v) => v.by === me.id));
        const headingId = `usulan-${pr.action}`;
        return (
          <article key={pr.action} className="proposal" aria-labelledby={headingId}>
            <h3 id={headingId}>Usulan menunggu persetujuan: {name}</h3>
            <p>
              Diusulkan oleh <strong>{who(pr.by)}</strong> pada {formatWib(new Date(pr.at).toISOString())}.
            </p>
            <PayloadSummary payload={pr.payload} />
            <p aria-live="polite">
              <strong>
                {agreed} dari {needed} persetujuan yang diperlukan
              </strong>
              {against > 0 ? ` · ${against} tidak setuju` : ''}.
            </p>
            <table>
              <caption>Sikap anggota Pokja atas usulan ini</caption>
              <thead>
                <tr>
                  <th scope="col">Anggota</th>
                  <th scope="col">Sikap</th>
                  <th scope="col">Waktu (WIB)</th>
                  <th scope="col">Catatan</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{who(pr.by)}</td>
                  <td>Mengusulkan (setuju)</td>
                  <td>{formatWib(new Date(pr.at).toISOString())}</td>
                  <td>—</td>
                </tr>
                {pr.votes.map((v) => (
                  <tr key={v.by}>
                    <td>{who(v.by)}</td>
                    <td>{v.agree ? 'Setuju' : 'Tidak setuju'}</td>
                    <td>{formatWib(new Date(v.at).toISOString())}</td>
                    <td>{v.note ?? '—'}</td>
                  </tr>
                ))}
                {p.pokja
                  .filter((m) => m !== pr.by && !pr.votes.some((v) => v.by === m))
                  .map((m) => (
                    <tr key={m}>
                      <td>{who(m)}</td>
                      <td className="muted">Belum menyatakan sikap</td>
                      <td>—</td>
                      <td>—</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            {voteAction && !mine ? (
              <VoteButtons packageId={p.packageId} voteAction={voteAction} proposal={pr} name={name} onVoted={setVoted} />
            ) : mine ? (
              <p className="muted">Anda sudah menyatakan sikap atas usulan ini; menunggu anggota lain.</p>
            ) : null}
          </article>
        );
      })}
      {taken.length > 0 && (
        <table>
          <caption>Keputusan yang sudah diambil bersama</caption>
          <thead>
            <tr>
              <th scope="col">Keputusan</th>
              <th scope="col">Diusulkan oleh</th>
              <th scope="col">Disetujui oleh</th>
              <th scope="col">Berlaku (WIB)</th>
            </tr>
          </thead>
          <tbody>
            {taken.map((d) => (
              <tr key={d.key}>
                <td>{d.name}</td>
                <td>{who(d.by)}</td>
                <td>{d.approvedBy.map(who).join(', ')}</td>
                <td>{formatWib(new Date(d.at).toISOString())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
