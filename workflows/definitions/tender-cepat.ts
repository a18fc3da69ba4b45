/**
 * Tender cepat (docs/regulation.md §2.6): for goods, works and other services whose spec and volume are fully detailed,
 * among providers already qualified in SIKaP (Perpres 16/2018 Pasal 38(6)). Price-only bids, ranked by the
 * application, lowest price at most the HPS wins (Pasal 50(4), 26(5)). No qualification/technical evaluation and no
 * sanggah (LKPP 9/2018 via S17, assumed unchanged in LKPP 12/2021). No bids → gagal (S17).
 *
 * Optional e-reverse auction (Pasal 1(42), 50(11); LKPP 12/2021 §5.4.4 via S8): when the announcement enables it,
 * the opened bidders may lower their prices in timed rounds (default 2, or as announced); each new price must be
 * below the bidder's previous one (domain/evaluation/reverse-auction.ts).
 * The optional clarification (S8) is not modelled. Durations marked "assumed" are schedule parameters.
 */
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, collegial, pokjaAction, registered, rupiah, voteAction } from './common';
import { type FailureOptions, failureParams, withFailureStages } from './failure';
import { unsealStage } from './sealing';
import { afterAwardParams, awardActions, contractHandOffStages, notYetRegistered, HAND_OFF_STAGES, TENDER_AWARD, tenderSppbjStages } from './stages';
import { PREPARATION_START, preparationParams, preparationStages, preparedSelection } from './preparation';
import { bidSecuritySchema } from '../../domain/selection/bid-security';

const hasBid = {
  when: { op: 'someItem' as const, path: 'bids', field: 'by', right: { path: '$actor.id' } },
  code: 'no_bid',
  message: 'Hanya peserta yang telah menyampaikan penawaran yang dapat mengikuti e-reverse auction.',
  status: 403 as const,
};

/** Registration of a SIKaP-qualified vendor, open until the price deadline (issue 13 point 12). */
const cepatRegister: ActionDef = {
  id: 'register',
  name: 'Daftar sebagai Peserta (terkualifikasi SIKaP)',
  performers: [{ role: 'penyedia' }],
  // The SIKaP reference the Pokja checks; the SIKaP lookup itself is not connected yet.
  payload: closed({ sikapRef: { type: 'string', minLength: 1, maxLength: 100, description: 'Nomor/rujukan kualifikasi SIKaP' } }, ['sikapRef']),
  requires: [notYetRegistered],
  effect: { kind: 'upsertByActor', path: 'registrations' },
  oncePerActor: true,
};

/** Tender cepat gagal (§2.6, ./failure): no bids (b), every price above the HPS (g); no sanggah in tender cepat. */
const FAILURE: FailureOptions = {
  variant: 'tender_cepat',
  label: 'Tender Cepat',
  retenderMethod: 'tender-cepat',
  entries: [
    { id: 'failure_no_bids', name: 'Penetapan Tender Cepat Gagal: Tidak Ada Penawaran', causes: ['b'] },
    { id: 'failure_above_hps', name: 'Penetapan Tender Cepat Gagal: Semua Harga di Atas HPS', causes: ['g'] },
  ],
};

export const tenderCepat: ProcessDefinition = preparedSelection(
  {
    id: 'tender-cepat',
    version: 4,
    name: 'Tender Cepat (Harga Terendah, opsional E-Reverse Auction)',
    method: 'tender-cepat',
    description: 'Tender cepat barang/pekerjaan konstruksi/jasa lainnya bagi penyedia terkualifikasi SIKaP; harga terendah.',
    roles: ['ppk', 'kepala_ukpbj', 'pokja', 'pa_kpa', 'penyedia'],
    // The head of the UKPBJ assigns the Pokja (officer_assignment); the PPK names the head, not the members.
    assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
    params: {
      ...preparationParams,
      announcementDue: { name: 'Batas pengumuman', unit: 'workingDays', default: 1, min: 1, max: 10 },
      // 2–3 calendar days (assumed, §2.6 row 1).
      registrationDays: { name: 'Pendaftaran dan download dokumen', unit: 'calendarDays', default: 2, min: 1, max: 30, endOnWorkingTime: true },
      // 1–2 calendar days (assumed, §2.6 row 4); the deadline falls in working time.
      bidSubmissionDays: { name: 'Penyampaian penawaran harga', unit: 'calendarDays', default: 2, min: 1, max: 30, endOnWorkingTime: true },
      openingDue: { name: 'Pembukaan penawaran', unit: 'hours', default: 24, min: 1, max: 72, endOnWorkingTime: true },
      // Auction window set by the Pokja (assumed, §2.6 row 4).
      auctionRoundHours: { name: 'Satu putaran e-reverse auction', unit: 'hours', default: 2, min: 1, max: 24, endOnWorkingTime: true },
      awardDue: { name: 'Penetapan dan pengumuman pemenang', unit: 'workingDays', default: 1, min: 1, max: 10 },
      ...failureParams,
      sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'calendarDays', default: 5, min: 1, max: 14, endOnWorkingTime: true },
      ...afterAwardParams,
    },
    start: PREPARATION_START,
    nodes: withFailureStages(FAILURE, [
      ...preparationStages({ officer: 'pokja', next: 'announcement' }),
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
        actions: [cepatRegister],
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
            // Construction above Rp10 miliar HPS: the jaminan penawaran, checked by the ranking after the opening.
            payload: closed({ price: rupiah('Harga penawaran (rupiah, bilangan bulat)'), bidSecurity: bidSecuritySchema }, ['price']),
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
        // No bids → the Pokja declares tender cepat gagal (S17; Pasal 51(2)b).
        default: 'failure_no_bids',
      },
      {
        id: 'bid_opening',
        name: 'Pembukaan Penawaran',
        type: 'userTask',
        due: 'openingDue',
        completion: 'any',
        actions: [collegial(pokjaAction('open_bids', 'Buka Penawaran', 'opening')), voteAction(['open_bids'])],
        next: 'bid_unsealing',
      },
      unsealStage('bid_unsealing', 'bids', 'bidOpening', 'auction_enabled'),
      {
        id: 'auction_enabled',
        name: 'Memakai e-reverse auction?',
        type: 'exclusiveGateway',
        branches: [
          { name: 'e-reverse auction', when: { op: 'eq', left: { path: 'announcement.reverseAuction' }, right: { value: true } }, to: 'auction_round' },
        ],
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
      {
        id: 'auction_round_close',
        name: 'Penutupan Putaran',
        type: 'serviceTask',
        service: 'tenderCepatAuctionRound',
        args: { defaultRounds: 2 },
        resultPath: 'auction',
        next: 'auction_done',
      },
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
        // Every price above the HPS (Pasal 51(2)g) → the Pokja declares tender cepat gagal.
        default: 'failure_above_hps',
      },
      {
        id: 'award_decision',
        name: 'Penetapan dan Pengumuman Pemenang',
        type: 'userTask',
        due: 'awardDue',
        completion: 'any',
        // By the Pokja up to Rp100 miliar pagu, by the PA/KPA above (Pasal 13 ayat (1) huruf c, Pasal 9 ayat (1) huruf n).
        actions: [...awardActions('Tetapkan dan Umumkan Pemenang'), voteAction(['decide_award'])],
        next: 'sppbj',
      },
      // The PPK may refuse the SPPBJ (PA/KPA decides); a winner who withdraws or does not sign yields to the reserves.
      ...tenderSppbjStages({ noReserve: 'start_retender' }),
      ...contractHandOffStages(TENDER_AWARD, { sppbj: true, reserves: true }),
      { id: 'cancelled', name: 'Tender Cepat Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    ]),
    interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
  },
  { from: 'announcement', until: 'award_decision', lateRegistration: ['bid_submission'], register: cepatRegister },
);
