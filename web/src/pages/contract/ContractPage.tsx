/**
 * E-Kontrak (/paket/:id/kontrak): the contract of a package (or a contract package itself). Summary (number, value,
 * provider, dates, status), the signed-in user's contract steps as generated forms (the PPK drafts, pays and amends;
 * the provider submits the performance security, signs on the document's hash, reports progress and requests the
 * handover), progress as a table and an S-curve, payments with retention and penalty, addenda, and the documents
 * with their SHA-256. One request (GET /api/packages/{id}/contract) carries all of it, `myActions` included; what a
 * vendor who is not the provider may see is decided by the server.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiFailure, call } from '../../api/client';
import { Refusal } from '../vendor/parts/Refusal';
import { Addenda } from './parts/Addenda';
import { ContractActions } from './parts/ContractActions';
import { Documents } from './parts/Documents';
import { Payments } from './parts/Payments';
import { Progress } from './parts/Progress';
import { Summary } from './parts/Summary';
import type { ContractView } from './parts/types';

export default function ContractPage() {
  const id = useParams().id ?? '';
  const q = useQuery({
    queryKey: ['packages', id, 'contract'],
    queryFn: () => call(api.GET('/api/packages/{id}/contract', { params: { path: { id } } })) as Promise<unknown> as Promise<ContractView>,
    refetchInterval: 15_000,
  });
  const title = q.data?.package?.title;
  useEffect(() => {
    document.title = `E-Kontrak${title ? `: ${title}` : ''} — Pengadaan`;
  }, [title]);
  const back = (
    <p>
      <Link to={`/paket/${encodeURIComponent(id)}`}>← Kembali ke halaman paket</Link>
    </p>
  );

  if (q.isPending) {
    return (
      <div className="page">
        {back}
        <h1>E-Kontrak</h1>
        <p aria-live="polite">Memuat kontrak…</p>
      </div>
    );
  }
  if (q.error) {
    const none = q.error instanceof ApiFailure && q.error.error.code === 'contract_not_found';
    return (
      <div className="page">
        {back}
        <h1>E-Kontrak</h1>
        {none ? (
          <p className="card">Paket ini belum memiliki kontrak. Kontrak dibuat setelah SPPBJ diterbitkan.</p>
        ) : (
          <Refusal error={q.error} what="Kontrak tidak dapat dimuat" />
        )}
      </div>
    );
  }
  const view = q.data;
  const kontrak = [...view.documents].filter((d) => d.kind === 'kontrak').sort((a, b) => b.revision - a.revision)[0];
  return (
    <div className="page">
      {back}
      <h1>
        E-Kontrak<span className="muted">: {title ?? id}</span>
      </h1>
      {view.package && (
        <p className="muted">
          {view.package.opd} · {view.package.workUnit} · paket kontrak {view.package.id}
        </p>
      )}
      <Summary view={view} />

      <ContractActions packageId={id} view={view} documentHash={kontrak?.sha256} />

      <section aria-labelledby="judul-kemajuan">
        <h2 id="judul-kemajuan">Kemajuan pekerjaan</h2>
        <Progress points={view.sCurve} reports={view.progressReports} />
      </section>
      <section aria-labelledby="judul-pembayaran">
        <h2 id="judul-pembayaran">Pembayaran</h2>
        <Payments payments={view.payments} />
      </section>
      <section aria-labelledby="judul-adendum">
        <h2 id="judul-adendum">Adendum</h2>
        <Addenda addenda={view.addenda} />
      </section>
      <section aria-labelledby="judul-dokumen">
        <h2 id="judul-dokumen">Dokumen</h2>
        <Documents documents={view.documents} />
      </section>
    </div>
  );
}
