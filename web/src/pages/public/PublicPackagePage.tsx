/**
 * Paket, publik (/publik/paket/:id), no sign-in and no token: what the package is, where it stands in its process
 * (diagram and stages), what has been published about it (timeline, opening, winner, contract), its published
 * documents with their SHA-256 (checked in the browser on request), its red flags with their explanations, its open
 * data (OCDS) and a link to verify its audit trail. Everything comes from /api/public and /api/ocds, which build the
 * public view from an allowlist: nothing sealed, nobody's personal data.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../../api/client';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { OpenDataLinks } from '../../components/public/OpenDataLinks';
import { PublicDiagram } from '../../components/public/PublicDiagram';
import { PublicDocuments } from '../../components/public/PublicDocuments';
import { PublicFacts } from '../../components/public/PublicFacts';
import { PublicRedFlags } from '../../components/public/PublicRedFlags';
import { PublicStageTable } from '../../components/public/PublicStageTable';
import { PublicTimeline } from '../../components/public/PublicTimeline';
import { publicPackageQuery, publicRedFlagsQuery } from '../../components/public/queries';
import { publicStageStates } from '../../components/public/stages';
import { describeError } from '../../i18n/errors';
import { formatRupiah, formatWib } from '../../i18n/format';
import '../../components/list/lists.css';

export default function PublicPackagePage() {
  const { id = '' } = useParams();
  const pkg = useQuery({ ...publicPackageQuery(id), refetchInterval: 60_000 });
  const flags = useQuery(publicRedFlagsQuery(id));
  const p = pkg.data;

  useEffect(() => {
    document.title = p ? `${p.title} — Portal Publik Pengadaan` : 'Paket — Portal Publik Pengadaan';
  }, [p]);

  if (pkg.isPending) {
    return (
      <div className="page">
        <h1>Memuat paket…</h1>
      </div>
    );
  }
  if (pkg.isError || !p) {
    const d = pkg.error instanceof ApiFailure ? describeError(pkg.error.error) : { title: 'Paket tidak dapat dimuat', message: '' };
    return (
      <div className="page">
        <h1>{d.title}</h1>
        {d.message && <p>{d.message}</p>}
        <p>
          <Link to="/publik">Kembali ke pencarian paket</Link>
        </p>
      </div>
    );
  }

  const stages = publicStageStates(p);
  const deadline = p.status === 'active' ? p.stage.closesAt : null;

  return (
    <div className="page public-package">
      <p className="muted breadcrumb">
        <Link to="/publik">Cari paket</Link> / {p.id}
      </p>
      <h1>{p.title}</h1>
      <nav aria-label="Bagian halaman" className="jump-links">
        <a href="#alur">Alur proses</a>
        <a href="#linimasa">Linimasa</a>
        <a href="#dokumen">Dokumen</a>
        <a href="#risiko">Indikasi risiko</a>
        <a href="#data-terbuka">Data terbuka</a>
        <Link to={`/publik/verifikasi?paket=${encodeURIComponent(p.id)}`}>Verifikasi jejak audit</Link>
      </nav>

      <PublicFacts p={p} flagCount={flags.data?.length} />

      <section aria-labelledby="alur">
        <h2 id="alur">Alur proses</h2>
        <PublicDiagram bpmnUrl={p.links.bpmn} stages={stages} deadlineText={deadline ? `Batas: ${formatWib(deadline)}` : undefined} />
      </section>

      <section aria-labelledby="linimasa">
        <h2 id="linimasa">Linimasa</h2>
        <PublicTimeline events={p.events} stageName={(sid) => p.timeline.find((t) => t.stageId === sid)?.name} />
        <details className="stage-schedule">
          <summary>Jadwal setiap tahap</summary>
          <PublicStageTable stages={p.timeline} active={p.status === 'active'} />
        </details>
      </section>

      {p.opening && (
        <section aria-labelledby="pembukaan">
          <h2 id="pembukaan">Hasil pembukaan penawaran</h2>
          <p>
            {p.opening.opened} penawaran dibuka{p.opening.rejected ? `, ${p.opening.rejected} ditolak saat pembukaan` : ''}.
          </p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Penawaran yang dibuka, dengan nama perusahaan dan harga</caption>
              <thead>
                <tr>
                  <th scope="col">Peserta</th>
                  <th scope="col">Dikirim (WIB)</th>
                  <th scope="col" className="num">
                    Harga penawaran
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.opening.bids.map((b, i) => (
                  <tr key={`${b.vendor}-${i}`}>
                    <td>{b.vendor}</td>
                    <td>{formatWib(b.submittedAt)}</td>
                    <td className="num nowrap">{formatRupiah(b.price)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="dokumen">
        <h2 id="dokumen">Dokumen</h2>
        <PublicDocuments docs={p.documents} />
      </section>

      <section aria-labelledby="risiko">
        <h2 id="risiko">Indikasi risiko</h2>
        {flags.isPending && <p className="muted">Memuat indikasi risiko…</p>}
        {flags.isError && <ErrorAlert error={flags.error} title="Indikasi risiko tidak dapat dimuat" />}
        {flags.data && <PublicRedFlags flags={flags.data} />}
      </section>

      <section aria-labelledby="data-terbuka">
        <h2 id="data-terbuka">Data terbuka (OCDS)</h2>
        <OpenDataLinks data={p.openData} fiscalYear={p.fiscalYear} />
      </section>

      <section aria-labelledby="verifikasi">
        <h2 id="verifikasi">Jejak audit</h2>
        <p>
          Setiap kejadian paket ini tercatat dalam rantai hash yang tidak dapat diubah tanpa terlihat.{' '}
          <Link to={`/publik/verifikasi?paket=${encodeURIComponent(p.id)}`}>Verifikasi jejak audit paket ini</Link> di peramban Anda.
        </p>
      </section>
    </div>
  );
}
