/**
 * The public portal's list page (/publik) over N procurement packages (default 100,000) in Chromium: seeds them into
 * a fresh embedded PostgreSQL (or DATABASE_URL) — every fifth with a signed contract and progress, a third with an
 * announced winner — serves the real Express app with the built console (web/dist, or CONSOLE_DIST), and loads the
 * page cold (fresh context: no cache) `--runs` times per view: navigation start to the first package row on screen.
 * Also counts the list requests each load makes (one per page of results). Prints the medians; asserts nothing.
 *
 *   npx tsx bench/public-portal.ts [--packages 100000] [--runs 10]
 */
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { REPO_ROOT } from '../runtime/config';
import { launchChromium } from '../tests/support/browser';
import { withBenchDatabase } from './support';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('packages', 100_000);
const RUNS = arg('runs', 10);
const FY = 2027;
const OPDS = 40;
const pid = (g: string) => `'pkt-ppbench' || lpad(${g}::text, 8, '0')`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  await withBenchDatabase('public-portal', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    await db('organisations').insert(Array.from({ length: 30 }, (_, v) => ({ id: `org-${v}`, name: `PT Penyedia ${v}`, kind: 'penyedia' }))).onConflict('id').ignore();
    await db('users').insert(Array.from({ length: 30 }, (_, v) => ({ id: `vendor.${v}`, name: `Staf ${v}`, roles: ['penyedia'], org_id: `org-${v}` }))).onConflict('id').ignore();
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, stage_entered_at, stage_closes_at, created_by, created_at, updated_at, view)
       select ${pid('g')}, 'paket-ppbench-' || g, 'Paket Rehabilitasi ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         (array['tender','tender-2file','tender-cepat','seleksi'])[1 + g % 4], 'tender-pasca-1file', 4, ? - (g % 2),
         1100000000, 1000000000, 'active', 'sppbj', 'Penerbitan SPPBJ', now() - interval '1 day', now() + interval '2 days', 'ppk',
         now() - (g || ' minutes')::interval, now(),
         case when g % 3 = 0 then '{}'::jsonb
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
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, created_by, created_at, updated_at, parent_package_id, view)
       select 'pkt-ppbenchk' || g, 'paket-ppbenchk-' || g, 'Kontrak ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         'kontrak', 'kontrak', 1, ?, 1100000000, 1000000000, 'active', 'execution', 'Pelaksanaan', 'ppk', now(), now(), ${pid('g')}, '{}'::jsonb
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
         original_value, value, physical_progress, status, stage_id, updated_at)
       select 'pkt-ppbenchk' || g, ${pid('g')}, 'kontrak', 'K-' || g, 'vendor.' || (g % 30), 'pekerjaan_konstruksi', 'OPD ' || (g % ${OPDS}), ?,
         1100000000, 900000000, 900000000, g % 100, 'active', 'execution', now()
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into package_events (package_id, seq, type, stage_id, at, details)
       select 'pkt-ppbenchk' || g, 5, 'milestone_reached', 'contract_signed', now() - interval '3 days', '{"milestone":"signed"}'::jsonb
       from generate_series(5, ?, 5) g`,
      [N],
    );
    await db.raw('analyze');
    console.log(`seeded ${N} packages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const dist = process.env.CONSOLE_DIST ?? path.join(REPO_ROOT, 'web', 'dist');
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1, console: { dist } });
    const base = await serve(app);
    const browser = await launchChromium();
    const views: [string, string][] = [
      ['first page, everything', '/publik'],
      ['a fiscal year', `/publik?tahun=${FY}`],
      ['one OPD and method', `/publik?tahun=${FY}&opd=OPD%208&metode=tender`],
      ['text search', `/publik?cari=${encodeURIComponent('Rehabilitasi 123')}`],
      ['page 400', '/publik?halaman=400'],
    ];
    try {
      for (const [name, url] of views) {
        const times: number[] = [];
        const calls: number[] = [];
        const apiMs: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
          const page = await context.newPage();
          let n = 0;
          page.on('request', (r) => {
            if (new URL(r.url()).pathname === '/api/public/packages') n++;
          });
          page.on('requestfinished', (r) => {
            if (new URL(r.url()).pathname === '/api/public/packages') apiMs.push(r.timing().responseEnd - r.timing().requestStart);
          });
          const start = Date.now();
          await page.goto(base + url);
          await page.locator('table.public-list tbody tr').first().waitFor({ timeout: 30_000 });
          times.push(Date.now() - start);
          calls.push(n);
          await context.close();
        }
        console.log(
          `${name.padEnd(28)} median ${median(times)} ms (min ${Math.min(...times)}, max ${Math.max(...times)}); its API call median ${Math.round(median(apiMs))} ms; list requests per load: ${[...new Set(calls)].join('/')}`,
        );
      }
    } finally {
      await browser.close();
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
