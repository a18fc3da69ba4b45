/**
 * `npm run demo -- --packages 12` against the real start command (bin/start.ts on free ports, its own data folder,
 * TIME_SCALE so that windows close in seconds): the packages exist through the public API across every method and
 * several stages, stderr shows the progress and stdout the summary with no errors; an unreachable API or a data
 * folder without the dev issuer's key ends with exit 1 and a clear message.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';
import { allocatePorts, logTails, redactTokens, type Stack, startStack } from './support/start-stack';

const FY = 2046;
const N = 12;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-demo-'));
let stack: Stack | undefined;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run demo -- …` as a user types it, with a hard timeout. */
function demo(args: string[], timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT; // the child is not a test
    const child = spawn('npm', ['run', '--silent', 'demo', '--', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo did not finish in ${timeoutMs} ms\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

before(async () => {
  stack = await startStack({ dataDir, ports: await allocatePorts(), timeScale: '0.00002', readyTimeoutMs: 120_000 });
}, { timeout: 150_000 });

after(async () => {
  if (stack) {
    const res = await stack.stop(45_000).catch(() => undefined);
    if (!res || res.timedOut) stack.kill();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, { timeout: 60_000 });

describe('npm run demo', () => {
  test(`fills the running system with ${N} packages across methods and stages, with progress and a summary`, { timeout: 300_000 }, async () => {
    const run = await demo(['--packages', String(N), '--url', stack!.baseUrl, '--data-dir', dataDir, '--fiscal-year', String(FY), '--time-limit', '150']);
    const where = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${redactTokens(run.stderr)}\n${logTails(dataDir, 20)}`;
    assert.equal(run.code, 0, where);
    // Progress on stderr (plain lines: not a terminal), from 0 to all.
    assert.match(run.stderr, new RegExp(`demo: 0/${N} paket selesai`), where);
    assert.match(run.stderr, new RegExp(`demo: ${N}/${N} paket selesai · ${N} dibuat · \\d+ langkah · 0 galat`), where);
    // The summary on stdout.
    assert.match(run.stdout, new RegExp(`dibuat: ${N} dari ${N} paket; langkah dilakukan: \\d+; galat: 0`), where);
    for (const heading of ['Per metode:', 'Per status:', 'Per tahap (tahap terakhir tiap paket):']) assert.ok(run.stdout.includes(heading), `${heading}${where}`);
    assert.match(run.stdout, /metode: 10 dari 10 metode demo/, where);

    // The packages exist, seen through the public API: every method, spread over several stages.
    const res = await fetch(`${stack!.baseUrl}/api/public/packages?fiscalYear=${FY}&pageSize=100`);
    assert.equal(res.status, 200);
    const list = (await res.json()) as { data: { method: string; stage: { id: string }; status: string; opd: string }[]; pagination: { total: number } };
    assert.equal(list.pagination.total, N, where);
    const methods = new Set(list.data.map((p) => p.method));
    assert.equal(methods.size, 10, [...methods].join(', '));
    const stages = new Set(list.data.map((p) => p.stage.id));
    assert.ok(stages.size >= 5, `only ${stages.size} stages: ${[...stages].join(', ')}`);
    assert.ok(new Set(list.data.map((p) => p.opd)).size >= 3, 'several OPDs');
    assert.ok(list.data.some((p) => p.status !== 'active'), 'some packages got to the end of their selection');
  });

  test('an unreachable API or a data folder without the dev key: exit 1 with a clear message', { timeout: 120_000 }, async () => {
    const down = await demo(['--packages', '2', '--url', `http://127.0.0.1:${await freePort()}`, '--data-dir', dataDir], 60_000);
    assert.equal(down.code, 1, down.stderr);
    assert.match(down.stderr, /API tidak dapat dihubungi di http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    assert.match(down.stderr, /bash bin\/dev\.sh/);
    assert.ok(!/\n\s+at /.test(down.stderr), 'no stack trace');

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-demo-empty-'));
    try {
      const noKey = await demo(['--packages', '2', '--url', stack!.baseUrl, '--data-dir', empty], 60_000);
      assert.equal(noKey.code, 1, noKey.stderr);
      assert.match(noKey.stderr, /Kunci token pengembangan tidak ada/);
      assert.equal(fs.readdirSync(empty).length, 0, 'nothing written to the wrong folder');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const usage = await demo(['--url', stack!.baseUrl], 60_000);
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /--packages wajib diisi/);
  });
});
