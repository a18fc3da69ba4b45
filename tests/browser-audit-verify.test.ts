/**
 * "Verifikasi jejak audit" (/publik/verifikasi) in Chromium on the real start command, with nobody signed in:
 *  - one small tender is driven over HTTP (tests/support/tender-http-driver.ts); while its bid window is open, the
 *    page verifies the package as "utuh" in the browser, lists no bid entry and says sealed steps are not shown yet;
 *  - after the contract is signed, the page is opened without a token, the package id typed and submitted with the
 *    keyboard: the browser recomputes the chain to the head and says "utuh", the bid entries now listed; the head hash
 *    shown is the API's; the public package page's link opens the same check through `?paket=`;
 *  - no request carries a token; axe-core finds no serious or critical violation; no console error or CSP violation;
 *    screenshots in test-artifacts/screenshots/audit-verify-*.png.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axe, type BrowserStack, clearScreenshots, type PageWatch, shot, startBrowserStack } from './support/browser';
import { runTender } from './support/tender-http-driver';
import { orderedSteps } from './support/ordered-steps';

const TIME_SCALE = 0.00002;
let s: BrowserStack;
let packageId = '';
const tokenSent: string[] = [];

const { step } = orderedSteps();

async function anonymousPage(): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const anon = await s.browser.anonymous();
  anon.page.on('request', (req) => {
    if (req.headers().authorization) tokenSent.push(`${req.method()} ${req.url()}`);
  });
  return anon;
}

/** Waits for the verification's result and returns its verdict (utuh, rusak, kosong). */
async function verdict(page: Page): Promise<string> {
  const result = page.getByTestId('audit-result');
  await result.waitFor({ timeout: 60_000 });
  return (await result.getAttribute('data-result')) ?? '';
}

async function checkPage(page: Page, name: string): Promise<void> {
  const file = await shot(page, `audit-verify-${name}`);
  assert.equal(await page.locator('h1').count(), 1, `${name}: one h1 (screenshot ${file})`);
  await axe(page, `${name} (${page.url()}; screenshot ${file})`);
}

/** Every link of the chain, from the public API (a fresh stack: a few hundred entries). */
async function chainLinks(): Promise<{ pos: number; hash: string }[]> {
  const out: { pos: number; hash: string }[] = [];
  for (let after = 0; ;) {
    const page = (await (await fetch(`${s.stack.baseUrl}/api/public/audit/chain?afterPos=${after}&limit=1000`)).json()) as {
      data: { pos: number; hash: string }[];
      nextAfterPos: number | null;
    };
    out.push(...page.data);
    if (page.nextAfterPos === null) return out;
    after = page.nextAfterPos;
  }
}

before(
  async () => {
    clearScreenshots('audit-verify-');
    s = await startBrowserStack('browser-audit-verify', { timeScale: TIME_SCALE });
  },
  { timeout: 200_000 },
);

after(
  async () => {
    await s?.close();
  },
  { timeout: 90_000 },
);

step('a tender runs; during its bid window the page verifies it without listing any bid', 300_000, async () => {
  let sealedChecked = false;
  const result = await runTender(s.http, {
    title: 'Rehabilitasi Turap Kali Cisadane (uji verifikasi jejak audit)',
    schedule: { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 3 },
    bids: [
      { vendor: 'vendor.karya', price: 2_100_000_000 },
      { vendor: 'vendor.tirta', price: 2_200_000_000 },
    ],
    stageTimeoutMs: 120_000,
    afterActions: {
      bid_submission: async ({ packageId: id }) => {
        const { context, page, watch } = await anonymousPage();
        try {
          await page.goto(`${s.stack.baseUrl}/publik/verifikasi?paket=${id}`);
          assert.equal(await verdict(page), 'utuh', 'the chain holds through the sealed entries');
          const table = page.locator('table.audit-entries');
          await table.waitFor();
          assert.equal(await table.locator('tbody tr').filter({ hasText: 'submit_bid' }).count(), 0, 'no bid entry before the opening');
          assert.ok((await table.locator('tbody tr').count()) > 3);
          await page.getByText('Langkah tersegel paket ini (penawaran) belum dibuka').waitFor();
          await checkPage(page, 'tersegel');
          watch.assertClean();
          sealedChecked = true;
        } finally {
          await context.close();
        }
      },
    },
  });
  packageId = result.packageId;
  assert.ok(sealedChecked);
});

step('without a token: the head is shown, the id typed and submitted with the keyboard verifies as "utuh"', 120_000, async () => {
  const { context, page, watch } = await anonymousPage();
  try {
    await page.goto(`${s.stack.baseUrl}/publik/verifikasi`);
    await page.locator('main h1').waitFor();
    const shown = (await page.getByTestId('head-hash').textContent())?.trim() ?? '';
    assert.match(shown, /^[0-9a-f]{64}$/);
    await checkPage(page, 'awal');

    // Keyboard only: Tab to the field, type, Enter.
    const input = page.getByLabel('Id paket');
    for (let i = 0; i < 40 && !(await input.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    assert.ok(await input.evaluate((el) => el === document.activeElement), 'the id field is reached with Tab');
    await page.keyboard.type(packageId);
    await page.keyboard.press('Enter');
    assert.equal(await verdict(page), 'utuh');
    assert.equal(new URL(page.url()).searchParams.get('paket'), packageId, 'the checked package is in the URL');
    await page.getByText(`Rantai paket ${packageId} utuh.`).waitFor();
    const rows = page.locator('table.audit-entries tbody tr');
    assert.equal(await rows.filter({ hasText: 'submit_bid' }).count(), 2, 'after the opening the bids are listed');
    assert.equal(await rows.filter({ hasText: 'Rusak' }).count(), 0);
    // Steps are named as the definition names them, in Indonesian, not by their ids.
    assert.equal(await rows.filter({ hasText: 'Umumkan Tender' }).count(), 1, 'the announcement is named "Umumkan Tender"');
    assert.equal(await rows.count(), await rows.filter({ hasText: 'Utuh' }).count(), 'every entry recomputed');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const officer of ['ppk.budi', 'pokja.sari', 'pokja.agus', 'pokja.dewi', 'kpa.hendra', 'vendor.karya'])
      assert.ok(!text.includes(officer), `${officer} shown`);
    // The head shown is an entry of the chain the API serves, at or after this package's last entry.
    const later = (await page.getByTestId('head-hash').textContent())?.trim() ?? '';
    const links = await chainLinks();
    const lastOwn = Number(await rows.last().getAttribute('data-pos'));
    for (const h of [shown, later])
      assert.ok(
        links.some((l) => l.hash === h),
        `head ${h} is in the chain`,
      );
    assert.ok(links.find((l) => l.hash === later)!.pos >= lastOwn, 'the head after the check is at or after the package');
    await page.getByRole('heading', { name: 'Apa arti hasil ini' }).waitFor();
    await checkPage(page, 'utuh');
    watch.assertClean();
  } finally {
    await context.close();
  }
});

step("the public package page's link opens the same check", 60_000, async () => {
  const { context, page, watch } = await anonymousPage();
  try {
    await page.goto(`${s.stack.baseUrl}/publik/paket/${packageId}`);
    await page.locator('main h1').waitFor();
    await page.getByRole('link', { name: 'Verifikasi jejak audit paket ini' }).click();
    await page.waitForURL((u) => u.pathname === '/publik/verifikasi' && u.searchParams.get('paket') === packageId);
    assert.equal(await verdict(page), 'utuh');
    assert.equal(await page.getByLabel('Id paket').inputValue(), packageId);
    watch.assertClean();
  } finally {
    await context.close();
  }
  assert.deepEqual(tokenSent, [], 'no public request carries a token');
});
