/**
 * Benchmark over recorded histories (issue 14 point 1): how big the Temporal histories of real packages are, so a
 * change to the workflow can show before/after figures. It never asserts on size or time.
 *
 *   npx tsx bench/history-size.ts                                  # live: starts the stack, drives packages, measures
 *   npx tsx bench/history-size.ts --from tests/fixtures/histories  # the JSON histories in a folder, no stack
 *
 * Live mode starts the whole stack with the real start command (own temporary data folder, free ports), adds five
 * vendor accounts, and drives through the HTTP API, all at once: a tender (the default tender, pascakualifikasi satu
 * file) with 5 sealed bids from creation to the contract signed by both parties (tests/support/tender-http-driver.ts
 * `runTender`), and one package of each non-tender method of the seed's mix (Penunjukan Langsung, Pengadaan Langsung
 * A and B, e-purchasing; bin/demo/drive.ts) to its end (Pengadaan Langsung A: the receipt; the others: the contract or
 * surat pesanan signed). Then, for each package workflow and each child it started (its E-Kontrak), and every earlier
 * run of a continue-as-new chain, it fetches the history (handle.fetchHistory()) and describe() (historyLength,
 * historySize) and prints one row per workflow run, a breakdown per workflow (top 8 event types by bytes, activity
 * input and result bytes per activity name), and the figures against the issue's targets.
 *
 * --from <dir> reads every *.json in the folder as one history in the JSON norm of `temporal workflow show --output
 * json` (tests/support/history-json.ts; tests/fixtures/histories is written so by bin/record-history.ts) and prints the
 * same table, without the server's figures. --save <dir> (live mode) writes the fetched histories there in that norm,
 * so a later run can compare with --from (their payloads stay encrypted, so --from shows no definition for them). The
 * committed fixtures' tenders have 3 bids (bin/record-history.ts), not the 5 of the target.
 *
 * Targets (issue 14 point 1): ≤ 40 KB of history for a tender with 5 bids ("16-step tender": its package workflow;
 * the E-Kontrak child is a separate history, printed added for reference), and ≤ 8 events per step. The columns they
 * read: "srv bytes" (live: the server's historySize, what Temporal's limits count) or "proto bytes" (the sum of the
 * encoded events, computed here, 0.3–0.5 % below the server's figure; the only size in --from mode), and "ev/step" =
 * events / steps, a step being a Workflow Update accepted. Live histories carry encrypted payloads (the stack's codec),
 * the recorded fixtures plain ones, so a live history is a little larger than the same steps recorded.
 *
 * Flags: --from DIR, --save DIR, --time-scale X (0.00002), --window-days N (8: a tender's clarification and bid
 * windows and the offer windows, so that five bids are in before the window closes; see bench/city-year.ts),
 * --keep-data, --echo (the start command's output).
 */
import { Client, Connection } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { workflowIdOf } from '../api/services/create-package';
import { DEMO_OFFICERS } from '../bin/demo/catalog';
import { drivePackage, refusal } from '../bin/demo/drive';
import { EncryptionCodec } from '../runtime/crypto/payload-codec';
import { keyProviderFromEnv } from '../runtime/crypto/key-provider';
import { historyFromJson, historyToJson } from '../tests/support/history-json';
import { allocatePorts, logTails, startStack } from '../tests/support/start-stack';
import { runTender } from '../tests/support/tender-http-driver';
import { addVendors, BenchApi, benchVendor, fiveBidTender, otherSpecs } from './city-mix';
import { measure, type Measured, printBreakdown, printTable, printTargets } from './history-measure';

function options() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      save: { type: 'string' },
      'time-scale': { type: 'string', default: '0.00002' },
      'window-days': { type: 'string', default: '8' },
      'keep-data': { type: 'boolean', default: false },
      echo: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const timeScale = Number(values['time-scale']);
  if (!(timeScale > 0 && timeScale <= 1)) throw new Error(`--time-scale must be in (0, 1], got '${values['time-scale']}'`);
  const windowDays = Number(values['window-days']);
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new Error(`--window-days must be a whole number ≥ 1, got '${values['window-days']}'`);
  return { from: values.from, save: values.save, timeScale: values['time-scale'], windowDays, keepData: values['keep-data'], echo: values.echo };
}

// ---- --from: histories saved as JSON --------------------------------------------------------------------------------

async function fromFolder(dir: string): Promise<void> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const rows: Measured[] = [];
  for (const f of files) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
    if (!Array.isArray((json as { events?: unknown }).events)) {
      console.log(`skipped ${f}: not a history (no events array)`);
      continue;
    }
    rows.push(await measure(f.replace(/\.json$/, ''), historyFromJson(json)));
  }
  console.log(`history-size: ${rows.length} histories from ${dir} (JSON, payloads base64-decoded; no server figures)\n`);
  printTable(rows, 'json');
  for (const r of rows) printBreakdown(r);
  printTargets(rows);
}

// ---- live: drive packages, then fetch their histories ---------------------------------------------------------------

const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

interface Driven {
  kind: string;
  packageId?: string;
  /** How the package ended, or why the driver stopped. */
  outcome: string;
}

async function drive(a: BenchApi, windowDays: number): Promise<Driven[]> {
  const tender = async (): Promise<Driven> => {
    const t0 = Date.now();
    try {
      const r = await runTender(a, fiveBidTender(0, 1, windowDays));
      const outcome = `${r.final.status} in ${secs(t0)} s, ${r.steps.length} client steps`;
      return { kind: 'tender (5 bids)', packageId: r.packageId, outcome };
    } catch (e) {
      // The package id is in the refused step's path when the tender got that far.
      const id = /\/api\/packages\/(pkt-[A-Za-z0-9]+)/.exec((e as Error).message)?.[1];
      return { kind: 'tender (5 bids)', packageId: id, outcome: `FAILED: ${(e as Error).message.slice(0, 300)}` };
    }
  };
  const other = async (spec: ReturnType<typeof otherSpecs>[number]): Promise<Driven> => {
    const t0 = Date.now();
    const created = await a.as(DEMO_OFFICERS.ppk).createPackage(spec.body);
    if (created.status !== 201 || !created.body.live) return { kind: spec.method, outcome: `FAILED create: ${refusal(created)}` };
    const id = created.body.id;
    const r = await drivePackage(a, spec, id, created.body.live, { maxWaitMs: 300_000, deadline: Date.now() + 900_000, onStep: () => {} });
    const why = r.error ? `FAILED: ${r.error}` : (r.stoppedBecause ?? 'ended');
    return { kind: spec.method, packageId: id, outcome: `${r.final.status} at '${r.final.stage.id}' (${why}) in ${secs(t0)} s, ${r.steps} steps` };
  };
  return Promise.all([tender(), ...otherSpecs(4, windowDays).map(other)]);
}

interface Fetched {
  label: string;
  workflowId: string;
  runId?: string;
  history: History;
  measured: Measured;
}

/** A workflow's runs (latest first, then the runs it continued from), and then the same for each child it started. */
async function fetchFamily(client: Client, codec: EncryptionCodec, label: string, workflowId: string): Promise<Fetched[]> {
  const out: Fetched[] = [];
  const children: string[] = [];
  let runId: string | undefined;
  for (let run = 0; ; run++) {
    const handle = client.workflow.getHandle(workflowId, runId);
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const m = await measure(run ? `${label} (run -${run})` : label, history, codec);
    m.serverEvents = description.historyLength;
    m.serverBytes = description.historySize;
    out.push({ label: m.label, workflowId, runId: description.runId, history, measured: m });
    for (const e of history.events ?? []) {
      const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (child && !children.includes(child)) children.push(child);
    }
    if (!m.continuedFrom) break;
    runId = m.continuedFrom;
  }
  for (const child of children) out.push(...(await fetchFamily(client, codec, `  └ ${child}`, child)));
  return out;
}

/** The fetched histories as JSON, e.g. tender-5-bids-paket-pkt-….json and its E-Kontrak tender-5-bids-child-paket-pkt-….json. */
function save(dir: string, families: { kind: string; runs: Fetched[] }[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of families) {
    for (const r of f.runs) {
      const kind = `${f.kind.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}${r.workflowId === f.runs[0]!.workflowId ? '' : '-child'}`;
      // An earlier run of a continue-as-new chain gets its run id.
      const name = `${kind}-${r.workflowId}${r.label.includes('(run -') ? `-${r.runId}` : ''}.json`;
      fs.writeFileSync(path.join(dir, name), historyToJson(r.history));
    }
  }
  console.log(`\nhistories saved to ${dir} (payloads encrypted, as stored)`);
}

async function live(o: ReturnType<typeof options>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-history-size-'));
  const ports = await allocatePorts();
  console.log(`history-size (live): TIME_SCALE=${o.timeScale}, windows ${o.windowDays} days, data ${dataDir}`);
  const t0 = Date.now();
  const stack = await startStack({ dataDir, ports, timeScale: o.timeScale, echo: o.echo });
  console.log(`stack ready in ${stack.readySecs.toFixed(1)} s`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      stack.kill();
      process.exit(130);
    });
  }
  let failed = false;
  try {
    const vendors = Array.from({ length: 5 }, (_, i) => benchVendor(i));
    await addVendors(ports.embeddedPgPort, vendors);
    const a = new BenchApi(stack.baseUrl, dataDir, new Map(vendors.map((v) => [v.id, v])));
    const driven = await drive(a, o.windowDays);
    for (const d of driven) console.log(`  ${d.kind.padEnd(22)} ${d.packageId ?? '(none)'}: ${d.outcome}`);
    failed = driven.some((d) => d.outcome.startsWith('FAILED'));

    // The stack's key ring is in its data folder: the same codec reads the workflow input (definition@version).
    const codec = await EncryptionCodec.create(keyProviderFromEnv({ env: process.env, dataDir, production: false }));
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporalPort}` });
    try {
      const client = new Client({ connection, namespace: 'default', dataConverter: { payloadCodecs: [codec] } });
      const families: { kind: string; runs: Fetched[] }[] = [];
      for (const d of driven.filter((x) => x.packageId)) {
        families.push({ kind: d.kind, runs: await fetchFamily(client, codec, `${d.kind} ${d.packageId}`, workflowIdOf(d.packageId!)) });
      }
      const rows = families.flatMap((f) => f.runs.map((r) => r.measured));
      console.log('');
      printTable(rows, 'server');
      for (const r of rows) printBreakdown(r);
      const tenders = families
        .filter((f) => f.kind.startsWith('tender'))
        .map((f) => ({ tender: f.runs[0]!.measured, children: f.runs.filter((r) => r.workflowId !== f.runs[0]!.workflowId).map((r) => r.measured) }));
      printTargets(rows, tenders);
      if (o.save) save(o.save, families);
    } finally {
      await connection.close();
    }
  } finally {
    const stopped = await stack.stop();
    console.log(`\nstack stopped (exit code ${stopped.code}${stopped.timedOut ? ', killed after timeout' : ''}); total ${secs(t0)} s`);
    if (failed) console.error(logTails(dataDir, 15));
    if (o.keepData) console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const o = options();
  if (o.from) await fromFolder(o.from);
  else await live(o);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
