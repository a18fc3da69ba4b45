/**
 * Pengaduan in the console, in Chromium on the real start command (Perpres 16/2018 Pasal 76–77), fiscal year 2056:
 *  - a vendor opens a Tender Cepat's package page, finds the "Pengaduan" section, fills the form with the keyboard
 *    and sends it; the page says the reason the server computed (Metode pemilihan tanpa sanggah);
 *  - the APIP follows the "Pengaduan" link in the navigation to /pengaduan, sees the complaint with its filer,
 *    records a follow-up (reviu) and closes it with a conclusion; each follow-up is listed with its WIB time;
 *  - the package's Pokja sees on the package page that a complaint exists and its status, without the filer, its
 *    content or the reason (which can narrow down who filed).
 * Every page passes axe. Screenshots: test-artifacts/screenshots/pengaduan-*.png.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { axe, type BrowserStack, clearScreenshots, shot, startBrowserStack, withShot } from './support/browser';
import { createPrepared, tenderCepatBody } from './support/complaints';
import { expectStatus } from './support/tender-http-driver';

const YEAR = 2056;
let s: BrowserStack;
let packageId: string;
const title = `Pengadaan Laptop Sekolah ${randomBytes(3).toString('hex')}`;
const subject = 'Spesifikasi mengarah ke satu merek';

before(async () => {
  clearScreenshots('pengaduan-');
  s = await startBrowserStack('complaints-browser', { timeScale: 0.00002 });
  packageId = await createPrepared(s.http, tenderCepatBody(title, YEAR));
});
after(async () => {
  await s?.close();
});

it('Pasal 77: a vendor files a complaint from the package page with the keyboard; the server gives the reason', { timeout: 120_000 }, async () => {
  const vendor = await s.browser.as('vendor.tirta');
  await withShot(
    vendor.page,
    'pengaduan-penyedia',
    async () => {
      await vendor.goto(`/paket/${packageId}`);
      const section = vendor.page.getByRole('region', { name: 'Pengaduan' });
      await section.getByRole('heading', { name: 'Ajukan pengaduan kepada APIP' }).waitFor({ timeout: 30_000 });
      // Keyboard only: focus the first field, type, Tab to the next ones, Enter on the button.
      await section.getByLabel(/Pokok pengaduan/).focus();
      await vendor.page.keyboard.type(subject);
      await vendor.page.keyboard.press('Tab');
      await vendor.page.keyboard.type('Spesifikasi teknis menyebut tipe yang hanya dimiliki satu merek; lihat lampiran spesifikasi bab II.');
      await vendor.page.keyboard.press('Tab');
      await vendor.page.keyboard.type('Lampiran spesifikasi bab II');
      await vendor.page.keyboard.press('Tab');
      assert.equal(await vendor.page.evaluate(() => document.activeElement?.textContent), 'Kirim pengaduan');
      await vendor.page.keyboard.press('Enter');
      const done = section.getByRole('status').filter({ hasText: 'Pengaduan terkirim' });
      await done.waitFor({ timeout: 20_000 });
      assert.match(await done.innerText(), /Metode pemilihan tanpa sanggah/);
      assert.match(await done.innerText(), /WIB/);
      await section.getByRole('article', { name: `Pengaduan: ${subject}` }).waitFor({ timeout: 20_000 });
      await axe(vendor.page, 'package page with a filed complaint (vendor)');
      await shot(vendor.page, 'pengaduan-penyedia');
    },
    vendor.watch,
  );
  vendor.assertClean();
});

it('Pasal 76–77: the APIP sees the filer, records a follow-up and closes the complaint', { timeout: 120_000 }, async () => {
  const apip = await s.browser.as('auditor.rina');
  await withShot(
    apip.page,
    'pengaduan-apip',
    async () => {
      await apip.goto('/tugas');
      await apip.page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengaduan' }).click();
      await apip.page.waitForURL(/\/pengaduan$/);
      const card = apip.page.getByRole('article', { name: subject });
      await card.waitFor({ timeout: 30_000 });
      assert.match(await card.innerText(), /CV Tirta Jaya/);
      assert.match(await card.innerText(), /Metode pemilihan tanpa sanggah/);
      await axe(apip.page, '/pengaduan (APIP)');

      const form = card.getByRole('form', { name: `Tindak lanjut pengaduan: ${subject}` });
      await form.getByLabel(/^Tindak lanjut/).selectOption('ditindaklanjuti');
      await form.getByLabel(/Kegiatan pengawasan/).selectOption('reviu');
      await form.getByLabel(/Catatan APIP/).fill('Reviu spesifikasi teknis bersama Pokja dan PPK.');
      await form.getByRole('button', { name: 'Catat tindak lanjut' }).click();
      await card
        .getByRole('list', { name: `Tindak lanjut: ${subject}` })
        .getByText(/Reviu/)
        .waitFor({ timeout: 20_000 });

      await form.getByLabel(/^Tindak lanjut/).selectOption('ditutup');
      await form.getByLabel(/Kesimpulan/).selectOption('tidak_terbukti');
      await form.getByLabel(/Catatan APIP/).fill('Spesifikasi dapat dipenuhi lebih dari satu merek.');
      await form.getByRole('button', { name: 'Catat tindak lanjut' }).click();
      await card.getByText(/ditutup .*WIB/).waitFor({ timeout: 20_000 });
      const items = await card
        .getByRole('list', { name: `Tindak lanjut: ${subject}` })
        .getByRole('listitem')
        .allInnerTexts();
      assert.equal(items.length, 2);
      for (const t of items) assert.match(t, /WIB — .* oleh Rina Kusuma \(APIP\)/);
      assert.equal(await card.getByRole('form').count(), 0, 'a closed complaint offers no follow-up form');
      await axe(apip.page, '/pengaduan after closing');
      await shot(apip.page, 'pengaduan-apip');
    },
    apip.watch,
  );
  apip.assertClean();
});

it('Pasal 77: the package Pokja sees the complaint and its status, not who filed it', { timeout: 120_000 }, async () => {
  const pokja = await s.browser.as('pokja.sari');
  await withShot(
    pokja.page,
    'pengaduan-pokja',
    async () => {
      await pokja.goto(`/paket/${packageId}`);
      const section = pokja.page.getByRole('region', { name: 'Pengaduan' });
      const table = section.getByRole('table', { name: /Pengaduan atas paket ini/ });
      await table.waitFor({ timeout: 30_000 });
      const text = await section.innerText();
      assert.match(text, /Ditutup/);
      for (const secret of ['CV Tirta Jaya', 'vendor.tirta', subject, 'Metode pemilihan tanpa sanggah'])
        assert.ok(!text.includes(secret), `the Pokja does not see ${secret}`);
      await axe(pokja.page, 'package page (Pokja) with a complaint notice');
      await shot(pokja.page, 'pengaduan-pokja');
    },
    pokja.watch,
  );
  pokja.assertClean();
  // The same over HTTP: the answer itself carries no filer.
  const r = expectStatus(await s.http.as('pokja.sari').get(`/api/packages/${packageId}/complaints`), 200);
  assert.ok(!r.text.includes('vendor.tirta'));
});
