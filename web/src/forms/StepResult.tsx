/** @jsxRuntime automatic @jsxImportSource react */
/**
 * What the user sees after a step was accepted: a confirmation, and for a sealed bid its receipt (bid id,
 * commitment, time in WIB, nonce) with "Simpan tanda terima" (the receipt and the content sent, as JSON), which the
 * vendor keeps to verify the bid after the opening.
 */
import { downloadReceipt, receiptRecord, type ServerReceipt } from '../bids/receipts';
import { formatWib } from '../i18n/format';

export interface StepOutcome {
  actionId: string;
  actionName: string;
  at: string;
  payload: Record<string, unknown>;
  receipt?: ServerReceipt;
  /** False when the browser could not keep the receipt's content (storage full): the download is then the only copy. */
  kept?: boolean;
}

export function StepResult({ packageId, outcome, packageTitle }: { packageId: string; outcome: StepOutcome; packageTitle?: string }) {
  const r = outcome.receipt;
  return (
    <div className="alert ok" role="status">
      <p>
        <strong>Langkah “{outcome.actionName}” tercatat</strong> pada {formatWib(outcome.at)}.
      </p>
      {r && (
        <>
          <p>Penawaran Anda tersegel sampai pembukaan. Simpan tanda terima ini: dengannya Anda dapat memeriksa penawaran Anda setelah pembukaan.</p>
          <dl className="facts receipt">
            <dt>Id penawaran</dt>
            <dd className="hash">{r.bidId}</dd>
            <dt>Komitmen (SHA-256)</dt>
            <dd className="hash">{r.commitment}</dd>
            <dt>Diterima</dt>
            <dd>{formatWib(r.receivedAt)}</dd>
            <dt>Nonce</dt>
            <dd className="hash">{r.nonce ?? '—'}</dd>
          </dl>
          {outcome.kept === false && <p className="error-text">Peramban tidak dapat menyimpan salinan isi penawaran; unduh tanda terima sekarang.</p>}
          <button type="button" onClick={() => downloadReceipt(receiptRecord(packageId, r, outcome.payload, { step: outcome.actionId, packageTitle }))}>
            Simpan tanda terima
          </button>
        </>
      )}
    </div>
  );
}
