/**
 * Dashboard latency at city scale and beyond: seeds N packages (default 100,000) straight into a fresh embedded
 * PostgreSQL (or DATABASE_URL) across OPDs, methods, stages and statuses, with open tasks and contracts with S-curve
 * points, then calls every /api/dashboard endpoint through the real Express app and prints p50, p95 and p99.
 *
 *   npx tsx bench/dashboard.ts [--packages 100000] [--requests 200]
 *
 * Target (issue 7): p95 under 100 ms on the 2-core machine. Figures are printed, never asserted.
 */
import pino from 'pino';
import { createApp } from '../api/app';
import type { Actor } from '../api/auth/actor';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { pct, withBenchDatabase } from './support';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('packages', 100_000);
const REQUESTS = arg('requests', 200);
const FY = 2027;


async function main() {
  await withBenchDatabase('dash', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    // Generated in SQL: 40 OPDs, 8 methods, 12 stages, 5 statuses; a third have an open task (half overdue), a fifth
    // a contract with four S-curve periods.
    await db.raw(
      `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
         fiscal_year, pagu, hps, status, stage_id, stage_name, stage_entered_at, created_by, created_at, updated_at)
       select 'pkt-bench' || lpad(g::text, 8, '0'), 'paket-pkt-bench' || g, 'Paket ' || g, 'OPD ' || (g % 40), 'Satker',
         (array['barang','pekerjaan_konstruksi','jasa_konsultansi','jasa_lainnya'])[1 + g % 4],
         (array['tender','tender-2file','seleksi','tender-cepat','penunjukan-langsung','pengadaan-langsung','e-purchasing','swakelola'])[1 + g % 8],
         'tender-pasca-1file', 3, ? - (g % 3), 100000000 + (g % 1000) * 1000000, 95000000 + (g % 1000) * 1000000,
         (array['active','active','contract_signed','gagal','batal'])[1 + g % 5],
         'stage_' || (g % 12), 'Tahap ' || (g % 12), now() - (g % 500) * interval '1 hour', 'ppk', now(), now()
       from generate_series(1, ?) g`,
      [FY, N],
    );
    await db.raw(
      `insert into package_tasks (package_id, stage_seq, action, stage_id, name, roles, assignees, due_at, status, fiscal_year)
       select 'pkt-bench' || lpad(g::text, 8, '0'), 1, 'act', 'stage_' || (g % 12), 'Langkah', array['pokja'], array['pokja.' || (g % 50)],
         now() + ((g % 20) - 10) * interval '1 day', 'open', ? - (g % 3)
       from generate_series(1, ?, 3) g`,
      [FY, N],
    );
    await db.raw(
      `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
         original_value, value, paid, physical_progress, status, stage_id, updated_at)
       select 'pkt-bench' || lpad(g::text, 8, '0'), 'pkt-bench' || lpad(g::text, 8, '0'), 'kontrak', 'K-' || g, 'vendor.' || (g % 300),
         'barang', 'OPD ' || (g % 40), ? - (g % 3), 100000000, 90000000, 90000000, (g % 10) * 9000000, (g % 10) * 10, 'active', 'execution', now()
       from generate_series(5, ?, 5) g`,
      [FY, N],
    );
    await db.raw(
      `insert into contract_periods (package_id, period, planned_pct, actual_pct)
       select c.package_id, p, p * 25, case when p <= 2 then p * 20 end from contracts c, generate_series(1, 4) p`,
    );
    // Issue 12: every contract signed (its `signed` milestone) and paid twice over the year; every 50th package a
    // re-tender of the one before it (a chain counted once).
    await db.raw(
      `insert into package_events (package_id, seq, type, stage_id, at, details)
       select package_id, 1000, 'milestone_reached', 'spmk', make_timestamptz(fiscal_year, 1 + (hashtext(package_id) & 2047) % 12, 10, 3, 0, 0, 'UTC'), '{"milestone":"signed"}'
       from contracts`,
    );
    await db.raw(
      `insert into contract_payments (package_id, payment_id, kind, gross, advance_repayment, retention, penalty, net, paid_at)
       select package_id, 'p' || k, 'termin', 45000000, 0, 0, 0, 45000000, make_timestamptz(fiscal_year, 1 + (k * 5 + (hashtext(package_id) & 2047)) % 12, 20, 3, 0, 0, 'UTC')
       from contracts, generate_series(1, 2) k`,
    );
    await db.raw(
      `update packages p set previous_package_id = 'pkt-bench' || lpad((substring(p.id from 10)::int - 1)::text, 8, '0')
       where p.id like 'pkt-bench%' and substring(p.id from 10)::int % 50 = 0`,
    );
    await db.raw('analyze');
    console.log(`seeded ${N} packages, tasks and contracts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1 });
    const base = await serve(app);
    const token = await issuer.sign({ id: 'auditor.bench', name: 'APIP', roles: ['auditor'], org: 'inspektorat' } as Actor);
    const endpoints = [
      `/api/dashboard/summary?fiscalYear=${FY}`,
      `/api/dashboard/overdue?fiscalYear=${FY}&page=50`,
      `/api/dashboard/stages?fiscalYear=${FY}&stage=stage_7&page=20`,
      `/api/dashboard/absorption?fiscalYear=${FY}`,
      `/api/dashboard/progress?fiscalYear=${FY}&opd=OPD%207&page=3`,
      // Computed per year and kept RED_FLAGS_MAX_AGE_SECONDS: the first request pays for it (printed as 'first').
      `/api/dashboard/red-flags?fiscalYear=${FY}`,
      // Issue 12: the year summary (whole city and one OPD), overdue of one OPD, running contracts (critical first).
      `/api/dashboard/year?fiscalYear=${FY}`,
      `/api/dashboard/year?fiscalYear=${FY}&opd=OPD%207`,
      `/api/dashboard/overdue?fiscalYear=${FY}&opd=OPD%207&page=2`,
      `/api/dashboard/contracts?fiscalYear=${FY}`,
      `/api/dashboard/contracts?fiscalYear=${FY}&opd=OPD%207&critical=true`,
    ];
    for (const e of endpoints) {
      const times: number[] = [];
      let first = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await fetch(base + e, { headers: { Authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${e} answered ${res.status}`);
        times.push(performance.now() - t);
        if (i === 0) first = times[0]!;
        if ((i + 1) % 50 === 0) process.stderr.write(`\r${e.split('?')[0]} ${i + 1}/${REQUESTS}`);
      }
      process.stderr.write('\r');
      times.sort((a, b) => a - b);
      console.log(`${e.replace(/fiscalYear=\d+&?/, '').replace(/\?$/, '').padEnd(52)} first ${first.toFixed(1)} ms  p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (${REQUESTS} requests)`);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
