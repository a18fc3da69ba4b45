/**
 * Scenario steps of the bidding in the three tender definitions, for the workflow tests that drive it to different
 * ends (award, sanggah, gagal): the 1-file tender up to its evaluation, the 2-file tenders' File I and File II, and
 * the prakualifikasi up to the invited vendors' bid window. Kept here so each test file states only what it proves.
 */
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';
import { settlesAt } from './hand-off-steps';
import type { ScenarioStep } from './scenario';
import { pokja, tenderInput, vendorA, vendorB } from './tender-fixture';

/** Packages of the current 2-file definitions, with tenderInput's facts (construction, HPS Rp1,45 miliar). */
export const twoFileInput = (id: string): PackageInput => tenderInput(id, { definition: getDefinition('tender-pasca-2file')! });
export const pqInput = (id: string): PackageInput => tenderInput(id, { definition: getDefinition('tender-prakualifikasi')! });

// ---- tender pascakualifikasi satu file ---------------------------------------------------------------------------

/** A 1-file evaluation in which A and B both fail the qualification. */
export const failAll = { results: [vendorA, vendorB].map((v) => ({ vendorId: v.id, administrasi: true, kualifikasi: false, teknis: true })) };

/** 1-file: `registered` register, A bids Rp1,2 miliar and B Rp1,3 miliar, the bids are opened and evaluated. */
export const oneFileEvaluated = (registered: ActorRef[], evaluation: Record<string, unknown>): ScenarioStep[] => [
  { do: 'announce', as: pokja },
  ...registered.map((v): ScenarioStep => ({ do: 'register', as: v })),
  { passDeadline: true }, // registration
  { passDeadline: true }, // clarification
  { do: 'submit_bid', as: vendorA, payload: { price: 1_200_000_000 } },
  { do: 'submit_bid', as: vendorB, payload: { price: 1_300_000_000 } },
  { passDeadline: true },
  { do: 'open_bids', as: pokja },
  { do: 'evaluate', as: pokja, payload: evaluation },
];

// ---- the 2-file tenders (pascakualifikasi dua file, prakualifikasi) -----------------------------------------------

/** [vendor, File I technical score, File II: its price, or the whole price-bid payload (unit-price lines)] */
export type TwoFileBid = [ActorRef, number, number | Record<string, unknown>];

/** Both files from each bidder, the window closes, File I is opened and scored (administrasi and kualifikasi pass). */
export const bidAndScoreFileOne = (bids: TwoFileBid[]): ScenarioStep[] => [
  ...bids.flatMap(([v, , price]): ScenarioStep[] => [
    { do: 'submit_technical_bid', as: v, payload: { documentRef: `F1-${v.id}` } },
    { do: 'submit_price_bid', as: v, payload: typeof price === 'number' ? { price } : price },
  ]),
  { passDeadline: true },
  { expectStage: 'file1_opening' },
  { do: 'open_technical_bids', as: pokja },
  {
    do: 'evaluate_technical',
    as: pokja,
    payload: { results: bids.map(([v, technicalScore]) => ({ vendorId: v.id, administrasi: true, kualifikasi: true, technicalScore })) },
  },
];

/**
 * File I's result announced, File II of its passers opened and ranked. `refuseEarlyOpening`: File II may not be
 * opened before the announcement.
 */
export const openFileTwo = ({ refuseEarlyOpening = false } = {}): ScenarioStep[] => [
  settlesAt('file1_result_announcement'),
  ...(refuseEarlyOpening ? [{ refuse: 'open_price_bids', as: pokja, status: 409, code: 'wrong_stage' } satisfies ScenarioStep] : []),
  { do: 'announce_technical_result', as: pokja },
  { do: 'open_price_bids', as: pokja },
];

/** Pascakualifikasi dua file: announcement with `settings`, registration and clarification, up to the bid window. */
export const toTwoFileBids = (settings: Record<string, unknown>, vendors: ActorRef[]): ScenarioStep[] => [
  { do: 'announce', as: pokja, payload: settings },
  ...vendors.map((v): ScenarioStep => ({ do: 'register', as: v })),
  { passDeadline: true }, // registration
  { passDeadline: true }, // clarification
  { expectStage: 'bid_submission' },
];

/** One PQ round: each vendor registers and submits, the window closes, the Pokja passes `pass` and verifies them. */
export const pqRound = (vendors: ActorRef[], pass: ActorRef[]): ScenarioStep[] => [
  ...vendors.flatMap((v): ScenarioStep[] => [
    { do: 'register', as: v },
    { do: 'submit_qualification', as: v, payload: { documentRef: `PQ-${v.id}` } },
  ]),
  { passDeadline: true },
  ...(vendors.length
    ? [{ do: 'evaluate_qualification', as: pokja, payload: { results: vendors.map((v) => ({ vendorId: v.id, passed: pass.includes(v) })) } }]
    : []),
  // Pembuktian kualifikasi of the passers before the result is set (§2.4 row 6).
  ...(pass.length ? [{ do: 'verify_pq_qualifications', as: pokja, payload: { results: pass.map((v) => ({ vendorId: v.id, terbukti: true })) } }] : []),
];

/** Prakualifikasi: every vendor passes the PQ, its result and sanggah period, the invitation, up to the bid window. */
export const pqToBidSubmission = (
  vendors: ActorRef[],
  settings: Record<string, unknown> = { evaluationMethod: 'harga_terendah_ambang_batas' },
): ScenarioStep[] => [
  { do: 'announce_prequalification', as: pokja },
  ...pqRound(vendors, vendors),
  settlesAt('pq_result_announcement'),
  { do: 'announce_prequalification_result', as: pokja },
  { expectStage: 'pq_objection_period' },
  { passDeadline: true },
  { do: 'invite_bidders', as: pokja, payload: settings },
  { passDeadline: true }, // clarification
  { expectStage: 'bid_submission' },
];
