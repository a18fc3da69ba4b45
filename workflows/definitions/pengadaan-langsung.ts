/**
 * Pengadaan Langsung (direct procurement) by the Pejabat Pengadaan (Perpres 16/2018 Pasal 12, 50(7);
 * docs/regulation.md §1.2, §2.8). Two paths, two definitions:
 * - A: direct purchase paid against a receipt (bukti pembelian ≤Rp10 m, kuitansi ≤Rp50 m; goods and other services
 *   only, Pasal 28, 50(7)a), ending when the goods are received;
 * - B: a quotation request to one vendor, evaluation, clarification and negotiation, and an SPK (Pasal 50(7)b, 28(4)).
 * Durations the reference marks "assumed" are schedule parameters with those defaults. The value ceiling of path B
 * (Rp200 m; Rp400 m construction under Perpres 46/2025) depends on the regulation in force on the creation day, so it is
 * checked when the package is created (domain/rules/method-rules.ts), not here.
 *
 * Path B v3: the head of the UKPBJ assigns the Pejabat Pengadaan (Pasal 12) and the Pejabat Pengadaan reviews the
 * DPP with the PPK (./preparation), instead of the PPK naming the officer at creation; the performance security is on
 * the negotiated price (the contract value), not on the quotation before it. Path A is unchanged (v1): the HPS it
 * checks is never above the pagu, so a pagu Pasal 26(7) exempts from an HPS (≤Rp10 m) always passes.
 */
import type { Performer, ProcessDefinition } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { BUKTI_PEMBELIAN_MAX, KUITANSI_MAX } from '../../domain/evaluation/langsung-thresholds';
import { cancelInterrupt, closed, rupiah } from './common';
import { negotiationNodes } from './penunjukan-langsung';
import { preparationParams, preparationStages } from './preparation';
import { contractHandOffStages, HAND_OFF_STAGES, TENDER_WINNER } from './stages';

const PP: Performer[] = [{ role: 'pejabat_pengadaan' }];
const docRef = (description: string) => ({ type: 'string', minLength: 1, maxLength: 200, description });
const note = { type: 'string', maxLength: 2000 };

// ---- Path A ----------------------------------------------------------------------------------------------------

const receiptGoodsOnly: Predicate = {
  any: [
    { op: 'eq', left: { path: 'package.category' }, right: { value: 'barang' } },
    { op: 'eq', left: { path: 'package.category' }, right: { value: 'jasa_lainnya' } },
  ],
};

export const pengadaanLangsungA: ProcessDefinition = {
  id: 'pengadaan-langsung-a',
  version: 1,
  name: 'Pengadaan Langsung — Pembelian Langsung dengan Bukti Pembelian/Kuitansi',
  method: 'pengadaan-langsung-a',
  description:
    'Pembelian/pembayaran langsung oleh Pejabat Pengadaan sampai Rp50.000.000 dengan bukti pembelian atau kuitansi ' +
    '(Pasal 28, 50 ayat 7 huruf a), lalu penerimaan barang/jasa.',
  roles: ['ppk', 'pejabat_pengadaan', 'pa_kpa'],
  assignments: ['ppk', 'pejabat_pengadaan', 'pa_kpa'],
  params: {
    purchaseDue: { name: 'Pembelian langsung', unit: 'workingDays', default: 1, min: 1 },
    receiptDue: { name: 'Penerimaan barang/jasa', unit: 'workingDays', default: 3, min: 1 },
  },
  start: 'purchase',
  nodes: [
    {
      id: 'purchase',
      name: 'Pembelian/Pembayaran Langsung',
      type: 'userTask',
      due: 'purchaseDue',
      completion: 'any',
      actions: [
        {
          id: 'record_purchase',
          name: 'Catat Pembelian dan Bukti Pembelian/Kuitansi',
          performers: PP,
          payload: {
            ...closed(
              {
                vendorName: { type: 'string', minLength: 1, maxLength: 200, description: 'Nama toko/penyedia' },
                description: { type: 'string', minLength: 1, maxLength: 4000, description: 'Barang/jasa yang dibeli' },
                // Pasal 28: a receipt is the contract only up to Rp50 m; above that an SPK (path B) is needed.
                amount: {
                  type: 'integer',
                  minimum: 1,
                  maximum: KUITANSI_MAX,
                  description: 'Nilai pada bukti pembelian/kuitansi (rupiah); paling banyak Rp50.000.000 (Pasal 28)',
                },
                receiptKind: {
                  enum: ['bukti_pembelian', 'kuitansi'],
                  description: 'bukti_pembelian: sampai Rp10.000.000; kuitansi: sampai Rp50.000.000 (Pasal 28)',
                },
                receiptNumber: { type: 'string', minLength: 1, maxLength: 100 },
                receiptDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Tanggal (YYYY-MM-DD)' },
                documentRef: docRef('Rujukan pindaian bukti pembelian/kuitansi'),
              },
              ['vendorName', 'description', 'amount', 'receiptKind', 'receiptNumber'],
            ),
            // Pasal 28: a plain bukti pembelian/pembayaran only up to Rp10 m; above that a kuitansi.
            if: { properties: { receiptKind: { const: 'bukti_pembelian' } }, required: ['receiptKind'] },
            then: { properties: { amount: { maximum: BUKTI_PEMBELIAN_MAX } } },
          },
          // Also checked at creation (domain/rules/method-rules.ts); kept here because a receipt is this path's
          // contract and the definition must not depend on how the package was started.
          requires: [
            {
              when: receiptGoodsOnly,
              code: 'kategori_tidak_sesuai',
              message: 'Pembelian langsung dengan bukti pembelian/kuitansi hanya untuk barang dan jasa lainnya (Pasal 50 ayat 7 huruf a).',
              status: 422,
            },
            {
              when: { op: 'lte', left: { path: 'package.hps' }, right: { value: KUITANSI_MAX } },
              code: 'nilai_melebihi_batas_kuitansi',
              message: 'Nilai paket di atas Rp50.000.000: gunakan Pengadaan Langsung dengan SPK (Pasal 28).',
              status: 422,
            },
          ],
          effect: { kind: 'set', path: 'purchase' },
        },
      ],
      next: 'receipt',
    },
    {
      id: 'receipt',
      name: 'Penerimaan Barang/Jasa',
      type: 'userTask',
      due: 'receiptDue',
      completion: 'any',
      actions: [
        {
          id: 'accept_receipt',
          name: 'Periksa dan Terima Barang/Jasa',
          performers: [{ role: 'ppk' }, { role: 'pejabat_pengadaan' }],
          payload: closed(
            {
              accepted: { type: 'boolean', description: 'Barang/jasa sesuai dan diterima' },
              bastRef: docRef('Rujukan BAST (tidak wajib pada nilai ini)'),
              note,
            },
            ['accepted'],
          ),
          effect: { kind: 'set', path: 'receipt' },
        },
      ],
      next: 'received_ok',
    },
    {
      // Non-conforming goods are returned and bought again (§2.8 A2, assumed).
      id: 'received_ok',
      name: 'Barang/jasa sesuai?',
      type: 'exclusiveGateway',
      branches: [{ name: 'diterima', when: { op: 'eq', left: { path: 'receipt.accepted' }, right: { value: true } }, to: 'received' }],
      default: 'purchase',
    },
    { id: 'received', name: 'Barang/Jasa Diterima', type: 'endEvent', outcome: 'completed', status: 'diterima' },
    { id: 'cancelled', name: 'Pembelian Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  // Once paid, the purchase is the contract: no cancellation while the goods are being received.
  interrupts: [cancelInterrupt(['receipt'])],
};

// ---- Path B ----------------------------------------------------------------------------------------------------

export const pengadaanLangsungB: ProcessDefinition = {
  id: 'pengadaan-langsung-b',
  version: 3,
  name: 'Pengadaan Langsung — Permintaan Penawaran dan Negosiasi (SPK)',
  method: 'pengadaan-langsung-b',
  description:
    'Kepala UKPBJ menugaskan Pejabat Pengadaan (Pasal 12), yang mereviu DPP bersama PPK, meminta penawaran kepada satu ' +
    'calon penyedia, mengevaluasi, melakukan klarifikasi dan negosiasi teknis dan harga (Pasal 50 ayat 7 huruf b), ' +
    'lalu PPK menerbitkan dan menandatangani SPK.',
  roles: ['ppk', 'kepala_ukpbj', 'pejabat_pengadaan', 'pa_kpa', 'penyedia'],
  assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
  params: {
    ...preparationParams,
    requestDue: { name: 'Permintaan penawaran', unit: 'workingDays', default: 1, min: 1 },
    quotationDays: { name: 'Pemasukan penawaran', unit: 'workingDays', default: 2, min: 1 },
    evaluationDue: { name: 'Evaluasi penawaran', unit: 'workingDays', default: 1, min: 1 },
    negotiationDue: { name: 'Klarifikasi teknis dan negosiasi', unit: 'workingDays', default: 1, min: 1 },
  },
  start: 'officer_assignment',
  nodes: [
    ...preparationStages({ officer: 'pejabat_pengadaan', next: 'quotation_request' }),
    {
      id: 'quotation_request',
      name: 'Permintaan Penawaran kepada Calon Penyedia',
      type: 'userTask',
      due: 'requestDue',
      completion: 'any',
      actions: [
        {
          id: 'request_quotation',
          name: 'Kirim Permintaan Penawaran',
          performers: PP,
          payload: closed(
            {
              vendorId: { type: 'string', minLength: 1, maxLength: 128, description: 'Id akun calon penyedia' },
              vendorName: { type: 'string', maxLength: 200 },
              documentRef: docRef('Rujukan undangan dengan spesifikasi/KAK'),
              note,
            },
            ['vendorId', 'documentRef'],
          ),
          effect: { kind: 'set', path: 'request' },
        },
      ],
      next: 'quotation',
    },
    {
      id: 'quotation',
      name: 'Pemasukan Penawaran',
      type: 'userTask',
      completion: 'any',
      // No quotation within the period: gagal (§2.8 B2 would invite another provider: a new package).
      timeout: { after: 'quotationDays', to: 'failed_no_quotation' },
      actions: [
        {
          id: 'submit_quotation',
          name: 'Kirim Penawaran',
          performers: [{ role: 'penyedia', actorIs: 'request.vendorId' }],
          payload: closed(
            {
              price: rupiah('Harga penawaran (rupiah, bilangan bulat)'),
              documentRef: docRef('Rujukan dokumen penawaran (administrasi, teknis, harga)'),
              durationDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Jangka waktu pelaksanaan (hari)' },
            },
            ['price', 'documentRef'],
          ),
          effect: { kind: 'set', path: 'quotation' },
        },
      ],
      next: 'evaluation',
    },
    {
      id: 'evaluation',
      name: 'Evaluasi Penawaran',
      type: 'userTask',
      due: 'evaluationDue',
      completion: 'any',
      actions: [
        {
          id: 'evaluate_quotation',
          name: 'Simpan Hasil Evaluasi',
          performers: PP,
          payload: closed(
            {
              administrasi: { type: 'boolean' },
              kualifikasi: { type: 'boolean' },
              teknis: { type: 'boolean' },
              minutesRef: docRef('Rujukan BA Evaluasi'),
              note: { type: 'string', maxLength: 4000 },
            },
            ['administrasi', 'kualifikasi', 'teknis'],
          ),
          effect: { kind: 'set', path: 'evaluation' },
        },
      ],
      next: 'evaluation_passed',
    },
    {
      id: 'evaluation_passed',
      name: 'Penawaran lulus evaluasi?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'lulus',
          when: {
            all: ['administrasi', 'kualifikasi', 'teknis'].map((k) => ({
              op: 'eq' as const,
              left: { path: `evaluation.${k}` },
              right: { value: true },
            })),
          },
          to: 'negotiation',
        },
      ],
      default: 'failed_evaluation',
    },
    ...negotiationNodes({
      runner: PP,
      providerPath: 'request.vendorId',
      offerPath: 'quotation',
      contractTerms: false,
      due: 'negotiationDue',
      next: 'prepare_contract',
      failed: 'failed_negotiation',
    }),
    // The SPK (Pasal 28) is the E-Kontrak document of this value: drafted, signed on its hash and executed there. Its
    // value, and the performance security's basis (Pasal 33), is the negotiated price: no bidPricePath.
    ...contractHandOffStages(TENDER_WINNER, { sppbj: false }),
    { id: 'failed_no_quotation', name: 'Gagal: Tidak Ada Penawaran', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_evaluation', name: 'Gagal: Penawaran Tidak Lulus Evaluasi', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    // Old-regime text (§2.8 B5): no agreement → PgL gagal, repeat with another provider (a new package).
    { id: 'failed_negotiation', name: 'Gagal: Negosiasi Tidak Mencapai Kesepakatan', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'cancelled', name: 'Pengadaan Langsung Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};
