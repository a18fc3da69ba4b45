/**
 * Refusals in the console, in Chromium on the real start command: what the user sees, and that nothing changed.
 *  - Buat paket with a PA/KPA who is not one: the server refuses (422 invalid_assignment); the page stays, says why
 *    at the top and beside the PA/KPA field, and no package exists afterwards.
 *  - A stale step form: the Pokja's "Umumkan Tender" form is still on screen when another Pokja member has already
 *    announced; submitting it is refused (409) with the server's own message, and the package's state (sequence,
 *    stage, timeline) read over HTTP is what it was.
 *  - Invalid values in a sealed bid form — an empty required price, a price above the schema's limit — are stopped
 *    at the field with a message; nothing is sent and no bid exists.
 * Screenshots: test-artifacts/screenshots/refusal-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserStack, clearScreenshots, reloadUntilVisible, shot, startBrowserStack, withShot } from './support/browser';
import { fillCreatePackage, stepForm, submitButton } from './support/browser-forms';
import { prepareOverHttp } from './support/browser-preparation';
import { expectStatus, tenderBody } from './support/tender-http-driver';

let s: BrowserStack;

before(async () => {
  clearScreenshots('refusal-');
  s = await startBrowserStack('browser-refusals', { timeScale: 0.00002 });
});
after(async () => {
  await s?.close();
});

/**
 * What a refusal must leave as it was: stage, status, process data and the steps taken. (Not the sequence number:
 * the schedule's own reminders may add events at any moment at this time scale.)
 */
async function snapshot(id: string) {
  const d = expectStatus(await s.http.as('ppk.budi').getPackage(id), 200).body;
  const steps = d.timeline.filter((e) => e.action).map((e) => `${e.seq} ${e.action} ${e.actorId}`);
  return { stage: d.live?.stage.id, status: d.status, data: JSON.stringify(d.live?.data), steps };
}

/** Every POST the page sends to a step, to prove that a form stopped by its own validation sent nothing. */
function stepPosts(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/tasks\//.test(r.url())) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

it('Buat paket refused by the server (PA/KPA is not one): reason at the top and at the field, no package', { timeout: 90_000 }, async () => {
  const ppk = await s.browser.as('ppk.budi');
  const before = expectStatus(await s.http.as('ppk.budi').listPackages(), 200).body.pagination.total;
  await ppk.goto('/paket/baru');
  await withShot(
    ppk.page,
    'refusal-buat-paket',
    async () => {
      await fillCreatePackage(ppk.page, {
        title: 'Pembangunan Gedung Posyandu Kelurahan Sukasari',
        opd: 'Dinas Kesehatan Kota Tangerang',
        workUnit: 'Bidang Kesehatan Masyarakat',
        category: /Pekerjaan Konstruksi/,
        fiscalYear: 2026,
        pagu: 1_500_000_000,
        hps: 1_450_000_000,
        method: /Tender Pascakualifikasi Satu File/,
        paKpa: 'pokja.agus', // a Pokja member, not a PA/KPA: only the server knows the user's roles
        kepalaUkpbj: 'ukpbj.ratna',
      });
      const field = ppk.page.locator('main').getByLabel(/^PA\/KPA/);
      // The server's issue for paKpa, next to the field (aria-describedby names it) and the top alert.
      await ppk.page.locator('#paKpa-error').waitFor({ timeout: 20_000 });
      const fieldError = await ppk.page.locator('#paKpa-error').innerText();
      const file = await shot(ppk.page, 'refusal-buat-paket');
      assert.match(fieldError, /pokja\.agus.*bukan PA\/KPA/, `error beside PA/KPA (screenshot ${file})`);
      assert.match((await field.getAttribute('aria-describedby')) ?? '', /paKpa-error/, 'the field points at its error');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const alert = ppk.page.locator('main [role="alert"]').first();
      assert.match(await alert.innerText(), /Penugasan pejabat tidak sah/, `the server's message at the top (screenshot ${file})`);
      assert.match(new URL(ppk.page.url()).pathname, /^\/paket\/baru$/, 'stays on the form');
    },
    ppk.watch,
  );
  const afterCount = expectStatus(await s.http.as('ppk.budi').listPackages(), 200).body.pagination.total;
  assert.equal(afterCount, before, 'no package was created');
  ppk.assertClean();
});

it('a stale step form (the stage moved on) is refused with the server message and changes nothing', { timeout: 90_000 }, async () => {
  // Registration stays open long enough (30 days ≈ 52 s) that only the test moves the package.
  const id = expectStatus(
    await s.http.as('ppk.budi').createPackage(tenderBody({ title: 'Pengadaan Alat Berat Dinas PUPR', schedule: { registrationDays: 30 } })),
    201,
  ).body.id;
  await prepareOverHttp(s.http, id);
  const pokja = await s.browser.as('pokja.sari');
  await pokja.goto(`/paket/${id}`);
  let state: Awaited<ReturnType<typeof snapshot>> | undefined;
  await withShot(
    pokja.page,
    'refusal-langkah-basi',
    async () => {
      const form = stepForm(pokja.page, 'announce');
      await reloadUntilVisible(pokja.page, form, 'the announce form for pokja.sari');
      // Another member of the Pokja announces first; this page still shows the form.
      await s.http.as('pokja.agus').do(id, 'announce');
      state = await snapshot(id);
      assert.equal(state.stage, 'registration');
      await submitButton(form).click();
      // The same request over HTTP gets the refusal the page must show (it changes nothing either).
      const ref = await s.http.as('pokja.sari').step(id, 'announce', {});
      assert.equal(ref.status, 409, ref.text);
      const message = (ref.body as unknown as { error: { message: string } }).error.message;
      const shown = pokja.page.locator('main').getByText(message, { exact: false }).first();
      await shown.waitFor({ timeout: 15_000 }).catch(() => undefined);
      // The page reads the package again after a refusal; the message must still be there once it has.
      await pokja.page.waitForLoadState('networkidle');
      const file = await shot(pokja.page, 'refusal-langkah-basi');
      assert.ok(await shown.isVisible(), `the page shows the server's message "${message}" after re-reading the package (screenshot ${file})`);
      assert.ok(await pokja.page.locator('main [role="alert"]').filter({ hasText: message }).count(), `shown as an alert (screenshot ${file})`);
    },
    pokja.watch,
  );
  assert.deepEqual(await snapshot(id), state, 'the package is unchanged');
  pokja.assertClean();
});

it('a sealed bid with an empty or too large price is stopped at the field; nothing is sent, no bid exists', { timeout: 120_000 }, async () => {
  const id = expectStatus(
    await s.http
      .as('ppk.budi')
      .createPackage(tenderBody({ title: 'Peningkatan Jalan Lingkungan', schedule: { registrationDays: 2, clarificationDays: 1, bidSubmissionDays: 15 } })),
    201,
  ).body.id;
  await prepareOverHttp(s.http, id);
  await s.http.as('pokja.sari').do(id, 'announce');
  await s.http.as('vendor.karya').do(id, 'register');
  await s.http.waitForStage(id, 'bid_submission', 30_000);
  const vendor = await s.browser.as('vendor.karya');
  const posts = stepPosts(vendor.page);
  let state: Awaited<ReturnType<typeof snapshot>> | undefined;
  await vendor.goto(`/paket/${id}`);
  await withShot(
    vendor.page,
    'refusal-harga',
    async () => {
      const form = stepForm(vendor.page, 'submit_bid');
      await reloadUntilVisible(vendor.page, form, 'the bid form for vendor.karya');
      state = await snapshot(id);
      const price = form.getByLabel(/Harga penawaran/);

      await submitButton(form).click();
      const describedBy = async () =>
        price.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .map((x) => document.getElementById(x)?.textContent ?? '')
            .join(' ')
            .trim(),
        );
      const messageAtPrice = async () => {
        const field = price.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " form-group ")][1]'); // the price's own
        return `${await describedBy()} ${await field.innerText()}`;
      };
      await eventuallyMatch(messageAtPrice, /Wajib diisi/);
      await shot(vendor.page, 'refusal-harga-kosong');

      await price.fill('2000000000000000'); // Rp2.000 triliun: above the schema's maximum (1e15)
      await submitButton(form).click();
      await eventuallyMatch(messageAtPrice, /Paling besar/);
      await shot(vendor.page, 'refusal-harga-terlalu-besar');
    },
    vendor.watch,
  );

  assert.deepEqual(posts, [], 'no step request left the browser');
  assert.deepEqual(await snapshot(id), state, 'the package is unchanged');
  const bids = expectStatus(await s.http.as('pokja.sari').get(`/api/packages/${id}/bids`), 200).body as { items: unknown[] };
  assert.equal(bids.items.length, 0, 'no bid receipt exists');
  vendor.assertClean();
});

/** Polls the text until it matches; fails with the last text read. */
async function eventuallyMatch(read: () => Promise<string>, re: RegExp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = await read();
    if (re.test(last)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(last, re, 'the message beside the price field');
}
