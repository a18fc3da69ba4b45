/**
 * Pengaduan (/pengaduan): the APIP's desk (Perpres 16/2018 Pasal 76–77). Every complaint, newest first, filtered by
 * status in the URL (`?status=diajukan`), each with its filer (the APIP alone sees who filed), the reason the server
 * computed, the follow-ups so far (time and officer), and a form for the next follow-up: diterima, ditindaklanjuti
 * (audit, reviu, …), diteruskan (APH / LKPP), ditutup with a conclusion. Other users see their own complaints here.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiFailure, api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { Field } from '../../components/create/Field';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { Pager, usePageParam } from '../../components/list/Pager';
import '../../components/list/lists.css';
import { fieldsOf } from '../../i18n/errors';
import { roleLabel } from '../../i18n/roles';
import { formatWib } from '../../i18n/format';
import { ComplaintSummary } from '../package/Complaints';

type Complaint = components['schemas']['Complaint'];
type Kind = NonNullable<Complaint['allowedFollowUps']>[number];
type Status = Complaint['status'];

const PAGE_SIZE = 20;
const STATUS_OPTIONS: { value: '' | Status; label: string }[] = [
  { value: '', label: 'Semua status' },
  { value: 'diajukan', label: 'Diajukan' },
  { value: 'diterima', label: 'Diterima APIP' },
  { value: 'ditindaklanjuti', label: 'Ditindaklanjuti' },
  { value: 'diteruskan', label: 'Diteruskan' },
  { value: 'ditutup', label: 'Ditutup' },
];
const KIND_LABELS: Record<Kind, string> = {
  diterima: 'Terima untuk ditangani',
  ditindaklanjuti: 'Catat tindak lanjut (audit, reviu, …)',
  diteruskan: 'Teruskan ke APH / LKPP',
  ditutup: 'Tutup dengan kesimpulan',
};
const ACTIVITIES = [
  ['audit', 'Audit'],
  ['reviu', 'Reviu'],
  ['klarifikasi', 'Klarifikasi'],
  ['pemantauan', 'Pemantauan'],
  ['evaluasi', 'Evaluasi'],
] as const;
const CONCLUSIONS = [
  ['terbukti', 'Terbukti ada penyimpangan'],
  ['tidak_terbukti', 'Tidak terbukti'],
  ['tidak_dapat_ditindaklanjuti', 'Tidak dapat ditindaklanjuti (bukti tidak memadai)'],
] as const;

export default function ComplaintsPage() {
  const { hasRole } = useSession();
  const apip = hasRole('auditor');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as '' | Status;
  const page = usePageParam();
  const list = useQuery({
    queryKey: ['complaints', status, page],
    queryFn: () => call(api.GET('/api/complaints', { params: { query: { page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="page">
      <h1>{apip ? 'Pengaduan kepada APIP' : 'Pengaduan saya'}</h1>
      <p className="muted">
        Pengaduan atas pengadaan disampaikan kepada APIP dengan bukti yang faktual, kredibel, dan autentik; APIP menindaklanjutinya (Perpres 16/2018 Pasal
        76–77). {apip ? 'Identitas pengadu hanya terlihat oleh APIP.' : ''}
      </p>
      <div className="field" style={{ maxWidth: '20rem' }}>
        <label htmlFor="saring-status">Status</label>
        <select
          id="saring-status"
          value={status}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set('status', e.target.value);
            else next.delete('status');
            next.delete('halaman');
            setParams(next);
          }}
        >
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {list.isError && <ErrorAlert error={list.error} title="Pengaduan tidak dapat dimuat" />}
      {list.data && (
        <>
          <p role="status">{list.data.pagination.total} pengaduan</p>
          <ul className="complaint-list" style={{ listStyle: 'none', padding: 0 }}>
            {list.data.data.map((c) => (
              <li key={c.id}>{apip ? <ApipComplaint c={c} /> : <ComplaintSummary c={c} />}</li>
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.pagination.total} label="Halaman pengaduan" />
        </>
      )}
    </div>
  );
}

function ApipComplaint({ c }: { c: Complaint }) {
  const headingId = useId();
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId} style={{ fontSize: '1.1rem' }}>
        {c.subject}
      </h2>
      <dl className="facts">
        <dt>Paket</dt>
        <dd>
          <Link to={`/paket/${encodeURIComponent(c.packageId)}`}>{c.packageTitle ?? c.packageId}</Link>
        </dd>
        <dt>Pengadu</dt>
        <dd>{c.filer ? `${c.filer.name ?? c.filer.id} (${roleLabel(c.filer.role)})` : '—'}</dd>
        <dt>Diajukan</dt>
        <dd>{formatWib(c.filedAt)}</dd>
        <dt>Alasan (ditentukan sistem dari keadaan paket)</dt>
        <dd>
          {c.reasonName} — <span className="muted">{c.reasonExplanation}</span>
        </dd>
        <dt>Status</dt>
        <dd>
          <strong>{c.statusName}</strong>
          {c.closedAt ? `, ditutup ${formatWib(c.closedAt)}` : ''}
        </dd>
        {c.attachmentRef && (
          <>
            <dt>Lampiran</dt>
            <dd>{c.attachmentRef}</dd>
          </>
        )}
      </dl>
      <p style={{ whiteSpace: 'pre-wrap' }}>{c.description}</p>
      {c.followUps.length > 0 && (
        <>
          <h3 style={{ fontSize: '1rem' }}>Tindak lanjut</h3>
          <ol aria-label={`Tindak lanjut: ${c.subject}`}>
            {c.followUps.map((f) => (
              <li key={f.seq}>
                {formatWib(f.at)} — <strong>{f.kindName}</strong>
                {detailText(f.details)} oleh {f.officer.name}
                {f.note ? `: ${f.note}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {(c.allowedFollowUps?.length ?? 0) > 0 && <FollowUpForm c={c} />}
    </article>
  );
}

function detailText(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof d.activity === 'string') parts.push(ACTIVITIES.find(([v]) => v === d.activity)?.[1] ?? d.activity);
  if (d.to === 'aph') parts.push('ke Aparat Penegak Hukum');
  if (d.to === 'lkpp') parts.push('ke LKPP');
  if (typeof d.conclusion === 'string') parts.push(CONCLUSIONS.find(([v]) => v === d.conclusion)?.[1] ?? d.conclusion);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function FollowUpForm({ c }: { c: Complaint }) {
  const queryClient = useQueryClient();
  const allowed = c.allowedFollowUps ?? [];
  const [kind, setKind] = useState<Kind>(allowed[0]!);
  const [activity, setActivity] = useState<string>('audit');
  const [to, setTo] = useState<'aph' | 'lkpp'>('aph');
  const [conclusion, setConclusion] = useState<string>('tidak_terbukti');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const alertRef = useRef<HTMLDivElement>(null);
  const id = `tl-${c.id}`;
  const body = (): components['schemas']['ComplaintFollowUpRequest'] => {
    if (kind === 'ditindaklanjuti') return { kind, activity: activity as 'audit', note };
    if (kind === 'diteruskan') return { kind, to, note };
    if (kind === 'ditutup') return { kind, conclusion: conclusion as 'terbukti', note };
    return { kind: 'diterima', note };
  };
  const record = useMutation({
    mutationFn: () => call(api.POST('/api/complaints/{cid}/follow-ups', { params: { path: { cid: c.id } }, body: body() })),
    onSuccess: () => {
      setNote('');
      setErrors({});
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      void queryClient.invalidateQueries({ queryKey: ['packages', c.packageId, 'complaints'] });
    },
    onError: (err) => setErrors(err instanceof ApiFailure ? fieldsOf(err.error) : {}),
  });
  useEffect(() => {
    if (record.isError) alertRef.current?.focus();
  }, [record.isError, record.error]);
  return (
    <form
      aria-label={`Tindak lanjut pengaduan: ${c.subject}`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate();
      }}
    >
      {record.isError && <ErrorAlert ref={alertRef} error={record.error} title="Tindak lanjut belum tercatat" />}
      <Field id={`${id}-jenis`} label="Tindak lanjut" required error={errors.kind}>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {allowed.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'ditindaklanjuti' && (
        <Field id={`${id}-kegiatan`} label="Kegiatan pengawasan" required error={errors.activity}>
          <select value={activity} onChange={(e) => setActivity(e.target.value)}>
            {ACTIVITIES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      )}
      {kind === 'diteruskan' && (
        <Field id={`${id}-tujuan`} label="Diteruskan kepada" required error={errors.to}>
          <select value={to} onChange={(e) => setTo(e.target.value as 'aph' | 'lkpp')}>
            <option value="aph">Aparat Penegak Hukum (APH)</option>
            <option value="lkpp">LKPP</option>
          </select>
        </Field>
      )}
      {kind === 'ditutup' && (
        <Field id={`${id}-kesimpulan`} label="Kesimpulan" required error={errors.conclusion}>
          <select value={conclusion} onChange={(e) => setConclusion(e.target.value)}>
            {CONCLUSIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={`${id}-catatan`} label="Catatan APIP" required error={errors.note} help="Paling sedikit 10 karakter">
        <textarea value={note} rows={3} maxLength={8000} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={record.isPending}>
          {record.isPending ? 'Mencatat…' : 'Catat tindak lanjut'}
        </button>
      </div>
    </form>
  );
}
