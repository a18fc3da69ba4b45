/**
 * E-purchasing order (Surat Pesanan, docs/regulation.md §2.9 rows 4–8) as an E-Kontrak: the order document signed by the
 * PPK and accepted by the provider (who may decline it), delivery within the order period (late delivery carries the
 * 1‰ penalty), the receipt check (Pemeriksaan Tepat Guna), BAST and payment. No performance security (Pasal 33).
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import { closed, withNote, withReason } from '../common';
import {
  contractParams,
  documentStage,
  draftStage,
  finalPaymentStage,
  provider,
  ratingStage,
  signingStage,
  terminateAction,
  terminationStages,
  text,
} from './blocks';

const recordDelivery = {
  id: 'record_delivery',
  name: 'Laporkan Pengiriman',
  performers: provider,
  payload: closed({ deliveryNote: text(100, 'Nomor surat jalan'), note: { type: 'string', maxLength: 2000 } }, ['deliveryNote']),
  effect: { kind: 'set' as const, path: 'delivery' },
  to: 'receipt_check',
};

export const suratPesanan: ProcessDefinition = {
  id: 'surat-pesanan',
  version: 1,
  name: 'E-Kontrak: Surat Pesanan (E-Purchasing)',
  method: 'surat_pesanan',
  description: 'Surat Pesanan e-purchasing: tanda tangan, pengiriman, pemeriksaan, BAST, dan pembayaran.',
  roles: ['ppk', 'penyedia', 'pa_kpa'],
  assignments: ['ppk'],
  params: { ...contractParams },
  start: 'draft_contract',
  nodes: [
    draftStage('contract_document'),
    documentStage('contract_document', 'Pembuatan Surat Pesanan', 'surat_pesanan', 'contract_signing', 'contract.revision'),
    signingStage(provider, 'surat_pesanan', 'Penyedia', 'delivery', [
      { id: 'decline_order', name: 'Tolak Pesanan', performers: provider, payload: withReason, effect: { kind: 'set', path: 'declined' }, to: 'declined' },
    ]),
    {
      id: 'delivery',
      name: 'Proses dan Pengiriman',
      type: 'timeWindow',
      milestone: 'signed',
      durationFrom: 'contract.durationDays',
      actions: [recordDelivery],
      next: 'late_delivery',
    },
    {
      id: 'late_delivery',
      name: 'Pengiriman Terlambat (Dikenakan Denda)',
      type: 'timeWindow',
      duration: 'maxLateDays',
      actions: [{ ...recordDelivery, effect: { kind: 'apply', reducer: 'recordLateDelivery' } }],
      next: 'termination',
    },
    {
      id: 'receipt_check',
      name: 'Pemeriksaan Tepat Guna (Waktu, Jumlah, Fungsi)',
      type: 'userTask',
      due: 'inspectionDue',
      completion: 'any',
      actions: [
        {
          id: 'accept_receipt',
          name: 'Terima Barang',
          performers: [{ role: 'ppk' }],
          payload: closed({ bastNumber: text(100, 'Nomor BAST'), note: { type: 'string', maxLength: 2000 } }, ['bastNumber']),
          effect: { kind: 'apply', reducer: 'acceptDelivery' },
        },
        {
          id: 'return_delivery',
          name: 'Kembalikan (Tidak Sesuai)',
          performers: [{ role: 'ppk' }],
          payload: withReason,
          effect: { kind: 'set', path: 'receiptProblem' },
          to: 'redelivery',
        },
      ],
      next: 'bast_document',
    },
    {
      id: 'redelivery',
      name: 'Pengiriman Ulang',
      type: 'userTask',
      due: 'repairDue',
      completion: 'any',
      actions: [{ id: 'redeliver', name: 'Kirim Ulang', performers: provider, payload: withNote, effect: { kind: 'set', path: 'redelivery' } }],
      next: 'receipt_check',
    },
    documentStage('bast_document', 'Berita Acara Serah Terima (BAST)', 'bast', 'final_payment'),
    finalPaymentStage('rating'),
    ratingStage('completed'),
    { id: 'completed', name: 'Pesanan Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    { id: 'declined', name: 'Pesanan Ditolak Penyedia', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    ...terminationStages(),
  ],
  interrupts: [
    {
      action: terminateAction,
      to: 'termination',
      notAt: ['receipt_check', 'redelivery', 'bast_document', 'final_payment', 'rating', 'termination'],
    },
  ],
};
