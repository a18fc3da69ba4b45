/**
 * E-purchasing through the Katalog Elektronik (docs/regulation.md §2.9): a cart ordered directly, after a price negotiation,
 * or after a mini-competition among catalogue providers (Perpres 46/2025 modes, S16); PPK approval within 3 working
 * days or the order cancels itself (INAPROC Katalog v6 help, S23); the provider accepts and signs the Surat Pesanan,
 * which is the contract (Perpres 16/2018 Pasal 28(6)); delivery, the PPK's receipt check and the BAST (S23).
 * No performance security (Pasal 33).
 *
 * v5: the one vocabulary (issue 16): the cart, its invited list and the order name the vendor `vendorId`; v4
 * (workflows/definitions/retired/e-purchasing-v4.json) said `providerId` and its running orders keep it.
 */
import { EPURCHASING_BY_PP_MAX } from '../../domain/evaluation/langsung-thresholds';
import type { ActionDef, Performer, ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, rupiah, withNote, withReason } from './common';
import { unsealStage } from './sealing';
import { HAND_OFF_STAGES, handOffCall } from './stages';

/** The buyer: the Pejabat Pengadaan up to Rp200 m, the PPK above (Pasal 11, 12; checked by the cart service). */
const buyer: Performer[] = [{ role: 'pejabat_pengadaan' }, { role: 'ppk' }];
const cartProvider: Performer[] = [{ role: 'penyedia', actorIs: 'cart.vendorId' }];

const price = (what: string) => closed({ price: rupiah(`${what} (total pesanan, rupiah)`), note: { type: 'string', maxLength: 2000 } }, ['price']);

const submitCart: ActionDef = {
  id: 'submit_cart',
  name: 'Ajukan Keranjang Belanja',
  performers: buyer,
  payload: {
    type: 'object',
    additionalProperties: false,
    required: ['mode', 'items'],
    properties: {
      mode: {
        enum: ['langsung', 'negosiasi', 'mini_kompetisi'],
        description: 'Pembelian langsung, negosiasi harga, atau mini kompetisi (Perpres 46/2025)',
      },
      vendorId: { type: 'string', minLength: 1, maxLength: 128, description: 'Penyedia katalog (langsung/negosiasi)' },
      invited: {
        type: 'array',
        minItems: 2,
        maxItems: 50,
        description: 'Penyedia katalog yang diundang mini kompetisi',
        items: closed({ vendorId: { type: 'string', minLength: 1, maxLength: 128 } }, ['vendorId']),
      },
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: closed(
          {
            productId: { type: 'string', minLength: 1, maxLength: 128, description: 'Id produk katalog' },
            name: { type: 'string', maxLength: 300 },
            quantity: { type: 'integer', minimum: 1, maximum: 1_000_000 },
            unitPrice: rupiah('Harga satuan katalog (rupiah)'),
          },
          ['productId', 'quantity', 'unitPrice'],
        ),
      },
      note: { type: 'string', maxLength: 2000 },
    },
    // A mini-competition names the invited providers; the other modes name the one provider.
    if: { properties: { mode: { const: 'mini_kompetisi' } } },
    then: { required: ['invited'], not: { required: ['vendorId'] } },
    else: { required: ['vendorId'], not: { required: ['invited'] } },
  },
  effect: { kind: 'set', path: 'cart' },
};

export const ePurchasing: ProcessDefinition = {
  id: 'e-purchasing',
  version: 5,
  name: 'E-Purchasing Katalog Elektronik',
  method: 'e-purchasing',
  description: 'Pemesanan barang/jasa dari Katalog Elektronik: pembelian langsung, negosiasi, atau mini kompetisi; Surat Pesanan; serah terima.',
  roles: ['ppk', 'pejabat_pengadaan', 'pa_kpa', 'penyedia'],
  // The Pejabat Pengadaan is optional: above Rp200 m the PPK orders alone.
  assignments: ['ppk', 'pa_kpa'],
  params: {
    // Assumed (no rule found; §2.9 says only 'until one side accepts'): due times so the inbox and reminders have one.
    cartDue: { name: 'Penyusunan keranjang', unit: 'workingDays', default: 5, min: 1 },
    negotiationDue: { name: 'Tanggapan negosiasi', unit: 'workingDays', default: 3, min: 1 },
    // Assumed (§2.9 "window set by buyer").
    miniCompetitionDays: { name: 'Masa penawaran mini kompetisi', unit: 'workingDays', default: 3, min: 1 },
    // Sourced (S23, INAPROC help on Katalog v6 orders [SECONDARY]): the PPK acts within 3 working days or the order
    // cancels itself; the catalogue sets it, so a package cannot change it.
    ppkApprovalDays: {
      name: 'Batas persetujuan PPK',
      unit: 'workingDays',
      default: 3,
      min: 1,
      fixed: 'Katalog Elektronik (INAPROC): pesanan batal bila PPK tidak menyetujui dalam 3 (tiga) hari kerja',
    },
  },
  start: 'product_selection',
  nodes: [
    {
      id: 'product_selection',
      name: 'Pemilihan Produk dan Keranjang',
      type: 'userTask',
      due: 'cartDue',
      completion: 'any',
      actions: [submitCart],
      next: 'check_cart',
    },
    {
      id: 'check_cart',
      name: 'Pemeriksaan Keranjang (Pagu dan Kewenangan)',
      type: 'serviceTask',
      service: 'checkEpurchasingCart',
      args: { ppLimit: EPURCHASING_BY_PP_MAX },
      resultPath: 'cartCheck',
      // A new cart starts a new round: no earlier negotiation, quotes, ranking or order.
      resets: ['negotiation', 'quotes', 'competition', 'order'],
      next: 'cart_valid',
    },
    {
      id: 'cart_valid',
      name: 'Keranjang memenuhi syarat? Metode?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'ada masalah: kembali ke keranjang',
          when: { op: 'gt', left: { count: 'cartCheck.problems' }, right: { value: 0 } },
          to: 'product_selection',
        },
        { name: 'negosiasi', when: { op: 'eq', left: { path: 'cart.mode' }, right: { value: 'negosiasi' } }, to: 'negotiation' },
        {
          name: 'mini kompetisi',
          when: { op: 'eq', left: { path: 'cart.mode' }, right: { value: 'mini_kompetisi' } },
          to: 'mini_competition',
        },
      ],
      default: 'compose_order',
    },

    // ---- negotiation (S23: until one side accepts; either side may end it) ----------------------------------------
    {
      id: 'negotiation',
      name: 'Negosiasi Harga: Giliran Pejabat Pengadaan/PPK',
      type: 'userTask',
      due: 'negotiationDue',
      // The buyer's turn starts with no agreement pending (one refused by the order check is void).
      resets: ['negotiation.buyerAccepted', 'negotiation.providerAccepted'],
      completion: 'any',
      actions: [
        {
          id: 'propose_price',
          name: 'Ajukan Harga Negosiasi',
          performers: buyer,
          payload: price('Harga yang diajukan'),
          effect: { kind: 'set', path: 'negotiation.proposal' },
        },
        {
          id: 'accept_counter',
          name: 'Terima Harga Tawaran Penyedia',
          performers: buyer,
          payload: withNote,
          requires: [
            {
              when: { op: 'exists', operand: { path: 'negotiation.counter' } },
              code: 'no_counter_offer',
              message: 'Penyedia belum mengajukan harga tawaran.',
              status: 409,
            },
          ],
          effect: { kind: 'set', path: 'negotiation.buyerAccepted' },
        },
        {
          id: 'end_negotiation',
          name: 'Hentikan Negosiasi',
          performers: buyer,
          payload: withReason,
          effect: { kind: 'set', path: 'negotiation.ended' },
        },
      ],
      next: 'buyer_negotiation_result',
    },
    {
      id: 'buyer_negotiation_result',
      name: 'Hasil giliran pembeli',
      type: 'exclusiveGateway',
      branches: [
        { name: 'dihentikan', when: { op: 'exists', operand: { path: 'negotiation.ended' } }, to: 'negotiation_failed' },
        { name: 'sepakat', when: { op: 'exists', operand: { path: 'negotiation.buyerAccepted' } }, to: 'compose_order' },
      ],
      default: 'negotiation_response',
    },
    {
      id: 'negotiation_response',
      name: 'Negosiasi Harga: Giliran Penyedia',
      type: 'userTask',
      due: 'negotiationDue',
      // A fresh proposal supersedes the provider's earlier counter.
      resets: ['negotiation.counter'],
      completion: 'any',
      actions: [
        {
          id: 'accept_price',
          name: 'Terima Harga Negosiasi',
          performers: cartProvider,
          payload: withNote,
          effect: { kind: 'set', path: 'negotiation.providerAccepted' },
        },
        {
          id: 'counter_price',
          name: 'Ajukan Harga Tawaran',
          performers: cartProvider,
          payload: price('Harga tawaran penyedia'),
          effect: { kind: 'set', path: 'negotiation.counter' },
        },
        {
          id: 'decline_negotiation',
          name: 'Tolak Negosiasi',
          performers: cartProvider,
          payload: withReason,
          effect: { kind: 'set', path: 'negotiation.ended' },
        },
      ],
      next: 'provider_negotiation_result',
    },
    {
      id: 'provider_negotiation_result',
      name: 'Hasil giliran penyedia',
      type: 'exclusiveGateway',
      branches: [
        { name: 'ditolak', when: { op: 'exists', operand: { path: 'negotiation.ended' } }, to: 'negotiation_failed' },
        { name: 'sepakat', when: { op: 'exists', operand: { path: 'negotiation.providerAccepted' } }, to: 'compose_order' },
      ],
      default: 'negotiation',
    },

    // ---- mini-competition (S16, S41) -------------------------------------------------------------------------------
    {
      id: 'mini_competition',
      name: 'Mini Kompetisi: Penawaran Penyedia Katalog',
      type: 'timeWindow',
      duration: 'miniCompetitionDays',
      actions: [
        {
          id: 'submit_quote',
          name: 'Ajukan Penawaran Mini Kompetisi',
          performers: [{ role: 'penyedia' }],
          payload: closed(
            {
              price: rupiah('Harga penawaran (total pesanan, rupiah)'),
              deliveryDays: { type: 'integer', minimum: 1, maximum: 365, description: 'Waktu pengiriman (hari)' },
              note: { type: 'string', maxLength: 2000 },
            },
            ['price'],
          ),
          requires: [
            {
              when: { op: 'someItem', path: 'cart.invited', field: 'vendorId', right: { path: '$actor.id' } },
              code: 'not_invited',
              message: 'Penyedia tidak diundang dalam mini kompetisi ini.',
              status: 403,
            },
          ],
          // One quote per provider; a re-quote in the window replaces it. Sealed until the ranking.
          effect: { kind: 'upsertByActor', path: 'quotes' },
          sealedUntil: 'competition',
          envelope: true,
        },
      ],
      next: 'quote_unsealing',
    },
    unsealStage('quote_unsealing', 'quotes', 'quoteOpening', 'rank_quotes'),
    {
      id: 'rank_quotes',
      name: 'Pemeringkatan Penawaran Terendah',
      type: 'serviceTask',
      service: 'rankMiniCompetition',
      resultPath: 'competition',
      next: 'competition_result',
    },
    {
      id: 'competition_result',
      name: 'Ada pemenang mini kompetisi?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada pemenang', when: { op: 'exists', operand: { path: 'competition.winner' } }, to: 'compose_order' }],
      // No valid quote: back to the cart to re-run or choose another mode (assumed, §2.9 2b).
      default: 'product_selection',
    },

    // ---- the order -------------------------------------------------------------------------------------------------
    {
      id: 'compose_order',
      name: 'Penyusunan Pesanan',
      type: 'serviceTask',
      service: 'composeEpurchasingOrder',
      // The order names its vendor `order.vendorId` (v4 and earlier: providerId, the service's default).
      args: { vendorKey: 'vendorId' },
      resultPath: 'order',
      next: 'order_valid',
    },
    {
      id: 'order_valid',
      name: 'Pesanan memenuhi syarat?',
      type: 'exclusiveGateway',
      branches: [
        {
          // A price agreed above the catalogue price: negotiation goes on.
          name: 'harga negosiasi tidak sah',
          when: {
            all: [
              { op: 'gt', left: { count: 'order.problems' }, right: { value: 0 } },
              { op: 'eq', left: { path: 'cart.mode' }, right: { value: 'negosiasi' } },
            ],
          },
          to: 'negotiation',
        },
        {
          name: 'pesanan tidak lengkap',
          when: { op: 'gt', left: { count: 'order.problems' }, right: { value: 0 } },
          to: 'product_selection',
        },
      ],
      default: 'ppk_approval',
    },
    {
      id: 'ppk_approval',
      name: 'Menunggu Persetujuan PPK',
      type: 'userTask',
      completion: 'any',
      // S23: no PPK action within 3 working days cancels the order by itself.
      timeout: { after: 'ppkApprovalDays', to: 'auto_cancelled' },
      actions: [
        {
          id: 'approve_order',
          name: 'Setujui Pesanan (Lanjut Proses Pesanan)',
          performers: [{ role: 'ppk' }],
          payload: closed(
            {
              orderNumber: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor Surat Pesanan' },
              note: { type: 'string', maxLength: 2000 },
            },
            ['orderNumber'],
          ),
          effect: { kind: 'set', path: 'ppkApproval' },
        },
        {
          id: 'reject_order',
          name: 'Tolak Pesanan',
          performers: [{ role: 'ppk' }],
          payload: withReason,
          effect: { kind: 'set', path: 'ppkRejection' },
        },
      ],
      next: 'approval_result',
    },
    {
      id: 'approval_result',
      name: 'Pesanan disetujui PPK?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ditolak', when: { op: 'exists', operand: { path: 'ppkRejection' } }, to: 'rejected' }],
      default: 'prepare_contract',
    },
    // The Surat Pesanan runs as an E-Kontrak (contract/surat-pesanan.ts): signatures, delivery, receipt check, BAST
    // and payment; the order waits for it to end.
    ...handOffCall('surat_pesanan', { providerPath: 'order.vendorId', valuePath: 'order.total' }),
    {
      id: 'contract_result',
      name: 'Hasil Surat Pesanan',
      type: 'exclusiveGateway',
      branches: [
        { name: 'selesai', when: { op: 'eq', left: { path: 'contractLink.status' }, right: { value: 'selesai' } }, to: 'completed' },
        { name: 'ditolak penyedia', when: { op: 'eq', left: { path: 'contractLink.status' }, right: { value: 'batal' } }, to: 'declined_by_provider' },
      ],
      default: 'order_terminated',
    },
    { id: 'completed', name: 'Pesanan Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    { id: 'cancelled', name: 'Pesanan Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    { id: 'rejected', name: 'Pesanan Ditolak PPK', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    {
      id: 'auto_cancelled',
      name: 'Pesanan Batal Otomatis (PPK tidak menyetujui dalam 3 hari kerja)',
      type: 'endEvent',
      outcome: 'cancelled',
      status: 'batal_otomatis',
    },
    { id: 'declined_by_provider', name: 'Pesanan Ditolak Penyedia', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    { id: 'negotiation_failed', name: 'Negosiasi Gagal', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'order_terminated', name: 'Surat Pesanan Diputus', type: 'endEvent', outcome: 'failed', status: 'diputus' },
  ],
  // Cancellation before the Surat Pesanan goes to E-Kontrak; from then on the order has its own termination.
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};
