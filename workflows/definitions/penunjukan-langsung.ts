/**
 * Penunjukan Langsung (direct appointment): one provider, chosen under a "keadaan tertentu" — Perpres 16/2018 Pasal
 * 38(5) for goods, works and other services, Pasal 41(5) for consultancy — is invited, qualified and negotiated with
 * (docs/regulation.md §1.2, §2.7, §3.2). Durations the reference marks "assumed" are schedule
 * parameters with those defaults.
 *
 * Who runs it (v3): the head of the UKPBJ assigns the Pejabat Pengadaan for a package worth at most Rp200 m (Rp100 m
 * consultancy; Pasal 12), a Pokja Pemilihan (odd, at least 3) above (Pasal 13); the other kind is refused with the
 * article. Both are performers of the runner's steps; the assignment decides which one acts. A Penunjukan Langsung
 * started by a failed re-tender inherits that tender's Pokja and skips the assignment. A Pokja decides the
 * qualification and the provider collegially (a majority of its members, ActionDef.collegial).
 *
 * v2 (workflows/definitions/retired/penunjukan-langsung-v2.json) had the PPK name the officer at creation, one list of
 * grounds for every category, and the performance security computed on the offer before negotiation.
 * v4: the one vocabulary (issue 16): the justification names the appointed vendor `vendorId` (and `vendorName`);
 * v3 (retired/penunjukan-langsung-v3.json) said `providerId` (`providerName`) and its running packages keep it.
 */
import type { ActionDef, Performer, ProcessDefinition, ProcessNode } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { AWARD_BY_PA_ABOVE } from '../../domain/evaluation/langsung-thresholds';
import { cancelInterrupt, closed, collegial, rupiah, voteAction } from './common';
import { officerByValueStage, reviewByRunner } from './langsung-officers';
import { dppReviewStages, preparationParams } from './preparation';
import { contractHandOffStages, HAND_OFF_STAGES, sppbjStage, TENDER_WINNER } from './stages';

const RUNNER: Performer[] = [{ role: 'pejabat_pengadaan' }, { role: 'pokja' }];
const docRef = (description: string) => ({ type: 'string', minLength: 1, maxLength: 200, description });

/** Pasal 38(5) a–h (Perpres 16/2018) and i (added by Perpres 12/2021), as the enum's documentation. */
export const GOODS_GROUNDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as const;
/** Pasal 41(5) a–d: the consultancy grounds, prefixed so they cannot be mistaken for the letters of Pasal 38(5). */
export const CONSULTANCY_GROUNDS = ['konsultansi_a', 'konsultansi_b', 'konsultansi_c', 'konsultansi_d'] as const;
const CONSULTANCY_CIRCUMSTANCES =
  'Jasa Konsultansi (Perpres 16/2018 Pasal 41 ayat 5): ' +
  'konsultansi_a = jasa konsultansi yang hanya dapat dilakukan oleh 1 pelaku usaha yang mampu; ' +
  'konsultansi_b = hanya dapat dilakukan oleh 1 pemegang hak cipta yang terdaftar atau pihak yang mendapat izinnya; ' +
  'konsultansi_c = konsultan hukum/advokat atau arbiter yang tidak direncanakan untuk menghadapi gugatan/tuntutan ' +
  'hukum kepada Pemerintah, yang harus segera dan tidak dapat ditunda; ' +
  'konsultansi_d = permintaan berulang (repeat order) kepada penyedia jasa konsultansi yang sama, paling banyak 2 kali ' +
  '(Pasal 41 ayat 6).';
const CIRCUMSTANCES =
  'Keadaan tertentu (Perpres 16/2018 Pasal 38 ayat 5): ' +
  'a = penyiapan kegiatan mendadak untuk menindaklanjuti komitmen internasional yang dihadiri Presiden/Wakil Presiden; ' +
  'b = barang/jasa bersifat rahasia untuk kepentingan negara (pertahanan, keamanan, ketertiban); ' +
  'c = pekerjaan konstruksi satu kesatuan sistem dan tanggung jawab atas risiko kegagalan bangunan yang tidak dapat ' +
  'direncanakan/diperhitungkan sebelumnya; ' +
  'd = barang/jasa yang hanya dapat disediakan oleh satu pelaku usaha yang mampu; ' +
  'e = pengadaan dan penyaluran benih unggul/pupuk kepada petani; ' +
  'f = prasarana, sarana dan utilitas umum perumahan MBR oleh pengembang yang bersangkutan; ' +
  'g = barang/jasa yang hanya dapat disediakan pemegang hak paten atau pihak yang mendapat izin darinya; ' +
  'h = barang/jasa yang setelah tender ulang mengalami kegagalan (dengan persetujuan PA/KPA, Pasal 51 ayat 10); ' +
  'i = melanjutkan pekerjaan setelah pemutusan kontrak (ditambahkan Perpres 12/2021). ' +
  CONSULTANCY_CIRCUMSTANCES;

const consultancy: Predicate = { op: 'eq', left: { path: 'package.category' }, right: { value: 'jasa_konsultansi' } };
const groundIn = (grounds: readonly string[]): Predicate => ({
  any: grounds.map((g) => ({ op: 'eq' as const, left: { path: '$payload.circumstance' }, right: { value: g } })),
});
export const CONSULTANCY_GROUNDS_RULE = 'Perpres 16/2018 Pasal 41 ayat (5)';
export const GOODS_GROUNDS_RULE = 'Perpres 16/2018 Pasal 38 ayat (5)';
export const REPEAT_ORDER_RULE = 'Perpres 16/2018 Pasal 41 ayat (6)';

/** The ground must be one of the package category's: Pasal 41(5) for consultancy, Pasal 38(5) for the others. */
const groundsByCategory: ActionDef['requires'] = [
  {
    when: { not: { all: [consultancy, groundIn(GOODS_GROUNDS)] } },
    code: 'keadaan_tertentu_tidak_sesuai',
    message:
      'Penunjukan Langsung Jasa Konsultansi hanya dalam keadaan tertentu Pasal 41 ayat (5) huruf a–d ' +
      '(konsultansi_a sampai konsultansi_d), bukan keadaan tertentu Pasal 38 ayat (5) untuk barang/pekerjaan konstruksi/jasa lainnya.',
    status: 422,
    rule: CONSULTANCY_GROUNDS_RULE,
  },
  {
    when: { not: { all: [{ not: consultancy }, groundIn(CONSULTANCY_GROUNDS)] } },
    code: 'keadaan_tertentu_tidak_sesuai',
    message:
      'Penunjukan Langsung Barang/Pekerjaan Konstruksi/Jasa Lainnya hanya dalam keadaan tertentu Pasal 38 ayat (5) ' +
      'huruf a–i; keadaan tertentu Pasal 41 ayat (5) hanya untuk Jasa Konsultansi.',
    status: 422,
    rule: GOODS_GROUNDS_RULE,
  },
  {
    when: {
      not: {
        all: [
          { op: 'eq', left: { path: '$payload.circumstance' }, right: { value: 'konsultansi_d' } },
          { op: 'gt', left: { path: '$payload.repeatOrderNumber' }, right: { value: 2 } },
        ],
      },
    },
    code: 'repeat_order_melebihi_batas',
    message: 'Permintaan berulang (repeat order) jasa konsultansi paling banyak 2 (dua) kali (Pasal 41 ayat (6)).',
    status: 422,
    rule: REPEAT_ORDER_RULE,
  },
];

/** The award stays with the Pokja/PP up to a pagu of Rp100 bn (Rp10 bn consultancy); the PA sets it above (Pasal 9, 13). */
const awardByOfficer: Predicate = {
  any: Object.entries(AWARD_BY_PA_ABOVE).map(([category, limit]) => ({
    all: [
      { op: 'eq' as const, left: { path: 'package.category' }, right: { value: category } },
      { op: 'lte' as const, left: { path: 'package.pagu' }, right: { value: limit } },
    ],
  })),
};

/**
 * Klarifikasi teknis dan negosiasi harga with the one provider, then its assessment (agreed price ≤ HPS and ≤ offer,
 * both sides agree) into `award`. Shared with Pengadaan Langsung path B (Pasal 50(6), 50(7)b).
 */
export function negotiationNodes(o: {
  runner: Performer[];
  providerPath: string;
  offerPath: string;
  contractTerms: boolean;
  due: string;
  next: string;
  failed: string;
}): ProcessNode[] {
  const record: ActionDef = {
    id: 'record_negotiation',
    name: 'Catat Hasil Klarifikasi dan Negosiasi',
    performers: o.runner,
    payload: {
      ...closed(
        {
          agreed: { type: 'boolean', description: 'Tercapai kesepakatan teknis dan harga' },
          agreedPrice: rupiah('Harga hasil negosiasi; paling tinggi HPS (Pasal 26 ayat 5)'),
          technicalNotes: { type: 'string', minLength: 1, maxLength: 8000, description: 'Hasil klarifikasi teknis' },
          minutesRef: docRef('Rujukan BA Klarifikasi dan Negosiasi'),
        },
        ['agreed', 'technicalNotes'],
      ),
      if: { properties: { agreed: { const: true } }, required: ['agreed'] },
      then: { required: ['agreedPrice'] },
    },
    effect: { kind: 'set', path: 'negotiation.record' },
  };
  const respond: ActionDef = {
    id: 'sign_negotiation',
    name: 'Tanggapi Hasil Negosiasi (Penyedia)',
    performers: [{ role: 'penyedia', actorIs: o.providerPath }],
    payload: closed({ agree: { type: 'boolean' }, note: { type: 'string', maxLength: 2000 } }, ['agree']),
    requires: [
      {
        when: { op: 'exists', operand: { path: 'negotiation.record' } },
        code: 'negotiation_not_recorded',
        message: 'Hasil klarifikasi dan negosiasi belum dicatat oleh pejabat.',
        status: 409,
      },
    ],
    effect: { kind: 'set', path: 'negotiation.provider' },
  };
  return [
    {
      id: 'negotiation',
      name: 'Klarifikasi Teknis dan Negosiasi Harga',
      type: 'userTask',
      due: o.due,
      // The minutes (BA Klarifikasi dan Negosiasi) bind both sides.
      completion: 'all',
      actions: [record, respond],
      next: 'negotiation_result',
    },
    {
      id: 'negotiation_result',
      name: 'Penilaian Hasil Negosiasi',
      type: 'serviceTask',
      service: 'assessNegotiation',
      args: { offerPath: o.offerPath, providerPath: o.providerPath, contractTerms: o.contractTerms },
      resultPath: 'award',
      next: 'negotiated',
    },
    {
      id: 'negotiated',
      name: 'Negosiasi berhasil?',
      type: 'exclusiveGateway',
      branches: [{ name: 'sepakat', when: { op: 'exists', operand: { path: 'award.winner' } }, to: o.next }],
      default: o.failed,
    },
  ];
}

/**
 * A decision of the runner: the Pejabat Pengadaan's step as it stands, and the Pokja's as a collegial decision
 * (`<id>_pokja`, a proposal a majority of the assigned members must approve through `vote_decision`). Only the kind
 * the head of the UKPBJ assigned can act.
 */
function byRunner(action: ActionDef): ActionDef[] {
  const pokja = `${action.id}_pokja`;
  return [
    { ...action, performers: [{ role: 'pejabat_pengadaan' }] },
    collegial({ ...action, id: pokja, name: `${action.name} (Pokja)`, performers: [{ role: 'pokja' }] }),
    voteAction([pokja]),
  ];
}

const awardPayload = closed({ minutesRef: docRef('Rujukan BA Hasil Penunjukan Langsung'), note: { type: 'string', maxLength: 2000 } });

export const penunjukanLangsung: ProcessDefinition = {
  id: 'penunjukan-langsung',
  version: 4,
  name: 'Penunjukan Langsung',
  method: 'penunjukan-langsung',
  description:
    'Satu penyedia yang ditunjuk dalam keadaan tertentu (Pasal 38 ayat 5; jasa konsultansi Pasal 41 ayat 5) diundang, ' +
    'dievaluasi kualifikasinya dan diajak klarifikasi teknis serta negosiasi harga (Pasal 50 ayat 6), lalu SPPBJ dan ' +
    'kontrak. Kepala UKPBJ menugaskan Pejabat Pengadaan (nilai paling banyak Rp200.000.000; jasa konsultansi ' +
    'Rp100.000.000, Pasal 12) atau Pokja Pemilihan di atasnya (Pasal 13).',
  roles: ['ppk', 'kepala_ukpbj', 'pejabat_pengadaan', 'pokja', 'pa_kpa', 'penyedia'],
  // The head of the UKPBJ assigns the Pejabat Pengadaan or the Pokja (a package started by a failed re-tender
  // inherits the tender's Pokja).
  assignments: ['ppk', 'kepala_ukpbj', 'pa_kpa'],
  params: {
    ...preparationParams,
    justificationDue: { name: 'Penetapan keadaan tertentu', unit: 'workingDays', default: 2, min: 1 },
    approvalDue: { name: 'Persetujuan PA/KPA', unit: 'workingDays', default: 3, min: 1 },
    invitationDue: { name: 'Undangan kepada penyedia', unit: 'workingDays', default: 1, min: 1 },
    // Qualification (2–3 hk) and offer (2 hk) come in one submission from the one provider; assumed 3 hk.
    submissionDays: { name: 'Pemasukan dokumen kualifikasi dan penawaran', unit: 'workingDays', default: 3, min: 1 },
    qualificationDue: { name: 'Evaluasi dan pembuktian kualifikasi', unit: 'workingDays', default: 2, min: 1 },
    negotiationDue: { name: 'Klarifikasi teknis dan negosiasi', unit: 'workingDays', default: 1, min: 1 },
    awardDue: { name: 'Penetapan penyedia', unit: 'workingDays', default: 1, min: 1 },
    sppbjDue: { name: 'Penerbitan SPPBJ', unit: 'workingDays', default: 2, min: 1 },
  },
  start: 'justification',
  nodes: [
    {
      // Table 2.7 row 0 names PPK / Pokja / PA-KPA; the PPK prepares the procurement (Pasal 11) and knows the need.
      id: 'justification',
      name: 'Penetapan Keadaan Tertentu dan Calon Penyedia',
      type: 'userTask',
      due: 'justificationDue',
      completion: 'any',
      actions: [
        {
          id: 'justify',
          name: 'Tetapkan Justifikasi Penunjukan Langsung',
          performers: [{ role: 'ppk' }],
          payload: {
            ...closed(
              {
                circumstance: { enum: [...GOODS_GROUNDS, ...CONSULTANCY_GROUNDS], description: CIRCUMSTANCES },
                vendorId: { type: 'string', minLength: 1, maxLength: 128, description: 'Id akun penyedia yang ditunjuk' },
                vendorName: { type: 'string', maxLength: 200 },
                reason: { type: 'string', minLength: 10, maxLength: 4000, description: 'Uraian justifikasi' },
                documentRef: docRef('Rujukan nota justifikasi'),
                repeatOrderNumber: {
                  type: 'integer',
                  minimum: 1,
                  maximum: 99,
                  description: 'Permintaan berulang ke berapa (konsultansi_d); paling banyak 2 (Pasal 41 ayat 6)',
                },
              },
              ['circumstance', 'vendorId', 'reason'],
            ),
            if: { properties: { circumstance: { const: 'konsultansi_d' } }, required: ['circumstance'] },
            then: { required: ['repeatOrderNumber'] },
          },
          requires: groundsByCategory,
          effect: { kind: 'set', path: 'justification' },
        },
      ],
      next: 'approval_needed',
    },
    {
      // Pasal 51(10): after a failed re-tender the switch needs the PA/KPA's approval. A package started by the
      // tender's own follow-up already has it (given in the failed tender); one created directly asks here.
      id: 'approval_needed',
      name: 'Perlu persetujuan PA/KPA?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'tender ulang gagal tanpa persetujuan',
          when: {
            all: [
              { op: 'eq', left: { path: 'justification.circumstance' }, right: { value: 'h' } },
              { op: 'ne', left: { path: 'package.followUpReason' }, right: { value: 'tender_ulang_gagal' } },
            ],
          },
          to: 'approval',
        },
      ],
      default: 'officer_needed',
    },
    {
      id: 'approval',
      name: 'Persetujuan Penunjukan Langsung oleh PA/KPA',
      type: 'userTask',
      due: 'approvalDue',
      completion: 'any',
      actions: [
        {
          id: 'approve_justification',
          name: 'Putuskan Penunjukan Langsung',
          performers: [{ role: 'pa_kpa' }],
          payload: closed({ approved: { type: 'boolean' }, note: { type: 'string', maxLength: 2000 } }, ['approved']),
          effect: { kind: 'set', path: 'approval' },
        },
      ],
      next: 'approved',
    },
    {
      id: 'approved',
      name: 'Disetujui PA/KPA?',
      type: 'exclusiveGateway',
      branches: [{ name: 'disetujui', when: { op: 'eq', left: { path: 'approval.approved' }, right: { value: true } }, to: 'officer_needed' }],
      default: 'not_approved',
    },
    {
      // The follow-up of a failed selection (re-tender failed, one firm left after prequalification) keeps that
      // selection's Pokja (activities/follow-up.ts passes the officers in effect), which reviewed the documents.
      id: 'officer_needed',
      name: 'Perlu penugasan oleh Kepala UKPBJ?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'Pokja pemilihan sebelumnya',
          when: { op: 'exists', operand: { path: 'package.previousPackageId' } },
          to: 'invitation',
        },
      ],
      default: 'officer_assignment',
    },
    officerByValueStage({ next: 'dpp_review' }),
    ...reviewByRunner(dppReviewStages({ officer: 'pejabat_pengadaan', next: 'invitation' }), RUNNER),
    {
      id: 'invitation',
      name: 'Undangan kepada Penyedia',
      type: 'userTask',
      due: 'invitationDue',
      completion: 'any',
      actions: [
        {
          id: 'send_invitation',
          name: 'Kirim Undangan dan Dokumen Kualifikasi',
          performers: RUNNER,
          payload: closed({ documentRef: docRef('Rujukan undangan dan dokumen pemilihan'), note: { type: 'string', maxLength: 2000 } }),
          effect: { kind: 'set', path: 'invitation' },
        },
      ],
      next: 'submission',
    },
    {
      id: 'submission',
      name: 'Pemasukan Dokumen Kualifikasi dan Penawaran',
      type: 'userTask',
      completion: 'any',
      // No offer from the one invited provider in time: nothing to appoint (assumed; the reference would invite
      // another capable provider, which is a new package).
      timeout: { after: 'submissionDays', to: 'failed_no_offer' },
      actions: [
        {
          id: 'submit_offer',
          name: 'Kirim Dokumen Kualifikasi dan Penawaran',
          performers: [{ role: 'penyedia', actorIs: 'justification.vendorId' }],
          payload: closed(
            {
              price: rupiah('Harga penawaran (rupiah, bilangan bulat)'),
              qualificationRef: docRef('Rujukan dokumen kualifikasi'),
              offerRef: docRef('Rujukan dokumen penawaran (administrasi, teknis, harga)'),
              durationDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Jangka waktu pelaksanaan (hari)' },
            },
            ['price', 'qualificationRef', 'offerRef'],
          ),
          effect: { kind: 'set', path: 'offer' },
        },
      ],
      next: 'qualification_evaluation',
    },
    {
      // Penunjukan Langsung uses prakualifikasi (Pasal 44(5)c), pass/fail for goods, works and other services.
      id: 'qualification_evaluation',
      name: 'Evaluasi dan Pembuktian Kualifikasi',
      type: 'userTask',
      due: 'qualificationDue',
      completion: 'any',
      actions: [
        ...byRunner({
          id: 'evaluate_qualification',
          name: 'Simpan Hasil Evaluasi Kualifikasi',
          performers: RUNNER,
          payload: closed(
            {
              passed: { type: 'boolean', description: 'Penyedia memenuhi persyaratan kualifikasi' },
              minutesRef: docRef('Rujukan BA Evaluasi dan Pembuktian Kualifikasi'),
              note: { type: 'string', maxLength: 4000 },
            },
            ['passed'],
          ),
          effect: { kind: 'set', path: 'qualification' },
        }),
      ],
      next: 'qualified',
    },
    {
      id: 'qualified',
      name: 'Lulus kualifikasi?',
      type: 'exclusiveGateway',
      branches: [{ name: 'lulus', when: { op: 'eq', left: { path: 'qualification.passed' }, right: { value: true } }, to: 'negotiation' }],
      default: 'failed_qualification',
    },
    ...negotiationNodes({
      runner: RUNNER,
      providerPath: 'justification.vendorId',
      offerPath: 'offer',
      contractTerms: true,
      due: 'negotiationDue',
      next: 'award',
      failed: 'failed_negotiation',
    }),
    {
      id: 'award',
      name: 'Penetapan Penyedia (BA Hasil Penunjukan Langsung)',
      type: 'userTask',
      due: 'awardDue',
      completion: 'any',
      actions: [
        ...byRunner({
          id: 'decide_award',
          name: 'Tetapkan Penyedia',
          performers: RUNNER,
          payload: awardPayload,
          requires: [
            {
              when: awardByOfficer,
              code: 'award_by_pa_kpa',
              message: 'Pagu di atas batas Pokja/Pejabat Pengadaan: penyedia ditetapkan oleh PA (Pasal 9 dan 13).',
              status: 403,
            },
          ],
          effect: { kind: 'set', path: 'awardDecision' },
        }),
        {
          id: 'decide_award_pa',
          name: 'Tetapkan Penyedia (PA)',
          performers: [{ role: 'pa_kpa' }],
          payload: awardPayload,
          requires: [
            {
              when: { not: awardByOfficer },
              code: 'award_by_officer',
              message: 'Pada pagu ini penyedia ditetapkan oleh Pokja/Pejabat Pengadaan (Pasal 12 dan 13).',
              status: 403,
            },
          ],
          effect: { kind: 'set', path: 'awardDecision' },
        },
      ],
      next: 'sppbj',
    },
    sppbjStage(),
    // The form (SPK / surat perjanjian, Pasal 28) and any performance security (Pasal 33) are in `award`. The
    // contract value is the negotiated price, and so is the security's basis (Pasal 33: 5% of the contract value):
    // no bidPricePath, so E-Kontrak computes it on award.winner.price, not on the offer before negotiation.
    ...contractHandOffStages(TENDER_WINNER),
    { id: 'not_approved', name: 'Penunjukan Langsung Tidak Disetujui PA/KPA', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_no_offer', name: 'Gagal: Penyedia Tidak Memasukkan Penawaran', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    // Table 2.7 rows 3 and 8 (S14): the next step is inviting another capable provider, i.e. a new package.
    { id: 'failed_qualification', name: 'Gagal: Penyedia Tidak Lulus Kualifikasi', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'failed_negotiation', name: 'Gagal: Negosiasi Tidak Mencapai Kesepakatan', type: 'endEvent', outcome: 'failed', status: 'gagal' },
    { id: 'cancelled', name: 'Penunjukan Langsung Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};
