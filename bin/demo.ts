/**
 * `npm run demo -- --packages N`: fills a RUNNING system (the one `bash bin/dev.sh` starts) with N realistic packages
 * across every method, Kota Tangerang OPDs and categories, through the public HTTP API only, and drives a share of
 * them forward (announce, register, bid, open, evaluate, award, contract…) as far as the time allows without waiting
 * for long windows: start the system with a small TIME_SCALE (README) to see them reach later stages.
 *
 * Some packages carry a story for the monitoring pages (bin/demo/catalog.ts assignStories): signed contracts driven
 * into execution with accepted progress reports and payments (on plan, or lagging into kontrak kritis), a signed
 * contract whose SPMK is left past its due time, a tender that fails and is re-tendered by the engine, and a cancelled
 * package. Story packages go first, so that a short time limit still reaches them.
 *
 * Tokens come from the dev issuer in the running system's data folder (DATA_DIR, default .data), as the end-to-end
 * tests do. Progress goes to stderr, the summary to stdout. Exit 1 when the API cannot be reached, refuses the tokens,
 * or a package could not be created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../runtime/config';
import { api as httpApi, type LiveState } from '../tests/support/tender-http-driver';
import { DEMO_METHODS, DEMO_OFFICERS, packageSpecs, type PackageSpec } from './demo/catalog';
import { drivePackage, refusal, type StoryResult } from './demo/drive';
import { type Counts, Progress } from './demo/progress';

const HELP = `Pemakaian: npm run demo -- --packages N [pilihan]

  --packages N       jumlah paket yang dibuat (wajib, 1–10000)
  --url URL          alamat API yang sedang berjalan (bawaan http://localhost:3000)
  --data-dir DIR     folder data sistem itu, berisi kunci token pengembangan (bawaan DATA_DIR atau .data)
  --concurrency K    paket yang dikerjakan bersamaan (bawaan 4)
  --fiscal-year Y    tahun anggaran paket (bawaan tahun berjalan)
  --max-wait S       tunggu sebuah tahap paling lama S detik sebelum berhenti di sana (bawaan 20)
  --time-limit S     batas waktu seluruh demo dalam detik (bawaan 300)
  --seed S           benih acak; benih yang sama memberi paket yang sama (bawaan 7)
`;

class Fatal extends Error {}

function intOption(raw: string | undefined, name: string, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Fatal(`--${name} harus bilangan bulat ${min}–${max}, bukan '${raw}'`);
  return n;
}

const parse = () =>
  parseArgs({
    options: {
      packages: { type: 'string' },
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      concurrency: { type: 'string' },
      'fiscal-year': { type: 'string' },
      'max-wait': { type: 'string' },
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });

function options() {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (e) {
    throw new Fatal(`${(e as Error).message}\n\n${HELP}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (values.packages === undefined) throw new Fatal(`--packages wajib diisi.\n\n${HELP}`);
  return {
    packages: intOption(values.packages, 'packages', 0, 1, 10_000),
    url: (values.url ?? process.env.DEMO_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    dataDir: path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    concurrency: intOption(values.concurrency, 'concurrency', 4, 1, 64),
    fiscalYear: intOption(values['fiscal-year'], 'fiscal-year', Number(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()), 2020, 2100),
    maxWaitMs: intOption(values['max-wait'], 'max-wait', 20, 0, 3_600) * 1000,
    timeLimitMs: intOption(values['time-limit'], 'time-limit', 300, 1, 86_400) * 1000,
    seed: intOption(values.seed, 'seed', 7, 0, 2 ** 31),
  };
}

/** The API answers /health, the data folder has the dev issuer's key, and the API accepts its tokens. */
async function preflight(o: ReturnType<typeof options>) {
  let health: Response;
  try {
    health = await fetch(`${o.url}/health`, { signal: AbortSignal.timeout(5_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Fatal(
      `API tidak dapat dihubungi di ${o.url} (${cause?.code ?? cause?.message ?? (e as Error).message}).\n` +
        'Jalankan sistemnya dulu dengan `bash bin/dev.sh` (atau beri alamatnya dengan --url).',
    );
  }
  if (health.status !== 200) throw new Fatal(`API di ${o.url} belum sehat: /health menjawab ${health.status} ${await health.text()}`);
  const keyFile = path.join(o.dataDir, 'dev-issuer.json');
  if (!fs.existsSync(keyFile)) {
    throw new Fatal(`Kunci token pengembangan tidak ada: ${keyFile}.\nBeri --data-dir (atau DATA_DIR) folder data sistem yang berjalan.`);
  }
  const client = httpApi(o.url, { dataDir: o.dataDir });
  const defs = await client.as(DEMO_OFFICERS.ppk).get<{ data: { method: string }[] }>('/api/process-definitions');
  if (defs.status === 401) throw new Fatal(`API menolak token dari ${keyFile}: --data-dir bukan folder data sistem di ${o.url}.`);
  if (defs.status !== 200) throw new Fatal(`GET /api/process-definitions menjawab ${defs.status}: ${defs.text.slice(0, 300)}`);
  return { client, methods: [...new Set(defs.body.data.map((d) => d.method))] };
}

interface Outcome {
  spec: PackageSpec;
  id?: string;
  final?: LiveState;
  steps: number;
  stoppedBecause?: string;
  error?: string;
  story?: StoryResult;
}

async function main() {
  const t0 = Date.now();
  const o = options();
  const { client, methods } = await preflight(o);
  const specs = packageSpecs(o.packages, { seed: o.seed, fiscalYear: o.fiscalYear, methods });
  const deadline = t0 + o.timeLimitMs;
  const counts: Counts = { done: 0, created: 0, steps: 0, errors: 0 };
  const progress = new Progress(specs.length);
  progress.update(counts, true);
  const outcomes: Outcome[] = [];

  const run = async (spec: PackageSpec): Promise<Outcome> => {
    const created = await client.as(DEMO_OFFICERS.ppk).createPackage(spec.body, { idempotencyKey: `demo-${o.seed}-${o.fiscalYear}-${spec.index}-${t0}` });
    if (created.status !== 201) {
      return { spec, steps: 0, error: `membuat paket: ${refusal(created)}` };
    }
    counts.created++;
    const id = created.body.id;
    const live = created.body.live;
    if (!live) return { spec, id, steps: 0, stoppedBecause: 'keadaan langsung belum terbaca' };
    const r = await drivePackage(client, spec, id, live, { maxWaitMs: o.maxWaitMs, deadline, onStep: () => (counts.steps++, progress.update(counts)) });
    return { spec, id, final: r.final, steps: r.steps, stoppedBecause: r.stoppedBecause, error: r.error, story: r.story };
  };
  // Story packages first (their stories need the most steps), each group in index order.
  const queue = [...specs.filter((s) => s.story), ...specs.filter((s) => !s.story)];

  let next = 0;
  const tick = setInterval(() => progress.update(counts), 500);
  await Promise.all(
    Array.from({ length: Math.min(o.concurrency, specs.length) }, async () => {
      while (next < queue.length) {
        const spec = queue[next++]!;
        const out = await run(spec).catch((e: Error): Outcome => ({ spec, steps: 0, error: e.message }));
        outcomes.push(out);
        counts.done++;
        if (out.error) counts.errors++;
        progress.update(counts);
      }
    }),
  );
  clearInterval(tick);
  progress.finish(counts);
  outcomes.sort((a, b) => a.spec.index - b.spec.index);
  const overdue = await overdueSteps(client, o.fiscalYear);
  process.stdout.write(summary(outcomes, o, Date.now() - t0, overdue));
  if (outcomes.some((x) => !x.id)) process.exitCode = 1;
}

function table(rows: [string, number][]): string {
  const w = Math.max(...rows.map(([k]) => k.length), 10);
  return rows.map(([k, n]) => `  ${k.padEnd(w)}  ${String(n).padStart(4)}`).join('\n');
}

/** How many steps are past their due time now, as the Terlambat page counts them (the PA/KPA's view). */
async function overdueSteps(client: Awaited<ReturnType<typeof preflight>>['client'], fiscalYear: number): Promise<number | undefined> {
  const res = await client
    .as(DEMO_OFFICERS.paKpa)
    .get<{ pagination?: { total?: number }; data?: unknown[] }>(`/api/dashboard/overdue?fiscalYear=${fiscalYear}&pageSize=1`);
  if (res.status !== 200) return undefined;
  return res.body.pagination?.total ?? res.body.data?.length;
}

/** The monitoring stories' counts, each line with a fixed label (tests read them). */
function storyLines(outcomes: Outcome[], overdue: number | undefined): [string, number][] {
  const n = (f: (s: StoryResult) => boolean | undefined) => outcomes.filter((x) => x.story && f(x.story)).length;
  const rows: [string, number][] = [
    ['kontrak dalam pelaksanaan', n((s) => s.executing)],
    ['kontrak kritis', n((s) => s.critical)],
    ['kontrak dibayar', n((s) => s.paid)],
    ['SPMK sengaja tertunda', n((s) => s.spmkOverdue)],
    ['tender gagal', n((s) => s.failed)],
    ['tender ulang dibuat', n((s) => !!s.retenderId)],
    ['paket dibatalkan', n((s) => s.cancelled)],
  ];
  if (overdue !== undefined) rows.push(['langkah terlambat', overdue]);
  return rows;
}

function summary(outcomes: Outcome[], o: ReturnType<typeof options>, ms: number, overdue: number | undefined): string {
  const created = outcomes.filter((x) => x.id);
  const count = (key: (x: Outcome) => string) => {
    const m = new Map<string, number>();
    for (const x of created) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const byMethod = count((x) => x.spec.method);
  const byStage = count((x) => (x.final ? `${x.final.stage.name} (${x.final.stage.id})` : '(tidak terbaca)'));
  const byStatus = count((x) => x.final?.status ?? '(tidak terbaca)');
  const errors = outcomes.filter((x) => x.error);
  const steps = outcomes.reduce((s, x) => s + x.steps, 0);
  const lines = [
    '',
    `Ringkasan demo (${(ms / 1000).toFixed(1).replace('.', ',')} detik, ${o.url}, tahun anggaran ${o.fiscalYear}):`,
    `  dibuat: ${created.length} dari ${outcomes.length} paket; langkah dilakukan: ${steps}; galat: ${errors.length}`,
    `  metode: ${byMethod.length} dari ${DEMO_METHODS.length} metode demo`,
    '',
    'Per metode:',
    table(byMethod),
    '',
    'Per status:',
    table(byStatus),
    '',
    'Per tahap (tahap terakhir tiap paket):',
    table(byStage),
    '',
    'Untuk pemantauan:',
    table(storyLines(outcomes, overdue)),
    '',
  ];
  const retenders = created.flatMap((x) => (x.story?.retenderId ? [`  ${x.id} → tender ulang ${x.story.retenderId}`] : []));
  if (retenders.length) lines.push('Tender ulang (satu baris anggaran dengan paket gagalnya):', ...retenders, '');
  if (errors.length) {
    lines.push(`Galat (${errors.length}):`);
    for (const e of errors.slice(0, 20)) lines.push(`  ${e.id ?? `paket #${e.spec.index + 1}`} [${e.spec.method}] ${e.error}`);
    if (errors.length > 20) lines.push(`  … dan ${errors.length - 20} lainnya`);
    lines.push('');
  }
  lines.push(
    'Lihat hasilnya:',
    `  ${o.url}/publik?tahun=${o.fiscalYear}                    (portal publik, tanpa masuk)`,
    `  ${o.url}/pantau/ringkasan?tahun=${o.fiscalYear}          (pemantauan: masuk sebagai kpa.hendra, auditor.rina atau admin.lpse)`,
    `  ${o.url}/api/public/packages?fiscalYear=${o.fiscalYear}  (tanpa token)`,
    `  ${o.url}/api/dashboard/year?fiscalYear=${o.fiscalYear}   (token PA/KPA, APIP atau admin)`,
    '',
  );
  return lines.join('\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`\ndemo: ${e instanceof Fatal ? e.message : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = 1;
});
