/**
 * The monitoring pages (/pantau/*) in Chromium on the real stack filled by `npm run demo` (tests/support/demo-stack.ts:
 * packages of every method, contracts in execution with accepted progress reports and payments, a re-tender, a
 * cancellation, overdue steps):
 *  - each page (Ringkasan tahun anggaran, Terlambat, Kontrak, Indikasi risiko) by APIP (auditor), PA/KPA and the LPSE
 *    admin: the figures on the page are the API's, a figure links to exactly the packages behind it, the chart is
 *    drawn with a text alternative, kontrak kritis come first with their S-curve one click away, every page passes
 *    axe-core and is saved as test-artifacts/screenshots/pantau-*.png;
 *  - a PPK and a vendor get the refusal page (no link in their navigation) and 403 from every monitoring endpoint;
 *  - a CSV downloaded through "Unduh CSV" has exactly the rows of the API's JSON for the same filters.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, BrowserHarness, clearScreenshots, shot, type UserPage, withShot } from './support/browser';
import { type DemoStack, startDemoStack } from './support/demo-stack';
import { REPO_ROOT } from '../runtime/config';

const FISCAL_YEAR = 2047;
const MONITORS = ['auditor.rina', 'kpa.hendra', 'admin.lpse'];
const REFUSED = ['ppk.budi', 'vendor.karya'];
const ENDPOINTS = ['year', 'overdue', 'contracts', 'red-flags'];

let demo: DemoStack;
let browser: BrowserHarness;
const q = `?tahun=${FISCAL_YEAR}`;

/** GET as a demo user, JSON answer required. */
async function apiGet<T = any>(user: string, path: string): Promise<T> {
  const r = await demo.api.as(user).get<T>(path);
  assert.equal(r.status, 200, `${path} as ${user}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

/** The page's heading and no loading text or busy region left. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      ![...document.querySelectorAll('main p, main [role=status]')].some((e) => /^Memuat/.test(e.textContent?.trim() ?? '')),
    undefined,
    { timeout: 30_000 },
  );
}

/** One h1, no serious/critical axe violation, a screenshot; no browser problem on the way. */
async function checkPage(u: UserPage, name: string): Promise<void> {
  await settle(u.page);
  const file = await shot(u.page, `pantau-${name}`);
  assert.equal(await u.page.locator('h1').count(), 1, `${name}: one h1 (screenshot ${file})`);
  await axe(u.page, `${name} (${u.page.url()}; screenshot ${file})`);
  u.assertClean();
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF), enough for the API's csv-stringify output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

let consoleCopy = '';
const consoleDistBefore = process.env.CONSOLE_DIST;

before(async () => {
  clearScreenshots('pantau-');
  // The stack serves a copy of the built console: another test run in the same tree may rebuild web/dist while this
  // one runs, and a page would then ask for chunks that no longer exist.
  consoleCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-console-'));
  fs.cpSync(path.resolve(process.env.CONSOLE_DIST ?? path.join(REPO_ROOT, 'web', 'dist')), consoleCopy, { recursive: true });
  process.env.CONSOLE_DIST = consoleCopy;
  demo = await startDemoStack({ packages: 16, fiscalYear: FISCAL_YEAR, label: 'browser-monitoring' });
  browser = await BrowserHarness.open({ baseUrl: demo.baseUrl, label: 'browser-monitoring' });
});
after(async () => {
  await browser?.close().catch(() => {});
  await demo?.stop();
  if (consoleDistBefore === undefined) delete process.env.CONSOLE_DIST;
  else process.env.CONSOLE_DIST = consoleDistBefore;
  if (consoleCopy) fs.rmSync(consoleCopy, { recursive: true, force: true });
});

describe('monitoring pages for the monitors', () => {
  for (const user of MONITORS) {
    it(`${user}: the four pages, from the navigation`, { timeout: 180_000 }, async () => {
      const u = await browser.as(user);
      await withShot(
        u.page,
        `pantau-${user}-GAGAL`,
        async () => {
          // The navigation offers the monitoring pages; /pantau opens the year summary.
          await u.goto('/tugas');
          await u.page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pemantauan' }).click();
          await u.page.waitForURL(/\/pantau\/ringkasan/);
          await u.goto(`/pantau/ringkasan${q}`);
          await u.page.getByRole('heading', { level: 1, name: new RegExp(`Ringkasan tahun anggaran ${FISCAL_YEAR}`) }).waitFor();
          await checkPage(u, `${user}-ringkasan`);
          const sub = u.page.getByRole('navigation', { name: 'Halaman pemantauan' });
          for (const [link, heading, name] of [
            ['Terlambat', /Langkah terlambat/, 'terlambat'],
            ['Kontrak', /Kontrak berjalan/, 'kontrak'],
            ['Indikasi risiko', /Indikasi risiko/, 'indikasi-risiko'],
          ] as const) {
            await sub.getByRole('link', { name: link, exact: true }).click();
            await u.page.getByRole('heading', { level: 1, name: heading }).waitFor();
            // The sub-navigation keeps the fiscal year.
            assert.equal(new URL(u.page.url()).searchParams.get('tahun'), String(FISCAL_YEAR), `${name} keeps ?tahun`);
            await checkPage(u, `${user}-${name}`);
          }
        },
        u.watch,
      );
      await u.context.close();
    });
  }
});

describe('what the pages show is what the API answers', () => {
  let u: UserPage;
  before(async () => {
    u = await browser.as('auditor.rina');
  });

  it('year summary: figures, chart with a text alternative, per-OPD and per-month tables, figures link to their packages', { timeout: 120_000 }, async () => {
    const y = await apiGet('auditor.rina', `/api/dashboard/year?fiscalYear=${FISCAL_YEAR}`);
    assert.ok(y.totals.packages > 0, 'the demo created packages in the year');
    await u.goto(`/pantau/ringkasan${q}`);
    await settle(u.page);
    const figures = u.page.getByRole('list', { name: 'Angka tahun anggaran' });
    await figures.getByRole('link', { name: new RegExp(`^Paket: ${y.totals.packages.toLocaleString('id-ID')},`) }).waitFor();
    // Both charts are drawn (SVG renderer) and named for screen readers; their figures are in the tables.
    const charts = u.page.locator('figure.chart [role="img"]');
    await charts.first().locator('svg').waitFor({ timeout: 20_000 });
    assert.equal(await charts.count(), y.byMonth.some((m: any) => m.contracts > 0 || m.payments > 0) ? 2 : 1);
    assert.match((await charts.first().getAttribute('aria-label')) ?? '', /serapan anggaran/i);
    const opdTable = u.page.getByRole('table', { name: /Serapan anggaran per OPD/ });
    assert.equal(await opdTable.locator('tbody tr').count(), y.absorptionByOpd.length);
    const monthTable = u.page.getByRole('table', { name: /per bulan/ });
    if (y.byMonth.length) assert.equal(await monthTable.locator('tbody tr').count(), y.byMonth.length);
    // The first OPD's budget lines open the package list with exactly those packages.
    const first = y.absorptionByOpd[0];
    await opdTable.locator('tbody tr').first().getByRole('link').first().click();
    await u.page.waitForURL(/\/paket\?/);
    const url = new URL(u.page.url());
    assert.equal(url.searchParams.get('opd'), first.opd);
    assert.equal(url.searchParams.get('tahun'), String(FISCAL_YEAR));
    const listed = await apiGet(
      'auditor.rina',
      `/api/packages?${new URLSearchParams({ ...Object.fromEntries(Object.entries(first.filter).map(([k, v]) => [k, String(v)])), pageSize: '1' })}`,
    );
    assert.equal(listed.pagination.total, first.budgetLines, 'the filter lists as many packages as the figure counts');
    await u.page.getByText(new RegExp(`^${first.budgetLines.toLocaleString('id-ID')} paket sesuai filter`)).waitFor({ timeout: 20_000 });
    await u.page.getByText('Filter dari halaman pemantauan').waitFor();
    await checkPage(u, 'paket-dari-angka');
  });

  it('overdue steps: the API total, owners and links to the package', { timeout: 60_000 }, async () => {
    const o = await apiGet('auditor.rina', `/api/dashboard/overdue?fiscalYear=${FISCAL_YEAR}&pageSize=25`);
    await u.goto(`/pantau/terlambat${q}`);
    await settle(u.page);
    await u.page.getByText(new RegExp(`^${o.pagination.total.toLocaleString('id-ID')} langkah melewati tenggat`)).waitFor();
    if (o.data.length) {
      const rows = u.page.getByRole('table', { name: /melewati tenggat/ }).locator('tbody tr');
      // The list may have grown since the API call (a step fell due meanwhile), never shrunk below one page.
      assert.ok((await rows.count()) >= Math.min(o.data.length, 25));
      const href = await rows.first().getByRole('link').first().getAttribute('href');
      assert.match(href ?? '', /^\/paket\/[^/]+$/);
    }
  });

  it('contracts: kontrak kritis first and marked, S-curve one click away, link to the contract tab', { timeout: 90_000 }, async () => {
    const c = await apiGet('auditor.rina', `/api/dashboard/contracts?fiscalYear=${FISCAL_YEAR}&pageSize=20`);
    assert.ok(c.counts.running > 0, `the demo has contracts in execution (${JSON.stringify(c.counts)})`);
    await u.goto(`/pantau/kontrak${q}`);
    await settle(u.page);
    const rows = u.page.getByRole('table', { name: /Kontrak berjalan/ }).locator('tbody > tr[data-contract]');
    assert.equal(await rows.count(), c.data.length);
    for (const [i, k] of c.data.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-contract'), k.contractPackageId, `row ${i} in the API's order (critical first)`);
      assert.equal(await row.evaluate((e) => e.classList.contains('critical')), k.criticality.critical);
      if (k.criticality.critical) await row.getByText('Kontrak kritis', { exact: true }).waitFor();
      assert.equal(await row.getByRole('link').first().getAttribute('href'), `/paket/${k.packageId}/kontrak`);
    }
    if (c.counts.critical > 0) assert.equal(c.data[0].criticality.critical, true, 'critical contracts first');
    // The S-curve of the first contract with one: one click, drawn, with its table.
    const withCurve = c.data.findIndex((k: any) => k.sCurve.length > 0);
    if (withCurve >= 0) {
      const button = rows.nth(withCurve).getByRole('button', { name: /kurva S/i });
      await button.click();
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      const panel = u.page.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
      await panel.locator('figure.s-curve canvas').first().waitFor({ timeout: 20_000 });
      assert.equal(await panel.getByRole('table').locator('tbody tr').count(), c.data[withCurve].sCurve.length);
      await checkPage(u, 'kontrak-kurva-s');
    }
  });

  it('red flags: counts per OPD and flagged packages with explanation and trigger', { timeout: 60_000 }, async () => {
    const r = await apiGet('auditor.rina', `/api/dashboard/red-flags?fiscalYear=${FISCAL_YEAR}&pageSize=20`);
    await u.goto(`/pantau/indikasi-risiko${q}`);
    await settle(u.page);
    await u.page.getByText(new RegExp(`^${r.flagged.toLocaleString('id-ID')} dari ${r.packages.toLocaleString('id-ID')} paket berindikasi`)).waitFor();
    assert.equal(
      await u.page
        .getByRole('table', { name: /per OPD/ })
        .locator('tbody tr')
        .count(),
      r.byOpd.length,
    );
    const rows = u.page.getByRole('table', { name: /Paket berindikasi/ }).locator('tbody tr');
    assert.equal(await rows.count(), r.data.length);
    if (r.data.length) {
      const p = r.data[0];
      const row = rows.first();
      assert.equal(await row.getByRole('link').first().getAttribute('href'), `/paket/${p.packageId}`);
      for (const f of p.flags) {
        const item = row.locator(`li[data-flag="${f.code}"]`);
        await item.getByText(f.explanation, { exact: true }).waitFor();
        await item.getByText(/^Pemicu:/).waitFor();
      }
    }
  });

  it('a CSV downloaded with "Unduh CSV" has the rows of the API JSON for the same filters', { timeout: 60_000 }, async () => {
    const y = await apiGet('auditor.rina', `/api/dashboard/year?fiscalYear=${FISCAL_YEAR}`);
    await u.goto(`/pantau/ringkasan${q}`);
    await settle(u.page);
    const [download] = await Promise.all([
      u.page.waitForEvent('download'),
      u.page.getByRole('button', { name: 'Unduh CSV: serapan anggaran per OPD' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
    const col = (name: RegExp) => {
      const i = header!.findIndex((h) => name.test(h));
      assert.ok(i >= 0, `CSV column ${name} in ${header!.join(' | ')}`);
      return i;
    };
    const [opd, lines, pagu, contracted, paid] = [col(/^OPD$/), col(/^Baris anggaran$/), col(/^Pagu/), col(/^Nilai kontrak/), col(/^Dibayar/)];
    assert.deepEqual(
      rows.map((r) => ({ opd: r[opd], budgetLines: Number(r[lines]), pagu: Number(r[pagu]), contracted: Number(r[contracted]), paid: Number(r[paid]) })),
      y.absorptionByOpd.map((r: any) => ({ opd: r.opd, budgetLines: r.budgetLines, pagu: r.pagu, contracted: r.contracted, paid: r.paid })),
    );
    // The contracts table too: the same contracts, in the same order, as the JSON pages.
    await u.goto(`/pantau/kontrak${q}`);
    await settle(u.page);
    const [dl2] = await Promise.all([u.page.waitForEvent('download'), u.page.getByRole('button', { name: 'Unduh CSV: kontrak berjalan' }).click()]);
    const [h2, ...r2] = parseCsv(fs.readFileSync(await dl2.path(), 'utf8')).filter((r) => r.length > 1);
    const idCol = h2!.indexOf('Id kontrak');
    const all = await apiGet('auditor.rina', `/api/dashboard/contracts?fiscalYear=${FISCAL_YEAR}&pageSize=100`);
    assert.deepEqual(
      r2.map((r) => r[idCol]),
      all.data.map((k: any) => k.contractPackageId),
    );
    u.assertClean();
  });
});

describe('refused to other roles', () => {
  for (const user of REFUSED) {
    it(`${user}: no link, a refusal page, 403 from the API`, { timeout: 60_000 }, async () => {
      for (const e of ENDPOINTS) {
        const r = await demo.api.as(user).get(`/api/dashboard/${e}?fiscalYear=${FISCAL_YEAR}`);
        assert.equal(r.status, 403, `/api/dashboard/${e} as ${user}`);
        assert.equal(typeof r.body?.error?.message, 'string');
      }
      const u = await browser.as(user);
      await u.goto('/tugas');
      assert.equal(await u.page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pemantauan' }).count(), 0);
      for (const p of ['/pantau', `/pantau/kontrak${q}`]) {
        await u.goto(p);
        await u.page.getByRole('heading', { level: 1, name: 'Pemantauan' }).waitFor();
        await u.page.getByRole('alert').getByText('Anda tidak berwenang membuka halaman pemantauan.').waitFor();
        assert.equal(await u.page.getByRole('navigation', { name: 'Halaman pemantauan' }).count(), 0);
      }
      await checkPage(u, `ditolak-${user}`);
      await u.context.close();
    });
  }
});
