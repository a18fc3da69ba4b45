/**
 * GET /metrics (issue 15 point 9) on the real app, PostgreSQL and Temporal, its text parsed by the reference parser
 * (Python prometheus-client, installed into .tools/venv by bin/install-temporal.sh), never by a regex of our own:
 *  - requests are timed by route pattern and status, refusals counted by code, steps by definition, action and
 *    outcome; no package id appears anywhere; histogram buckets are cumulative and end in _count;
 *  - outbox depth, failing rows and failed attempts, sealed bids by status and the read-model lag move by exactly
 *    the rows this test writes (deltas between two scrapes, so other tests' rows do not matter);
 *  - with a database that accepts connections and never answers, the scrape still answers, with database_up 0;
 *  - the worker's SDK metrics through Temporal Core's Prometheus exporter (runtime/worker-metrics.ts), in a child.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createDb } from '../db/connection';
import { insertPackageRow } from '../db/queries/packages';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';
import { workerMetricsOptions } from '../runtime/worker-metrics';
import { type AuthStack, startAuthStack, tenderBody } from './support/auth-stack';
import { startTestApi } from './support/test-api';

const tag = `metrik${randomBytes(4).toString('hex')}`;
const stepPkg = `pkt-${tag}s`;
const lagPkgs = { behind: `pkt-${tag}l`, future: `pkt-${tag}f`, ended: `pkt-${tag}e` };
const DEFINITION = { id: 'tender-pasca-1file', version: 5 };
const PYTHON = path.join(REPO_ROOT, '.tools/venv/bin/python');
const HOUR = 3_600_000;

let stack: AuthStack;
let db: Knex;

// ---- the reference parser -----------------------------------------------------------------------------------------

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const PARSE = `
import json, math, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({'name': f.name, 'type': f.type, 'help': f.documentation, 'samples': [
        {'name': s.name, 'labels': s.labels, 'value': s.value if math.isfinite(s.value) else str(s.value)} for s in f.samples]})
print(json.dumps(out))
`;

/** Parsed by prometheus_client's own parser; it throws on anything that is not valid text format. */
function parse(text: string): Family[] {
  const json = execFileSync(PYTHON, ['-c', PARSE], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(json) as Family[]).map((f) => ({ ...f, samples: f.samples.map((s) => ({ ...s, value: Number(s.value) })) }));
}

const matches = (s: Sample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => s.labels[k] === v);
/** The value of the one sample called `name` with these labels (others ignored), 0 when there is none. */
function value(fams: Family[], name: string, labels: Record<string, string> = {}): number {
  const found = fams.flatMap((f) => f.samples).filter((s) => s.name === name && matches(s, labels));
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]?.value ?? 0;
}
const family = (fams: Family[], name: string) => fams.find((f) => f.name === name);

async function scrape(base = stack.baseUrl): Promise<{ text: string; fams: Family[]; contentType: string }> {
  const res = await fetch(`${base}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  return { text, fams: parse(text), contentType: res.headers.get('content-type') ?? '' };
}

// ---- the stack ----------------------------------------------------------------------------------------------------

function packageRow(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    workflow_id: `paket-${id}`,
    title: `Paket metrik ${tag}`,
    opd: 'Dinas PUPR Kota Tangerang',
    work_unit: 'Bidang Bina Marga',
    category: 'pekerjaan_konstruksi',
    method: 'tender',
    definition_id: DEFINITION.id,
    definition_version: DEFINITION.version,
    fiscal_year: 2026,
    pagu: 600_000_000,
    hps: 500_000_000,
    status: 'active',
    stage_id: 'announcement',
    stage_name: 'Pengumuman',
    created_by: 'ppk.budi',
    created_at: new Date(),
    updated_at: new Date(),
    ...extra,
  };
}

// The real app with a worker (tests/support/auth-stack.ts): a created tender's preparation steps are performed.
before(
  async () => {
    stack = await startAuthStack();
    db = stack.db;
    // A package whose workflow was never started: its step goes to Temporal and is refused there.
    // A package that has run (events in the read model) whose workflow is gone: a step is refused 409 package_not_running.
    // (One that never wrote would be about to start: 503 package_starting, tests/package-starting.test.ts.)
    await insertPackageRow(db, packageRow(stepPkg, { last_seq: 3 }));
  },
  { timeout: 120_000 },
);

after(async () => {
  if (db) {
    const ids = [stepPkg, ...Object.values(lagPkgs)];
    await db('notification_outbox').whereLike('id', `${tag}:%`).delete();
    await db('sealed_bids').whereIn('package_id', ids).delete();
    await db('packages').whereIn('id', ids).delete();
  }
  await stack?.close();
});

async function call(method: string, p: string): Promise<{ status: number; code?: string }> {
  const res = await stack.request('pokja.sari', method, p, method === 'POST' ? { payload: {} } : undefined);
  return { status: res.status, code: res.body?.error?.code };
}

// ---- the tests ----------------------------------------------------------------------------------------------------

test('requests by route pattern and status, refusals by code, steps by definition, action and outcome', async () => {
  const before = (await scrape()).fams;
  // Created and prepared: assign_officers, review_dpp and cosign_dpp_review performed over HTTP.
  const created = await stack.createPackage(tenderBody(`Paket metrik ${tag}`));
  assert.equal((await call('GET', '/api/process-definitions')).status, 200);
  const missing = await call('GET', '/api/packages/pkt-tidakada0000');
  assert.deepEqual(missing, { status: 404, code: 'package_not_found' });
  assert.deepEqual(await call('GET', '/api/tidak-ada'), { status: 404, code: 'not_found' });
  // Its workflow is gone: Temporal refuses the update; an action id the definition lacks is labelled 'unknown'.
  const step = await call('POST', `/api/packages/${stepPkg}/tasks/announce`);
  assert.ok(step.status >= 400 && step.status < 500 && step.code, `step refused: ${JSON.stringify(step)}`);
  const bogus = await call('POST', `/api/packages/${stepPkg}/tasks/langkah_karangan`);
  assert.ok(bogus.status >= 400 && bogus.status < 500 && bogus.code, `bogus step refused: ${JSON.stringify(bogus)}`);

  const { text, fams, contentType } = await scrape();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  const d = (name: string, labels: Record<string, string>) => value(fams, name, labels) - value(before, name, labels);
  const count = 'pengadaan_http_request_duration_seconds_count';
  assert.equal(d(count, { method: 'GET', route: '/api/process-definitions', status: '200' }), 1);
  assert.equal(d(count, { method: 'GET', route: '/api/packages/:id', status: '404' }), 1);
  assert.equal(d(count, { method: 'GET', route: '(unmatched)', status: '404' }), 1);
  assert.equal(d(count, { method: 'POST', route: '/api/packages/:id/tasks/:taskId', status: String(step.status) }), step.status === bogus.status ? 2 : 1);
  // The scrape before this one was timed too, under its own route.
  assert.ok(value(fams, count, { method: 'GET', route: '/metrics', status: '200' }) >= 1);

  assert.equal(d('pengadaan_refusals_total', { code: 'package_not_found', status: '404' }), 1);
  assert.equal(d('pengadaan_refusals_total', { code: 'not_found', status: '404' }), 1);
  const same = step.code === bogus.code && step.status === bogus.status;
  assert.equal(d('pengadaan_refusals_total', { code: step.code, status: String(step.status) }), same ? 2 : 1);

  assert.equal(d(count, { method: 'POST', route: '/api/packages', status: '201' }), 1);
  for (const action of ['assign_officers', 'cosign_dpp_review']) {
    assert.equal(d('pengadaan_steps_total', { definition: DEFINITION.id, action, outcome: 'performed' }), 1, action);
  }
  assert.equal(d('pengadaan_steps_total', { definition: DEFINITION.id, action: 'announce', outcome: 'refused' }), 1);
  assert.equal(d('pengadaan_steps_total', { definition: DEFINITION.id, action: 'unknown', outcome: 'refused' }), 1);
  assert.equal(family(fams, 'pengadaan_steps')?.type, 'counter');

  // Bounded labels only: neither the package id nor the made-up action reaches the text.
  assert.equal(text.includes(stepPkg) || text.includes(created), false);
  assert.equal(text.includes('langkah_karangan'), false);
  assert.equal(text.includes('pkt-tidakada'), false);

  // Histogram: buckets sorted by `le`, cumulative, the +Inf bucket equal to _count, per series.
  const hist = family(fams, 'pengadaan_http_request_duration_seconds');
  assert.equal(hist?.type, 'histogram');
  const series = { method: 'GET', route: '/api/process-definitions', status: '200' };
  const buckets = hist.samples.filter((s) => s.name.endsWith('_bucket') && matches(s, series));
  assert.ok(buckets.length >= 10, `${buckets.length} buckets`);
  const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
  assert.deepEqual(
    les,
    [...les].sort((a, b) => a - b),
  );
  assert.equal(les.at(-1), Infinity);
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i]!.value >= buckets[i - 1]!.value, 'cumulative');
  assert.equal(buckets.at(-1)!.value, value(fams, count, series));
  assert.ok(value(fams, 'pengadaan_http_request_duration_seconds_sum', series) > 0);
  assert.equal(value(fams, 'pengadaan_database_up'), 1);
  assert.ok(family(fams, 'process_cpu_user_seconds'), 'the process metrics');
});

test('outbox depth and failures, sealed bids and read-model lag move by the rows written', async () => {
  const before = (await scrape()).fams;
  const now = Date.now();
  const outboxRow = (channel: string, recipient: string) => ({ id: `${tag}:1:${channel}`, package_id: stepPkg, channel, recipient, subject: 'S', payload: {} });
  await db('notification_outbox').insert([
    // Pending after two failed tries, an hour old; sent on its third try (two failures).
    { ...outboxRow('email', 'x@contoh.test'), status: 'pending', attempts: 2, created_at: new Date(now - HOUR) },
    { ...outboxRow('webhook', 'sub'), status: 'sent', attempts: 3, created_at: new Date(now), sent_at: new Date(now) },
  ]);
  const blob = Buffer.from('x');
  await db('sealed_bids').insert({
    id: `${tag}-bid`.padEnd(36, '0').slice(0, 36),
    package_id: stepPkg,
    action: 'submit_bid',
    vendor_id: 'vendor.metrik',
    commitment: '0'.repeat(64),
    key_id: 'k',
    wrapped_key: blob,
    iv: blob,
    tag: blob,
    ciphertext: blob,
    received_at: new Date(now),
    status: 'opened',
  });
  // A time window closed two hours ago still shown open (behind); one closing later, and one of an ended package.
  const window = (closes: number, status = 'active') => ({
    status,
    stage_id: 'registration',
    stage_name: 'Pendaftaran',
    stage_closes_at: new Date(closes),
    view: JSON.stringify({ stage: { id: 'registration', type: 'timeWindow', closesAt: closes } }),
  });
  await insertPackageRow(db, packageRow(lagPkgs.behind, window(now - 2 * HOUR)));
  await insertPackageRow(db, packageRow(lagPkgs.future, window(now + HOUR)));
  await insertPackageRow(db, packageRow(lagPkgs.ended, window(now - 2 * HOUR, 'batal')));

  const { fams, text } = await scrape();
  const d = (name: string, labels: Record<string, string> = {}) => value(fams, name, labels) - value(before, name, labels);
  assert.equal(d('pengadaan_notification_outbox_pending', { channel: 'email' }), 1);
  assert.equal(d('pengadaan_notification_outbox_pending', { channel: 'webhook' }), 0);
  assert.equal(d('pengadaan_notification_outbox_failing', { channel: 'email' }), 1);
  assert.equal(d('pengadaan_notification_delivery_failures_total', { channel: 'email' }), 2);
  assert.equal(d('pengadaan_notification_delivery_failures_total', { channel: 'webhook' }), 2);
  assert.ok(value(fams, 'pengadaan_notification_outbox_oldest_pending_seconds', { channel: 'email' }) >= 3600);
  assert.equal(d('pengadaan_sealed_bids', { status: 'opened' }), 1);
  assert.equal(d('pengadaan_sealed_bids', { status: 'received' }), 0);
  assert.equal(d('pengadaan_read_model_packages_behind'), 1);
  assert.ok(value(fams, 'pengadaan_read_model_lag_seconds') >= 7200);
  for (const name of ['pengadaan_read_model_lag_seconds', 'pengadaan_notification_outbox_pending', 'pengadaan_sealed_bids']) {
    assert.ok((family(fams, name)?.help ?? '').split(' ').length >= 5, `${name} has a HELP text`);
  }
  assert.equal(text.includes('vendor.metrik') || text.includes('x@contoh.test'), false);
});

test('a database that never answers: the scrape still answers, with database_up 0 and no stale figures', async () => {
  // Accepts TCP connections and never speaks: the worst case, a connection attempt that hangs.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((s) => sockets.push(s));
  const port = await freePort();
  await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
  // A connect timeout above the scrape's 2 s: the scrape must not wait for it (and destroy() ends within it).
  const deadDb = createDb(`postgres://pengadaan@127.0.0.1:${port}/pengadaan`, { connectTimeoutMs: 5_000 });
  const deadApi = await startTestApi({ db: deadDb });
  try {
    const started = Date.now();
    const { fams } = await scrape(deadApi.baseUrl);
    assert.ok(Date.now() - started < 8_000, `answered in ${Date.now() - started} ms`); // the bound is 2 s
    assert.equal(value(fams, 'pengadaan_database_up'), 0);
    assert.equal(family(fams, 'pengadaan_sealed_bids'), undefined);
    assert.equal(family(fams, 'pengadaan_notification_outbox_pending'), undefined);
    assert.equal(family(fams, 'pengadaan_read_model_lag_seconds'), undefined);
    assert.equal(family(fams, 'pengadaan_http_request_duration_seconds')?.type, 'histogram');
  } finally {
    await deadApi.close();
    for (const s of sockets) s.destroy();
    silent.close();
    await deadDb.destroy().catch(() => undefined);
  }
});

test('WORKER_METRICS_PORT: the bind address for the SDK exporter, a bad value refused', () => {
  assert.equal(workerMetricsOptions({}), undefined);
  assert.deepEqual(workerMetricsOptions({ WORKER_METRICS_PORT: '9464' }), {
    prometheus: { bindAddress: '0.0.0.0:9464', useSecondsForDurations: true, countersTotalSuffix: true },
  });
  assert.throws(() => workerMetricsOptions({ WORKER_METRICS_PORT: '94x' }), /WORKER_METRICS_PORT/);
  assert.throws(() => workerMetricsOptions({ WORKER_METRICS_PORT: '70000' }), /WORKER_METRICS_PORT/);
});

test("the worker's SDK metrics are served by Temporal Core's Prometheus exporter", { timeout: 120_000 }, async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/worker-metrics-child.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WORKER_METRICS_PORT: String(port), WORKER_METRICS_HOST: '127.0.0.1' },
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0, Buffer.concat(err).toString('utf8').slice(-3000));
  const fams = parse(Buffer.concat(out).toString('utf8'));
  const queue = `metrik-${child.pid}`;
  const started = fams.flatMap((f) => f.samples).filter((s) => s.name === 'temporal_worker_start_total' && s.labels.task_queue === queue);
  assert.equal(started.length, 1, `families: ${fams.map((f) => f.name).join(', ')}`);
  assert.equal(started[0]!.value, 1);
  const latency = fams.find((f) => f.type === 'histogram' && f.name.startsWith('temporal_request_latency'));
  assert.ok(latency, 'the RPC latency histogram');
  assert.ok(latency.samples.some((s) => s.name.endsWith('_bucket')));
});
