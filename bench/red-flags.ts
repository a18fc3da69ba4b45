/**
 * Red-flag latency at city scale and beyond: seeds N packages (default 100,000) with process views — two thirds with
 * opened bids and an announced award, bid windows of 1–5 days, contracts (some raised by addenda, some late) — into a
 * fresh embedded PostgreSQL (or DATABASE_URL), then calls GET /api/dashboard/red-flags (a whole fiscal year, one OPD,
 * one flag) and GET /api/public/packages/{id}/red-flags through the real Express app, printing p50, p95 and p99.
 *
 *   npx tsx bench/red-flags.ts [--packages 100000] [--requests 50]
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
const REQUESTS = arg('requests', 50);
const FY = 2027;
const OPDS = 40;

/** The part of the dashboard's answer the summary line prints (the public answer has no byFlag). */
interface RedFlagsAnswer {
  byFlag?: unknown;
  flagged?: number;
  packages?: number;
}

const pid = (g: string) => `'pkt-rfbench' || lpad(${g}::text, 8, '0')`;

async function main() {
  await withBenchDatabase('rf', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    // Views as the workflow writes them: g % 3 = 0 still sealed, the others opened (1–4 bids, one in seven with a
    // bid rejected at the opening, one in five with a failed bid) and announced; 30 winners spread over the OPDs.
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, stage_entered_at, created_by, created_at, updated_at, view)
       select ${pid('g')}, 'paket-rfbench-' || g, 'Paket ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         (array['tender','tender-2file','tender-cepat','seleksi'])[1 + g % 4], 'tender-pasca-1file', 4, ?,
         1100000000, 1000000000, 'active', 'sppbj', 'Penerbitan SPPBJ', now(), 'ppk', now() - interval '30 days', now(),
         case when g % 3 = 0 then jsonb_build_object('data', jsonb_build_object('bids',
                (select jsonb_agg(jsonb_build_object('by', 'vendor.' || v, 'at', 0, 'sealed', true)) from generate_series(1, 2) v)))
         else jsonb_build_object('data', jsonb_build_object(
           'bids', (select jsonb_agg(jsonb_build_object('by', 'vendor.' || ((g + v) % 30), 'at', 0, 'price', 850000000 + v * 10000000))
                    from generate_series(1, 1 + g % 4) v),
           'bidOpening', jsonb_build_object('rejected', case when g % 7 = 0 then '[{"vendorId":"x"}]'::jsonb else '[]'::jsonb end),
           'award', jsonb_build_object('winner', jsonb_build_object('vendorId', 'vendor.' || (g % 30), 'price', 860000000 + (g % 15) * 10000000),
                                       'failed', case when g % 5 = 0 then '[{"vendorId":"y"}]'::jsonb else '[]'::jsonb end),
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
    // Contracts of every fifth package: one in two raised by an addendum, one in four late.
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, created_by, created_at, updated_at, parent_package_id, view)
       select 'pkt-rfbenchk' || g, 'paket-rfbenchk-' || g, 'Kontrak ' || g, 'OPD ' || (g % ${OPDS}), 'Satker', 'pekerjaan_konstruksi',
         'kontrak', 'kontrak', 1, ?, 1100000000, 1000000000, 'active', 'execution', 'Pelaksanaan', 'ppk', now(), now(), ${pid('g')},
         jsonb_build_object('data', jsonb_build_object('addenda', case when g % 10 = 5 then '[{"id":"a1"}]'::jsonb else '[]'::jsonb end))
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
         original_value, value, status, stage_id, updated_at)
       select 'pkt-rfbenchk' || g, ${pid('g')}, 'kontrak', 'K-' || g, 'vendor.' || (g % 30), 'pekerjaan_konstruksi', 'OPD ' || (g % ${OPDS}), ?,
         1100000000, 900000000, case when g % 10 = 5 then 950000000 else 900000000 end, 'active', 'execution', now()
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into package_stages (package_id, entered_seq, stage_id, stage_name, entered_at)
       select 'pkt-rfbenchk' || g, 30, 'late_execution', 'Pemberian Kesempatan', now() - interval '6 days'
       from generate_series(20, ?, 20) g`,
      [N],
    );
    await db.raw('analyze');
    console.log(`seeded ${N} packages with views, windows and ${Math.floor(N / 5)} contracts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1 });
    const base = await serve(app);
    const token = await issuer.sign({ id: 'auditor.bench', name: 'APIP', roles: ['auditor'], org: 'inspektorat' });
    const endpoints: [string, () => string][] = [
      ['red-flags, whole year', () => `/api/dashboard/red-flags?fiscalYear=${FY}`],
      ['red-flags, one OPD', () => `/api/dashboard/red-flags?fiscalYear=${FY}&opd=OPD%207`],
      ['red-flags, one flag, page 5', () => `/api/dashboard/red-flags?fiscalYear=${FY}&flag=repeat_winner&page=5`],
      ['public, one package', () => `/api/public/packages/pkt-rfbench${String(1 + Math.floor(Math.random() * N)).padStart(8, '0')}/red-flags`],
    ];
    for (const [name, url] of endpoints) {
      const times: number[] = [];
      let body: RedFlagsAnswer = {};
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await fetch(base + url(), { headers: { Authorization: `Bearer ${token}` } });
        body = (await res.json()) as RedFlagsAnswer;
        if (res.status !== 200) throw new Error(`${url()} answered ${res.status}: ${JSON.stringify(body)}`);
        times.push(performance.now() - t);
      }
      // The first request computes the year (the API keeps it for RED_FLAGS_MAX_AGE_SECONDS): reported on its own.
      const first = times[0]!;
      times.sort((a, b) => a - b);
      const extra = body.byFlag ? `  flagged ${body.flagged}/${body.packages}` : '';
      console.log(
        `${name.padEnd(28)} first ${first.toFixed(1)} ms  p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (${REQUESTS} requests)${extra}`,
      );
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
