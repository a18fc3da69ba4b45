import type { Verification } from '../../../bids/verify';
import type { SavedReceipt } from '../../../bids/receipts';
import { formatRupiah, formatWib } from '../../../i18n/format';

export interface VerifyOutcome extends Verification {
  record: SavedReceipt;
  /** The canonical text that was hashed, for anyone who wants to check it by hand. */
  text: string;
  /** The server published no commitment under this bid id. */
  unpublished?: boolean;
}

const COPY: Record<NonNullable<SavedReceipt['copyFrom']>, string> = {
  browser: 'salinan yang disimpan peramban ini saat penawaran dikirim',
  file: 'berkas tanda terima yang Anda unggah',
  server: 'salinan yang diambil kembali dari server (bukan salinan Anda sendiri)',
};

/** Cocok / Tidak cocok, with both hashes side by side, and what was hashed. */
export function VerifyResult({ outcome }: { outcome: VerifyOutcome }) {
  const { match, recomputed, published, record, text, unpublished } = outcome;
  const price = record.content?.price;
  return (
    <div className={`alert ${match ? 'ok' : ''}`} role="status">
      <h3 style={{ marginTop: 0 }}>
        <span aria-hidden="true">{match ? '✓ ' : '✗ '}</span>
        {match ? 'Cocok' : 'Tidak cocok'}
        <span className="muted" style={{ fontWeight: 400 }}>
          {' '}
          — penawaran {record.bidId}
        </span>
      </h3>
      <p>
        {match
          ? 'Komitmen yang dihitung ulang di peramban ini dari salinan Anda sama dengan komitmen yang diumumkan server: isi penawaran yang dibuka adalah isi yang Anda kirim.'
          : unpublished
            ? 'Server tidak mengumumkan komitmen untuk penawaran ini. Simpan tanda terima Anda dan hubungi Pokja Pemilihan.'
            : 'Komitmen yang dihitung ulang dari salinan Anda berbeda dari yang diumumkan server. Periksa bahwa berkas tanda terima adalah milik penawaran ini; bila ya, simpan berkasnya dan ajukan keberatan kepada Pokja Pemilihan.'}
      </p>
      <dl className="facts">
        <dt>Diumumkan server</dt>
        <dd>
          <code className="hash">{published || '—'}</code>
        </dd>
        <dt>Dihitung di peramban ini</dt>
        <dd>
          <code className="hash">{recomputed}</code>
        </dd>
        <dt>Dari</dt>
        <dd>{COPY[record.copyFrom ?? 'browser']}</dd>
        <dt>Diterima server</dt>
        <dd>{formatWib(record.receivedAt)}</dd>
        {typeof price === 'number' && (
          <>
            <dt>Harga penawaran</dt>
            <dd>{formatRupiah(price)}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>Teks yang di-hash (SHA-256, UTF-8; skema {record.scheme})</summary>
        <pre className="hash" style={{ whiteSpace: 'pre-wrap', maxHeight: '12rem', overflow: 'auto' }}>
          {text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length.toLocaleString('id-ID')} karakter)` : text}
        </pre>
      </details>
    </div>
  );
}
