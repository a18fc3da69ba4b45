/**
 * The production-like cluster (runtime/cluster, issue 15 point 1) started as bin/cluster.sh starts it: four Temporal
 * services as separate processes on PostgreSQL, two workers and two APIs (node on dist/) behind the proxy. A package
 * created through the proxy takes steps; a SIGKILLed API and a SIGKILLed history service come back by themselves and
 * a step after each succeeds (the proxy keeps answering while an API is down); stop() leaves no process behind.
 *
 * Second suite (bin/test-cluster.sh), not the lanes of bin/test.ts: it needs the built Temporal server and dist/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { workflowIdOf } from '../../domain/process/workflow-id';
import { type Cluster, startCluster } from '../../runtime/cluster';
import { connectClient } from '../../runtime/temporal';
import { orderedSteps } from '../support/ordered-steps';
import { isAlive, stepUntilDone as stepDone } from '../support/step-until-done';
import { ASSIGNMENT_LETTER, DEMO_HEAD, DEMO_MEMBERS, REVIEW_SESUAI } from '../support/preparation';
import { type Api, api, expectStatus, sleep, tenderBody } from '../support/tender-http-driver';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-cluster-'));
const runId = randomBytes(4).toString('hex');
const lines: string[] = [];
let cluster: Cluster | undefined;
let a: Api;
let packageId = '';
/** Every pid the cluster had, replaced ones included: none may outlive stop(). */
const seen = new Set<number>();

function allProcesses(c: Cluster) {
  const p = c.processes;
  return [...(p.postgres ? [p.postgres] : []), p.frontend, p.history, p.matching, p.temporalWorker, ...p.workers, ...p.apis, p.proxy];
}

function remember(): void {
  for (const p of allProcesses(cluster!)) {
    const pid = p.pid();
    if (pid) seen.add(pid);
  }
}

const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');

function diagnostics(): string {
  const logs = path.join(dataDir, 'logs');
  const tails = fs.existsSync(logs)
    ? fs.readdirSync(logs).map((f) => `--- ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8').trimEnd().split('\n').slice(-15).join('\n')}`)
    : [];
  return `--- launcher\n${lines.join('\n')}\n${tails.join('\n')}`;
}

async function eventually<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) assert.fail(`${what}: not within ${timeoutMs / 1000} s\n${diagnostics()}`);
    await sleep(200);
  }
}

/** A step through the proxy, resent with its Idempotency-Key while the cluster answers "not yet" (5xx or nothing). */
const stepUntilDone = (as: string, action: string, payload: Record<string, unknown>, timeoutMs: number) =>
  stepDone(a, packageId, as, action, payload, { key: `cluster-${runId}-${action}`, timeoutMs, diagnostics });

const { step } = orderedSteps();

describe('the production-like cluster', { timeout: 600_000 }, () => {
  before(async () => {
    cluster = await startCluster({ dataDir, seedDemo: true, log: (l) => lines.push(l) });
    a = api(cluster.apiUrl, { dataDir });
    remember();
  });

  after(async () => {
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  step('the four Temporal services run as four processes of the server binary', 30_000, async () => {
    const p = cluster!.processes;
    const services = { frontend: p.frontend, history: p.history, matching: p.matching, worker: p.temporalWorker };
    const pids = Object.values(services).map((s) => s.pid());
    assert.equal(new Set(pids).size, 4, `distinct pids: ${pids.join(', ')}`);
    for (const [service, proc] of Object.entries(services)) {
      const args = cmdline(proc.pid()!);
      assert.ok(args[0]!.endsWith('/temporal-server/bin/server'), args.join(' '));
      assert.deepEqual(args.slice(-2), ['--service', service], args.join(' '));
    }
    // And the project's processes are node on the compiled code, with no npm or tsx wrapper.
    for (const proc of [...p.workers, ...p.apis, p.proxy]) {
      const args = cmdline(proc.pid()!);
      assert.equal(args[0], process.execPath, args.join(' '));
      assert.match(args[1]!, /\/dist\/bin\/(worker|api|cluster-proxy)\.js$/);
      assert.ok(!args.includes('tsx') && !args.includes('--import'), args.join(' '));
    }
    assert.equal(p.workers.length, 2);
    assert.equal(p.apis.length, 2);
  });

  step('/health through the proxy answers ok, with both workers polling', 30_000, async () => {
    const res = await fetch(`${cluster!.apiUrl}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, string>; workers: number };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.checks, { postgres: 'ok', temporal: 'ok' });
    assert.ok(body.workers >= 2, `workers polling: ${body.workers}`);
  });

  step('a package created through the proxy takes its first step', 90_000, async () => {
    const created = expectStatus(await a.as('ppk.budi').createPackage(tenderBody({ title: `Klaster ${runId}` })), 201);
    packageId = created.body.id;
    assert.equal(created.body.live?.stage.id, 'officer_assignment');
    const live = await stepUntilDone(DEMO_HEAD, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS }, 60_000);
    assert.equal(live.stage.id, 'dpp_review');
  });

  step('the launcher registered the search attributes: support finds the package by stage and OPD', 60_000, async () => {
    const client = await connectClient({ address: cluster!.temporalAddress, namespace: cluster!.namespace });
    try {
      // Visibility on PostgreSQL is written a moment after the workflow task that upserted the attributes.
      const query = `Stage='dpp_review' AND Opd='${tenderBody().opd}' AND FiscalYear=${tenderBody().fiscalYear}`;
      const found = await eventually(`a workflow listed for ${query}`, 30_000, async () => {
        const ids: string[] = [];
        for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
        return ids.includes(workflowIdOf(packageId)) ? ids : undefined;
      });
      assert.ok(found.length >= 1);
    } finally {
      await client.connection.close();
    }
  });

  step('a SIGKILLed API: the proxy keeps answering, the API comes back, a step succeeds', 120_000, async (t) => {
    const api1 = cluster!.processes.apis[0]!;
    const old = api1.pid()!;
    const restarts = api1.restarts();
    await api1.kill();
    // While it is down (the first restart waits 1 s, then its start-up) every request goes to the other API.
    const answers = await Promise.all(Array.from({ length: 6 }, () => a.as('ppk.budi').getPackage(packageId)));
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200, 200, 200],
      diagnostics(),
    );
    const fresh = await eventually('the API restarted', 60_000, () => (api1.restarts() > restarts && api1.pid() ? api1.pid() : undefined));
    assert.notEqual(fresh, old);
    remember();
    t.diagnostic(`api-1 ${old} → ${fresh}`);
    assert.ok(
      lines.some((l) => /api-1 berhenti tiba-tiba \(sinyal SIGKILL\)/.test(l)),
      diagnostics(),
    );
    const live = await stepUntilDone(DEMO_MEMBERS[0]!, 'review_dpp', REVIEW_SESUAI, 60_000);
    assert.equal(live.stage.id, 'dpp_review', 'a review waits for the PPK to co-sign');
  });

  step('a SIGKILLed history service comes back and the next step succeeds', 240_000, async (t) => {
    const history = cluster!.processes.history;
    const old = history.pid()!;
    const restarts = history.restarts();
    await history.kill();
    const fresh = await eventually('the history service restarted', 60_000, () => (history.restarts() > restarts && history.pid() ? history.pid() : undefined));
    assert.notEqual(fresh, old);
    remember();
    t.diagnostic(`history ${old} → ${fresh}`);
    const live = await stepUntilDone('ppk.budi', 'cosign_dpp_review', {}, 180_000);
    assert.notEqual(live.stage.id, 'dpp_review', 'the co-signed review closes the stage');
    await eventually('the read model holds every event of the live state', 30_000, async () => {
      const d = expectStatus(await a.as('ppk.budi').getPackage(packageId), 200).body;
      return d.timeline.at(-1)?.seq === d.live?.seq ? true : undefined;
    });
  });

  step('stop() stops every process it started, restarted ones included, and nothing restarts', 120_000, async () => {
    remember();
    const c = cluster!;
    cluster = undefined;
    await c.stop();
    const left = [...seen].filter(isAlive);
    assert.deepEqual(left, [], `still running: ${left.map((p) => `${p} ${cmdline(p).join(' ')}`).join('; ')}`);
    assert.ok(!lines.some((l) => /berjalan lagi/.test(l) && !/api-1|temporal-history/.test(l)), diagnostics());
    for (const p of allProcesses(c)) assert.equal(p.pid(), undefined, p.name);
  });
});
