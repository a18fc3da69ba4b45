/**
 * The console in Chromium against the real start command (fresh data folder, free ports). Prints figures; asserts
 * nothing.
 *   npx tsx bench/console.ts [--runs 10] [--tasks 500]
 *
 *  - initial JavaScript transferred (gzip: the encoded body sizes of the network answers) for the inbox, and for a
 *    package page with its diagram, also without the diagram chunk(s) (those carrying diagram-js, bpmn-js's core);
 *  - time to a usable inbox with N open tasks for one user (the Pokja of N freshly created packages, each waiting
 *    for its announcement): navigation start to the first row's link on screen;
 *  - time to a rendered package page with its diagram: navigation start to the heading and the diagram's shapes.
 *  - over a city of `--packages` procurement packages (default 100,000; bench/seed-city.ts, the dashboard bench's
 *    seeding) served by the real Express app with the built console: the year summary page (/pantau/ringkasan, as an
 *    auditor: navigation start to its charts drawn and its first table row) and the public package list (/publik,
 *    no sign-in: to the first package row), with the median time of their API calls as the browser saw them.
 * Each time is the median of `--runs` cold loads (a fresh browser context: no cache, no session storage).
 * Targets (issue 11): initial JS ≤ 250 KB gzip without the diagram chunk; inbox ≤ 1 s; package page ≤ 1.5 s.
 * Targets (issue 12): year summary and public list ≤ 1.5 s each at 100,000 packages.
 * `--skip-stack` measures only the city part, `--packages 0` skips it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pino from 'pino';
import { createApp } from '../api/app';
import type { Actor } from '../api/auth/actor';
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { createVerifier } from '../api/auth/verifier';
import { REPO_ROOT } from '../runtime/config';
import { launchChromium } from '../tests/support/browser';
import { allocatePorts, startStack } from '../tests/support/start-stack';
import { api, expectStatus, tenderBody } from '../tests/support/tender-http-driver';
import { seedCity } from './seed-city';
import { withBenchDatabase } from './support';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('runs', 10);
const TASKS = arg('tasks', 500);
const PACKAGES = arg('packages', 100_000);
const CITY_FY = 2027;
const KB = 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** A context already signed in: the session the sign-in page would store, written before the console's code runs. */
async function signedInContext(browser: Browser, baseUrl: string, userId: string): Promise<BrowserContext> {
  const res = await fetch(`${baseUrl}/api/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!res.ok) throw new Error(`dev token for ${userId}: ${res.status} ${await res.text()}`);
  const t = (await res.json()) as { accessToken: string; expiresAt: string; user: unknown };
  const session = JSON.stringify({ mode: 'development', accessToken: t.accessToken, expiresAt: t.expiresAt, user: t.user });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await context.addInitScript((s) => sessionStorage.setItem('pengadaan.session', s), session);
  return context;
}

interface Script {
  url: string;
  encoded: number;
}

/** Every script the page fetched, with its transferred (encoded) size, from the network events. */
function recordScripts(page: Page): Script[] {
  const scripts: Script[] = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() !== 'script') return;
    void req.sizes().then((s) => scripts.push({ url: req.url(), encoded: s.responseBodySize }));
  });
  return scripts;
}

const diagramChunks = new Map<string, boolean>();
/** Whether a script is (part of) the diagram: it carries diagram-js, the canvas bpmn-js draws with. */
async function isDiagramChunk(url: string): Promise<boolean> {
  if (!diagramChunks.has(url)) diagramChunks.set(url, /djs-container/.test(await (await fetch(url)).text()));
  return diagramChunks.get(url)!;
}

const INBOX_READY = (page: Page) => page.locator('main table tbody tr a').first().waitFor({ timeout: 60_000 });
const PACKAGE_READY = async (page: Page) => {
  await page.locator('main h1').first().waitFor({ timeout: 60_000 });
  await page.locator('.djs-container svg .djs-element').first().waitFor({ timeout: 60_000 });
};

async function load(browser: Browser, baseUrl: string, userId: string, p: string, ready: (page: Page) => Promise<void>) {
  const context = await signedInContext(browser, baseUrl, userId);
  try {
    const page = await context.newPage();
    const scripts = recordScripts(page);
    const t0 = performance.now();
    await page.goto(baseUrl + p);
    await ready(page);
    const ms = performance.now() - t0;
    await page.waitForLoadState('networkidle').catch(() => {});
    return { ms, scripts: [...scripts] };
  } finally {
    await context.close();
  }
}

async function stackPart() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-bench-console-'));
  console.log(`starting the stack (data in ${dataDir})…`);
  const stack = await startStack({ dataDir, ports: await allocatePorts(), timeScale: '1', readyTimeoutMs: 180_000 });
  let browser: Browser | undefined;
  try {
    const a = api(stack.baseUrl, { dataDir });
    const ppk = a.as('ppk.budi');
    // N packages waiting for their announcement: each is an open step for every member of its Pokja.
    const t0 = Date.now();
    let made = 0;
    const ids: string[] = [];
    const worker = async () => {
      while (made < TASKS) {
        made++;
        const res = expectStatus(await ppk.createPackage(tenderBody({ title: `Paket uji konsol ${made}` })), 201);
        ids.push(res.body.id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const inbox = expectStatus(await a.as('pokja.sari').get('/api/tasks?pageSize=1'), 200).body as { pagination: { total: number } };
    console.log(`seeded ${ids.length} packages in ${((Date.now() - t0) / 1000).toFixed(1)} s; pokja.sari has ${inbox.pagination.total} open tasks`);

    browser = await launchChromium();
    const pkg = `/paket/${ids[0]}`;
    const inboxRuns: number[] = [];
    const pkgRuns: number[] = [];
    let inboxScripts: Script[] = [];
    let pkgScripts: Script[] = [];
    // One warm-up of each (the server's own caches, the OS's file cache), then the measured cold loads.
    await load(browser, stack.baseUrl, 'pokja.sari', '/tugas', INBOX_READY);
    await load(browser, stack.baseUrl, 'pokja.sari', pkg, PACKAGE_READY);
    for (let i = 0; i < RUNS; i++) {
      const ib = await load(browser, stack.baseUrl, 'pokja.sari', '/tugas', INBOX_READY);
      inboxRuns.push(ib.ms);
      inboxScripts = ib.scripts;
      const pk = await load(browser, stack.baseUrl, 'pokja.sari', pkg, PACKAGE_READY);
      pkgRuns.push(pk.ms);
      pkgScripts = pk.scripts;
    }

    const sum = (xs: Script[]) => xs.reduce((s, x) => s + x.encoded, 0);
    const diagram: Script[] = [];
    for (const s of pkgScripts) if (await isDiagramChunk(s.url)) diagram.push(s);
    const inboxJs = sum(inboxScripts);
    const pkgJs = sum(pkgScripts);
    const pkgNoDiagram = pkgJs - sum(diagram);
    const name = (u: string) => new URL(u).pathname.replace('/assets/', '');
    const list = (xs: Script[]) => xs.map((s) => `${name(s.url)} ${(s.encoded / KB).toFixed(1)} KB`).join(', ');
    const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

    console.log('\n--- initial JavaScript transferred (gzip) ---');
    console.log(
      `inbox (/tugas): ${(inboxJs / KB).toFixed(1)} KB in ${inboxScripts.length} scripts [${list(inboxScripts)}]  (target ≤ 250 KB: ${verdict(inboxJs <= 250 * KB)})`,
    );
    console.log(`package page with diagram: ${(pkgJs / KB).toFixed(1)} KB in ${pkgScripts.length} scripts [${list(pkgScripts)}]`);
    console.log(`  diagram chunk(s): ${(sum(diagram) / KB).toFixed(1)} KB [${list(diagram)}]`);
    console.log(`  without the diagram chunk: ${(pkgNoDiagram / KB).toFixed(1)} KB  (target ≤ 250 KB: ${verdict(pkgNoDiagram <= 250 * KB)})`);
    console.log(`\n--- time to usable, median of ${RUNS} cold loads (fresh context each) ---`);
    const m1 = median(inboxRuns);
    const m2 = median(pkgRuns);
    console.log(
      `inbox with ${inbox.pagination.total} open tasks: ${m1.toFixed(0)} ms (min ${Math.min(...inboxRuns).toFixed(0)}, max ${Math.max(...inboxRuns).toFixed(0)})  (target ≤ 1000 ms: ${verdict(m1 <= 1000)})`,
    );
    console.log(
      `package page with diagram: ${m2.toFixed(0)} ms (min ${Math.min(...pkgRuns).toFixed(0)}, max ${Math.max(...pkgRuns).toFixed(0)})  (target ≤ 1500 ms: ${verdict(m2 <= 1500)})`,
    );
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; Chromium ${browser.version()}`);
  } finally {
    await browser?.close();
    await stack.stop(60_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A context whose session storage holds `token` for `user`, as the sign-in page would leave it. */
async function contextWithToken(browser: Browser, user: Actor, token: string): Promise<BrowserContext> {
  const session = JSON.stringify({ mode: 'development', accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await context.addInitScript((x) => sessionStorage.setItem('pengadaan.session', x), session);
  return context;
}

/** Cold loads of one page: time to `ready`, and the time of the answers to API paths matching `apiPath`. */
async function coldLoads(open: () => Promise<BrowserContext>, url: string, ready: (page: Page) => Promise<void>, apiPath: RegExp) {
  const times: number[] = [];
  const apiMs: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = await open();
    try {
      const page = await context.newPage();
      const calls: number[] = [];
      page.on('requestfinished', (r) => {
        if (apiPath.test(new URL(r.url()).pathname)) calls.push(r.timing().responseEnd - r.timing().requestStart);
      });
      const t0 = performance.now();
      await page.goto(url);
      await ready(page);
      const ms = performance.now() - t0;
      await page.waitForLoadState('networkidle').catch(() => {});
      if (i === 0) continue; // warm-up: the server's and the OS's caches
      times.push(ms);
      apiMs.push(...calls);
    } finally {
      await context.close();
    }
  }
  return { times, apiMs };
}

async function cityPart() {
  await withBenchDatabase('console-city', async ({ db, tmp, serve }) => {
    const t0 = Date.now();
    await seedCity(db, { packages: PACKAGES, fiscalYear: CITY_FY });
    console.log(`\nseeded a city of ${PACKAGES} packages (bench/seed-city.ts) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const issuer = await loadOrCreateDevIssuer(tmp);
    const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
    const dist = process.env.CONSOLE_DIST ?? path.join(REPO_ROOT, 'web', 'dist');
    const app = createApp({ db, client: null as never, verifier, logger: pino({ level: 'silent' }), taskQueue: 'bench', timeScale: 1, console: { dist } });
    const base = await serve(app);
    const auditor = { id: 'auditor.bench', name: 'Rina (APIP)', roles: ['auditor'], org: 'inspektorat' } as Actor;
    const token = await issuer.sign(auditor);
    const browser = await launchChromium();
    try {
      const summary = await coldLoads(
        () => contextWithToken(browser, auditor, token),
        `${base}/pantau/ringkasan?tahun=${CITY_FY}`,
        async (page) => {
          await page.locator('main table tbody tr').first().waitFor({ timeout: 60_000 });
          await page.locator('.chart-box svg').first().waitFor({ timeout: 60_000 });
        },
        /^\/api\/dashboard\//,
      );
      const publicList = await coldLoads(
        () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' }),
        `${base}/publik`,
        (page) => page.locator('main table tbody tr').first().waitFor({ timeout: 60_000 }),
        /^\/api\/public\/packages$/,
      );
      const line = (name: string, r: { times: number[]; apiMs: number[] }) => {
        const m = median(r.times);
        const sorted = [...r.apiMs].sort((a, b) => a - b);
        const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
        console.log(
          `${name}: ${m.toFixed(0)} ms (min ${Math.min(...r.times).toFixed(0)}, max ${Math.max(...r.times).toFixed(0)}); its API calls as the browser saw them: median ${median(sorted).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${sorted.length}  (target ≤ 1500 ms: ${m <= 1500 ? 'within target' : 'OVER TARGET'})`,
        );
      };
      console.log(`--- over ${PACKAGES} packages, median of ${RUNS} cold loads ---`);
      line(`year summary (/pantau/ringkasan?tahun=${CITY_FY}, auditor)`, summary);
      line('public package list (/publik, no sign-in)', publicList);
    } finally {
      await browser.close();
    }
  });
}

async function main() {
  if (!process.argv.includes('--skip-stack')) await stackPart();
  if (PACKAGES > 0) await cityPart();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
