/**
 * Dashboard latency at city scale and beyond: seeds N packages (default 100,000) straight into a fresh embedded
 * PostgreSQL (or DATABASE_URL) across OPDs, methods, stages and statuses, with open tasks and contracts with S-curve
 * points (bench/seed-city.ts), then calls every /api/dashboard endpoint and the public list through the real Express
 * app and prints p50, p95 and p99.
 *
 *   npx tsx bench/dashboard.ts [--packages 100000] [--requests 200]
 *
 * Target (issue 7): p95 under 100 ms on the 2-core machine. Figures are printed, never asserted.
 */
import pino from 'pino';
import { createApp } from '../api/app';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { seedCity } from './seed-city';
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
    await seedCity(db, { packages: N, fiscalYear: FY });
    console.log(`seeded ${N} packages, tasks and contracts (bench/seed-city.ts) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1 });
    const base = await serve(app);
    const token = await issuer.sign({ id: 'auditor.bench', name: 'APIP', roles: ['auditor'], org: 'inspektorat' });
    const endpoints = [
      `/api/dashboard/summary?fiscalYear=${FY}`,
      `/api/dashboard/overdue?fiscalYear=${FY}&page=50`,
      `/api/dashboard/stages?fiscalYear=${FY}&stage=stage_7&page=20`,
      `/api/dashboard/absorption?fiscalYear=${FY}`,
      `/api/dashboard/progress?fiscalYear=${FY}&opd=OPD%207&page=3`,
      // Computed per year and kept RED_FLAGS_MAX_AGE_SECONDS: the first request pays for it (printed as 'first').
      `/api/dashboard/red-flags?fiscalYear=${FY}`,
      // Issue 12: the year summary (whole city and one OPD), overdue of one OPD, running contracts (critical first).
      // Kept MONITORING_MAX_AGE_SECONDS (30) per year and OPD ('first' computes); '#computed': every request computes.
      `/api/dashboard/year?fiscalYear=${FY}`,
      `/api/dashboard/year?fiscalYear=${FY}#computed`,
      `/api/dashboard/year?fiscalYear=${FY}&opd=OPD%207#computed`,
      `/api/dashboard/overdue?fiscalYear=${FY}&opd=OPD%207&page=2`,
      `/api/dashboard/contracts?fiscalYear=${FY}`,
      `/api/dashboard/contracts?fiscalYear=${FY}&opd=OPD%207&critical=true`,
      // The public list (no token needed; the token is simply not looked at): first page, a year, an OPD, a search.
      `/api/public/packages?pageSize=25`,
      `/api/public/packages?fiscalYear=${FY}&pageSize=25`,
      `/api/public/packages?fiscalYear=${FY}&opd=OPD%208&method=tender&pageSize=25`,
      `/api/public/packages?q=Rehabilitasi%20123&pageSize=25`,
    ];
    for (const e of endpoints) {
      if (e.endsWith('#computed')) process.env.MONITORING_MAX_AGE_SECONDS = '0';
      else delete process.env.MONITORING_MAX_AGE_SECONDS;
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
      console.log(
        `${e
          .replace(/fiscalYear=\d+&?/, '')
          .replace(/\?$/, '')
          .padEnd(
            52,
          )} first ${first.toFixed(1)} ms  p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (${REQUESTS} requests)`,
      );
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
