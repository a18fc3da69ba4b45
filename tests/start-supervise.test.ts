/**
 * The real start command (`node --import tsx bin/start.ts`, tests/support/start-stack.ts) supervises its children
 * (issue 15 point 5): the worker, the API, the Temporal dev server and the embedded PostgreSQL's postmaster are each
 * SIGKILLed in turn, found in the process tree (never from logs), and each comes back by itself with the crash and the
 * restart on the console; afterwards a step succeeds, /health answers, the live state and reads answer. Ctrl-C at the
 * end still stops everything: the stopped line, exit code 0, every process seen gone and every port free.
 *
 * Like e2e-http it brings its own stack on a temporary data folder and free ports, not the shared test services.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { ASSIGNMENT_LETTER, DEMO_HEAD, DEMO_MEMBERS, REVIEW_SESUAI } from './support/preparation';
import { allocatePorts, isListening, logTails, redactTokens, type Stack, STOPPED_LINE, startStack } from './support/start-stack';
import { type Api, api, expectStatus, sleep, tenderBody } from './support/tender-http-driver';
import { orderedSteps } from './support/ordered-steps';
import { isAlive, stepUntilDone as stepDone } from './support/step-until-done';

type Role = 'worker' | 'api' | 'postgres' | 'temporal';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-start-supervise-'));
const runId = randomBytes(4).toString('hex');
let stack: Stack | undefined;
let a: Api;
let packageId = '';
/** Every child pid seen, so the end can check that none outlives Ctrl-C. */
const seen = new Set<number>();

/** The start command's direct children by role, from the process tree. */
function children(): Partial<Record<Role, number>> {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(stack!.proc.pid)], { encoding: 'utf8' });
  } catch {
    return {}; // ps exits 1 when there is none
  }
  const found: Partial<Record<Role, number>> = {};
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const args = m[2]!;
    const role: Role | undefined = args.includes('bin/worker.ts')
      ? 'worker'
      : args.includes('bin/api.ts')
        ? 'api'
        : /\/postgres\s+-D\s/.test(args)
          ? 'postgres'
          : /\btemporal\b.*\bstart-dev\b/.test(args)
            ? 'temporal'
            : undefined;
    if (role) {
      found[role] = pid;
      seen.add(pid);
    }
  }
  return found;
}

/** Polls until `fn` returns something, or fails after timeoutMs with `what`. */
async function eventually<T>(what: string | (() => string), timeoutMs: number, fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) assert.fail(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs / 1000} s\n${diagnostics()}`);
    await sleep(200);
  }
}

function diagnostics(): string {
  return `--- start command output ---\n${redactTokens(stack?.output() ?? '')}\n${logTails(dataDir, 20)}`;
}

function occurrences(re: RegExp): number {
  return (stack!.output().match(new RegExp(re.source, 'g')) ?? []).length;
}

/** SIGKILL one child; resolves with its replacement's pid once the start command logged the crash and the restart. */
async function killAndAwaitRestart(role: Role, name: string, timeoutMs: number): Promise<{ old: number; fresh: number }> {
  const old = children()[role];
  assert.ok(old, `no ${role} child of the start command\n${diagnostics()}`);
  const crashes = occurrences(new RegExp(`${name} berhenti tiba-tiba`));
  const restarts = occurrences(new RegExp(`${name} berjalan lagi`));
  process.kill(old, 'SIGKILL');
  await eventually(`${name}: crash logged`, 10_000, () =>
    occurrences(new RegExp(`${name} berhenti tiba-tiba \\(sinyal SIGKILL\\)`)) > crashes ? true : undefined,
  );
  await eventually(`${name}: restart logged`, timeoutMs, () => (occurrences(new RegExp(`${name} berjalan lagi`)) > restarts ? true : undefined));
  const fresh = await eventually(`${name}: a new ${role} process`, 10_000, () => {
    const pid = children()[role];
    return pid && pid !== old ? pid : undefined;
  });
  assert.equal(occurrences(new RegExp(`${name} berhenti tiba-tiba`)), crashes + 1, 'one crash, one line');
  return { old, fresh };
}

/** A step, resent with the same Idempotency-Key while the stack answers "not yet" (5xx or no answer at all). */
const stepUntilDone = (as: string, action: string, payload: Record<string, unknown>, timeoutMs: number) =>
  stepDone(a, packageId, as, action, payload, { key: `sup-${runId}-${action}`, timeoutMs, diagnostics });

const { step } = orderedSteps();

describe('the start command restarts its crashed children', { timeout: 900_000 }, () => {
  before(async () => {
    // The start command bundles the workflow code itself here (as on a fresh machine), so the restart below also shows
    // that a restarted worker reuses that bundle.
    stack = await startStack({ dataDir, ports: await allocatePorts(), readyTimeoutMs: 180_000, ownBundle: true });
    a = api(stack.baseUrl, { dataDir });
  });

  after(() => {
    stack?.kill(); // a no-op once Ctrl-C stopped it
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step('every service is a child of the start command, and a package is created', 60_000, async () => {
    const c = children();
    assert.deepEqual(Object.keys(c).sort(), ['api', 'postgres', 'temporal', 'worker'], diagnostics());
    const created = expectStatus(await a.as('ppk.budi').createPackage(tenderBody({ title: `Supervisi ${runId}` })), 201);
    packageId = created.body.id;
    assert.equal(created.body.live?.stage.id, 'officer_assignment');
  });

  step('a SIGKILLed worker is restarted and a step later succeeds', 240_000, async (t) => {
    const { old, fresh } = await killAndAwaitRestart('worker', 'worker', 30_000);
    t.diagnostic(`worker ${old} → ${fresh}`);
    // The bundle the start command made once, in a process of its own (bin/bundle-workflows.ts), not in the worker.
    const bundle = path.join(dataDir, 'workflow-bundle.js');
    assert.ok(fs.statSync(bundle).size > 100_000, 'the workflow bundle is in the data folder');
    const env = fs.readFileSync(`/proc/${fresh}/environ`, 'utf8').split('\0');
    assert.ok(env.includes(`WORKFLOW_BUNDLE_PATH=${bundle}`), 'the restarted worker loads that bundle');
    const live = await stepUntilDone(DEMO_HEAD, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS }, 180_000);
    assert.equal(live.stage.id, 'dpp_review');
  });

  step('a SIGKILLed API is restarted and /health answers again within the backoff', 120_000, async (t) => {
    const health = () =>
      fetch(`${stack!.baseUrl}/health`).then(
        (r) => r.status,
        () => 0,
      );
    assert.equal(await health(), 200);
    const { old, fresh } = await killAndAwaitRestart('api', 'api', 30_000);
    // The first restart waits 1 s; then the API process needs its own start-up time on a loaded machine.
    const status = await eventually('/health after the API restart', 60_000, async () => ((await health()) === 200 ? 200 : undefined));
    t.diagnostic(`api ${old} → ${fresh}, /health ${status}`);
    const d = expectStatus(await a.as('ppk.budi').getPackage(packageId), 200).body;
    assert.equal(d.live?.stage.id, 'dpp_review');
  });

  step('a SIGKILLed Temporal dev server is restarted on its SQLite file and the live state answers again', 180_000, async (t) => {
    const { old, fresh } = await killAndAwaitRestart('temporal', 'Temporal dev server', 90_000);
    t.diagnostic(`temporal ${old} → ${fresh}`);
    // The live state is the workflow's query, answered by the worker through the restarted server: the run survived.
    await eventually('the live state after Temporal returned', 120_000, async () => {
      const r = await a
        .as('ppk.budi')
        .getPackage(packageId)
        .catch(() => undefined);
      return r?.status === 200 && r.body.live?.stage.id === 'dpp_review' ? true : undefined;
    });
  });

  step('a SIGKILLed PostgreSQL postmaster is restarted, reads answer again and nothing was lost', 240_000, async (t) => {
    // The snapshot to compare with is taken once the read model has caught up with the live state: the worker may still
    // be writing what happened while Temporal was away.
    const before = await eventually('the read model caught up before the kill', 60_000, async () => {
      const d = expectStatus(await a.as('ppk.budi').getPackage(packageId), 200).body;
      return d.timeline.at(-1)?.seq === d.live?.seq ? d : undefined;
    });
    const { old, fresh } = await killAndAwaitRestart('postgres', 'PostgreSQL', 120_000);
    t.diagnostic(`postgres ${old} → ${fresh}`);
    const after = await eventually('a read after PostgreSQL returned', 60_000, async () => {
      const r = await a
        .as('ppk.budi')
        .getPackage(packageId)
        .catch(() => undefined);
      return r?.status === 200 ? r.body : undefined;
    });
    // Every event read before is still there, in order and once; more may follow meanwhile, which loses nothing: at
    // TIME_SCALE 0.00002 a day lasts about 1.7 s, so dpp_review's due date can bring a reminder at any moment.
    const kept = after.timeline.slice(0, before.timeline.length).map((e) => [e.seq, e.type]);
    assert.deepEqual(
      kept,
      before.timeline.map((e) => [e.seq, e.type]),
      'the read model kept every event',
    );
    const appended = after.timeline.slice(before.timeline.length).map((e) => `${e.seq}:${e.type}`);
    if (appended.length > 0) t.diagnostic(`appended meanwhile: ${appended.join(', ')}`);
    assert.equal(new Set(after.timeline.map((e) => e.seq)).size, after.timeline.length, 'no event twice');
    // And writes: the next step goes through the worker's read-model write to the restarted PostgreSQL.
    await stepUntilDone(DEMO_MEMBERS[0]!, 'review_dpp', REVIEW_SESUAI, 120_000);
    const live = await stepUntilDone('ppk.budi', 'cosign_dpp_review', {}, 60_000);
    assert.notEqual(live.stage.id, 'dpp_review', 'the co-signed review closes the stage');
    await eventually('the read model holds every event of the live state', 30_000, async () => {
      const d = expectStatus(await a.as('ppk.budi').getPackage(packageId), 200).body;
      return d.timeline.at(-1)?.seq === d.live?.seq ? true : undefined;
    });
  });

  step('Ctrl-C stops everything: no restart, no process left, every port free', 120_000, async () => {
    const c = children();
    assert.deepEqual(Object.keys(c).sort(), ['api', 'postgres', 'temporal', 'worker'], diagnostics());
    const res = await stack!.stop(60_000);
    assert.equal(res.timedOut, false, `the start command did not stop within 60 s\n${diagnostics()}`);
    assert.equal(res.code, 0, diagnostics());
    const out = stack!.output();
    assert.ok(out.includes(STOPPED_LINE), diagnostics());
    const shutdownAt = out.indexOf('Menghentikan layanan');
    assert.ok(!/berhenti tiba-tiba|berjalan lagi/.test(out.slice(shutdownAt)), `a crash or restart during shutdown\n${diagnostics()}`);
    for (const pid of seen) assert.ok(!isAlive(pid), `process ${pid} outlived the start command\n${diagnostics()}`);
    for (const [name, port] of Object.entries(stack!.ports)) assert.equal(await isListening(port), false, `${name} ${port} still taken`);
  });
});
