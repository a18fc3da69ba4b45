/**
 * Paket detail (/paket/:id): what the package is (header), the signed-in user's open steps as generated forms, where
 * it is in its process (diagram with the current stage and its deadline, and the stages as text), what happened
 * (timeline) and its documents with their SHA-256. Everything is read from the API as this user may see it; the
 * server decides which steps are offered.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiFailure } from '../../api/client';
import { useSession } from '../../auth/session';
import { definitionQuery, packageDocumentsQuery, packageQuery } from '../../api/queries';
import { ProcessDiagram } from '../../diagram/ProcessDiagram';
import { buildStepContext } from '../../forms/context';
import { describeError } from '../../i18n/errors';
import { formatRupiah, formatTimeLeft, formatWib } from '../../i18n/format';
import { Complaints } from './Complaints';
import { Documents } from './Documents';
import { Decisions } from './Decisions';
import { FailurePanel } from './FailurePanel';
import { categoryLabel, statusLabel, statusTone } from './labels';
import { MyActions } from './MyActions';
import { useParticipantNames } from './participant-names';
import './package.css';
import { Selection } from './Selection';
import { stageStates } from './stages';
import { Timeline } from './Timeline';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function Failure({ error }: { error: unknown }) {
  const { title, message } = error instanceof ApiFailure ? describeError(error.error) : { title: 'Paket tidak dapat dimuat', message: '' };
  return (
    <div className="page">
      <h1>{title}</h1>
      {message && <p>{message}</p>}
      <p>
        <Link to="/tugas">Kembali ke Tugas saya</Link>
      </p>
    </div>
  );
}

export default function PackagePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  // The schedule page is for the officers, the APIP and the admin (GET …/schedule); a vendor reads the announcements.
  const schedules = useSession().hasRole('ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa', 'kepala_ukpbj', 'auditor', 'admin');
  const pkg = useQuery({ ...packageQuery(id), refetchInterval: 15_000 });
  const docs = useQuery(packageDocumentsQuery(id));
  const defRef = pkg.data?.live?.definition ?? pkg.data?.definition;
  const def = useQuery({ ...definitionQuery(defRef?.id ?? '', defRef?.version ?? 0), enabled: !!defRef });

  const p = pkg.data;
  const names = useParticipantNames(
    id,
    (p?.myActions ?? []).some((a) => a.target === 'package'),
  );
  const context = useMemo(() => buildStepContext(p?.live?.data, docs.data ?? [], names), [p?.live?.data, docs.data, names]);

  // The inbox links to a step (`#aksi-submit_bid`): once the page is drawn, go there.
  const hash = location.hash;
  const ready = !!p;
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [ready, hash]);

  useEffect(() => {
    if (p) document.title = `${p.title} — Pengadaan`;
  }, [p]);

  if (pkg.isPending)
    return (
      <div className="page">
        <h1>Memuat paket…</h1>
      </div>
    );
  if (pkg.isError || !p) return <Failure error={pkg.error} />;

  const live = p.live;
  const stageName = live?.stage.name ?? p.stage.name;
  const deadline = iso(live?.stage.closesAt) ?? iso(live?.stage.dueAt) ?? p.stage.closesAt;
  const status = live?.status ?? p.status;
  const left = deadline && status === 'active' ? formatTimeLeft(deadline) : null;
  const nodeName = (sid: string) => def.data?.nodes.find((n) => n.id === sid)?.name ?? p.stages.find((s) => s.stageId === sid)?.name ?? sid;
  const actions = [...(def.data?.nodes.flatMap((n) => n.actions ?? []) ?? []), ...(def.data?.interrupts?.map((i) => i.action) ?? [])];
  const actionName = (aid: string) => actions.find((a) => a.id === aid)?.name ?? aid;
  const hasContract = !!(live?.data.contractLink || live?.data.contractStart);
  const contractPath = `/paket/${encodeURIComponent(p.id)}/kontrak`;

  return (
    <div className="page package-page">
      <p className="muted breadcrumb">
        <Link to="/paket">Daftar paket</Link> / {p.id}
      </p>
      <h1>{p.title}</h1>
      <nav aria-label="Bagian paket" className="tabs">
        <Link to={`/paket/${encodeURIComponent(p.id)}`} className="active" aria-current="page">
          Ringkasan
        </Link>
        {schedules && <Link to={`/paket/${encodeURIComponent(p.id)}/jadwal`}>Jadwal</Link>}
        {hasContract && <Link to={contractPath}>E-Kontrak</Link>}
      </nav>

      <section className="card package-facts" aria-labelledby="paket-fakta">
        <h2 id="paket-fakta" className="visually-hidden">
          Data paket
        </h2>
        <dl className="facts">
          <dt>Metode</dt>
          <dd>{live?.definition?.name ?? def.data?.name ?? p.method}</dd>
          <dt>Jenis pengadaan</dt>
          <dd>{categoryLabel(p.category)}</dd>
          <dt>OPD</dt>
          <dd>
            {p.opd}
            {p.workUnit ? ` — ${p.workUnit}` : ''}
          </dd>
          <dt>Tahun anggaran</dt>
          <dd>{p.fiscalYear}</dd>
          <dt>Pagu</dt>
          <dd>{formatRupiah(p.pagu)}</dd>
          <dt>HPS</dt>
          <dd>{formatRupiah(p.hps)}</dd>
          <dt>Tahap saat ini</dt>
          <dd>
            <strong>{stageName}</strong>
            {deadline && status === 'active' && (
              <>
                {' '}
                — batas {formatWib(deadline)}{' '}
                {left && (
                  <span className={`status ${left.overdue ? 'overdue' : ''}`}>
                    {left.overdue ? `Terlambat ${left.text.replace(/^terlambat /, '')}` : left.text}
                  </span>
                )}
              </>
            )}
          </dd>
          <dt>Status</dt>
          <dd>
            <span className={`status ${statusTone(status)}`}>{statusLabel(status)}</span>
          </dd>
          {p.parentPackageId && (
            <>
              <dt>Paket asal</dt>
              <dd>
                <Link to={`/paket/${encodeURIComponent(p.parentPackageId)}`}>{p.parentPackageId}</Link>
              </dd>
            </>
          )}
        </dl>
        {!live && <p className="alert info">Status langsung proses sedang tidak tersedia; data di atas dari catatan terakhir.</p>}
      </section>

      <section aria-labelledby="langkah-anda">
        <h2 id="langkah-anda">Langkah Anda</h2>
        <MyActions
          packageId={p.id}
          packageTitle={p.title}
          actions={p.myActions ?? []}
          context={context}
          contractPath={hasContract ? contractPath : undefined}
        />
      </section>

      {live?.data && (
        <Decisions
          packageId={p.id}
          data={live.data}
          pokja={live.assignments?.pokja ?? []}
          myActions={p.myActions ?? []}
          timeline={p.timeline}
          actionName={actionName}
        />
      )}
      {live?.data && <FailurePanel data={live.data} />}

      {live?.data && <Selection data={live.data} method={p.method} names={names} />}

      <section aria-labelledby="alur-proses">
        <h2 id="alur-proses">Alur proses</h2>
        <ProcessDiagram
          definitionId={defRef!.id}
          version={defRef!.version}
          stages={stageStates(def.data, p, deadline)}
          deadlineText={deadline && status === 'active' ? `Batas: ${formatWib(deadline)}` : undefined}
        />
      </section>

      <section aria-labelledby="riwayat">
        <h2 id="riwayat">Riwayat</h2>
        <Timeline events={p.timeline} stageName={nodeName} actionName={actionName} />
      </section>

      <section aria-labelledby="dokumen">
        <h2 id="dokumen">Dokumen</h2>
        {docs.isError ? (
          <p className="muted">
            {describeError(docs.error instanceof ApiFailure ? docs.error.error : { code: 'x', message: 'Dokumen tidak dapat dimuat.' }).title}
          </p>
        ) : (
          <Documents docs={docs.data ?? []} />
        )}
      </section>

      <section aria-labelledby="pengaduan">
        <h2 id="pengaduan">Pengaduan</h2>
        <Complaints packageId={p.id} />
      </section>
    </div>
  );
}
