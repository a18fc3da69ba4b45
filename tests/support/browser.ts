/**
 * The console in a real browser: Debian's Chromium driven by playwright-core, against the real start command
 * (tests/support/start-stack.ts) on free ports and a fresh data folder.
 *
 * One browser per test file, one BrowserContext per user (separate cookies and sessionStorage, like five people at
 * five desks). Every page is watched: an uncaught error, a console error, a Content-Security-Policy violation or a
 * 5xx answer from the API is a problem, and `assertClean()` fails the test with the list. Refusals (4xx) are answers
 * the page must show, so the browser's own "Failed to load resource … 409" line for an /api request is not one.
 *
 * `axe(page)` runs axe-core in the page and fails on serious or critical violations with a readable report;
 * `shot(page, name)` saves a full-page PNG under test-artifacts/screenshots/ for CI to keep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { DEMO_USERS } from '../../db/seed-demo';
import { chromiumArgs, resolveChromium } from '../../runtime/chromium';
import { REPO_ROOT } from '../../runtime/config';
import { allocatePorts, loggedErrors, logTails, redactTokens, type Stack, startStack } from './start-stack';
import { type Api, api } from './tender-http-driver';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');
const SESSION_KEY = 'pengadaan.session'; // web/src/auth/token-store.ts

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: resolveChromium(), args: chromiumArgs(), headless: true });
}

// ---- problems on a page -----------------------------------------------------------------------------------------

/** Collects what must not happen on any page of the console. */
export class PageWatch {
  readonly problems: string[] = [];

  /** @param serverErrors the API's logged errors, added to a report that names a 5xx answer (CI keeps no log files). */
  constructor(
    readonly label: string,
    private readonly serverErrors: () => string = () => '',
  ) {}

  attach(page: Page): void {
    page.on('pageerror', (e) => this.problems.push(`uncaught error on ${page.url()}: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const where = msg.location().url ?? '';
      // The browser logs every 4xx answer; for the API those are refusals the page shows, not faults.
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text) && /\/api\//.test(where)) return;
      // A compiled function's source can run to kilobytes; the start says what it is.
      const short = text.length > 300 ? `${text.slice(0, 300)}…` : text;
      this.problems.push(`console error on ${page.url()}: ${short}${where ? ` (${where})` : ''}`);
    });
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (res.status() >= 500) this.problems.push(`${res.request().method()} ${url.pathname} answered ${res.status()} on ${page.url()}`);
      // A missing script or style of the console itself is a broken build, not a refusal.
      if (res.status() === 404 && url.pathname.startsWith('/assets/')) this.problems.push(`missing asset ${url.pathname}`);
    });
  }

  /** Throws with every problem seen since the last call (and forgets them). */
  assertClean(): void {
    const seen = this.problems.splice(0);
    if (!seen.length) return;
    const server = seen.some((p) => / answered 5\d\d /.test(p)) ? this.serverErrors() : '';
    throw new Error(`${this.label}: ${seen.length} problem(s) in the browser:\n  - ${seen.join('\n  - ')}${server ? `\n${server}` : ''}`);
  }
}

/** CSP violations also reach the console through this listener, with the directive and what was blocked. */
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`;

// ---- users ---------------------------------------------------------------------------------------------------------

export interface UserPage {
  userId: string;
  name: string;
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  /** Navigates within the console (path from the origin) and waits for the page's main landmark. */
  goto(p: string): Promise<void>;
  assertClean(): void;
}

function demoUser(id: string) {
  const u = DEMO_USERS.find((x) => x.id === id);
  if (!u) throw new Error(`unknown demo user '${id}'`);
  return u;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Signs the page in as a demo user through the real sign-in page: /masuk lists the demo users under
 * "Masuk sebagai"; the user's button is found by name or id. Ends on a signed-in page whose stored session is
 * that user's.
 */
export async function signInThroughPage(page: Page, baseUrl: string, userId: string): Promise<void> {
  const u = demoUser(userId);
  await page.goto(`${baseUrl}/masuk`);
  await page
    .getByText(/Masuk sebagai/i)
    .first()
    .waitFor({ timeout: 15_000 });
  const byName = new RegExp(`${escapeRe(u.name)}|${escapeRe(u.id)}`, 'i');
  const button = page
    .getByRole('button', { name: byName })
    .or(page.getByRole('link', { name: byName }))
    .first();
  await button.click({ timeout: 15_000 });
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'), { timeout: 15_000 });
  const stored = await page.evaluate((k) => sessionStorage.getItem(k), SESSION_KEY);
  const who = stored ? (JSON.parse(stored) as { user?: { id?: string } }).user?.id : undefined;
  if (who !== userId) throw new Error(`signed in through /masuk as '${userId}' but the stored session is ${who ? `'${who}'` : 'missing'}`);
}

export interface BrowserHarnessOptions {
  baseUrl: string;
  /** A name for screenshots and reports (the test file). */
  label: string;
  /** The server's logged errors, for reports of a 5xx answer. */
  serverErrors?: () => string;
}

export class BrowserHarness {
  readonly users: UserPage[] = [];

  private constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    readonly label: string,
    private readonly serverErrors?: () => string,
  ) {}

  static async open(o: BrowserHarnessOptions): Promise<BrowserHarness> {
    return new BrowserHarness(await launchChromium(), o.baseUrl, o.label, o.serverErrors);
  }

  /** A fresh browser context for one demo user, signed in through /masuk. */
  async as(userId: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<UserPage> {
    const context = await this.browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    await context.addInitScript(CSP_LISTENER);
    const page = await context.newPage();
    const watch = new PageWatch(`${this.label} as ${userId}`, this.serverErrors);
    watch.attach(page);
    const baseUrl = this.baseUrl;
    const user: UserPage = {
      userId,
      name: demoUser(userId).name,
      context,
      page,
      watch,
      async goto(p) {
        await page.goto(baseUrl + p);
        await page.locator('main').first().waitFor({ timeout: 15_000 });
      },
      assertClean: () => watch.assertClean(),
    };
    await signInThroughPage(page, this.baseUrl, userId);
    this.users.push(user);
    return user;
  }

  /** A context with nobody signed in (for /masuk itself). */
  async anonymous(): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    await context.addInitScript(CSP_LISTENER);
    const page = await context.newPage();
    const watch = new PageWatch(`${this.label} anonymous`, this.serverErrors);
    watch.attach(page);
    return { context, page, watch };
  }

  assertClean(): void {
    const errors: string[] = [];
    for (const u of this.users) {
      try {
        u.assertClean();
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (errors.length) throw new Error(errors.join('\n'));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

// ---- accessibility -------------------------------------------------------------------------------------------------

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeSource: string | undefined;

/** Runs axe-core on the page as it is now; the serious and critical violations (none means the page passes). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not block it.
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function formatViolations(where: string, vs: AxeViolation[]): string {
  const lines = [`axe-core: ${vs.length} serious/critical violation(s) on ${where}:`];
  for (const v of vs) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`      at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)}`);
      if (n.failureSummary) lines.push(`        ${n.failureSummary.replace(/\n/g, '\n        ')}`);
    }
    if (v.nodes.length > 5) lines.push(`      … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/** Fails when axe-core finds a serious or critical violation on the page. */
export async function axe(page: Page, where = page.url()): Promise<void> {
  const vs = await axeViolations(page);
  if (vs.length) throw new Error(formatViolations(where, vs));
}

// ---- screenshots ---------------------------------------------------------------------------------------------------

/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Runs a part of a test on a page; when it fails, a screenshot of the page as it was is saved as
 * `<name>-GAGAL.png` and its path added to the error, so a failure in CI can be seen, not only read.
 */
export async function withShot<T>(page: Page, name: string, fn: () => Promise<T>, watch?: PageWatch): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const file = await shot(page, `${name}-GAGAL`).catch(() => '(no screenshot: the page is gone)');
    if (e instanceof Error) {
      e.message += `\n  screenshot: ${file}`;
      // What the page logged often says why (a blocked script, an uncaught error): keep it with the failure.
      if (watch?.problems.length) e.message += `\n  the page meanwhile:\n    - ${watch.problems.join('\n    - ')}`;
    }
    throw e;
  }
}

/** Removes the screenshots of an earlier run of one test file (names starting with the prefix). */
export function clearScreenshots(prefix: string): void {
  if (!fs.existsSync(SCREENSHOT_DIR)) return;
  for (const f of fs.readdirSync(SCREENSHOT_DIR)) if (f.startsWith(prefix)) fs.rmSync(path.join(SCREENSHOT_DIR, f), { force: true });
}

// ---- waiting -------------------------------------------------------------------------------------------------------

/**
 * Polls until `check` returns something truthy (a time window at a time scale closes on its own schedule, and the
 * page learns of it by refetching); fails after the deadline with `what` and the last error.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  o: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const until = Date.now() + (o.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 250));
  }
}

/**
 * Reloads the page until `locator` is visible (the page shows a step once the package's stage has moved there; the
 * console refetches on its own too, a reload makes the wait independent of its refetch interval).
 */
export async function reloadUntilVisible(page: Page, locator: Locator, what: string, timeoutMs = 30_000): Promise<void> {
  await eventually(
    what,
    async () => {
      if (await locator.first().isVisible()) return true;
      await page.reload();
      await page.locator('main').first().waitFor({ timeout: 10_000 });
      return locator
        .first()
        .waitFor({ state: 'visible', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    },
    { timeoutMs, intervalMs: 100 },
  );
}

// ---- the whole stack -------------------------------------------------------------------------------------------

export interface BrowserStack {
  stack: Stack;
  /** HTTP client with the stack's dev tokens: set-up and checks the browser does not make (state unchanged, …). */
  http: Api;
  browser: BrowserHarness;
  close(): Promise<void>;
}

/**
 * The real start command on free ports and a fresh data folder (TIME_SCALE small: a day of the schedule lasts
 * timeScale × 86 400 s), and one Chromium. The console is the built web/dist (bin/test.ts and bin/setup.sh build it
 * when its sources changed; CONSOLE_DIST points elsewhere).
 */
export async function startBrowserStack(label: string, o: { timeScale?: number } = {}): Promise<BrowserStack> {
  resolveChromium(); // stop before starting anything when there is no browser
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pengadaan-${label}-`));
  const stack = await startStack({ dataDir, ports: await allocatePorts(), timeScale: String(o.timeScale ?? 0.00002), readyTimeoutMs: 150_000 });
  let browser: BrowserHarness;
  try {
    browser = await BrowserHarness.open({ baseUrl: stack.baseUrl, label, serverErrors: () => loggedErrors(dataDir) });
  } catch (e) {
    await stack.stop(30_000);
    throw e;
  }
  return {
    stack,
    http: api(stack.baseUrl, { dataDir }),
    browser,
    async close() {
      await browser.close().catch(() => {});
      const r = await stack.stop(60_000);
      if (r.timedOut) console.error(`stack of ${label} did not stop in time:\n${redactTokens(stack.output()).slice(-2000)}\n${logTails(dataDir)}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
