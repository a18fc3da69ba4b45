/**
 * Benchmark: starts the whole stack with the real start command (own temporary data folder, free ports), drives
 * TENDERS tenders (default 1; CONCURRENCY at a time, default 1) from creation to contract_signed through the HTTP API
 * with the definition's default schedule, prints figures and stops the stack. It never asserts on time.
 *
 *   npx tsx bench/tender-http.ts
 *   TENDERS=10 CONCURRENCY=5 TIME_SCALE=0.00001 npx tsx bench/tender-http.ts
 *
 * Env: TENDERS, CONCURRENCY, TIME_SCALE (default 0.00002), KEEP_DATA=1 (keep the data folder), ECHO=1 (show the
 * start command's output).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allocatePorts, logTails, startStack } from '../tests/support/start-stack';
import { api, type TenderResult, runTender } from '../tests/support/tender-http-driver';

const DAY_MS = 86_400_000;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

async function main() {
  const tenders = positiveInt('TENDERS', 1);
  const concurrency = Math.min(positiveInt('CONCURRENCY', 1), tenders);
  const timeScale = process.env.TIME_SCALE || '0.00002';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-bench-'));
  const ports = await allocatePorts();
  console.log(`bench: ${tenders} tender(s), ${concurrency} at a time, TIME_SCALE=${timeScale}, data ${dataDir}`);

  const t0 = Date.now();
  const stack = await startStack({ dataDir, ports, timeScale, echo: process.env.ECHO === '1' });
  console.log(`stack ready: ${stack.readySecs.toFixed(1)} s from spawn to ready line (the start command reports ${stack.reportedReadySecs.toFixed(1)} s)`);

  let failed = 0;
  try {
    const client = api(stack.baseUrl, { dataDir });
    const results: TenderResult[] = [];
    let next = 0;
    const worker = async () => {
      while (next < tenders) {
        const n = ++next;
        try {
          const r = await runTender(client, { title: `Bench tender ${n} ${Date.now().toString(36)}`, stageTimeoutMs: 300_000 });
          results.push(r);
          print(n, r, Number(timeScale));
        } catch (e) {
          failed++;
          console.error(`tender ${n}: FAILED: ${(e as Error).message}`);
        }
      }
    };
    const tAll = Date.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const allSecs = (Date.now() - tAll) / 1000;
    if (results.length > 1) {
      const walls = results.map((r) => r.wallMs / 1000).sort((a, b) => a - b);
      const steps = results.flatMap((r) => r.steps.map((s) => s.ms)).sort((a, b) => a - b);
      console.log(
        `all: ${results.length} signed in ${allSecs.toFixed(1)} s; tender wall min ${walls[0]!.toFixed(1)} / ` +
          `median ${walls[Math.floor(walls.length / 2)]!.toFixed(1)} / max ${walls[walls.length - 1]!.toFixed(1)} s; ` +
          `step latency median ${steps[Math.floor(steps.length / 2)]} ms, p95 ${steps[Math.floor(steps.length * 0.95)]} ms`,
      );
    }
  } finally {
    const tStop = Date.now();
    const stopped = await stack.stop();
    console.log(
      `stack stopped in ${((Date.now() - tStop) / 1000).toFixed(1)} s (exit code ${stopped.code}${stopped.timedOut ? ', killed after timeout' : ''}); ` +
        `total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (failed) console.error(logTails(dataDir));
    if (process.env.KEEP_DATA === '1') console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

function print(n: number, r: TenderResult, scale: number) {
  const days = (ms: number) => (ms / DAY_MS).toFixed(2);
  const create = r.steps.find((s) => s.action === 'create');
  const steps = r.steps
    .filter((s) => s.action !== 'create')
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const slowest = r.steps.filter((s) => s.action !== 'create').reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(
    `tender ${n} (${r.packageId}): create → contract_signed ${(r.wallMs / 1000).toFixed(1)} s wall; ` +
      `nominal durations ${days(r.nominalMs)} days (${(r.nominalMs / 1000).toFixed(0)} s), ` +
      `scaled ×${scale} = ${(r.realWindowMs / 1000).toFixed(1)} s of windows; ` +
      `create ${create ? `${create.ms} ms` : 'n/a'}, ${steps.length} steps, median ${steps[Math.floor(steps.length / 2)]} ms, max ${steps[steps.length - 1]} ms (${slowest.action}); ` +
      `winner ${r.winner.vendorId} at Rp ${r.winner.price.toLocaleString('id-ID')}`,
  );
  for (const s of r.stages.filter((x) => x.nominalMs !== undefined)) {
    console.log(
      `    ${s.stage.padEnd(18)} nominal ${days(s.nominalMs!).padStart(5)} days → ${(s.realMs! / 1000).toFixed(1).padStart(5)} s  (reached at ${(s.reachedAtMs / 1000).toFixed(1)} s)`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
