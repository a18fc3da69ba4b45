/** The header facts of a public package: who buys what, how, for how much, where it stands, who won, the contract. */
import { categoryLabel, statusLabel, statusTone } from '../../pages/package/labels';
import { formatPercent, formatRupiah, formatTimeLeft, formatWib } from '../../i18n/format';
import { methodLabel } from './labels';
import type { PublicPackageView } from './types';

export function PublicFacts({ p, flagCount }: { p: PublicPackageView; flagCount?: number }) {
  const active = p.status === 'active';
  const left = active && p.stage.closesAt ? formatTimeLeft(p.stage.closesAt) : null;
  return (
    <section className="card package-facts" aria-labelledby="paket-fakta">
      <h2 id="paket-fakta" className="visually-hidden">
        Data paket
      </h2>
      <dl className="facts">
        <dt>Kode paket</dt>
        <dd>
          <code>{p.id}</code>
        </dd>
        <dt>OPD</dt>
        <dd>
          {p.opd}
          {p.workUnit ? ` — ${p.workUnit}` : ''}
        </dd>
        <dt>Metode</dt>
        <dd>{methodLabel(p.method)}</dd>
        <dt>Jenis pengadaan</dt>
        <dd>{categoryLabel(p.category)}</dd>
        <dt>Tahun anggaran</dt>
        <dd>{p.fiscalYear}</dd>
        <dt>Pagu</dt>
        <dd>{formatRupiah(p.pagu)}</dd>
        <dt>HPS</dt>
        <dd>{formatRupiah(p.hps)}</dd>
        <dt>Tahap saat ini</dt>
        <dd>
          <strong>{p.stage.name}</strong>
          {active && p.stage.closesAt && (
            <>
              {' '}
              — batas {formatWib(p.stage.closesAt)} {left && <span className={`status ${left.overdue ? 'overdue' : ''}`}>{left.text}</span>}
            </>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`status ${statusTone(p.status)}`}>{statusLabel(p.status)}</span>
        </dd>
        <dt>Peserta terdaftar</dt>
        <dd>{p.participation.registrations}</dd>
        <dt>Penawaran masuk</dt>
        <dd>{p.participation.bidsSubmitted ?? 'Belum diumumkan (diketahui setelah pembukaan penawaran)'}</dd>
        <dt>Pemenang</dt>
        <dd>{p.award ? `${p.award.winner.vendor} — ${formatRupiah(p.award.winner.price)}` : 'Belum diumumkan'}</dd>
        <dt>Nilai kontrak</dt>
        <dd>
          {p.contract ? (
            <>
              {formatRupiah(p.contract.value)}
              {p.contract.value !== p.contract.originalValue && <span className="muted"> (semula {formatRupiah(p.contract.originalValue)})</span>}
            </>
          ) : (
            'Belum ada kontrak'
          )}
        </dd>
        {p.contract && (
          <>
            <dt>Kontrak ditandatangani</dt>
            <dd>{p.contract.signedAt ? formatWib(p.contract.signedAt) : 'Belum ditandatangani'}</dd>
            {p.contract.signedAt && (
              <>
                <dt>Progres fisik</dt>
                <dd>{formatPercent(p.contract.physicalProgress)}</dd>
              </>
            )}
          </>
        )}
        {flagCount !== undefined && (
          <>
            <dt>Indikasi risiko</dt>
            <dd>
              <a href="#risiko">{flagCount === 0 ? 'Tidak ada' : `${flagCount} indikasi`}</a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
