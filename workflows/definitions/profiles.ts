/**
 * The profile of each procurement method (domain/process/method-profile.ts): what the OCDS export, the red flags, the
 * public view, the selection summary and the method rules read about a method, keyed by the method code packages
 * store. Kept out of the definitions themselves so that a profile never changes a registered definition's content
 * (tests/definition-versions.test.ts compares it whole) and so that the web console can read it without loading every
 * definition; plain data, no imports but types.
 *
 * Every registered version of a definition writes the same paths (tests/method-profiles.test.ts checks each version,
 * retired JSON included), so one profile per method serves them all. E-Kontrak definitions (CONTRACT_METHODS) have
 * none: they select nobody, publish no tender, and their red flags are read from the contracts table.
 */
import { type MethodProfile, UnknownMethodError } from '../../domain/process/method-profile';

const TENDER_WINDOW =
  'docs/regulation.md §2.2 baris 4: unggah penawaran ditutup ≥3 hari setelah penjelasan (praktik SPSE, C1 — diasumsikan; ' +
  'Perpres 16/2018 tidak menetapkan minimum); juga nilai bawaan bidSubmissionDays definisi tender (3 hari kerja)';

/** Announced by an award announcement stage (pengumuman pemenang), then the SPPBJ and the contract. */
const ANNOUNCED = ['awardAnnouncement', 'sppbj', 'contractStart'] as const;
/** Bids of a tender that fail: the evaluation of the offers (award) and, with two files, File I's evaluation. */
const AWARD_FAILED = 'award.failed';
const AWARD_WINNER = 'award.winner';

const PROFILE_TABLE = {
  tender: {
    definitionId: 'tender-pasca-1file',
    name: 'Tender',
    ocds: { procurementMethod: 'open' },
    competitive: true,
    opening: { list: 'bids', report: 'bidOpening', stage: 'bid_unsealing' },
    evaluationStages: ['evaluation'],
    failed: [AWARD_FAILED],
    winner: AWARD_WINNER,
    awardPublic: ANNOUNCED,
    bidWindow: { stageId: 'bid_submission', minWorkingDays: 3, source: TENDER_WINDOW },
  },
  'tender-2file': {
    definitionId: 'tender-pasca-2file',
    name: 'Tender (pascakualifikasi dua file)',
    ocds: { procurementMethod: 'open' },
    competitive: true,
    opening: { list: 'technicalBids', report: 'file1Opening', stage: 'file1_unsealing' },
    evaluationStages: ['file1_evaluation'],
    failed: ['file1Result.failed', AWARD_FAILED],
    winner: AWARD_WINNER,
    awardPublic: ANNOUNCED,
    bidWindow: { stageId: 'bid_submission', minWorkingDays: 3, source: TENDER_WINDOW },
  },
  'tender-prakualifikasi': {
    definitionId: 'tender-prakualifikasi',
    name: 'Tender (prakualifikasi)',
    ocds: { procurementMethod: 'selective', why: 'only providers that passed the prequalification may bid' },
    competitive: true,
    opening: { list: 'technicalBids', report: 'file1Opening', stage: 'file1_unsealing' },
    evaluationStages: ['file1_evaluation'],
    failed: ['file1Result.failed', AWARD_FAILED],
    winner: AWARD_WINNER,
    awardPublic: ANNOUNCED,
    bidWindow: { stageId: 'bid_submission', minWorkingDays: 3, source: TENDER_WINDOW },
  },
  seleksi: {
    definitionId: 'seleksi',
    name: 'Seleksi',
    ocds: { procurementMethod: 'selective', why: 'only the shortlist of the prequalification may submit proposals' },
    competitive: true,
    opening: { list: 'technicalProposals', report: 'technicalOpeningReport', stage: 'technical_unsealing' },
    evaluationStages: ['technical_evaluation'],
    failed: ['technicalResult.failed', AWARD_FAILED],
    winner: AWARD_WINNER,
    awardPublic: ANNOUNCED,
    bidWindow: {
      stageId: 'proposal_submission',
      minWorkingDays: 3,
      source: `${TENDER_WINDOW}; untuk seleksi disamakan dengan tender (diasumsikan)`,
    },
  },
  'tender-cepat': {
    definitionId: 'tender-cepat',
    name: 'Tender Cepat',
    ocds: { procurementMethod: 'selective', why: 'only providers already qualified in SIKaP may bid' },
    competitive: true,
    opening: { list: 'bids', report: 'bidOpening', stage: 'bid_unsealing' },
    evaluationStages: [],
    failed: [AWARD_FAILED],
    winner: AWARD_WINNER,
    // No announcement stage: the winner is announced with the decision itself.
    awardPublic: ['awardDecision', 'sppbj', 'contractStart'],
    bidWindow: {
      stageId: 'bid_submission',
      minWorkingDays: 1,
      source: 'docs/regulation.md §2.6 baris 4: penyampaian penawaran harga tender cepat 1–2 hari (diasumsikan)',
    },
  },
  'penunjukan-langsung': {
    definitionId: 'penunjukan-langsung',
    name: 'Penunjukan Langsung',
    ocds: { procurementMethod: 'direct' },
    competitive: false,
    evaluationStages: ['qualification_evaluation'],
    failed: [AWARD_FAILED],
    winner: AWARD_WINNER,
    // The decision is not announced as a tender's is: public with the SPPBJ.
    awardPublic: ['sppbj', 'contractStart'],
  },
  'pengadaan-langsung-a': {
    definitionId: 'pengadaan-langsung-a',
    name: 'Pengadaan Langsung (pembelian langsung)',
    ocds: { procurementMethod: 'direct' },
    competitive: false,
    // A purchase with a receipt: no bids, no winner, nothing announced.
    evaluationStages: [],
    failed: [],
    awardPublic: [],
  },
  'pengadaan-langsung-b': {
    definitionId: 'pengadaan-langsung-b',
    name: 'Pengadaan Langsung (permintaan penawaran, SPK)',
    ocds: { procurementMethod: 'direct' },
    competitive: false,
    evaluationStages: ['evaluation'],
    failed: [AWARD_FAILED],
    winner: AWARD_WINNER,
    awardPublic: ['contractStart'],
  },
  'e-purchasing': {
    definitionId: 'e-purchasing',
    name: 'E-purchasing',
    ocds: { procurementMethod: 'direct', withMiniCompetition: 'limited', why: 'an order; with a mini competition among catalogue providers' },
    competitive: true,
    opening: { list: 'quotes', report: 'quoteOpening', stage: 'quote_unsealing' },
    evaluationStages: [],
    failed: ['competition.failed'],
    winner: 'competition.winner',
    awardPublic: ['order', 'contractStart'],
  },
  swakelola: {
    definitionId: 'swakelola',
    name: 'Swakelola',
    ocds: { procurementMethod: 'direct' },
    competitive: false,
    evaluationStages: [],
    failed: [],
    awardPublic: ['contractStart'],
  },
} as const satisfies Record<string, MethodProfile>;

/** The methods a package can be created with: a method without a profile is not one (a compile error where typed). */
export type MethodCode = keyof typeof PROFILE_TABLE;

export const PROFILES: Readonly<Record<MethodCode, MethodProfile>> = PROFILE_TABLE;

export const METHOD_CODES = Object.keys(PROFILES) as MethodCode[];

/** Method codes of the E-Kontrak definitions (workflows/definitions/contract): no procurement profile, see above. */
export const CONTRACT_METHODS = ['kontrak', 'surat_pesanan', 'pelaksanaan_swakelola'] as const;

export const isMethodCode = (method: string): method is MethodCode => Object.prototype.hasOwnProperty.call(PROFILES, method);
export const isContractMethod = (method: string): boolean => (CONTRACT_METHODS as readonly string[]).includes(method);

/** The profile of a procurement method; an unknown method (or a contract's) is an error, never a default. */
export function profileOf(method: string): MethodProfile {
  if (!isMethodCode(method)) throw new UnknownMethodError(method);
  return PROFILES[method];
}
