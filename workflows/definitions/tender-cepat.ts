/**
 * Tender cepat (spse-domain §2.6): for goods, works and other services whose spec and volume are fully detailed,
 * among providers already qualified in SIKaP (Perpres 16/2018 Pasal 38(6)). Price-only bids, ranked by the
 * application, lowest price at most the HPS wins (Pasal 50(4), 26(5)). No qualification/technical evaluation and no
 * sanggah (LKPP 9/2018 via S17, assumed unchanged in LKPP 12/2021). No bids → gagal (S17).
 *
 * Optional e-reverse auction (Pasal 1(42), 50(11); LKPP 12/2021 §5.4.4 via S8): when the announcement enables it,
 * the opened bidders may lower their prices in timed rounds (default 2, or as announced); each new price must be
 * below the bidder's previous one (domain/evaluation/reverse-auction.ts).
 * The optional clarification (S8) is not modelled. Durations marked "assumed" are schedule parameters.
 */
import type { ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, pokjaAction, registered, rupiah } from './common';
import { unsealStage } from './sealing';
import { contractHandOffStages, sppbjStage, HAND_OFF_STAGES } from './stages';

const hasBid = {
  when: { op: 'someItem' as const, path: 'bids', field: 'by', right: { path: '$actor.id' } },
  code: 'no_bid',
  message: 'Hanya peserta yang telah menyampaikan penawaran yang dapat mengikuti e-reverse auction.',
  status: 403 as const,
};

export const tenderCepat: ProcessDefinition = {
  id: 'tender-cepat',
  version: 3,
  name: 'Tender Cepat (Harga Terendah, opsional E-Reverse Auction)',
  method: 'tender-cepat',
  description: 'Tender cepat barang/pekerjaan konstruksi/jasa lainnya bagi penyedia terkualifikasi SIKaP; harga terendah.',
  roles: ['ppk', 'pokja', 'pa_kpa', 'penyedia'],
  assignments: ['ppk', 'pokja', 'pa_kpa'],
  params: {
    announcementDue: { name: 'Batas pengumuman', unit: 'workingDays', default: 1, min: 1 },
    // 2–3 calendar days (assumed, §2.6 row 1).
    registrationDays: { name: 'Pendaftaran dan download dokumen', unit: 'calendarDays', default: 2, min: 1 },
    // 1–2 calendar days (assumed, §2.6 row 4); the deadline falls in working time.
    bidSubmissionDays: { name: 'Penyampaian penawaran harga', unit: 'calendarDays', default: 2, min: 1, endOnWorkingTime: true },
    openingDue: { name: 'Pembukaan penawaran', unit: 'hours', default: 24, min: 1 },
    // Auction window set by the Pokja (assumed, §2.6 row 4).
    auctionRoundHours: { name: 'Satu putaran e-reverse auction', unit: 'hours', default: 2, min: 1 },
    awardDue: { name: 'Penetapan dan pengumuman pemenang', unit: 'workingDays', default: 1, min: 1 },
    sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'calendarDays', default: 5, min: 1, endOnWorkingTime: true },
  },
  start: 'announcement',
  nodes: [
    {
      id: 'announcement',
      name: 'Pengumuman Tender Cepat',
      type: 'userTask',
      due: 'announcementDue',
      completion: 'any',
      actions: [
        pokjaAction(
          'announce',
          'Umumkan Tender Cepat',
          'announcement',
          closed({
            note: { type: 'string', maxLength: 2000 },
            reverseAuction: { type: 'boolean', description: 'Gunakan e-reverse auction (Pasal 50(11))' },
            auctionRounds: { type: 'integer', minimum: 1, maximum: 5, description: 'Jumlah putaran (bawaan 2)' },
          }),
        ),
      ],
      next: 'registration',
    },
    {
      id: 'registration',
      name: 'Pendaftaran dan Download Dokumen',
      type: 'timeWindow',
      duration: 'registrationDays',
      actions: [
        {
          id: 'register',
          name: 'Daftar sebagai Peserta (terkualifikasi SIKaP)',
          performers: [{ role: 'penyedia' }],
          // The SIKaP reference the Pokja checks; the SIKaP lookup itself is not connected yet.
          payload: closed({ sikapRef: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor/rujukan kualifikasi SIKaP' } }, ['sikapRef']),
          effect: { kind: 'upsertByActor', path: 'registrations' },
          oncePerActor: true,
        },
      ],
      next: 'bid_submission',
    },
    {
      id: 'bid_submission',
      name: 'Penyampaian Penawaran Harga',
      type: 'timeWindow',
      duration: 'bidSubmissionDays',
      actions: [
        {
          id: 'submit_bid',
          name: 'Sampaikan Penawaran Harga',
          performers: [{ role: 'penyedia' }],
          payload: closed({ price: rupiah('Harga penawaran (rupiah, bilangan bulat)') }, ['price']),
          requires: [registered],
          effect: { kind: 'upsertByActor', path: 'bids' },
          sealedUntil: 'opening',
          envelope: true,
        },
      ],
      next: 'bids_received',
    },
    {
      id: 'bids_received',
      name: 'Ada penawaran masuk?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada penawaran', when: { op: 'gt', left: { count: 'bids' }, right: { value: 0 } }, to: 'bid_opening' }],
      default: 'failed_no_bids',
    },
    {
      id: 'bid_opening',
      name: 'Pembukaan Penawaran',
      type: 'userTask',
      due: 'openingDue',
      completion: 'any',
      actions: [pokjaAction('open_bids', 'Buka Penawaran', 'opening')],
      next: 'bid_unsealing',
    },
    unsealStage('bid_unsealing', 'bids', 'bidOpening', 'auction_enabled'),
    {
      id: 'auction_enabled',
      name: 'Memakai e-reverse auction?',
      type: 'exclusiveGateway',
      branches: [{ name: 'e-reverse auction', when: { op: 'eq', left: { path: 'announcement.reverseAuction' }, right: { value: true } }, to: 'auction_round' }],
      default: 'ranking',
    },
    {
      id: 'auction_round',
      name: 'Putaran E-Reverse Auction',
      type: 'timeWindow',
      duration: 'auctionRoundHours',
      actions: [
        {
          id: 'lower_price',
          name: 'Turunkan Harga Penawaran',
          performers: [{ role: 'penyedia' }],
          payload: closed({ price: rupiah('Harga baru (rupiah); harus di bawah harga sebelumnya') }, ['price']),
          requires: [hasBid],
          // The last offer of the round counts; it is checked against the bidder's previous price when the round closes.
          effect: { kind: 'upsertByActor', path: 'auction.offers' },
          sealedUntil: 'auction.finished',
        },
      ],
      next: 'auction_round_close',
    },
    { id: 'auction_round_close', name: 'Penutupan Putaran', type: 'serviceTask', service: 'tenderCepatAuctionRound', args: { defaultRounds: 2 }, resultPath: 'auction', next: 'auction_done' },
    {
      id: 'auction_done',
      name: 'Putaran terakhir?',
      type: 'exclusiveGateway',
      branches: [{ name: 'selesai', when: { op: 'exists', operand: { path: 'auction.finished' } }, to: 'ranking' }],
      default: 'auction_round',
    },
    { id: 'ranking', name: 'Evaluasi Harga oleh Aplikasi', type: 'serviceTask', service: 'tenderCepatRanking', resultPath: 'award', next: 'winner_found' },
    {
      id: 'winner_found',
      name: 'Ada harga terendah di bawah HPS?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada pemenang', when: { op: 'exists', operand: { path: 'award.winner' } }, to: 'award_decision' }],
      default: 'failed_above_hps',
    },
    {
      id: 'award_decision',
      name: 'Penetapan dan Pengumuman Pemenang',
      type: 'userTask',
      due: 'awardDue',
      completion: 'any',
      actions: [pokjaAction('decide_award', 'Tetapkan dan Umumkan Pemenang', 'awardDecision')],
      next: 'sppbj',
    },
    sppbjStage(),
    ...contractHandOffStages(),
    { id: 'failed_no_bids', name: 'Tender Cepat Gagal: Tidak Ada Penawaran', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_above_hps', name: 'Tender Cepat Gagal: Semua Harga di Atas HPS', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'cancelled', name: 'Tender Cepat Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};
