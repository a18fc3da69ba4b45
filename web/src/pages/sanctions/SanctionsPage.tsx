/**
 * Sanksi daftar hitam (/sanksi): blacklist proposals and decisions. The PA/KPA sees its packages' proposals and
 * decides each — `Tetapkan` with the decision number (nomor SK) and the start date (the period follows from the cause,
 * Perpres 16/2018 Pasal 78–79, and is shown, never typed), or `Tolak` with a reason; the APIP and the admin read all.
 * The server refuses a second decision (409) and a start outside its range (422), shown beside the form.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { Pager, usePageParam } from '../../components/list/Pager';
import { fieldsOf } from '../../i18n/errors';
import { formatDateWib, formatWib } from '../../i18n/format';
import { ApiFailure } from '../../api/client';
import { lastDayOf } from '../public/BlacklistPage';
import '../../components/list/lists.css';

type SanctionItem = paths['/api/sanctions']['get']['responses'][200]['content']['application/json']['data'][number];
const PAGE_SIZE = 20;
const STATUS_TEXT: Record<SanctionItem['status'], string> = { diusulkan: 'Diusulkan', ditetapkan: 'Ditetapkan', ditolak: 'Ditolak' };
const STATUS_CLASS: Record<SanctionItem['status'], string> = { diusulkan: 'warn', ditetapkan: 'bad', ditolak: 'ok' };

/** Today's WIB date as YYYY-MM-DD, the start the form offers. */
function todayWib(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export default function SanctionsPage() {
  const [params] = useSearchParams();
  const all = params.get('tampil') === 'semua';
  const page = usePageParam();
  const list = useQuery({
    queryKey: ['sanctions', all, page],
    queryFn: () => call(api.GET('/api/sanctions', { params: { query: { page, pageSize: PAGE_SIZE, ...(all ? {} : { status: 'diusulkan' as const }) } } })),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = 'Sanksi daftar hitam — Pengadaan';
  }, []);
  const rows = list.data?.data ?? [];
  // What was just decided: the card leaves "Menunggu keputusan", so the page says it, and takes the focus there.
  const [decided, setDecided] = useState<SanctionItem | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (decided) noticeRef.current?.focus();
  }, [decided]);
  return (
    <div className="page">
      <h1>Sanksi daftar hitam</h1>
      <p className="lead">
        Usulan sanksi dari Pokja, Pejabat Pengadaan atau PPK diputuskan oleh PA/KPA paket pengusul. Lamanya sanksi mengikuti penyebabnya (Perpres 16/2018 Pasal
        78): 2 tahun untuk dokumen palsu, persekongkolan atau KKN; 1 tahun untuk yang lain. Keputusan yang ditetapkan diumumkan di{' '}
        <Link to="/publik/daftar-hitam">Daftar Hitam publik</Link>.
      </p>
      <nav aria-label="Saring usulan" className="segmented">
        <Link to="/sanksi" aria-current={!all ? 'page' : undefined}>
          Menunggu keputusan
        </Link>
        <Link to="/sanksi?tampil=semua" aria-current={all ? 'page' : undefined}>
          Semua
        </Link>
      </nav>
      {decided && (
        <div className="alert ok" role="status" ref={noticeRef} tabIndex={-1}>
          {decided.status === 'ditetapkan' ? (
            <>
              Sanksi daftar hitam {decided.firmName ?? 'penyedia'} ditetapkan dengan keputusan {decided.decisionNumber}, berlaku{' '}
              {formatDateWib(decided.startsAt)} s.d. {formatDateWib(lastDayOf(decided.endsAt!))}.
            </>
          ) : (
            <>Usulan sanksi daftar hitam {decided.firmName ?? 'penyedia'} ditolak.</>
          )}
        </div>
      )}
      {list.isPending && (
        <p className="muted" role="status">
          Memuat usulan…
        </p>
      )}
      {list.isError && <ErrorAlert error={list.error} title="Usulan sanksi tidak dapat dimuat" />}
      {list.data && !rows.length && <p className="muted">{all ? 'Belum ada usulan sanksi.' : 'Tidak ada usulan yang menunggu keputusan.'}</p>}
      {rows.map((s) => (
        <SanctionCard key={s.id} s={s} onDecided={setDecided} />
      ))}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.pagination.total} label="Halaman usulan sanksi" />}
    </div>
  );
}

function SanctionCard({ s, onDecided }: { s: SanctionItem; onDecided: (d: SanctionItem) => void }) {
  const headingId = `sanksi-${s.id}`;
  const packageLink = s.parentPackageId ?? s.packageId;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {s.firmName ?? 'Penyedia'} <span className={`status ${STATUS_CLASS[s.status]}`}>{STATUS_TEXT[s.status]}</span>
      </h2>
      <dl className="facts">
        <dt>Paket</dt>
        <dd>
          <Link to={`/paket/${encodeURIComponent(packageLink)}`}>{s.packageTitle ?? s.packageId}</Link>
          {s.opd && <span className="muted"> — {s.opd}</span>}
        </dd>
        <dt>Penyebab</dt>
        <dd>
          {s.causeTitle} ({s.years} tahun; {s.pasal})
        </dd>
        <dt>Alasan usulan</dt>
        <dd>{s.reason}</dd>
        <dt>Diusulkan</dt>
        <dd>{formatWib(s.proposedAt)}</dd>
        {s.status === 'ditetapkan' && (
          <>
            <dt>Nomor keputusan</dt>
            <dd>{s.decisionNumber}</dd>
            <dt>Masa berlaku</dt>
            <dd>
              {formatDateWib(s.startsAt)} s.d. {formatDateWib(lastDayOf(s.endsAt!))}
            </dd>
          </>
        )}
        {s.status === 'ditolak' && (
          <>
            <dt>Alasan penolakan</dt>
            <dd>{s.decisionReason}</dd>
          </>
        )}
        {s.decidedAt && (
          <>
            <dt>Diputuskan</dt>
            <dd>{formatWib(s.decidedAt)}</dd>
          </>
        )}
      </dl>
      {s.canDecide && <DecisionForm s={s} onDecided={onDecided} />}
    </article>
  );
}

function DecisionForm({ s, onDecided }: { s: SanctionItem; onDecided: (d: SanctionItem) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'ditetapkan' | 'ditolak'>('ditetapkan');
  const [decisionNumber, setNumber] = useState('');
  const [startDate, setStart] = useState(todayWib());
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/sanctions/{id}/decision', {
          params: { path: { id: s.id } },
          body: decision === 'ditetapkan' ? { decision, decisionNumber, startDate } : { decision, reason },
        }),
      ),
    onSuccess: (d) => {
      onDecided(d);
      void queryClient.invalidateQueries({ queryKey: ['sanctions'] });
    },
  });
  const fields = decide.error instanceof ApiFailure ? fieldsOf(decide.error.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  const err = (name: string) =>
    fields[name] ? (
      <div className="field-error" id={`${id}-${name}-err`}>
        {fields[name]}
      </div>
    ) : null;
  return (
    <form onSubmit={submit} aria-label={`Keputusan atas usulan sanksi ${s.firmName ?? ''}`}>
      <fieldset>
        <legend>Keputusan PA/KPA</legend>
        <div className="field">
          <label>
            <input type="radio" name={`${id}-decision`} checked={decision === 'ditetapkan'} onChange={() => setDecision('ditetapkan')} /> Tetapkan sanksi daftar
            hitam {s.years} tahun
          </label>
          <label>
            <input type="radio" name={`${id}-decision`} checked={decision === 'ditolak'} onChange={() => setDecision('ditolak')} /> Tolak usulan
          </label>
        </div>
        {decision === 'ditetapkan' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-number`}>Nomor surat keputusan (SK)</label>
              <input
                id={`${id}-number`}
                value={decisionNumber}
                onChange={(e) => setNumber(e.target.value)}
                required
                aria-invalid={fields.decisionNumber ? true : undefined}
                aria-describedby={fields.decisionNumber ? `${id}-decisionNumber-err` : undefined}
              />
              {err('decisionNumber')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-start`}>Tanggal mulai berlaku (WIB)</label>
              <input
                id={`${id}-start`}
                type="date"
                value={startDate}
                onChange={(e) => setStart(e.target.value)}
                required
                aria-invalid={fields.startDate ? true : undefined}
                aria-describedby={`${id}-start-help${fields.startDate ? ` ${id}-startDate-err` : ''}`}
              />
              <div className="help" id={`${id}-start-help`}>
                Berakhir {s.years} tahun kemudian pada tanggal yang sama, menurut penyebabnya; tidak dapat diubah.
              </div>
              {err('startDate')}
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-reason`}>Alasan penolakan</label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={10}
              aria-invalid={fields.reason ? true : undefined}
              aria-describedby={fields.reason ? `${id}-reason-err` : undefined}
            />
            {err('reason')}
          </div>
        )}
        {decide.isError && <ErrorAlert error={decide.error} title="Keputusan tidak tersimpan" />}
        <button type="submit" disabled={decide.isPending}>
          {decide.isPending ? 'Menyimpan…' : decision === 'ditetapkan' ? 'Tetapkan sanksi' : 'Tolak usulan'}
        </button>
      </fieldset>
    </form>
  );
}
