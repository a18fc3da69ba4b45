/**
 * Faults lose nothing (issue 15 point 3): the chaos run on the production-like cluster. 200 packages over every
 * method are driven through the API (two APIs behind one proxy) by a bounded pool, each step with an
 * Idempotency-Key and retried with the same key on a network error or a 5xx; meanwhile the test kills, each kind at
 * least twice, at seeded random points and one at a time: a project worker, an API process, the Temporal history
 * service, the matching service (SIGKILL), and restarts PostgreSQL. At the end the driver's log, the workflow histories
 * and the read model must agree: nothing lost, nothing twice (tests/cluster/chaos-checks.ts). Timings are printed (the
 * time from each fault to the first step answered 2xx after it, for point 12), never asserted.
 *
 * CHAOS_SEED repeats a run's faults and packages; CHAOS_PACKAGES and CHAOS_DRIVE_SECONDS shrink it for debugging;
 * CHAOS_STACK=dev runs it on the all-in-one start command instead (tests/cluster/chaos-stack.ts).
 */
import { Client, Connection } from '@temporalio/client';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rng } from '../../bin/demo/catalog';
import { createDb } from '../../db/connection';
import { generateKeyRingSpec } from '../../runtime/crypto/key-provider';
import { startSmtpCapture } from '../support/smtp-capture';
import { api as httpApi } from '../support/tender-http-driver';
import { runChecks } from './chaos-checks';
import { drivePackages, chaosSpecs } from './chaos-driver';
import { FAULT_KINDS, firstSuccessAfter, runFaults } from './chaos-faults';
import { installChaosFetch } from './chaos-http';
import { startChaosStack } from './chaos-stack';
import { summary } from './chaos-summary';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PACKAGES = Number(process.env.CHAOS_PACKAGES ?? 200);
/** How long the driver takes new steps (extended while faults are still to come). */
const DRIVE_MS = Number(process.env.CHAOS_DRIVE_SECONDS ?? 390) * 1000;
/** One calendar day of the schedule lasts about 4.3 s: a 3-day window outlasts a 20-second outage. */
const TIME_SCALE = '0.00005';
const CONCURRENCY = 12;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

test('chaos: faults on the cluster lose nothing and apply nothing twice', { timeout: 25 * 60_000 }, async () => {
  const t0 = Date.now();
  const note = (line: string) => console.log(`[chaos +${((Date.now() - t0) / 1000).toFixed(0)} s] ${line}`);
  note(`seed ${SEED} (CHAOS_SEED=${SEED} repeats this run), ${PACKAGES} packages, concurrency ${CONCURRENCY}, TIME_SCALE ${TIME_SCALE}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-chaos-'));
  const cleanup: (() => Promise<unknown>)[] = [];
  let passed = false;
  try {
    const smtp = await startSmtpCapture();
    cleanup.unshift(() => smtp.close());
    const env = {
      TIME_SCALE,
      SMTP_URL: smtp.url,
      ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? generateKeyRingSpec('chaos1'),
      // The demo users take every step of 200 packages: the per-user step limit is not what is under test here.
      RATE_LIMIT_BIDS_PER_MIN: '1000000',
      LOG_LEVEL: 'warn',
    };
    // A failed run keeps its data folder; with the run's (random, test-only) key ring next to it, its histories can be
    // decoded and replayed afterwards.
    fs.writeFileSync(path.join(dataDir, 'chaos-env.json'), JSON.stringify({ seed: SEED, ...env }, null, 2));
    const stack = await startChaosStack({ dataDir, env, log: (l) => (process.env.CHAOS_VERBOSE ? note(l) : undefined) });
    cleanup.unshift(() => stack.stop().catch((e: Error) => note(`stopping the stack: ${e.message}`)));
    note(`stack ready at ${stack.apiUrl} (data ${dataDir})`);
    const logFile = path.join(dataDir, 'chaos-attempts.jsonl');
    const http = installChaosFetch({ baseUrl: stack.apiUrl, keyPrefix: `chaos-${SEED}`, retryForMs: 120_000, logFile });
    cleanup.unshift(async () => http.restore());
    const db = createDb(stack.databaseUrl, { pool: { min: 0, max: 4 } });
    cleanup.unshift(() => db.destroy());
    const connection = await Connection.connect({ address: stack.temporalAddress });
    cleanup.unshift(() => connection.close());
    const client = new Client({ connection, namespace: stack.namespace });
    const api = httpApi(stack.apiUrl, { dataDir: stack.dataDir });
    const defs = await api.as('ppk.budi').get<{ data: { method: string }[] }>('/api/process-definitions');
    assert.equal(defs.status, 200, defs.text);
    const methods = [...new Set(defs.body.data.map((d) => d.method))];
    const specs = chaosSpecs(PACKAGES, SEED, methods, 2026);
    const rnd = rng(SEED);

    const drive = { maxWaitMs: 60_000, deadline: Date.now() + DRIVE_MS, onStep: () => undefined };
    let faultsDone = false;
    let driverDone = false;
    // The driver keeps taking steps while faults are still to come (a fault needs steps to recover into).
    const keepDriving = setInterval(() => {
      if (!faultsDone && drive.deadline - Date.now() < 30_000) drive.deadline = Date.now() + 45_000;
    }, 5_000);
    cleanup.unshift(async () => clearInterval(keepDriving));
    const [runs, faults] = await Promise.all([
      drivePackages(api, specs, { concurrency: CONCURRENCY, drive }).then((x) => ((driverDone = true), note('driver finished'), x)),
      runFaults({
        ...{ inject: stack.inject, rnd, log: http.log, driving: () => !driverDone, note },
        ...{ perKind: 2, firstDelayMs: 30_000, pauseMs: [12_000, 32_000] as [number, number], recoveryTimeoutMs: 120_000 },
      }).finally(() => {
        faultsDone = true;
      }),
    ]);
    clearInterval(keepDriving);
    for (const f of faults) f.recoveredAt ??= firstSuccessAfter(http.log, f.at);

    // Settle: the emails of the notices fired so far go out (each outbox row is retried on its own).
    for (let i = 0; i < 90; i++) {
      const pending = await db('notification_outbox').where({ channel: 'email', status: 'pending' }).count({ n: '*' });
      if (Number(pending[0]?.n ?? 0) === 0) break;
      await sleep(1_000);
    }
    await sleep(3_000);
    note('checking');
    const result = await runChecks({ db, client, api, log: http.log, mails: smtp.mails });
    console.log(summary({ runs, faults, result, log: http.log, restarts: stack.restarts(), seed: SEED, methods, ms: Date.now() - t0 }));

    // The behaviour under test: zeros. (Timings are printed above, never asserted.)
    assert.deepEqual(result.lost, [], 'lost');
    assert.deepEqual(result.duplicated, [], 'duplicated');
    assert.deepEqual(result.wrong, [], 'answered wrongly');
    // And the run did what it claims: every kind of fault at least twice, every package created, every method driven.
    for (const k of FAULT_KINDS) assert.ok(faults.filter((f) => f.kind === k).length >= 2, `fault ${k} injected twice`);
    assert.equal(
      runs.filter((x) => x.id).length,
      PACKAGES,
      `every package created: ${runs
        .filter((x) => !x.id)
        .map((x) => x.error)
        .join('; ')}`,
    );
    const driven = new Set(runs.filter((x) => (x.result?.steps ?? 0) > 0).map((x) => x.spec.method));
    assert.deepEqual(driven, new Set(specs.map((s) => s.method)), 'every method driven');
    passed = true;
  } finally {
    for (const f of cleanup) await f().catch(() => undefined);
    // A failed run keeps its data folder: the attempt log (chaos-attempts.jsonl) and every process's log.
    if (passed && !process.env.CHAOS_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else note(`data kept in ${dataDir}`);
  }
});
