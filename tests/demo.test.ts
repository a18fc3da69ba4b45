/**
 * `npm run demo -- --packages 16` against the real start command (tests/support/demo-stack.ts: bin/start.ts on free
 * ports, its own data folder, TIME_SCALE so that windows close in seconds): the packages exist through the public API
 * across every method and several stages, stderr shows the progress and stdout the summary with no errors; the
 * monitoring stories are there through the monitoring API (contracts in execution, one kontrak kritis by
 * domain/contract/critical.ts, payments, a failed tender and its re-tender counted as one budget line, a cancelled
 * package out of absorption, overdue steps); an unreachable API or a data folder without the dev issuer's key ends
 * with exit 1 and a clear message.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { criticalityOf, fiscalYearEndWib } from '../domain/contract/critical';
import { freePort } from '../runtime/free-port';
import { type DemoStack, runDemo, startDemoStack } from './support/demo-stack';
import { logTails, redactTokens } from './support/start-stack';

const FY = 2046;
const N = 16;
let s: DemoStack | undefined;

before(
  async () => {
    s = await startDemoStack({ packages: N, fiscalYear: FY, label: 'demo-test' });
  },
  { timeout: 360_000 },
);

after(
  async () => {
    await s?.stop();
  },
  { timeout: 60_000 },
);

/** A summary line of the "Untuk pemantauan" table: its number. */
function storyCount(summary: string, label: string): number {
  const m = new RegExp(`^  ${label} +(\\d+)$`, 'm').exec(summary);
  assert.ok(m, `no line '${label}' in the summary:\n${summary}`);
  return Number(m[1]);
}

describe('npm run demo', () => {
  test(`fills the running system with ${N} packages across methods and stages, with progress and a summary`, async () => {
    const run = { stdout: s!.summary, stderr: s!.stderr };
    const where = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${redactTokens(run.stderr)}\n${logTails(s!.dataDir, 20)}`;
    // Progress on stderr (plain lines: not a terminal), from 0 to all.
    assert.match(run.stderr, new RegExp(`demo: 0/${N} paket selesai`), where);
    assert.match(run.stderr, new RegExp(`demo: ${N}/${N} paket selesai · ${N} dibuat · \\d+ langkah · 0 galat`), where);
    // The summary on stdout.
    assert.match(run.stdout, new RegExp(`dibuat: ${N} dari ${N} paket; langkah dilakukan: \\d+; galat: 0`), where);
    for (const heading of ['Per metode:', 'Per status:', 'Per tahap (tahap terakhir tiap paket):', 'Untuk pemantauan:'])
      assert.ok(run.stdout.includes(heading), `${heading}${where}`);
    assert.match(run.stdout, /metode: 10 dari 10 metode demo/, where);

    // The packages exist, seen through the public API: every method, spread over several stages. The engine's
    // re-tender of a failed tender is a package the demo did not create.
    const res = await fetch(`${s!.baseUrl}/api/public/packages?fiscalYear=${FY}&pageSize=100`);
    assert.equal(res.status, 200);
    const list = (await res.json()) as {
      data: { id: string; method: string; stage: { id: string }; status: string; opd: string }[];
      pagination: { total: number };
    };
    assert.ok(list.pagination.total >= N + 1, `${list.pagination.total} packages${where}`);
    const methods = new Set(list.data.map((p) => p.method));
    assert.equal(methods.size, 10, [...methods].join(', '));
    const stages = new Set(list.data.map((p) => p.stage.id));
    assert.ok(stages.size >= 5, `only ${stages.size} stages: ${[...stages].join(', ')}`);
    assert.ok(new Set(list.data.map((p) => p.opd)).size >= 3, 'several OPDs');
    assert.ok(
      list.data.some((p) => p.status !== 'active'),
      'some packages got to the end of their selection',
    );
  });

  test('the monitoring stories: contracts in execution, kontrak kritis, payments, re-tender, cancellation, overdue steps', async () => {
    const out = s!.summary;
    const executing = storyCount(out, 'kontrak dalam pelaksanaan');
    assert.ok(executing >= 2, out);
    assert.ok(storyCount(out, 'kontrak kritis') >= 1, out);
    assert.ok(storyCount(out, 'kontrak dibayar') >= 2, out);
    assert.equal(storyCount(out, 'tender gagal'), 1, out);
    assert.equal(storyCount(out, 'tender ulang dibuat'), 1, out);
    assert.equal(storyCount(out, 'paket dibatalkan'), 1, out);
    assert.ok(storyCount(out, 'langkah terlambat') >= 1, out);
    const chain = /^ {2}(pkt-[0-9a-f]+) → tender ulang (pkt-[0-9a-f]+)$/m.exec(out);
    assert.ok(chain, out);
    const [, failedId, retenderId] = chain;

    const kpa = s!.api.as('kpa.hendra');
    const get = async <T>(p: string) => {
      const r = await kpa.get<T>(p);
      assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 500)}`);
      return r.body;
    };

    // Kontrak: the running contracts with their S-curves; the critical one judged so by the domain rule itself.
    type Contract = {
      stageId: string;
      paid: number;
      criticality: { critical: boolean; reason: string | null };
      sCurve: { period: number; periodEnd: string | null; plannedPct: number; actualPct: number | null }[];
    };
    const contracts = await get<{ counts: { running: number; critical: number }; data: Contract[] }>(`/api/dashboard/contracts?fiscalYear=${FY}&pageSize=100`);
    const inExecution = contracts.data.filter((c) => c.stageId === 'execution');
    assert.ok(inExecution.length >= executing, JSON.stringify(contracts.data.map((c) => c.stageId)));
    assert.ok(contracts.counts.critical >= 1, JSON.stringify(contracts.counts));
    const critical = contracts.data.filter((c) => c.criticality.critical);
    assert.ok(
      critical.some((c) => c.criticality.reason === 'lag_period_one'),
      JSON.stringify(critical),
    );
    for (const c of contracts.data) {
      const points = c.sCurve.map((p) => ({ period: p.period, plannedPct: p.plannedPct, ...(p.actualPct !== null ? { actualPct: p.actualPct } : {}) }));
      assert.equal(criticalityOf(points, fiscalYearEndWib(FY)).critical, c.criticality.critical, JSON.stringify(c));
    }
    assert.ok(
      contracts.data.some((c) => !c.criticality.critical && c.sCurve.some((p) => p.actualPct !== null)),
      'a contract reported on plan',
    );
    assert.ok(contracts.data.filter((c) => c.paid > 0).length >= 2, 'contracts with payments');

    // Ringkasan: absorption is not zero; the failed tender is superseded by its re-tender (one budget line) and the
    // cancelled package is out of the budget lines.
    type Totals = { packages: number; superseded: number; cancelled: number; budgetLines: number; budgetPagu: number; paid: number };
    const year = await get<{ totals: Totals }>(`/api/dashboard/year?fiscalYear=${FY}`);
    assert.ok(year.totals.paid > 0, JSON.stringify(year.totals));
    assert.ok(year.totals.superseded >= 1 && year.totals.cancelled >= 1, JSON.stringify(year.totals));
    type Listed = { data: { id: string; pagu: number; status: string }[]; pagination: { total: number } };
    const auditor = s!.api.as('auditor.rina');
    const listOf = async (q: string) => {
      const r = await auditor.get<Listed>(`/api/packages?fiscalYear=${FY}&pageSize=100&${q}`);
      assert.equal(r.status, 200, `${q}: ${r.text.slice(0, 500)}`);
      return r.body;
    };
    const superseded = await listOf('superseded=true');
    assert.ok(
      superseded.data.some((p) => p.id === failedId),
      'the failed tender is superseded',
    );
    assert.ok(!superseded.data.some((p) => p.id === retenderId), 'its re-tender is not');
    const lines = await listOf('budgetLine=true');
    const lineIds = new Set(lines.data.map((p) => p.id));
    assert.ok(lineIds.has(retenderId!) && !lineIds.has(failedId!), 'the chain is one budget line, at its re-tender');
    assert.ok(!lines.data.some((p) => p.status === 'batal'), 'no cancelled package among the budget lines');
    assert.equal(lines.pagination.total, year.totals.budgetLines);
    assert.equal(
      lines.data.reduce((sum, p) => sum + Number(p.pagu), 0),
      year.totals.budgetPagu,
      'the pagu of the budget lines, each once',
    );

    // Terlambat: steps past their due time, among them the SPMK the demo left alone.
    const overdue = await get<{ data: { action: string }[]; pagination: { total: number } }>(`/api/dashboard/overdue?fiscalYear=${FY}&pageSize=100`);
    assert.ok(overdue.pagination.total >= 1, 'overdue steps');
    assert.ok(
      overdue.data.some((r) => r.action === 'issue_spmk'),
      JSON.stringify(overdue.data.map((r) => r.action)),
    );
  });

  test('an unreachable API or a data folder without the dev key: exit 1 with a clear message', { timeout: 120_000 }, async () => {
    const down = await runDemo(['--packages', '2', '--url', `http://127.0.0.1:${await freePort()}`, '--data-dir', s!.dataDir], 60_000);
    assert.equal(down.code, 1, down.stderr);
    assert.match(down.stderr, /API tidak dapat dihubungi di http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    assert.match(down.stderr, /bash bin\/dev\.sh/);
    assert.ok(!/\n\s+at /.test(down.stderr), 'no stack trace');

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-demo-empty-'));
    try {
      const noKey = await runDemo(['--packages', '2', '--url', s!.baseUrl, '--data-dir', empty], 60_000);
      assert.equal(noKey.code, 1, noKey.stderr);
      assert.match(noKey.stderr, /Kunci token pengembangan tidak ada/);
      assert.equal(fs.readdirSync(empty).length, 0, 'nothing written to the wrong folder');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const usage = await runDemo(['--url', s!.baseUrl], 60_000);
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /--packages wajib diisi/);
  });
});
