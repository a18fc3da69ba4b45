/**
 * Aanwijzing, adendum, sanggah and sanggah banding on the time-skipping server (docs/regulation.md §2.2 rows 3 and 10–13,
 * §3.1–3.2), with the real interpreter workflow, activities and read model:
 * - Q&A during the clarification: a registered vendor's question is answered, an unregistered vendor is refused;
 * - an addendum extends the bid deadline by working days (a bid after the original deadline is accepted, one after
 *   the extended deadline is not) and notifies every registered vendor in the app and by (outbox) email;
 * - a sanggah only from a bidder of the package and only inside the masa sanggah, refused otherwise with the rule
 *   named; the Pokja's answer: none upheld → SPPBJ, upheld → evaluasi ulang / penawaran ulang / tender ulang by cause;
 * - construction's sanggah banding: a guarantee of at least 1% of HPS, the PA/KPA's answer awaited, rejected → SPPBJ
 *   with the guarantee forfeited, upheld → the failure branch; goods have no appeal stage;
 * - the same stages in tender pascakualifikasi dua file, tender prakualifikasi and seleksi (consultancy: no appeal).
 */
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { createDb } from '../db/connection';
import { addWorkingDays, DEFAULT_CALENDAR, deadlineFor } from '../domain/calendar/working-time';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { OBJECTION_RULES } from '../domain/selection/objections';
import { getDefinition } from '../workflows/definitions';
import { reachVerified, stopFollowUp, stopHere } from './support/hand-off-steps';
import { answerAll, answerAppeal, appeal, GUARANTEE, objection, refuseNamingRule } from './support/objection-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { proposals, seleksiInput, technical, toTechnicalEvaluation } from './support/seleksi-cepat-steps';
import { testServices } from './support/services';
import { evaluationAllPass, paKpa, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { bidAndScoreFileOne, oneFileEvaluated, openFileTwo, pqInput, pqToBidSubmission, toTwoFileBids, twoFileInput } from './support/tender-steps';

const DAY = 24 * 3_600_000;
const email = (v: ActorRef) => `${v.id}@sanggah.example.id`;

// The vendors have accounts with an email address, so an addendum reaches them in the outbox as well.
before(async () => {
  const db = createDb(testServices().databaseUrl);
  try {
    await db('organisations').insert({ id: 'org-sanggah-test', name: 'Penyedia Uji', kind: 'penyedia' }).onConflict('id').merge();
    await db('users')
      .insert([vendorA, vendorB, vendorC].map((v) => ({ id: v.id, name: v.name, roles: ['penyedia'], org_id: 'org-sanggah-test', email: email(v) })))
      .onConflict('id')
      .merge(['email']);
  } finally {
    await db.destroy();
  }
});

const goods = (id: string): PackageInput => {
  const input = tenderInput(id);
  return { ...input, facts: { ...input.facts, title: 'Pengadaan Alat Laboratorium', category: 'barang' } };
};
// ---- steps shared by the scenarios ------------------------------------------------------------------------------

/** The award and its announcement: the masa sanggah is open. */
const announceAward: ScenarioStep[] = [
  reachVerified('award_decision'),
  { do: 'decide_award', as: pokja },
  { do: 'announce_award', as: pokja },
  { expectStage: 'objection_period' },
];

/** Tender pasca 1 file: A and B bid (A is cheaper and wins), C only registered. */
const tenderToObjectionPeriod: ScenarioStep[] = [...oneFileEvaluated([vendorA, vendorB, vendorC], evaluationAllPass(vendorA, vendorB)), ...announceAward];

/** B objects, the masa sanggah closes, the Pokja answers. */
const objectAndAnswer = (cause: string, upheld: boolean): ScenarioStep[] => [
  { do: 'file_objection', as: vendorB, payload: objection(cause) },
  { passDeadline: true },
  { expectStage: 'objection_answer' },
  { do: 'answer_objections', as: pokja, payload: answerAll([upheld]) },
];

/** Construction: B's rejected sanggah, B's sanggah banding with 1% of HPS, the appeal period closes. */
const appealAfterRejection = (cause: string): ScenarioStep[] => [
  ...objectAndAnswer(cause, false),
  { expectStage: 'appeal_period' },
  { do: 'file_appeal', as: vendorB, payload: appeal(GUARANTEE) },
  { passDeadline: true },
  { expectStage: 'appeal_answer' },
];

const followUpIs = (method: string, reason: string): ScenarioStep => ({
  check: (v) => {
    const f = v.data.followUp as { method: string; reason: string };
    assert.deepEqual([f.method, f.reason], [method, reason]);
  },
});

/** Tender pasca 2 file / prakualifikasi from the bid window: both files from A and B, File I passed, File II opened. */
const twoFileBidding: ScenarioStep[] = [
  ...bidAndScoreFileOne([
    [vendorA, 85, 1_250_000_000],
    [vendorB, 85, 1_300_000_000],
  ]),
  ...openFileTwo(),
  ...announceAward,
];
const twoFileToObjectionPeriod: ScenarioStep[] = [...toTwoFileBids({ evaluationMethod: 'harga_terendah_ambang_batas' }, [vendorA, vendorB]), ...twoFileBidding];
const pqToObjectionPeriod: ScenarioStep[] = [...pqToBidSubmission([vendorA, vendorB, vendorC]), ...twoFileBidding];

/** Seleksi: A, B, C shortlisted; A and B propose and pass File I; A wins on quality and cost. */
const OFFERS: [ActorRef, number][] = [
  [vendorA, 1_700_000_000],
  [vendorB, 1_800_000_000],
];
const technicalScores = technical([
  [vendorA, 85],
  [vendorB, 80],
]);
const seleksiToObjectionPeriod: ScenarioStep[] = [
  ...toTechnicalEvaluation(OFFERS, [
    [vendorA, 80],
    [vendorB, 80],
    [vendorC, 80],
  ]),
  technicalScores,
  { expectStage: 'price_opening' },
  { do: 'open_prices', as: pokja },
  ...announceAward,
];

// ---- the addendum: the deadline it moves and the notice it sends -------------------------------------------------

let originalDeadline = 0;
const EXTENSION = 15; // working days: at least 21 calendar days, so a 14-day wait falls between the two deadlines

runScenarios('aanwijzing and adendum dokumen pemilihan', [
  {
    name: 'Q&A for registered vendors; an addendum extends the bid deadline and notifies every registered vendor',
    input: tenderInput('pkt-objaddendum01'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'register', as: vendorB },
      { passDeadline: true },
      { expectStage: 'clarification' },
      { refuse: 'ask_question', as: vendorC, payload: { question: 'Apakah boleh menawar tanpa mendaftar?' }, status: 403, code: 'not_registered' },
      { do: 'ask_question', as: vendorA, payload: { question: 'Apakah pekerjaan boleh disubkontrakkan?' } },
      { do: 'answer_question', as: pokja, payload: { questionId: 'questions-1', answer: 'Tidak, kecuali pekerjaan spesialis.' } },
      {
        check: (v) => {
          const q = (v.data.questions as { by: string; answer: string; answeredBy: string }[])[0]!;
          assert.deepEqual([q.by, q.answer, q.answeredBy], [vendorA.id, 'Tidak, kecuali pekerjaan spesialis.', pokja.id]);
        },
      },
      { passDeadline: true },
      { expectStage: 'bid_submission' },
      {
        check: (v) => {
          originalDeadline = deadlineFor(v.stage.enteredAt, { amount: 3, unit: 'workingDays' }, DEFAULT_CALENDAR);
          assert.equal(v.stage.closesAt, originalDeadline);
        },
      },
      { refuse: 'publish_addendum', as: vendorA, payload: { number: 'ADD-01', summary: 'Perubahan spesifikasi.', extensionDays: 1 }, status: 403 },
      { do: 'publish_addendum', as: pokja, payload: { number: 'ADD-01', summary: 'Perubahan volume pekerjaan galian pada BoQ.', extensionDays: EXTENSION } },
      {
        check: async (v, { db }) => {
          assert.equal(v.stage.id, 'bid_submission');
          assert.equal(v.stage.closesAt, addWorkingDays(originalDeadline, EXTENSION, DEFAULT_CALENDAR));
          assert.deepEqual(
            (v.data.documentAddenda as { number: string }[]).map((a) => a.number),
            ['ADD-01'],
          );
          const notes = await db('notifications').where({ package_id: v.packageId, kind: 'addendum' }).orderBy('user_id');
          assert.deepEqual(
            notes.map((n) => n.user_id),
            [vendorA.id, vendorB.id],
            'every registered vendor, nobody else',
          );
          assert.equal(notes[0]!.title, 'Adendum Dokumen Pemilihan ADD-01');
          assert.match(notes[0]!.body, /diperpanjang 15 hari kerja/);
          assert.equal(notes[0]!.due_at!.getTime(), v.stage.closesAt);
          // The outbox rows of that notice (reminders of the earlier windows went to the same vendors).
          const mails = await db('notification_outbox')
            .where({ package_id: v.packageId, channel: 'email' })
            .whereLike('id', `${v.packageId}:${notes[0]!.seq}:%`)
            .orderBy('recipient');
          assert.deepEqual(
            mails.map((m) => m.recipient),
            [email(vendorA), email(vendorB)],
          );
          assert.equal(mails[0]!.subject, 'Adendum Dokumen Pemilihan ADD-01');
        },
      },
      { sleep: 14 * DAY },
      { do: 'submit_bid', as: vendorA, payload: { price: 1_200_000_000 } },
      {
        check: (v) => {
          const bid = (v.data.bids as { by: string; at: number }[]).find((b) => b.by === vendorA.id)!;
          assert.ok(bid.at > originalDeadline, 'the bid came after the original deadline');
          assert.ok(bid.at < v.stage.closesAt!, 'and before the extended one');
        },
      },
      { passDeadline: true },
      { refuse: 'submit_bid', as: vendorB, payload: { price: 1_100_000_000 }, status: 409 },
      { expectStage: 'bid_opening' },
      stopHere,
    ],
  },
]);

// ---- sanggah and sanggah banding in the default tender -----------------------------------------------------------

runScenarios('sanggah and sanggah banding: tender pascakualifikasi satu file', [
  {
    name: 'goods: a non-bidder and a late sanggah are refused naming the rule; rejected → SPPBJ, no sanggah banding',
    input: goods('pkt-objgoodsreject'),
    steps: [
      ...tenderToObjectionPeriod,
      refuseNamingRule('file_objection', vendorC, objection('kkn'), 403, 'not_a_bidder', OBJECTION_RULES.bidderOnly),
      { refuse: 'file_objection', as: pokja, payload: objection('kkn'), status: 403, code: 'forbidden_role' },
      { refuse: 'answer_objections', as: pokja, payload: answerAll([false]), status: 409, code: 'wrong_stage' },
      { do: 'file_objection', as: vendorB, payload: objection('evaluation_error') },
      { refuse: 'file_objection', as: vendorB, payload: objection('other'), status: 409, code: 'already_done' },
      { passDeadline: true },
      { expectStage: 'objection_answer' },
      refuseNamingRule('file_objection', vendorA, objection('kkn'), 409, 'wrong_stage', OBJECTION_RULES.period),
      { refuse: 'answer_objections', as: pokja, payload: answerAll([false, false]), status: 422, code: 'answers_incomplete' },
      { refuse: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/OBJ/1' }, status: 409, code: 'wrong_stage' },
      { do: 'answer_objections', as: pokja, payload: answerAll([false]) },
      { expectStage: 'sppbj' },
      refuseNamingRule('file_appeal', vendorB, appeal(GUARANTEE), 409, 'wrong_stage', OBJECTION_RULES.appealPeriod),
      {
        check: (v) => {
          const o = (v.data.objections as { by: string; cause: string; upheld: boolean; answeredBy: string }[])[0]!;
          assert.deepEqual([o.by, o.cause, o.upheld, o.answeredBy], [vendorB.id, 'evaluation_error', false, pokja.id]);
          assert.equal((v.data.objectionResult as { upheld: boolean }).upheld, false);
        },
      },
      stopHere,
    ],
  },
  {
    name: 'upheld evaluation_error → evaluasi ulang, and a new masa sanggah after the new award',
    input: tenderInput('pkt-objevalulang1'),
    steps: [
      ...tenderToObjectionPeriod,
      ...objectAndAnswer('evaluation_error', true),
      { expectStage: 'evaluation' },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorB) },
      ...announceAward,
      {
        check: (v) => {
          assert.equal((v.data.award as { winner: { vendorId: string } }).winner.vendorId, vendorB.id);
          assert.equal(v.data.objections, undefined, 'the new masa sanggah starts without the earlier objections');
          assert.deepEqual(
            (v.data.objectionHistory as { upheld: boolean }[]).map((o) => o.upheld),
            [true],
          );
        },
      },
      stopHere,
    ],
  },
  {
    name: 'upheld document_error → penyampaian penawaran ulang without the earlier bids',
    input: tenderInput('pkt-objpenawaran1'),
    steps: [
      ...tenderToObjectionPeriod,
      ...objectAndAnswer('document_error', true),
      { expectStage: 'bid_resubmission' },
      { check: (v) => assert.equal(v.data.bids, undefined) },
      stopHere,
    ],
  },
  {
    name: 'upheld kkn → tender ulang as a linked package, this one gagal',
    input: tenderInput('pkt-objtenderulg1'),
    steps: [...tenderToObjectionPeriod, ...objectAndAnswer('kkn', true), reachVerified('failed_retender'), followUpIs('tender', 'tender_ulang'), stopFollowUp],
    endStatus: 'gagal',
  },
  {
    name: 'construction: sanggah banding needs 1% of HPS and an objector; the PA/KPA rejects it → SPPBJ, guarantee forfeited',
    input: tenderInput('pkt-objbandingtlk'),
    steps: [
      ...tenderToObjectionPeriod,
      ...objectAndAnswer('document_error', false),
      { expectStage: 'appeal_period' },
      refuseNamingRule('file_appeal', vendorB, appeal(GUARANTEE - 1), 422, 'appeal_guarantee_insufficient', OBJECTION_RULES.appealGuarantee),
      refuseNamingRule('file_appeal', vendorA, appeal(GUARANTEE), 403, 'not_an_objector', OBJECTION_RULES.appealObjectorOnly),
      { do: 'file_appeal', as: vendorB, payload: appeal(GUARANTEE) },
      { passDeadline: true },
      { expectStage: 'appeal_answer' },
      // The package waits for the PA/KPA: no SPPBJ before the answer.
      { refuse: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/OBJ/2' }, status: 409, code: 'wrong_stage' },
      { refuse: 'answer_appeals', as: pokja, payload: answerAppeal(false), status: 403 },
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(false) },
      { expectStage: 'sppbj' },
      {
        check: (v) => {
          const a = (v.data.appeals as { by: string; upheld: boolean; guaranteeStatus: string; guarantee: { amount: number } }[])[0]!;
          assert.deepEqual([a.by, a.upheld, a.guaranteeStatus, a.guarantee.amount], [vendorB.id, false, 'dicairkan', GUARANTEE]);
        },
      },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/OBJ/2' } },
      { expectStage: 'contract_execution' },
    ],
  },
  {
    name: 'construction: the PA/KPA upholds the sanggah banding → penawaran ulang, guarantee returned',
    input: tenderInput('pkt-objbandingtrm'),
    steps: [
      ...tenderToObjectionPeriod,
      ...appealAfterRejection('document_error'),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(true) },
      { expectStage: 'bid_resubmission' },
      { check: (v) => assert.equal((v.data.appeals as { guaranteeStatus: string }[])[0]!.guaranteeStatus, 'dikembalikan') },
      stopHere,
    ],
  },
]);

// ---- the same stages in the other definitions with a masa sanggah ------------------------------------------------

runScenarios('sanggah and sanggah banding: dua file, prakualifikasi, seleksi', [
  {
    name: 'dua file: upheld kkn → tender ulang (a linked 2-file package)',
    input: twoFileInput('pkt-obj2ftenderul'),
    steps: [
      ...twoFileToObjectionPeriod,
      ...objectAndAnswer('kkn', true),
      reachVerified('failed_retender'),
      followUpIs('tender-2file', 'tender_ulang'),
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'dua file: sanggah banding upheld → penawaran ulang; the new bids go to the File I opening',
    input: twoFileInput('pkt-obj2fbanding1'),
    steps: [
      ...twoFileToObjectionPeriod,
      ...appealAfterRejection('document_error'),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(true) },
      { expectStage: 'bid_resubmission' },
      { check: (v) => assert.equal(v.data.technicalBids, undefined) },
      { do: 'submit_technical_bid', as: vendorB, payload: { documentRef: 'F1-ulang' } },
      { do: 'submit_price_bid', as: vendorB, payload: { price: 1_240_000_000 } },
      { passDeadline: true },
      { expectStage: 'file1_opening' },
      stopHere,
    ],
  },
  {
    name: 'prakualifikasi: sanggah banding upheld on kkn → tender ulang (a linked prakualifikasi package)',
    input: pqInput('pkt-objpqbanding1'),
    steps: [
      ...pqToObjectionPeriod,
      ...appealAfterRejection('kkn'),
      { do: 'answer_appeals', as: paKpa, payload: answerAppeal(true) },
      reachVerified('failed_retender'),
      followUpIs('tender-prakualifikasi', 'tender_ulang'),
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
  {
    name: 'prakualifikasi: upheld document_error → penawaran ulang by the invited vendors',
    input: pqInput('pkt-objpqpenawar1'),
    steps: [
      ...pqToObjectionPeriod,
      ...objectAndAnswer('document_error', true),
      { expectStage: 'bid_resubmission' },
      { do: 'submit_technical_bid', as: vendorC, payload: { documentRef: 'F1-ulang' } },
      { do: 'submit_price_bid', as: vendorC, payload: { price: 1_230_000_000 } },
      { passDeadline: true },
      { expectStage: 'file1_opening' },
      stopHere,
    ],
  },
  {
    name: 'seleksi: upheld evaluation_error → evaluasi ulang of File I; consultancy has no sanggah banding',
    input: seleksiInput('pkt-objselevalul1'),
    steps: [
      ...seleksiToObjectionPeriod,
      refuseNamingRule('file_objection', vendorC, objection('kkn'), 403, 'not_a_bidder', OBJECTION_RULES.bidderOnly),
      ...objectAndAnswer('evaluation_error', true),
      { expectStage: 'technical_evaluation' },
      technicalScores,
      { expectStage: 'price_opening' },
      { check: () => assert.ok(!getDefinition('seleksi')!.nodes.some((n) => n.id === 'appeal_period'), 'no appeal stage in seleksi') },
      stopHere,
    ],
  },
  {
    name: 'seleksi: a rejected sanggah → klarifikasi dan negosiasi',
    input: seleksiInput('pkt-objselreject1'),
    steps: [...seleksiToObjectionPeriod, ...objectAndAnswer('other', false), { expectStage: 'negotiation' }, stopHere],
  },
  {
    name: 'seleksi: upheld document_error → penawaran ulang by the shortlisted firms',
    input: seleksiInput('pkt-objselpenawr1'),
    steps: [
      ...seleksiToObjectionPeriod,
      ...objectAndAnswer('document_error', true),
      { expectStage: 'proposal_resubmission' },
      { check: (v) => assert.equal(v.data.technicalProposals, undefined) },
      ...proposals(OFFERS),
      { passDeadline: true },
      { expectStage: 'technical_opening' },
      stopHere,
    ],
  },
  {
    name: 'seleksi: upheld kkn → seleksi ulang (a linked seleksi package)',
    input: seleksiInput('pkt-objselulang01'),
    steps: [
      ...seleksiToObjectionPeriod,
      ...objectAndAnswer('kkn', true),
      reachVerified('failed_retender'),
      followUpIs('seleksi', 'tender_ulang'),
      stopFollowUp,
    ],
    endStatus: 'gagal',
  },
]);
