/**
 * The public portal (/publik) in Chromium on the real start command filled by `npm run demo`, with nobody signed in:
 *  - the list shows the API's packages; a text search and the method/year filters land in the URL and show exactly
 *    the packages GET /api/public/packages answers for them; a package opens from the list;
 *  - a package page draws its process diagram (bpmn-js, a lazy chunk the list page never loads) from the public BPMN
 *    with the current stage marked and the stages done marked, beside the stage list as text;
 *  - a package page shows its facts, stages, red flags and open-data links; a published document downloads from its
 *    link without a token and its bytes hash (SHA-256, here) to the value shown on the page and given by the API,
 *    and the page's own WebCrypto check says "Cocok";
 *  - every OCDS link on the page answers 200 without a token;
 *  - no request of a public page carries a token, also when an officer is signed in in the same browser;
 *  - every page passes axe-core (no serious or critical violation), has one h1, and its main controls are reached
 *    with the Tab key; screenshots in test-artifacts/screenshots/publik-*.png.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axe, clearScreenshots, eventually, type PageWatch, shot, withShot } from './support/browser';
import { type PublicDemoStack, startPublicDemoStack } from './support/public-demo';
import { orderedSteps } from './support/ordered-steps';

let s: PublicDemoStack;
let anon: { context: BrowserContext; page: Page; watch: PageWatch };
/** Every request a public page made that carried an Authorization header (must stay empty). */
const tokenSent: string[] = [];

const { step } = orderedSteps();

interface PublicList {
  data: {
    id: string;
    title: string;
    method: string;
    fiscalYear: number;
    hps: number;
    winner: { vendor: string; price: number | null } | null;
    contract: { value: number; physicalProgress: number } | null;
    redFlags: { count: number };
  }[];
  pagination: { total: number };
}

/** `Rp1.450.000.000`, as the console writes rupiah. */
const rupiah = (n: number) => `Rp${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(s.baseUrl + path);
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Waits until the page has loaded what it shows: its heading, and no "Memuat…" left. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => ![...document.querySelectorAll('main p, main h1, main [role=status]')].some((e) => /^Memuat/.test(e.textContent?.trim() ?? '')),
    undefined,
    { timeout: 20_000 },
  );
}

/** One h1, no serious/critical axe violation, a screenshot. */
async function checkPage(page: Page, name: string): Promise<void> {
  await settle(page);
  const file = await shot(page, `publik-${name}`);
  assert.equal(await page.locator('h1').count(), 1, `${name}: one h1 (screenshot ${file})`);
  await axe(page, `${name} (${page.url()}; screenshot ${file})`);
}

/**
 * The diagram on a package page is drawn and marks `stage` (the package's current one) as the one current stage, and
 * the text list names it as the current step.
 */
async function assertCurrentMarked(page: Page, stage: { id: string; name: string }): Promise<void> {
  const canvas = page.locator('section:has(#alur) .bpmn-canvas');
  await canvas.locator('.djs-shape').first().waitFor({ timeout: 30_000 });
  const current = canvas.locator(`.djs-element.stage-current[data-element-id="${stage.id}"]`);
  await current.waitFor({ timeout: 10_000 });
  assert.equal(await canvas.locator('.djs-element.stage-current').count(), 1, 'one current stage');
  // Drawn in the console's blue with a thick outline (diagram.css), not just carrying a class.
  const stroke = await current.locator('.djs-visual > :first-child').evaluate((e) => getComputedStyle(e).strokeWidth);
  assert.equal(stroke, '4px', `the current stage ${stage.id} is outlined`);
  assert.equal(
    (await page.locator('section:has(#alur) li[aria-current="step"]').textContent())?.startsWith(stage.name),
    true,
    `${stage.name} is the current step in the list`,
  );
}

/** The rows the list shows: the package links in the table body. */
const rowLinks = (page: Page) => page.locator('table.public-list tbody tr td:first-child a');

/** The count line ("12 paket …") as a number. */
async function shownTotal(page: Page): Promise<number> {
  const text = (await page.locator('.result-count').textContent()) ?? '';
  return Number(text.replace(/\D+paket[\s\S]*$/, '').replace(/\D/g, ''));
}

/**
 * Presses Tab from the top of the page until `target` has the focus (or gives up after `max` presses): the number
 * of presses, so a control the keyboard cannot reach fails here.
 */
async function tabTo(page: Page, target: (el: Element) => boolean, what: string, max = 80): Promise<number> {
  // Start where a keyboard user arriving on the page starts: before the first element (a focused sentinel at the top
  // of <body>, removed again, leaves the sequential focus starting point there).
  await page.evaluate(() => {
    const s = document.createElement('span');
    s.tabIndex = -1;
    document.body.prepend(s);
    s.focus();
    s.remove();
  });
  const fn = target.toString();
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((src) => {
      const el = document.activeElement;
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the predicate crosses into the page as source text
      return !!el && (new Function(`return (${src})`)() as (e: Element) => boolean)(el);
    }, fn);
    if (hit) return i;
  }
  throw new Error(`${what} not reached with ${max} Tab presses on ${page.url()}`);
}

before(async () => {
  clearScreenshots('publik-');
  s = await startPublicDemoStack('browser-public');
  anon = await s.browser.anonymous();
  for (const ctx of [anon.context]) {
    ctx.on('request', (r) => {
      if (r.headers().authorization) tokenSent.push(`${r.method()} ${r.url()}`);
    });
  }
});
after(async () => {
  await s?.close();
});

/** What the list shows against one API answer, row by row (same order): problems, none when they agree. */
async function compareRows(page: Page, api: PublicList): Promise<string[]> {
  const problems: string[] = [];
  const total = await shownTotal(page);
  if (total !== api.pagination.total) problems.push(`count line ${total}, API total ${api.pagination.total}`);
  const texts = await page.locator('table.public-list tbody tr').allTextContents();
  if (texts.length !== api.data.length) problems.push(`${texts.length} rows, API ${api.data.length}`);
  for (const [i, p] of api.data.entries()) {
    const text = texts[i] ?? '';
    const want = [p.title, rupiah(p.hps), p.winner ? p.winner.vendor : 'Belum diumumkan', p.redFlags.count ? `${p.redFlags.count} indikasi` : 'Tidak ada'];
    if (p.contract) want.push(`kontrak ${rupiah(p.contract.value)}`);
    const missing = want.filter((w) => !text.includes(w));
    if (!text.startsWith(p.title) || missing.length) problems.push(`row ${i + 1} should show ${JSON.stringify(missing.length ? missing : [p.title])}: ${text}`);
  }
  return problems;
}

/**
 * Loads the list at `urlPath` (as a shared link would) and compares it with GET /api/public/packages for `apiQuery`.
 * The demo's packages keep moving after it ends (windows close, a failed tender starts its re-tender), so page and
 * API are read again until they agree on one moment.
 */
async function listMatchesApi(page: Page, urlPath: string, apiQuery: string): Promise<PublicList> {
  let last: string[] = [];
  try {
    return await eventually(
      `the list at ${urlPath} to show GET /api/public/packages?${apiQuery}`,
      async () => {
        await page.goto(s.baseUrl + urlPath);
        await page.locator('.result-count').waitFor({ timeout: 20_000 });
        await settle(page);
        const api = await getJson<PublicList>(`/api/public/packages?${apiQuery}&pageSize=25`);
        last = await compareRows(page, api);
        return last.length ? undefined : api;
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}\n  ${last.join('\n  ')}`, { cause: e });
  }
}

step('list: every package of the demo, then search and filters in the URL, as the API answers them', 180_000, async () => {
  const { page, watch } = anon;
  await withShot(
    page,
    'publik-daftar',
    async () => {
      const year = `fiscalYear=${s.fiscalYear}`;
      const all = await listMatchesApi(page, `/publik?tahun=${s.fiscalYear}`, year);
      assert.ok(all.pagination.total >= 8, `the demo made packages (${all.pagination.total})`);
      assert.ok(
        all.data.some((p) => p.winner),
        'the demo announced some winner',
      );
      assert.ok(
        all.data.some((p) => p.contract),
        'the demo signed some contract',
      );
      assert.ok(
        all.data.some((p) => p.redFlags.count > 0),
        'the demo raised some red flag',
      );
      await checkPage(page, 'daftar');

      // Text search: a word of a title, typed and submitted with Enter; the URL carries it with the year.
      const word = all.data.map((p) => p.title.split(/\s+/).find((w) => w.length >= 6)).find(Boolean)!;
      await page.getByLabel('Cari nama paket').fill(word);
      await page.getByLabel('Cari nama paket').press('Enter');
      await page.waitForURL((u) => u.searchParams.get('cari') === word && u.searchParams.get('tahun') === String(s.fiscalYear));
      const found = await listMatchesApi(page, new URL(page.url()).pathname + new URL(page.url()).search, `${year}&q=${encodeURIComponent(word)}`);
      assert.ok(found.pagination.total >= 1 && found.pagination.total < all.pagination.total, `the search narrows the list (${found.pagination.total})`);
      for (const t of await rowLinks(page).allTextContents()) assert.match(t, new RegExp(word, 'i'));
      await shot(page, 'publik-daftar-cari');

      // Filters: method, search cleared; the year stays.
      const method = all.data.find((p) => p.method === 'tender')?.method ?? all.data[0]!.method;
      await page.getByLabel('Cari nama paket').fill('');
      await page.getByLabel('Metode pemilihan').selectOption(method);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('metode') === method && !u.searchParams.has('cari'));
      const byMethod = await listMatchesApi(page, new URL(page.url()).pathname + new URL(page.url()).search, `${year}&method=${method}`);
      assert.ok(
        byMethod.pagination.total >= 1 && byMethod.pagination.total < all.pagination.total,
        `the filter narrows the list (${byMethod.pagination.total})`,
      );
      // The filters come back from the URL alone (listMatchesApi loaded it as a shared link).
      assert.equal(await page.getByLabel('Metode pemilihan').inputValue(), method);
      assert.equal(await page.getByLabel('Tahun anggaran').inputValue(), String(s.fiscalYear));
      await shot(page, 'publik-daftar-filter-metode');

      // The page is in the URL too, and goes to the API as its page (25 a page; one request per page of results).
      const asked: string[] = [];
      const onRequest = (r: { url(): string }) => {
        if (new URL(r.url()).pathname === '/api/public/packages') asked.push(r.url());
      };
      page.on('request', onRequest);
      await page.goto(`${s.baseUrl}/publik?tahun=${s.fiscalYear}&halaman=2`);
      await page.getByText(/melewati akhir daftar/).waitFor({ timeout: 20_000 });
      page.off('request', onRequest);
      assert.equal(asked.length, 1, `one list request for the page: ${asked.join(', ')}`);
      assert.equal(new URL(asked[0]!).searchParams.get('page'), '2');
      assert.equal(new URL(asked[0]!).searchParams.get('pageSize'), '25');
    },
    watch,
  );
  watch.assertClean();
});

step('list: skip link, search, filters, a package link and the pager are reached with the keyboard', 60_000, async () => {
  const { page, watch } = anon;
  await page.goto(`${s.baseUrl}/publik`);
  await rowLinks(page).first().waitFor({ timeout: 20_000 });
  assert.equal(await tabTo(page, (el) => el.classList.contains('skip-link'), 'skip link'), 1, 'the skip link is the first stop');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'konten', 'the skip link moves the focus to the main content');
  await tabTo(page, (el) => el.getAttribute('type') === 'search', 'search box');
  await tabTo(page, (el) => el.tagName === 'SELECT', 'method select');
  await tabTo(page, (el) => el.tagName === 'BUTTON' && el.textContent === 'Cari', 'Cari button');
  await tabTo(page, (el) => el.tagName === 'A' && (el.getAttribute('href') ?? '').startsWith('/publik/paket/'), 'a package link');
  await tabTo(page, (el) => el.textContent === 'Masuk', 'Masuk link');
  // Enter on a focused package link opens it.
  await tabTo(page, (el) => el.tagName === 'A' && (el.getAttribute('href') ?? '').startsWith('/publik/paket/'), 'a package link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/publik\/paket\//);
  await settle(page);
  watch.assertClean();
});

step('package page: facts, stages, diagram, red flags, open data; axe; one h1', 90_000, async () => {
  const { page, watch } = anon;
  const id = s.richestPackageId;
  const view = await getJson<{ title: string; status: string; stage: { id: string; name: string }; timeline: { stageId: string; leftAt: string | null }[] }>(
    `/api/public/packages/${id}`,
  );
  // The diagram's code (bpmn-js) is its own chunk: the list page never loads it, the package page does.
  const scripts: string[] = [];
  const onRequest = (r: { url(): string; resourceType(): string }) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  };
  page.on('request', onRequest);
  await page.goto(`${s.baseUrl}/publik?tahun=${s.fiscalYear}`);
  await rowLinks(page).first().waitFor({ timeout: 20_000 });
  assert.deepEqual(
    scripts.filter((u) => /BpmnCanvas/.test(u)),
    [],
    'the list page loads no diagram code',
  );
  await withShot(
    page,
    'publik-paket',
    async () => {
      await page.goto(`${s.baseUrl}/publik/paket/${id}`);
      await page.getByRole('heading', { level: 1, name: view.title }).waitFor({ timeout: 20_000 });
      await page.locator('#risiko ~ *').first().waitFor();
      await page.waitForFunction(() => !document.body.textContent?.includes('Memuat indikasi risiko'));
      assert.ok(await page.getByText(view.stage.name).first().isVisible(), 'current stage shown');

      // The diagram: drawn from the public BPMN (no token), shapes on the canvas, the stages marked.
      const canvas = page.locator('section:has(#alur) .bpmn-canvas');
      await canvas.locator('.djs-shape').first().waitFor({ timeout: 30_000 });
      assert.ok(
        scripts.some((u) => /BpmnCanvas/.test(u)),
        'the package page loaded the diagram chunk',
      );
      const shapes = await canvas.locator('.djs-shape').count();
      assert.ok(shapes >= 5, `the process is drawn (${shapes} shapes)`);
      const ids = new Set(await canvas.locator('.djs-element[data-element-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id'))));
      if (view.status === 'active') await assertCurrentMarked(page, view.stage);
      const done = [...new Set(view.timeline.filter((t) => t.leftAt && t.stageId !== view.stage.id && ids.has(t.stageId)).map((t) => t.stageId))];
      assert.ok(done.length > 0, 'the package has been through stages the diagram draws');
      for (const stageId of done) {
        assert.equal(await canvas.locator(`.djs-element.stage-done[data-element-id="${stageId}"]`).count(), 1, `stage ${stageId} marked done`);
      }
      // The text alternative stays: every stage of the timeline is listed as text beside the picture.
      assert.ok((await page.locator('section:has(#alur) ol.public-stages li').count()) >= done.length);
      await checkPage(page, 'paket');
      const verify = page
        .locator('main')
        .getByRole('link', { name: /Verifikasi jejak audit/ })
        .first();
      assert.equal(await verify.getAttribute('href'), `/publik/verifikasi?paket=${id}`);
    },
    watch,
  );
  page.off('request', onRequest);

  // A package still running: its current stage is marked on the diagram and named as the current step in the list.
  const running = (await getJson<{ data: { id: string }[] }>(`/api/public/packages?fiscalYear=${s.fiscalYear}&status=active&pageSize=100`)).data;
  assert.ok(running.length > 0, 'the demo left some package running');
  // The one furthest along among them: more stages done to mark.
  const views = await Promise.all(
    running.map((p) =>
      getJson<{ id: string; title: string; status: string; stage: { id: string; name: string }; timeline: unknown[] }>(`/api/public/packages/${p.id}`),
    ),
  );
  const active = views.filter((v) => v.status === 'active').sort((a, b) => b.timeline.length - a.timeline.length)[0]!;
  await withShot(
    page,
    'publik-paket-diagram',
    async () => {
      await page.goto(`${s.baseUrl}/publik/paket/${active.id}`);
      await page.getByRole('heading', { level: 1, name: active.title }).waitFor({ timeout: 20_000 });
      await assertCurrentMarked(page, active.stage);
      await page.locator('section:has(#alur)').scrollIntoViewIfNeeded();
      await checkPage(page, 'paket-diagram');
    },
    watch,
  );
  watch.assertClean();
});

step('package page: a published document downloads without a token and hashes to the SHA-256 shown and published', 90_000, async () => {
  const { page, watch } = anon;
  const id = s.documentPackageId;
  assert.ok(id, 'the demo signed contracts, so some package has a published document (SPPBJ, contract)');
  const docs = await s.publicDocuments(id);
  assert.ok(docs.length > 0);
  await page.goto(`${s.baseUrl}/publik/paket/${id}`);
  const doc = docs[0]!;
  const row = page.locator(`tr[data-doc-id="${doc.id}"]`);
  await row.waitFor({ timeout: 20_000 });
  const shown = (await row.locator('[data-sha256]').textContent())?.trim();
  assert.equal(shown, doc.sha256, 'the page shows the SHA-256 the API publishes');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /Unduh/ }).click()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(createHash('sha256').update(bytes).digest('hex'), doc.sha256, 'the downloaded file is the one recorded');
  // The same URL without any token, from outside the browser.
  const direct = await fetch(new URL(doc.downloadUrl, s.baseUrl), { headers: { Origin: 'https://data.contoh.id' } });
  assert.equal(direct.status, 200);
  assert.equal(direct.headers.get('access-control-allow-origin'), '*');
  assert.equal(direct.headers.get('x-content-sha256'), doc.sha256);
  assert.equal(
    createHash('sha256')
      .update(Buffer.from(await direct.arrayBuffer()))
      .digest('hex'),
    doc.sha256,
  );
  // The page's own check (WebCrypto in the browser).
  await row.getByRole('button', { name: /Periksa SHA-256/ }).click();
  await row.getByText('Cocok', { exact: true }).waitFor({ timeout: 10_000 });
  assert.ok((await row.textContent())?.includes(doc.sha256));
  await shot(page, 'publik-paket-dokumen-cocok');
  watch.assertClean();
});

step('package page: every open-data link answers 200 without a token', 60_000, async () => {
  const { page } = anon;
  await page.goto(`${s.baseUrl}/publik/paket/${s.richestPackageId}`);
  await page.locator('#data-terbuka').waitFor({ timeout: 20_000 });
  // Licence and publisher as the API names them, with the data and in the footer.
  const { openData } = await getJson<{ openData: { license: string; publisher: { name: string } } }>(`/api/public/packages/${s.richestPackageId}`);
  const section = page.locator('section:has(#data-terbuka)');
  assert.equal(await section.locator('a[rel=license]').getAttribute('href'), openData.license);
  assert.ok((await section.textContent())?.includes(openData.publisher.name));
  assert.equal(await page.locator('footer a[rel=license]').getAttribute('href'), openData.license);
  assert.ok((await page.locator('footer').textContent())?.includes(openData.publisher.name));
  // Absolute when PUBLIC_BASE_URL names another host than the page's (here localhost against 127.0.0.1).
  const hrefs = await page.locator('section:has(#data-terbuka) a[href*="/api/ocds/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const paths = hrefs.map((h) => new URL(h).pathname);
  assert.ok(
    paths.some((h) => h.startsWith('/api/ocds/releases')),
    `release package link in ${hrefs.join(', ')}`,
  );
  assert.ok(
    paths.some((h) => h.startsWith('/api/ocds/records/')),
    `record package link in ${hrefs.join(', ')}`,
  );
  assert.ok(
    paths.some((h) => h.startsWith('/api/ocds/export/')),
    `bulk export link in ${hrefs.join(', ')}`,
  );
  for (const h of hrefs) {
    // As a page of another site would ask (CORS): readable by any origin, no credentials.
    const res = await fetch(h, { headers: { Origin: 'https://data.contoh.id' } });
    assert.equal(res.status, 200, `${h} answered ${res.status}`);
    assert.equal(res.headers.get('access-control-allow-origin'), '*', `${h}: CORS for any origin`);
    assert.equal(res.headers.get('access-control-allow-credentials'), null, `${h}: no credentials`);
    const body = (await res.json()) as { publisher?: { name?: string }; releases?: unknown[]; records?: unknown[] };
    assert.ok(body.publisher?.name, `${h} names its publisher`);
    assert.ok((body.releases ?? body.records ?? []).length > 0, `${h} holds data`);
  }
});

step('package page: documents, flags, open data and verification reached with the keyboard', 60_000, async () => {
  const { page, watch } = anon;
  await page.goto(`${s.baseUrl}/publik/paket/${s.documentPackageId ?? s.richestPackageId}`);
  await settle(page);
  if (s.documentPackageId) {
    await tabTo(page, (el) => el.tagName === 'A' && el.textContent === 'Unduh PDF', 'a document download link', 150);
    await tabTo(page, (el) => el.tagName === 'BUTTON' && (el.textContent ?? '').includes('Periksa SHA-256'), 'the SHA-256 check', 150);
  }
  await tabTo(page, (el) => (el.getAttribute('href') ?? '').includes('/api/ocds/releases'), 'the OCDS release package link', 150);
  await tabTo(page, (el) => (el.getAttribute('href') ?? '').startsWith('/publik/verifikasi?paket='), 'the audit verification link', 150);
  watch.assertClean();
});

step('open data page and an unknown public address: axe, one h1', 60_000, async () => {
  const { page, watch } = anon;
  await page.goto(`${s.baseUrl}/publik/data-terbuka`);
  await page.getByRole('link', { name: `Paket rilis OCDS tahun anggaran ${s.fiscalYear}` }).waitFor({ timeout: 20_000 });
  await checkPage(page, 'data-terbuka');
  // The years and their exports are GET /api/public/open-data's, each link answering with data; the licence too.
  const overview = await getJson<{ license: string; years: { fiscalYear: number; bulkExport: { releases: string; records: string } }[] }>(
    '/api/public/open-data',
  );
  assert.ok(overview.years.some((y) => y.fiscalYear === s.fiscalYear));
  assert.equal(await page.locator('table.open-data-years tbody tr').count(), overview.years.length);
  assert.equal(await page.locator('main a[rel=license]').first().getAttribute('href'), overview.license);
  assert.equal(await page.locator('footer a[rel=license]').getAttribute('href'), overview.license, 'the footer names the licence without a package read');
  for (const kind of ['releases', 'records'] as const) {
    const link = page.getByRole('link', { name: `Paket ${kind === 'releases' ? 'rilis' : 'rekaman'} OCDS tahun anggaran ${s.fiscalYear}` });
    const href = new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href));
    const want = new URL(overview.years.find((y) => y.fiscalYear === s.fiscalYear)!.bulkExport[kind]);
    assert.equal(href.pathname + href.search, want.pathname + want.search);
    const res = await fetch(s.baseUrl + href.pathname + href.search);
    assert.equal(res.status, 200, `${href}`);
    await res.arrayBuffer();
  }
  await page.goto(`${s.baseUrl}/publik/tidak-ada`);
  await page.getByRole('heading', { level: 1, name: /tidak ditemukan/ }).waitFor({ timeout: 20_000 });
  await checkPage(page, 'tidak-ditemukan');
  watch.assertClean();
});

step('no public page sent a token; a signed-in officer opening /publik sends none either', 90_000, async () => {
  assert.deepEqual(tokenSent, [], 'anonymous requests with an Authorization header');
  const officer = await s.browser.as('ppk.budi');
  // Leave the console page the sign-in landed on first: it polls notifications (with the token, rightly) until left.
  await officer.page.goto('about:blank');
  const withToken: string[] = [];
  officer.page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && r.headers().authorization) withToken.push(r.url());
  });
  await officer.goto('/publik');
  await rowLinks(officer.page).first().waitFor({ timeout: 20_000 });
  // The session is there (the header offers the way back to the console), and still nothing carried it.
  await officer.page.getByRole('link', { name: 'Kembali ke konsol' }).waitFor();
  await officer.goto(`/publik/paket/${s.richestPackageId}`);
  await settle(officer.page);
  assert.deepEqual(withToken, [], 'requests of public pages with the officer’s token');
  officer.assertClean();
});
