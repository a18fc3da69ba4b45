/**
 * Records workflow histories for the replay test (tests/replay.test.ts): runs whole tenders against a Temporal server
 * with an in-process worker, then writes each finished workflow's history, in the JSON norm of
 * `temporal workflow show --output json`, to tests/fixtures/histories/.
 *
 *   npx tsx bin/record-history.ts [fixture …]      (or: npm run record-history)
 *
 * With fixture names, records only those (a contract recorded through its tender writes the tender's fixture too):
 * `npx tsx bin/record-history.ts contract-critical-handling` adds the kontrak v2 history without re-recording the
 * others. Before re-recording everything after a definition change, copy the fixtures whose versions stay registered
 * to `pre-<change>-….json` (e.g. pre-kritis-contract-construction-selesai.json keeps a kontrak v1 history).
 *
 * Uses the services in TEST_TEMPORAL_ADDRESS / TEST_DATABASE_URL when both are set (as inside bin/test.ts); otherwise
 * starts its own Temporal dev server and embedded PostgreSQL in a temp dir and removes them afterwards.
 *
 * Re-record after any intended change to workflow code that old histories can no longer replay against — and only
 * then: a fixture that stops replaying after an unintended change is exactly what the replay test is for.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateLatest } from '../db/connection';
import type { Knex } from 'knex';
import type { History } from '@temporalio/common/lib/proto-utils';
import { calendarRefFor } from '../runtime/calendar-ref-for';
import type { PackageInput, PackageStart } from '../domain/process/state';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';
import { createLogger } from '../runtime/logger';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer } from '../runtime/services/temporal-dev-server';
import { createWorker, installRuntimeLogger } from '../runtime/worker';
import { historyToJson } from '../tests/support/history-json';
import { prepareHandle } from '../tests/support/preparation';
import { bid, refusedStep, step, waitForStage, type PackageHandle } from '../tests/support/tender-driver';
import { evaluationAllPass, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from '../tests/support/tender-fixture';
import { packageProcess, packageState } from '../workflows/package-process';
import { contractIdOf } from '../tests/support/contract-signing';
import { contractInput, evidence, JUTA } from '../tests/support/contract-fixture';

const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'histories');
/** A day lasts about 1.7 s: the whole main path takes well under a minute. */
const TIME_SCALE = 0.00002;

const logger = createLogger('record-history', process.env.LOG_LEVEL ?? 'info');

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

interface Services {
  temporalAddress: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function services(): Promise<Services> {
  const temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (temporalAddress && databaseUrl) {
    logger.info({ temporalAddress }, 'using the test services from the environment');
    return { temporalAddress, databaseUrl, stop: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-record-'));
  logger.info({ dir }, 'starting a Temporal dev server and an embedded PostgreSQL');
  const quiet = createLogger('record-history-services', 'warn');
  const temporal = await startTemporalDevServer({ dataDir: path.join(dir, 'temporal'), port: await freePort(), headless: true, logger: quiet });
  try {
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), logger: quiet });
    try {
      const db = createDb(pg.url);
      try {
        await migrateLatest(db);
      } finally {
        await db.destroy();
      }
    } catch (e) {
      await pg.stop();
      throw e;
    }
    return {
      temporalAddress: temporal.address,
      databaseUrl: pg.url,
      stop: async () => {
        await pg.stop();
        await temporal.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await temporal.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Main path: the UKPBJ head assigns the Pokja, Reviu DPP, announcement → registration → questions → bids → opening →
 * evaluation → award → sanggah → contract. Every collegial Pokja step is agreed by a second member (`step`).
 */
async function contractSigned(handle: PackageHandle, input: PackageInput): Promise<void> {
  const log = logger.child({ workflowId: handle.workflowId });
  await prepareHandle(handle, input);
  log.info('Pokja assigned by the head of the UKPBJ; Reviu DPP recorded and co-signed');
  await step(handle, 'announce', pokja, { note: 'Pengumuman tender pascakualifikasi.' });
  for (const v of [vendorA, vendorB, vendorC]) await step(handle, 'register', v);
  const twice = await refusedStep(handle, 'register', vendorA);
  assert.equal(twice.code, 'already_done');
  log.info('announced; three vendors registered (a second registration refused)');

  await waitForStage(handle, 'clarification');
  await step(handle, 'ask_question', vendorA, { question: 'Apakah boleh subkontrak?' });
  await step(handle, 'answer_question', pokja, { questionId: 'questions-1', answer: 'Tidak.' });
  log.info('clarification: a question asked and answered');

  await waitForStage(handle, 'bid_submission');
  await bid(db, handle, input, vendorA, { price: 1_400_000_000, durationDays: 120 });
  await bid(db, handle, input, vendorB, { price: 1_300_000_000 });
  await bid(db, handle, input, vendorC, { price: 1_500_000_000 }); // above HPS
  await bid(db, handle, input, vendorA, { price: 1_250_000_000, durationDays: 110 }); // replaces A's first bid
  log.info('four bids submitted (one a re-submission)');

  await waitForStage(handle, 'bid_opening');
  await step(handle, 'open_bids', pokja);
  await step(handle, 'evaluate', pokja, evaluationAllPass(vendorA, vendorB, vendorC));
  await step(handle, 'verify_qualification', pokja, { vendorId: vendorA.id, passed: true });
  const award = await waitForStage(handle, 'award_decision');
  assert.deepEqual((award.data.award as { winner?: unknown }).winner, { vendorId: vendorA.id, price: 1_250_000_000 });
  log.info('bids opened and evaluated; ranking chose vendor-a');

  await step(handle, 'decide_award', pokja);
  await step(handle, 'announce_award', pokja);
  await waitForStage(handle, 'sppbj');
  log.info('award decided and announced; objection period over');

  await step(handle, 'issue_sppbj', ppk, { number: 'SPPBJ/001/2026' });
  // The contract is the E-Kontrak child: drafted, secured, signed on its document hash by both parties.
  const contract = contractHandle(handle, contractIdOf(await handle.query(packageState)));
  // Kontrak v3: a construction contract's maintenance period is at least 90 days for semi-permanent works.
  let c = await step(contract, 'draft_contract', ppk, {
    number: 'K-001/2026',
    durationDays: 120,
    plannedProgress: [40, 100],
    maintenanceDays: 90,
    semiPermanent: true,
  });
  c = await step(contract, 'submit_performance_security', vendorA, {
    guaranteeNumber: 'JP-001',
    issuer: 'Bank BJB',
    amount: (c.data.terms as { performanceSecurity: { amount: number } }).performanceSecurity.amount,
    validUntil: '2027-12-31',
  });
  const documentHash = (c.data.documents as { kontrak: { sha256: string } }).kontrak.sha256;
  const notParty = await refusedStep(contract, 'sign_contract_penyedia', vendorB, { documentHash });
  assert.equal(notParty.code, 'not_party');
  await step(contract, 'sign_contract_penyedia', vendorA, { documentHash });
  await step(contract, 'sign_contract_ppk', ppk, { documentHash });
  const result = await handle.result();
  assert.equal(result.status, 'contract_signed');
  log.info({ result }, 'contract signed in E-Kontrak (a signature by the wrong vendor refused)');
  lastContract = contract;
}

let lastContract: PackageHandle | undefined;
const contractHandle = (parent: PackageHandle, id: string): PackageHandle => parent.client.getHandle<typeof packageProcess>(`paket-${id}`);

/**
 * The construction contract the tender signed, from its SPMK to selesai: advance, two progress reports (one
 * returned), a term payment, an addendum, handover, PHO, final payment, maintenance, FHO, retention release, rating.
 */
async function contractSelesai(contract: PackageHandle): Promise<void> {
  const log = logger.child({ workflowId: contract.workflowId });
  await step(contract, 'issue_spmk', ppk, { number: 'SPMK/001/2026', startDate: '2026-12-01' });
  await step(contract, 'pay_advance', ppk, { amount: 125_000_000, guaranteeNumber: 'JUM-1', guaranteeAmount: 125_000_000 });
  const evidence = [{ name: 'foto.jpg', sha256: 'b'.repeat(64) }];
  await step(contract, 'submit_progress_report', vendorA, { period: 1, physicalPercent: 40, evidence });
  await step(contract, 'review_progress_report', ppk, { reportId: 'laporan-1', decision: 'kembalikan', note: 'Foto kurang' });
  await step(contract, 'submit_progress_report', vendorA, { period: 1, physicalPercent: 40, evidence });
  await step(contract, 'review_progress_report', ppk, { reportId: 'laporan-2', decision: 'terima' });
  await step(contract, 'pay_term', ppk, { grossAmount: 500_000_000 });
  await step(contract, 'sign_addendum', ppk, { number: 'ADD-1', valueChange: 25_000_000, extensionDays: 7, reason: 'Tambah volume galian' });
  await step(contract, 'submit_progress_report', vendorA, { period: 2, physicalPercent: 100, evidence });
  await step(contract, 'review_progress_report', ppk, { reportId: 'laporan-3', decision: 'terima' });
  await step(contract, 'request_handover', vendorA);
  await step(contract, 'accept_handover', ppk, { bastNumber: 'BAST-PHO/001' });
  await step(contract, 'pay_final', ppk);
  log.info('executed, handed over (PHO) and paid; maintenance period running');
  await waitForStage(contract, 'fho', 300_000); // 90 days of maintenance last about 2.6 minutes
  await step(contract, 'accept_fho', ppk, { bastNumber: 'BAST-FHO/001' });
  await waitForStage(contract, 'retention_release');
  await step(contract, 'release_retention', ppk);
  await step(contract, 'rate_provider', ppk, { quality: 4, cost: 4, time: 3, service: 4 });
  const result = await contract.result();
  assert.equal(result.status, 'selesai');
  log.info({ result }, 'contract selesai');
}

/**
 * Kontrak v2 with a kontrak kritis (started directly, as prepareContract would): signed, SPMK, a report 15% behind
 * plan, SCM I–III each with its minutes and a failed one-day test, Surat Peringatan I–III, termination on that ground.
 */
async function contractCritical(contract: PackageHandle): Promise<void> {
  const log = logger.child({ workflowId: contract.workflowId });
  let c = await step(contract, 'draft_contract', ppk, {
    number: 'K-KRITIS/2027',
    durationDays: 300,
    plannedProgress: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  });
  const documentHash = (c.data.documents as { kontrak: { sha256: string } }).kontrak.sha256;
  await step(contract, 'sign_contract_ppk', ppk, { documentHash });
  await step(contract, 'sign_contract_penyedia', vendorA, { documentHash });
  await step(contract, 'issue_spmk', ppk, { number: 'SPMK/KRITIS', startDate: '2027-03-01' });
  await step(contract, 'submit_progress_report', vendorA, { period: 2, physicalPercent: 5, evidence });
  c = await step(contract, 'review_progress_report', ppk, { reportId: 'laporan-1', decision: 'terima' });
  assert.equal((c.data.criticalHandling as { awaiting?: string }).awaiting, 'scm');
  const early = await refusedStep(contract, 'terminate_contract', ppk, { reason: 'Kontrak kritis belum diuji', grounds: 'kontrak_kritis' });
  assert.equal(early.code, 'critical_handling_incomplete');
  for (const level of [1, 2, 3]) {
    c = await step(contract, 'hold_show_cause_meeting', ppk, {
      minutesNumber: `BA-SCM-${level}/KRITIS`,
      meetingDate: '2027-05-10',
      testPeriodDays: 1,
      targetPercent: 15,
      ...(level === 1 ? { warningNumber: 'TEG/KRITIS' } : {}),
    });
    const endsAt = (c.data.criticalHandling as { meetings: { testEndsAt: number }[] }).meetings.at(-1)!.testEndsAt;
    await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 500));
    await step(contract, 'record_scm_test_result', ppk, { warningNumber: `SP-KK/${level}` });
    log.info({ level }, 'show cause meeting held, its test failed, warning letter issued');
  }
  await step(contract, 'terminate_contract', ppk, { reason: 'Uji coba SCM III gagal, SP III terbit', grounds: 'kontrak_kritis' });
  const result = await contract.result();
  assert.equal(result.status, 'diputus');
  log.info({ result }, 'contract terminated as kontrak kritis');
}

/**
 * Kontrak v3 late (started directly): the period ends unfinished and nothing happens until the PPK decides; a
 * pemberian kesempatan of 3 days by addendum (Pasal 56), still unfinished, then termination (Pasal 78(5)d).
 */
async function contractLate(contract: PackageHandle): Promise<void> {
  const log = logger.child({ workflowId: contract.workflowId });
  const c = await step(contract, 'draft_contract', ppk, {
    number: 'K-TERLAMBAT/2027',
    durationDays: 2,
    plannedProgress: [100],
    maintenanceDays: 90,
    semiPermanent: true,
  });
  const documentHash = (c.data.documents as { kontrak: { sha256: string } }).kontrak.sha256;
  await step(contract, 'sign_contract_ppk', ppk, { documentHash });
  await step(contract, 'sign_contract_penyedia', vendorA, { documentHash });
  await step(contract, 'issue_spmk', ppk, { number: 'SPMK/TERLAMBAT', startDate: '2027-03-01' });
  await waitForStage(contract, 'late_decision');
  await step(contract, 'grant_kesempatan', ppk, { addendumNumber: 'ADD-KESEMPATAN/1', days: 3, note: 'Penyedia dinilai mampu menyelesaikan.' });
  log.info('period ended unfinished; the PPK granted 3 days by addendum');
  await waitForStage(contract, 'late_decision');
  await step(contract, 'terminate_late_contract', ppk, { reason: 'Pekerjaan tidak selesai dalam pemberian kesempatan.' });
  const result = await contract.result();
  assert.equal(result.status, 'diputus');
  log.info({ result }, 'contract terminated after the pemberian kesempatan');
}

async function recordContract(client: Client, taskQueue: string, name: string, drive: (h: PackageHandle) => Promise<void>, updatesPerRun?: number) {
  const packageId = `pkt-rec${uid()}`;
  const input = { ...contractInput(packageId, { value: 190 * JUTA, provider: vendorA.id }), timeScale: TIME_SCALE };
  const start = { ...asStarted(input), ...(updatesPerRun ? { updatesPerRun } : {}) };
  const handle = await client.workflow.start(packageProcess, { workflowId: `paket-${packageId}`, taskQueue, args: [start] });
  logger.info({ workflowId: handle.workflowId, fixture: name }, 'contract started');
  await drive(handle);
  if (updatesPerRun) await writeRuns(handle, name);
  else await writeHistory(handle, name);
}

/** As the API starts a package: the definition and the calendar named, not carried (compact histories). */
function asStarted(input: PackageInput): PackageStart {
  const { definition, calendar: _calendar, ...rest } = input;
  return { ...rest, definitionRef: { id: definition.id, version: definition.version }, calendarRef: calendarRefFor(Date.now()) };
}

/**
 * A contract continued as new every 4 updates (as every 1,000 in production): SPMK, reports handed in and returned,
 * an accepted one, a term payment; its runs are written one fixture each, so the replay test crosses the boundary.
 */
async function contractContinuedAsNew(contract: PackageHandle): Promise<void> {
  const c = await step(contract, 'draft_contract', ppk, {
    number: 'K-PANJANG/2027',
    durationDays: 300,
    plannedProgress: [50, 100],
    maintenanceDays: 90,
    semiPermanent: true,
  });
  const documentHash = (c.data.documents as { kontrak: { sha256: string } }).kontrak.sha256;
  await step(contract, 'sign_contract_ppk', ppk, { documentHash });
  await step(contract, 'sign_contract_penyedia', vendorA, { documentHash });
  await step(contract, 'issue_spmk', ppk, { number: 'SPMK/PANJANG', startDate: '2027-03-01' });
  const evidence = [{ name: 'foto.jpg', sha256: 'c'.repeat(64) }];
  for (let i = 1; i <= 3; i++) {
    await step(contract, 'submit_progress_report', vendorA, { period: 1, physicalPercent: 20, evidence });
    await step(contract, 'review_progress_report', ppk, { reportId: `laporan-${i}`, decision: 'kembalikan', note: `Foto kurang (${i})` });
  }
  await step(contract, 'submit_progress_report', vendorA, { period: 1, physicalPercent: 50, evidence });
  await step(contract, 'review_progress_report', ppk, { reportId: 'laporan-4', decision: 'terima' });
  await step(contract, 'pay_term', ppk, { grossAmount: 50_000_000 });
  await step(contract, 'terminate_contract', ppk, { reason: 'Rekaman riwayat: kontrak dihentikan setelah beberapa run.', grounds: 'lainnya' });
  const result = await contract.result();
  assert.equal(result.status, 'diputus');
}

/** Every run of a continued-as-new workflow, from its first: `<name>-run<n>.json`. */
async function writeRuns(handle: PackageHandle, name: string) {
  let runId: string | undefined = (await handle.client.getHandle(handle.workflowId).describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
  for (let n = 1; runId; n++) {
    const run = handle.client.getHandle(handle.workflowId, runId);
    const history = await run.fetchHistory();
    await writeHistory(run as PackageHandle, `${name}-run${n}`, history);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
}

/** No bids in the window nor in its extension: the Pokja declares the tender failed (Pasal 51(2)b) and re-tenders. */
async function gagalNoBids(handle: PackageHandle, input: PackageInput): Promise<void> {
  const log = logger.child({ workflowId: handle.workflowId });
  await prepareHandle(handle, input);
  await step(handle, 'announce', pokja);
  await step(handle, 'register', vendorB);
  log.info('announced; one vendor registered');
  await waitForStage(handle, 'bid_submission');
  const early = await refusedStep(handle, 'open_bids', pokja);
  assert.equal(early.code, 'wrong_stage');
  await waitForStage(handle, 'bid_extension');
  log.info('no bids: window extended (an early opening refused)');
  await waitForStage(handle, 'failure_no_bids');
  await step(handle, 'declare_failure', pokja, { cause: 'b', followUp: 'tender_ulang', reason: 'Tidak ada penawaran sampai akhir perpanjangan.' });
  const result = await handle.result();
  assert.equal(result.status, 'gagal');
  log.info({ result }, 'tender failed: no bids');
}

async function record(client: Client, taskQueue: string, name: string, drive: (h: PackageHandle, input: PackageInput) => Promise<void>) {
  const packageId = `pkt-rec${uid()}`;
  const input = tenderInput(packageId, { timeScale: TIME_SCALE });
  const handle = await client.workflow.start(packageProcess, {
    workflowId: `paket-${packageId}`,
    taskQueue,
    args: [asStarted(input)],
  });
  logger.info({ workflowId: handle.workflowId, fixture: name }, 'tender started');
  await drive(handle, input);
  await writeHistory(handle, name);
}

async function writeHistory(handle: PackageHandle, name: string, fetched?: History) {
  const history = fetched ?? (await handle.fetchHistory());
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  fs.writeFileSync(file, `${historyToJson(history)}\n`);
  logger.info({ file: path.relative(REPO_ROOT, file), events: history.events?.length, bytes: fs.statSync(file).size }, 'history written');
}

/** The recording's database (sealed bids are stored there before the workflow gets their envelopes). */
let db: Knex;

async function main() {
  const t0 = Date.now();
  // SDK and activity logs (one per read-model write) only from warn up; progress lines come from `logger`.
  installRuntimeLogger(createLogger('record-history-sdk', 'warn'));
  const svc = await services();
  try {
    db = createDb(svc.databaseUrl);
    const connection = await NativeConnection.connect({ address: svc.temporalAddress });
    const clientConnection = await Connection.connect({ address: svc.temporalAddress });
    try {
      const client = new Client({ connection: clientConnection, namespace: 'default' });
      const taskQueue = `record-history-${uid()}`;
      const worker = await createWorker({ connection, namespace: 'default', taskQueue, db });
      logger.info({ taskQueue }, 'worker running');
      const only = process.argv.slice(2);
      const wanted = (...names: string[]) => !only.length || names.some((n) => only.includes(n));
      const jobs: Promise<void>[] = [];
      if (wanted('tender-contract-signed', 'contract-construction-selesai')) {
        jobs.push(
          record(client, taskQueue, 'tender-contract-signed', contractSigned).then(async () => {
            await contractSelesai(lastContract!);
            await writeHistory(lastContract!, 'contract-construction-selesai');
          }),
        );
      }
      if (wanted('tender-gagal-no-bids')) jobs.push(record(client, taskQueue, 'tender-gagal-no-bids', gagalNoBids));
      if (wanted('contract-critical-handling')) jobs.push(recordContract(client, taskQueue, 'contract-critical-handling', contractCritical));
      if (wanted('contract-late-kesempatan')) jobs.push(recordContract(client, taskQueue, 'contract-late-kesempatan', contractLate));
      if (wanted('contract-continued-as-new')) jobs.push(recordContract(client, taskQueue, 'contract-continued-as-new', contractContinuedAsNew, 4));
      if (!jobs.length) throw new Error(`no fixture named ${only.join(', ')}`);
      await worker.runUntil(Promise.all(jobs));
    } finally {
      await clientConnection.close();
      await connection.close();
      await db.destroy();
    }
  } finally {
    await svc.stop();
  }
  logger.info({ seconds: Math.round((Date.now() - t0) / 100) / 10 }, 'done');
}

main().catch((e) => {
  logger.error({ err: e }, 'recording failed');
  // Services are stopped by now; the other tender's pending update calls must not keep the process alive.
  process.exit(1);
});
