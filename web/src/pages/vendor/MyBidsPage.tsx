/**
 * Penawaran saya (/penawaran): the vendor's sealed bids. Two sources, joined by bid id: the receipts this browser
 * kept when the bids were sent (bids/receipts.ts, with the content sent), and the server's receipts of the vendor's
 * own bids in those packages (GET /api/packages/{id}/bids, which answers the caller's own receipts). A receipt file
 * downloaded on another computer can be loaded here too.
 *
 * After the opening, "Verifikasi penawaran saya" recomputes the commitment in this browser (bids/verify.ts, WebCrypto)
 * from the vendor's own copy and compares it with the commitment the server published: Cocok / Tidak cocok with both
 * hashes. The server is asked only for the published hash, never to judge.
 */
import { useQueries } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, call, fetchRaw } from '../../api/client';
import { downloadReceipt, importReceipt, listReceipts, parseReceiptFile, type SavedReceipt } from '../../bids/receipts';
import { commitmentText, verifyCommitment } from '../../bids/verify';
import { useSession } from '../../auth/session';
import { formatWib } from '../../i18n/format';
import { bidStatus, stepLabel } from './parts/labels';
import { Refusal } from './parts/Refusal';
import type { BidList, BidReceiptItem, OwnBid, PackageSummary } from './parts/types';
import { type VerifyOutcome, VerifyResult } from './parts/VerifyResult';

const OPENED = new Set(['opened', 'rejected']);

interface Row {
  packageId: string;
  bidId: string;
  step: string;
  commitment: string;
  receivedAt: string;
  local?: SavedReceipt;
  server?: BidReceiptItem;
}

export default function MyBidsPage() {
  const [kept, setKept] = useState<SavedReceipt[]>(() => listReceipts());
  const [outcomes, setOutcomes] = useState<Record<string, VerifyOutcome>>({});
  const [problem, setProblem] = useState<{ bidId?: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fileId = useId();
  const me = useSession().session?.user.id;

  const packageIds = [...new Set(kept.map((r) => r.packageId))];
  const bids = useQueries({
    queries: packageIds.map((id) => ({
      queryKey: ['packages', id, 'bids'],
      queryFn: () => call(api.GET('/api/packages/{id}/bids', { params: { path: { id } } })) as Promise<unknown> as Promise<BidList>,
    })),
  });
  const packages = useQueries({
    queries: packageIds.map((id) => ({
      queryKey: ['packages', id, 'summary-for-bids'],
      queryFn: () => call(api.GET('/api/packages/{id}', { params: { path: { id } } })) as Promise<unknown> as Promise<PackageSummary>,
      staleTime: 60_000,
    })),
  });
  const pkgOf = new Map(packageIds.map((id, i) => [id, packages[i]?.data]));
  const serverOf = new Map<string, BidReceiptItem>();
  packageIds.forEach((id, i) => {
    for (const item of bids[i]?.data?.items ?? []) serverOf.set(`${id}/${item.bidId}`, item);
  });
  const failedLoad = bids.find((q) => q.error)?.error;

  // Rows: every kept receipt, plus the server's receipts of this vendor's own bids in the same packages.
  const rows = new Map<string, Row>();
  for (const r of kept)
    rows.set(`${r.packageId}/${r.bidId}`, {
      packageId: r.packageId,
      bidId: r.bidId,
      step: r.step,
      commitment: r.commitment,
      receivedAt: r.receivedAt,
      local: r,
    });
  for (const [key, item] of serverOf) {
    // After the opening the list names every bidder; only this vendor's own bids are rows here.
    if (item.vendorId !== me && !rows.has(key)) continue;
    const prev = rows.get(key);
    const packageId = key.slice(0, key.indexOf('/'));
    rows.set(key, {
      packageId,
      bidId: item.bidId,
      step: item.step,
      commitment: prev?.commitment ?? item.commitment,
      receivedAt: prev?.receivedAt || item.receivedAt,
      local: prev?.local,
      server: item,
    });
  }
  const list = [...rows.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));

  async function verify(record: SavedReceipt) {
    setProblem(null);
    if (!record.commitmentInput || !record.content) {
      setProblem({ bidId: record.bidId, error: new Error('Salinan ini tidak memuat nonce atau isi penawaran; unggah berkas tanda terima Anda.') });
      return;
    }
    setBusy(record.bidId);
    try {
      // The published commitment, fresh from the server (not the one in the vendor's own receipt).
      const published = await call(api.GET('/api/packages/{id}/bids', { params: { path: { id: record.packageId } } }));
      const item = published.items.find((i) => i.bidId === record.bidId);
      const text = commitmentText(record.commitmentInput, record.content);
      const v = await verifyCommitment(record.commitmentInput, record.content, item?.commitment ?? '');
      setOutcomes((o) => ({ ...o, [record.bidId]: { ...v, match: v.match && !!item, record, text, unpublished: !item } }));
    } catch (e) {
      setProblem({ bidId: record.bidId, error: e });
    } finally {
      setBusy(null);
    }
  }

  async function loadFile(file: File) {
    setProblem(null);
    try {
      const record = parseReceiptFile(await file.text());
      importReceipt(record);
      setKept(listReceipts());
      await verify(record);
    } catch (e) {
      setProblem({ error: e });
    }
  }

  /** The bidder's own bid as the server holds it (content and nonce), kept here as a copy marked "from the server". */
  async function fetchOwn(row: Row) {
    setProblem(null);
    setBusy(row.bidId);
    try {
      // Read as text through fetchRaw: the own-bid operation is being added to the OpenAPI document in parallel.
      const raw = await fetchRaw(`/api/packages/${encodeURIComponent(row.packageId)}/bids/${encodeURIComponent(row.bidId)}/own`, 'text');
      const own = JSON.parse(raw as string) as OwnBid;
      const record: SavedReceipt = { ...parseReceiptFile(JSON.stringify(own)), copyFrom: 'server', packageTitle: pkgOf.get(row.packageId)?.title };
      importReceipt(record);
      setKept(listReceipts());
    } catch (e) {
      setProblem({ bidId: row.bidId, error: e });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <h1>Penawaran saya</h1>
      <p className="muted">
        Tanda terima penawaran tersegel Anda: yang disimpan peramban ini saat penawaran dikirim, dan yang dicatat server. Setelah pembukaan, verifikasi bahwa
        penawaran yang dibuka adalah yang Anda kirim: komitmen dihitung ulang di peramban ini dari salinan Anda dan dibandingkan dengan komitmen yang diumumkan
        server. Waktu dalam WIB.
      </p>

      <section className="card" aria-labelledby="judul-unggah">
        <h2 id="judul-unggah" style={{ marginTop: 0 }}>
          Tanda terima dari komputer lain
        </h2>
        <div className="file-field">
          <span className="label" id={`${fileId}-judul`}>
            Unggah berkas tanda terima (JSON)
          </span>
          <input
            id={fileId}
            type="file"
            accept="application/json,.json"
            aria-labelledby={`${fileId}-judul ${fileId}-tombol`}
            aria-describedby={`${fileId}-bantuan`}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void loadFile(f);
              e.currentTarget.value = '';
            }}
          />
          <label htmlFor={fileId} className="file-button" id={`${fileId}-tombol`}>
            Pilih berkas
          </label>
        </div>
        <p id={`${fileId}-bantuan`} className="help">
          Berkas dari tombol "Simpan tanda terima". Berkas dibaca di peramban ini saja; isinya tidak dikirim ke server.
        </p>
      </section>

      {problem && <Refusal error={problem.error} what={problem.bidId ? `Penawaran ${problem.bidId}` : 'Berkas tanda terima'} />}
      {failedLoad ? <Refusal error={failedLoad} what="Tanda terima dari server tidak dapat dimuat" /> : null}

      <div aria-live="polite">
        {Object.values(outcomes)
          .sort((a, b) => a.record.bidId.localeCompare(b.record.bidId))
          .map((o) => (
            <VerifyResult key={o.record.bidId} outcome={o} />
          ))}
      </div>

      {list.length === 0 ? (
        <p className="card">
          Belum ada tanda terima penawaran di peramban ini. Penawaran dikirim dari halaman paket (lihat <Link to="/tender">Tender terbuka</Link>
          ); tanda terimanya tersimpan di sini. Bila Anda mengirim dari komputer lain, unggah berkas tanda terimanya di atas.
        </p>
      ) : (
        <table>
          <caption className="visually-hidden">Penawaran tersegel Anda</caption>
          <thead>
            <tr>
              <th scope="col">Paket</th>
              <th scope="col">Penawaran</th>
              <th scope="col">Komitmen (SHA-256)</th>
              <th scope="col">Diterima</th>
              <th scope="col">Status</th>
              <th scope="col">Tindakan</th>
            </tr>
          </thead>
          <tbody>
            {list.map((row) => {
              const pkg = pkgOf.get(row.packageId);
              const status = bidStatus(row.server?.status);
              const opened = OPENED.has(row.server?.status ?? '');
              const title = pkg?.title ?? row.local?.packageTitle ?? row.packageId;
              return (
                <tr key={`${row.packageId}/${row.bidId}`}>
                  <td>
                    <Link to={`/paket/${encodeURIComponent(row.packageId)}`}>{title}</Link>
                    <br />
                    <small className="muted">
                      {row.packageId}
                      {pkg ? ` · ${pkg.stage.name}` : ''}
                    </small>
                  </td>
                  <td>
                    {stepLabel(row.step)}
                    <br />
                    <code className="hash">{row.bidId}</code>
                  </td>
                  <td>
                    <code className="hash">{row.commitment}</code>
                    {row.server && row.server.commitment !== row.commitment && (
                      <p className="error-text">Server mencatat komitmen lain: {row.server.commitment}</p>
                    )}
                  </td>
                  <td>{formatWib(row.receivedAt)}</td>
                  <td>
                    <span className={`status ${status.tone}`}>{status.text}</span>
                    {row.server?.rejectionReason && <p className="help">{row.server.rejectionReason}</p>}
                    <br />
                    <small className="muted">
                      {row.local ? (row.local.content ? 'Salinan tersimpan di peramban ini' : 'Salinan tanpa isi') : 'Hanya di server'}
                    </small>
                  </td>
                  <td>
                    <div className="row" style={{ gap: '0.4rem', alignItems: 'flex-start', flexDirection: 'column' }}>
                      {row.local && (
                        <button type="button" className="secondary" onClick={() => downloadReceipt(row.local!)}>
                          Simpan tanda terima<span className="visually-hidden"> {row.bidId}</span>
                        </button>
                      )}
                      {!row.local?.content && (
                        <button type="button" className="secondary" disabled={busy === row.bidId} onClick={() => void fetchOwn(row)}>
                          Ambil salinan dari server<span className="visually-hidden"> {row.bidId}</span>
                        </button>
                      )}
                      {row.local?.content &&
                        (opened ? (
                          <button type="button" disabled={busy === row.bidId} onClick={() => void verify(row.local!)}>
                            {busy === row.bidId ? 'Memverifikasi…' : 'Verifikasi penawaran saya'}
                            <span className="visually-hidden"> {row.bidId}</span>
                          </button>
                        ) : (
                          <span className="help">Verifikasi tersedia setelah pembukaan penawaran.</span>
                        ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
