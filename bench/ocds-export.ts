/**
 * OCDS export at scale: seeds N procurement packages (default 2,000) into a fresh embedded PostgreSQL (or
 * DATABASE_URL), each a copy of the pure test's tender (tests/fixtures/ocds-source.ts: 32 events, an addendum, two
 * opened bids, award, SPPBJ) with its signed contract (18 events, documents, a payment), then streams
 * GET /api/ocds/export/{year} (releases, then records) through the real Express app and prints the time to the
 * first byte, the total time, the size, the throughput and the peak growth of the process's memory (the export is
 * streamed a batch at a time, so memory should not grow with N). Also the p50/p95 of one package's record.
 *
 *   npx tsx bench/ocds-export.ts [--packages 2000] [--requests 50]
 *   NODE_OPTIONS=--max-old-space-size=96 npx tsx bench/ocds-export.ts --packages 6000   # memory stays bounded
 *
 * RSS growth with the default heap mostly shows how lazily V8 collects; the small-heap run is the real check: both
 * exports of 6,000 packages (218 MB and 391 MB of JSON) finish in a 96 MB heap.
 * Figures are printed, never asserted.
 */
import pino from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import type { createDb } from '../db/connection';
import { pct, withBenchDatabase } from './support';
import { childEvents, contractSource, packageSource, parentEvents } from '../tests/fixtures/ocds-source';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('packages', 2_000);
const REQUESTS = arg('requests', 50);
const FY = 2033;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const eventRows = (events: typeof parentEvents) =>
  JSON.stringify(
    events.map((e) => ({
      seq: e.seq,
      type: e.type,
      stage_id: e.stageId,
      action: e.action ?? null,
      actor_id: e.actorId ?? null,
      actor_role: e.actorRole ?? null,
      at: new Date(e.at).toISOString(),
      details: e.details ?? null,
    })),
  );

async function seed(db: ReturnType<typeof createDb>) {
  const src = packageSource();
  const child = contractSource();
  await db('organisations').insert([
    { id: 'ukpbj-uji', name: 'UKPBJ Kota Uji', kind: 'opd' },
    { id: 'pt-xenon', name: 'PT Xenon', kind: 'penyedia' },
    { id: 'cv-yakin', name: 'CV Yakin', kind: 'penyedia' },
  ]);
  await db('users').insert([
    { id: 'pokja-unit', name: 'Pokja Uji', roles: ['pokja'], org_id: 'ukpbj-uji' },
    { id: 'vendor-x', name: 'Penyedia X', roles: ['penyedia'], org_id: 'pt-xenon' },
    { id: 'vendor-y', name: 'Penyedia Y', roles: ['penyedia'], org_id: 'cv-yakin' },
  ]);
  const parentView = {
    packageId: 'x',
    definition: { id: 'tender-pasca-1file', version: 4, name: src.definitionName, method: 'tender' },
    facts: src.facts,
    assignments: src.assignments,
    data: { award: src.awardData },
  };
  const childView = {
    packageId: 'x',
    definition: { id: 'kontrak', version: 1, name: 'E-Kontrak: Pelaksanaan Kontrak', method: 'kontrak' },
    facts: child.facts,
    assignments: { ppk: ['ppk-unit'] },
    data: {},
  };
  const pkg = (prefix: string) => `'${prefix}' || lpad(g::text, 8, '0')`;
  const packageInsert = (prefix: string, parent: string | null, def: string, version: number, method: string, view: unknown) =>
    db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, created_by, created_at, updated_at, parent_package_id, view)
       select ${pkg(prefix)}, 'paket-' || ${pkg(prefix)}, 'Paket ' || g, 'Dinas Pendidikan Kota Uji', 'Bidang Sarana', 'barang', ?, ?, ?,
         ?, 1000000000, 950000000, 'contract_signed', 'contract_signed', 'Kontrak Ditandatangani', 'ppk-unit', now(), now(),
         ${parent ? `${pkg(parent)}` : 'null'}, ?::jsonb
       from generate_series(1, ?) g`,
      [method, def, version, FY, JSON.stringify(view), N],
    );
  await packageInsert('pkt-bench', null, 'tender-pasca-1file', 4, 'tender', parentView);
  await packageInsert('pkt-benck', 'pkt-bench', 'kontrak', 1, 'kontrak', childView);
  const eventsInsert = (prefix: string, rows: string) =>
    db.raw(
      `insert into package_events (package_id, seq, type, stage_id, action, actor_id, actor_role, at, details)
       select ${pkg(prefix)}, t.seq, t.type, t.stage_id, t.action, t.actor_id, t.actor_role, t.at, t.details
       from generate_series(1, ?) g,
         jsonb_to_recordset(?::jsonb) as t(seq int, type text, stage_id text, action text, actor_id text, actor_role text, at timestamptz, details jsonb)`,
      [N, rows],
    );
  await eventsInsert('pkt-bench', eventRows(parentEvents));
  await eventsInsert('pkt-benck', eventRows(childEvents));
  for (const [prefix, docs] of [
    ['pkt-bench', src.documents],
    ['pkt-benck', child.documents],
  ] as const) {
    for (const d of docs) {
      await db.raw(
        `insert into documents (id, package_id, kind, revision, title, file_name, content_type, sha256, size, content)
         select ${pkg(prefix)} || ':${d.kind}:1', ${pkg(prefix)}, ?, 1, ?, 'dokumen.pdf', ?, ?, 1, '\\x00'::bytea
         from generate_series(1, ?) g`,
        [d.kind, d.title, d.contentType, d.sha256, N],
      );
    }
  }
  await db.raw(
    `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
       original_value, value, status, stage_id, updated_at)
     select ${pkg('pkt-benck')}, ${pkg('pkt-bench')}, 'kontrak', 'KTR/1', 'vendor-y', 'barang', 'Dinas Pendidikan Kota Uji', ?,
       1000000000, 800000000, 840000000, 'active', 'execution', now()
     from generate_series(1, ?) g`,
    [FY, N],
  );
  const p = child.payments[0]!;
  await db.raw(
    `insert into contract_payments (package_id, payment_id, kind, gross, advance_repayment, retention, penalty, net, paid_at)
     select ${pkg('pkt-benck')}, ?, ?, ?, 0, 0, 0, ?, ? from generate_series(1, ?) g`,
    [p.paymentId, p.kind, p.gross, p.net, new Date(p.paidAt), N],
  );
  await db.raw('analyze');
}

async function timeExport(base: string, kind: string) {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const res = await fetch(`${base}/api/ocds/export/${FY}?kind=${kind}`);
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let firstByte = 0;
  let items = 0;
  const marker = kind === 'records' ? '"compiledRelease"' : '"initiationType"';
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (!firstByte) firstByte = performance.now() - t0;
    bytes += r.value.byteLength;
    // Counted roughly on chunk text (a marker split across chunks is missed); the figure is the size, not the count.
    items += Buffer.from(r.value).toString('utf8').split(marker).length - 1;
  }
  const total = performance.now() - t0;
  clearInterval(sampler);
  console.log(
    `export ${kind.padEnd(8)} ${N} packages: first byte ${firstByte.toFixed(0)} ms, total ${(total / 1000).toFixed(2)} s, ${mb(bytes)}, ` +
      `~${items} ${kind}, ${(N / (total / 1000)).toFixed(0)} packages/s, peak RSS growth ${mb(peak - before)}`,
  );
}

async function main() {
  await withBenchDatabase('ocds', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    await seed(db);
    console.log(`seeded ${N} packages with their contracts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1 });
    const base = await serve(app);
    await timeExport(base, 'releases');
    await timeExport(base, 'records');
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const id = `pkt-bench${String(1 + ((i * 7919) % N)).padStart(8, '0')}`;
      const t = performance.now();
      const res = await fetch(`${base}/api/ocds/records/ocds-pgdn01-${id}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`record of ${id} answered ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`GET /api/ocds/records/{ocid}  p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  (${REQUESTS} requests)`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
