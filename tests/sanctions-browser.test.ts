/**
 * The two blacklist pages in Chromium on the real app (createApp serving the built console, Temporal, PostgreSQL),
 * fiscal year 2055, firm PT Cisadane Konstruksi:
 *  - /sanksi (officer layout): the PA/KPA reaches it from the nav link "Sanksi", sees the proposal of its package with
 *    the cause, its period and article, and decides it with the keyboard alone (decision number typed, Enter submits);
 *    the period is shown, never asked; the card then reads "Ditetapkan" with the number and the WIB dates;
 *  - /publik/daftar-hitam (PublicLayout, nobody signed in, no token sent): the firm, its NPWP, the cause, the period
 *    in WIB, the decision number and a link to the package's public page;
 *  - both pages: one h1, no serious or critical axe-core violation; screenshots test-artifacts/screenshots/sanksi-*.png.
 * The sanction is ended in `after`, so later test files can use the demo vendor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { proposeSanction, type SanctionRow } from '../db/queries/sanctions';
import { axe, BrowserHarness, clearScreenshots, eventually, shot, withShot } from './support/browser';
import { type AuthStack, startAuthStack, tenderBody } from './support/auth-stack';

const SK = 'SK-KPA/031/PUPR/2055';

describe('halaman sanksi dan daftar hitam (Perpres 16/2018 Pasal 78–79, 83)', { timeout: 300_000 }, () => {
  let stack: AuthStack;
  let browser: BrowserHarness;
  let packageId: string;
  let proposal: SanctionRow;

  before(async () => {
    clearScreenshots('sanksi-');
    stack = await startAuthStack({ timeScale: 0.00003 });
    browser = await BrowserHarness.open({ baseUrl: stack.baseUrl, label: 'sanctions-browser' });
    const body = tenderBody('Pembangunan Jembatan Penyeberangan Cikokol (uji halaman sanksi)', { fiscalYear: 2055 });
    let created = await stack.request('ppk.budi', 'POST', '/api/packages', body);
    if (created.status === 422 && JSON.stringify(created.body).includes('kepalaUkpbj')) {
      const { pokja: _p, ...rest } = body;
      created = await stack.request('ppk.budi', 'POST', '/api/packages', { ...rest, kepalaUkpbj: 'ukpbj.ratna' });
    }
    assert.equal(created.status, 201, JSON.stringify(created.body));
    packageId = created.body.id;
    // The decision is the package's PA/KPA's: wait until the read model holds the package's assignments.
    await eventually('the package in the read model', async () => {
      const row = await stack.db('packages').where({ id: packageId }).first('view');
      return (row?.view?.assignments?.pa_kpa ?? []).includes('kpa.hendra');
    });
    proposal = await proposeSanction(stack.db, {
      packageId,
      providerId: 'vendor.cisadane',
      cause: 'mundur_setelah_sppbj',
      reason: 'Pemenang mengundurkan diri setelah SPPBJ diterbitkan tanpa alasan yang dapat diterima.',
      proposedBy: 'ppk.budi',
    });
  });
  after(async () => {
    if (stack && proposal) {
      await stack
        .db('provider_sanctions')
        .where({ id: proposal.id, status: 'ditetapkan' })
        .update({ starts_at: stack.db.raw("now() - interval '3 years'"), ends_at: stack.db.raw("now() - interval '1 day'") });
    }
    await browser?.close();
    if (packageId)
      await stack?.client.workflow
        .getHandle(`paket-${packageId}`)
        .terminate('test selesai')
        .catch(() => {});
    await stack?.close();
  });

  test('Pasal 78: the PA/KPA decides a proposal on /sanksi with the keyboard; the period comes from the cause', async () => {
    const kpa = await browser.as('kpa.hendra');
    const page = kpa.page;
    await withShot(
      page,
      'sanksi-pa-kpa',
      async () => {
        await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Sanksi' }).click();
        await page.waitForURL(/\/sanksi$/);
        const card = page.getByRole('article', { name: /PT Cisadane Konstruksi/ });
        await card.waitFor({ timeout: 20_000 });
        await assert.doesNotReject(
          card
            .getByText(
              'Mengundurkan diri setelah ditetapkan sebagai pemenang (setelah SPPBJ) (1 tahun; Perpres 16/2018 Pasal 78 ayat (2) jo. ayat (5) huruf c; daftar hitam 1 tahun)',
            )
            .waitFor(),
        );
        assert.equal(await page.locator('h1').count(), 1);
        assert.equal(await card.getByLabel(/berakhir|sampai/i).count(), 0, 'no end date is asked');
        await axe(page, '/sanksi (usulan)');
        await shot(page, 'sanksi-usulan');

        // Keyboard only: Tab from the "Tetapkan" radio reaches the number field, then the date, then the button.
        await card.getByRole('radio', { name: /Tetapkan sanksi daftar hitam 1 tahun/ }).focus();
        await page.keyboard.press('Tab');
        assert.equal(
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.id?.endsWith('-number')),
          true,
          'Tab reaches the decision number',
        );
        await page.keyboard.type(SK);
        await page.keyboard.press('Enter');
        const notice = page.getByRole('status').filter({ hasText: 'ditetapkan dengan keputusan' });
        await notice.waitFor({ timeout: 20_000 });
        assert.match(
          (await notice.textContent()) ?? '',
          new RegExp(`PT Cisadane Konstruksi ditetapkan dengan keputusan ${SK.replace(/\//g, '\\/')}, berlaku \\w+, \\d{1,2} \\w+ \\d{4} s\\.d\\. `),
        );
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'status', 'the focus moves to what was decided');
        await axe(page, '/sanksi (sesudah keputusan)');
        await shot(page, 'sanksi-ditetapkan');
      },
      kpa.watch,
    );
    // "Menunggu keputusan" no longer lists it; "Semua" does, decided, with its number and WIB dates.
    await page.getByRole('navigation', { name: 'Saring usulan' }).getByRole('link', { name: 'Semua', exact: true }).click();
    const decided = page.getByRole('article', { name: /PT Cisadane Konstruksi/ });
    await decided.getByText(SK).waitFor({ timeout: 20_000 });
    const row = await stack.db('provider_sanctions').where({ id: proposal.id }).first();
    assert.equal(row!.status, 'ditetapkan');
    assert.equal(row!.decision_number, SK);
    const text = (await decided.textContent()) ?? '';
    assert.match(
      text,
      /Masa berlaku(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} s\.d\. (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4}/,
    );
    assert.match(text, /WIB/);
    assert.equal(await decided.getByRole('button').count(), 0, 'a decided proposal offers no form');
    await axe(page, '/sanksi (diputuskan)');
    await shot(page, 'sanksi-diputuskan');
    kpa.assertClean();
  });

  test('Pasal 83: /publik/daftar-hitam shows the firm, NPWP, cause, WIB period, decision number and package, without a token', async () => {
    const { page, watch, context } = await browser.anonymous();
    const tokens: string[] = [];
    page.on('request', (r) => {
      if (r.headers().authorization) tokens.push(r.url());
    });
    await withShot(
      page,
      'sanksi-publik',
      async () => {
        await page.goto(`${stack.baseUrl}/publik`);
        await page.getByRole('navigation', { name: 'Navigasi portal publik' }).getByRole('link', { name: 'Daftar hitam', exact: true }).click();
        await page.waitForURL(/\/publik\/daftar-hitam$/);
        const row = page.getByRole('row', { name: /PT Cisadane Konstruksi/ });
        await row.waitFor({ timeout: 20_000 });
        const cells = await row.getByRole('cell').allTextContents();
        assert.equal(cells[0], '993456789415000', 'the firm’s NPWP');
        assert.match(cells[1]!, /setelah SPPBJ.*1 tahun — Perpres 16\/2018 Pasal 78/);
        assert.match(cells[2]!, /^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} s\.d\. /);
        assert.equal(cells[3], SK);
        assert.equal(await row.getByRole('link').getAttribute('href'), `/publik/paket/${packageId}`);
        assert.equal(await page.locator('h1').count(), 1);
        await axe(page, '/publik/daftar-hitam');
        await shot(page, 'sanksi-daftar-hitam-publik');
      },
      watch,
    );
    assert.deepEqual(tokens, [], 'a public page sends no token');
    watch.assertClean();
    await context.close();
  });
});
