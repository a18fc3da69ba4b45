/**
 * The public package list at scale: seeds N procurement packages (default 100,000) as bench/red-flags.ts does — views
 * with opened bids and announced awards, bid windows, one contract in five (signed), open steps with due times — into
 * a fresh embedded PostgreSQL (or DATABASE_URL), then calls GET /api/public/packages (no token) through the real
 * Express app: the first page of everything, a fiscal year, an OPD, a text search, a deep page; p50/p95/p99.
 *
 *   npx tsx bench/public-list.ts [--packages 100000] [--requests 30]
 *
 * Figures are printed, never asserted.
 */
import pino from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { pct, withBenchDatabase } from './support';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('packages', 100_000);
const REQUESTS = arg('requests', 30);
const FY = 2027;
const OPDS = 40;
const pid = (g: string) => `'pkt-plbench' || lpad(${g}::text, 8, '0')`;

async function main() {
  await withBenchDatabase('public-list', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    await db('organisations').insert(Array.from({ length: 30 }, (_, v) => ({ id: `org-${v}`, name: `PT Penyedia ${v}`, kind: 'penyedia' }))).onConflict('id').ignore();
    await db('users').insert(Array.from({ length: 30 }, (_, v) => ({ id: `vendor.${v}`, name: `Staf ${v}`, roles: ['penyedia'], org_id: `org-${v}` }))).onConflict('id').ignore();
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, stage_entered_at, stage_closes_at, created_by, created_at, updated_at, view)
       select ${pid('g')}, 'paket-plbench-' || g, 'Paket Rehabilitasi ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         (array['tender','tender-2file','tender-cepat','seleksi'])[1 + g % 4], 'tender-pasca-1file', 4, ? - (g % 2),
         1100000000, 1000000000, 'active', 'sppbj', 'Penerbitan SPPBJ', now() - interval '1 day', now() + interval '2 days', 'ppk',
         now() - (g || ' minutes')::interval, now(),
         case when g % 3 = 0 then jsonb_build_object('data', jsonb_build_object('bids',
                (select jsonb_agg(jsonb_build_object('by', 'vendor.' || v, 'at', 0, 'sealed', true)) from generate_series(1, 2) v)))
         else jsonb_build_object('data', jsonb_build_object(
           'bids', (select jsonb_agg(jsonb_build_object('by', 'vendor.' || ((g + v) % 30), 'at', 0, 'price', 850000000 + v * 10000000))
                    from generate_series(1, 1 + g % 4) v),
           'bidOpening', jsonb_build_object('rejected', '[]'::jsonb),
           'award', jsonb_build_object('winner', jsonb_build_object('vendorId', 'vendor.' || (g % 30), 'price', 860000000 + (g % 15) * 10000000),
                                       'failed', '[]'::jsonb),
           'awardAnnouncement', '{}'::jsonb)) end
       from generate_series(1, ?) g`,
      [FY, N],
    );
    await db.raw(
      `insert into package_stages (package_id, entered_seq, stage_id, stage_name, entered_at, closes_at, left_at)
       select ${pid('g')}, 10, 'bid_submission', 'Upload Dokumen Penawaran', now() - interval '20 days',
         now() - interval '20 days' + (1 + g % 5) * interval '1 day', now() - interval '20 days' + (1 + g % 5) * interval '1 day'
       from generate_series(1, ?) g where g % 3 <> 0`,
      [N],
    );
    await db.raw(
      `insert into package_tasks (package_id, stage_seq, action, name, stage_id, roles, status, due_at)
       select ${pid('g')}, 20, 'issue_sppbj', 'Penerbitan SPPBJ', 'sppbj', array['ppk'], 'open', now() + (g % 7) * interval '1 day'
       from generate_series(1, ?) g`,
      [N],
    );
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, created_by, created_at, updated_at, parent_package_id, view)
       select 'pkt-plbenchk' || g, 'paket-plbenchk-' || g, 'Kontrak ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         'kontrak', 'kontrak', 1, ?, 1100000000, 1000000000, 'active', 'execution', 'Pelaksanaan', 'ppk', now(), now(), ${pid('g')}, '{}'::jsonb
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
         original_value, value, physical_progress, status, stage_id, updated_at)
       select 'pkt-plbenchk' || g, ${pid('g')}, 'kontrak', 'K-' || g, 'vendor.' || (g % 30), 'pekerjaan_konstruksi', 'OPD ' || (g % ${OPDS}), ?,
         1100000000, 900000000, 900000000, g % 100, 'active', 'execution', now()
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into package_events (package_id, seq, type, stage_id, at, details)
       select 'pkt-plbenchk' || g, 5, 'milestone_reached', 'contract_signed', now() - interval '3 days', '{"milestone":"signed"}'::jsonb
       from generate_series(5, ?, 5) g`,
      [N],
    );
    // As autovacuum leaves a table in service: statistics and the visibility map (index-only scans).
    await db.raw('vacuum analyze');
    console.log(`seeded ${N} packages, ${Math.floor(N / 5)} signed contracts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1, console: false });
    const base = await serve(app);
    const endpoints: [string, string][] = [
      ['first page, everything', '/api/public/packages'],
      ['a fiscal year, 100 a page', `/api/public/packages?fiscalYear=${FY}&pageSize=100`],
      ['one OPD', `/api/public/packages?fiscalYear=${FY}&opd=OPD%208`],
      ['text search', `/api/public/packages?q=${encodeURIComponent('rehabilitasi 123')}`],
      ['by HPS, page 400', `/api/public/packages?sort=-hps&page=400`],
    ];
    for (const [name, url] of endpoints) {
      const times: number[] = [];
      let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await fetch(base + url);
        body = await res.json();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const won = body.data.filter((p: { winner: unknown }) => p.winner).length;
      const signed = body.data.filter((p: { contract: unknown }) => p.contract).length;
      console.log(
        `${name.padEnd(28)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (${REQUESTS} requests; ${body.data.length} rows of ${body.pagination.total}, ${won} with a winner, ${signed} signed)`,
      );
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
