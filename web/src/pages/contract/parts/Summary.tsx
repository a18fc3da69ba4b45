import { useSession } from '../../../auth/session';
import { formatPercent, formatRupiah, formatWib } from '../../../i18n/format';
import { statusLabel } from '../../vendor/parts/labels';
import { contractKind } from './labels';
import type { ContractView, Signature } from './types';

/** Absorption is a fraction (contracts.absorption_*: 0.695 = 69,5%); physical progress is already a percentage. */
const asPercent = (f: number | null) => (f === null ? null : Math.round(f * 1000) / 10);

const signedAt = (s: Signature | undefined) => (s?.at !== undefined ? formatWib(s.at) : 'Belum');

/** Number, value, provider, dates and status of the contract, and the money and progress figures so far. */
export function Summary({ view }: { view: ContractView }) {
  const c = view.contract;
  const p = view.package;
  const me = useSession().session?.user;
  if (!c) return <p className="card">Data kontrak belum tersedia: rancangan kontrak belum disusun.</p>;
  const changed = c.value !== c.originalValue;
  // The server gives the terms of a drafted contract to its parties and officers only; without them this is the
  // figures-only view, where signatures are not shown rather than shown as missing.
  const restricted = view.terms === null && c.number !== null;
  // The company's name with its account id small; the id alone when the server names nobody (another vendor).
  const vendorName = view.vendor?.name ?? (me && c.vendorId === me.id ? me.name : null);
  const mine = !!me && c.vendorId === me.id;
  return (
    <div className="row" style={{ alignItems: 'stretch' }}>
      <section className="card" style={{ flex: '1 1 22rem' }} aria-labelledby="ringkasan-kontrak">
        <h2 id="ringkasan-kontrak" style={{ marginTop: 0 }}>
          Ringkasan kontrak
        </h2>
        <dl className="facts">
          <dt>Nomor</dt>
          <dd>{c.number ?? <span className="muted">belum ditetapkan</span>}</dd>
          <dt>Jenis</dt>
          <dd>{contractKind(c.kind)}</dd>
          <dt>Penyedia</dt>
          <dd>
            {vendorName ? (
              <>
                {vendorName}
                {mine && ' (Anda)'}
                <br />
                <small className="muted">{c.vendorId}</small>
              </>
            ) : (
              c.vendorId
            )}
          </dd>
          <dt>Nilai kontrak</dt>
          <dd>
            {formatRupiah(c.value)}
            {changed && <small className="muted"> (semula {formatRupiah(c.originalValue)}, diubah adendum)</small>}
          </dd>
          <dt>Pagu</dt>
          <dd>{formatRupiah(c.pagu)}</dd>
          <dt>Status</dt>
          <dd>
            <strong>{p ? p.stage.name : c.stageId}</strong> {p && p.status !== 'active' && <span className="status ok">{statusLabel(p.status)}</span>}
          </dd>
          {p?.stage.closesAt && (
            <>
              <dt>Batas tahap ini</dt>
              <dd>{formatWib(p.stage.closesAt)}</dd>
            </>
          )}
          <dt>Kontrak dibuat</dt>
          <dd>{formatWib(p?.createdAt)}</dd>
          {!restricted && (
            <>
              <dt>Tanda tangan PPK</dt>
              <dd>{signedAt(view.signatures?.ppk)}</dd>
              <dt>Tanda tangan penyedia</dt>
              <dd>{signedAt(view.signatures?.party)}</dd>
            </>
          )}
        </dl>
        {restricted && <p className="help">Syarat, tanda tangan, laporan, dan dokumen kontrak hanya ditampilkan kepada para pihak kontrak.</p>}
      </section>
      <section className="card" style={{ flex: '1 1 18rem' }} aria-labelledby="angka-kontrak">
        <h2 id="angka-kontrak" style={{ marginTop: 0 }}>
          Keuangan dan kemajuan
        </h2>
        <dl className="facts">
          <dt>Sudah dibayar</dt>
          <dd>{formatRupiah(c.paid)}</dd>
          <dt>Retensi ditahan</dt>
          <dd>{formatRupiah(c.retentionHeld)}</dd>
          <dt>Denda</dt>
          <dd>{formatRupiah(c.penalty)}</dd>
          <dt>Kemajuan fisik</dt>
          <dd>{formatPercent(c.physicalProgress)}</dd>
          <dt>Penyerapan (kontrak)</dt>
          <dd>{formatPercent(asPercent(c.absorption.ofContract))}</dd>
          <dt>Penyerapan (pagu)</dt>
          <dd>{formatPercent(asPercent(c.absorption.ofPagu))}</dd>
          {view.terms?.performanceSecurity?.required && (
            <>
              <dt>Jaminan pelaksanaan</dt>
              <dd>{formatRupiah(view.terms.performanceSecurity.amount)}</dd>
            </>
          )}
          {view.terms?.retentionPercent !== undefined && (
            <>
              <dt>Retensi</dt>
              <dd>{formatPercent(view.terms.retentionPercent)} tiap pembayaran</dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}
