/**
 * The preparation of a tender and the Pokja's collegial decisions in the console (issue 13 points 2, 3), in Chromium
 * on the real start command, each step by the person who takes it in SPSE:
 *  - the head of the UKPBJ (ukpbj.ratna) finds "Tugaskan Pokja Pemilihan" in Tugas saya, opens it, reads the rule
 *    (Pasal 13: odd, at least three), is stopped by the form with two members, and assigns three (chosen from the
 *    list GET /api/officers gives, id and name only);
 *  - the Pokja records the Reviu DPP, the PPK co-signs it;
 *  - a Pokja member opens Jadwal (/paket/:id/jadwal), changes the registration period with a reason (counted, in the
 *    history with from/to/who/when), and a period fixed by law (masa sanggah) is refused with its rule;
 *  - after vendors registered and bid (over HTTP: not what this file tests), one member proposes the opening and the
 *    second approves it on the package page: the opening takes effect, and the decisions panel names who approved.
 * axe runs on every page shown; screenshots: test-artifacts/screenshots/prep-*.png. Fiscal year 2058 (this file's).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { axe, type BrowserStack, clearScreenshots, eventually, reloadUntilVisible, shot, startBrowserStack, type UserPage, withShot } from './support/browser';
import { awaitStepOutcome, type Fields, fillAndSubmit, stepBlock, stepForm, stepName } from './support/browser-forms';
import { expectStatus } from './support/tender-http-driver';
import { orderedSteps } from './support/ordered-steps';

const TIME_SCALE = 0.00003;
const TITLE = 'Pembangunan Jembatan Penyeberangan Orang Jl. Daan Mogot';
const POKJA = ['pokja.sari', 'pokja.agus', 'pokja.dewi'];
const VENDORS = ['vendor.karya', 'vendor.tirta'];

let s: BrowserStack;
const u: Record<string, UserPage> = {};
let packageId = '';
const { step, started } = orderedSteps();

const snap = (who: UserPage, name: string) => shot(who.page, `prep-${String(started()).padStart(2, '0')}-${name}`);
const pkgPath = () => `/paket/${packageId}`;
const detail = async () => expectStatus(await s.http.as('ppk.budi').getPackage(packageId), 200).body;

/** One generic step form by one user on the package page, as in browser-tender.test.ts. */
async function take(who: UserPage, action: string, fields: Fields): Promise<string> {
  if (new URL(who.page.url()).pathname !== pkgPath()) await who.goto(pkgPath());
  return withShot(
    who.page,
    `prep-${action}-${who.userId}`,
    async () => {
      await reloadUntilVisible(who.page, stepForm(who.page, action), `step ${action} offered to ${who.userId}`, 30_000);
      await axe(who.page, `${action} form for ${who.userId}`);
      const name = await stepName(who.page, action);
      await fillAndSubmit(stepForm(who.page, action), fields);
      const text = await awaitStepOutcome(who.page, action, name);
      await snap(who, `${action}-${who.userId}`);
      return text;
    },
    who.watch,
  );
}

before(async () => {
  clearScreenshots('prep-');
  s = await startBrowserStack('browser-preparation', { timeScale: TIME_SCALE });
  for (const id of ['ukpbj.ratna', 'ppk.budi', 'pokja.sari', 'pokja.agus']) u[id] = await s.browser.as(id);
});
after(async () => {
  for (const p of Object.values(u)) p.assertClean();
  await s?.close();
});

step('GET /api/officers: the Pokja members by id and name only, for the head of the UKPBJ; refused to a vendor and for an unknown role', 30_000, async () => {
  const ok = expectStatus(await s.http.as('ukpbj.ratna').get('/api/officers?role=pokja'), 200).body as { role: string; data: Record<string, unknown>[] };
  assert.equal(ok.role, 'pokja');
  assert.deepEqual(ok.data.map((o) => o.id).sort(), ['pokja.agus', 'pokja.dewi', 'pokja.maya', 'pokja.sari', 'pokja.yusuf']);
  for (const o of ok.data) assert.deepEqual(Object.keys(o).sort(), ['id', 'name'], 'no email, no organisation');
  expectStatus(await s.http.as('vendor.karya').get('/api/officers?role=pokja'), 403);
  const bad = expectStatus(await s.http.as('ukpbj.ratna').get('/api/officers?role=admin'), 422).body as {
    error: { code: string; details: { issues: { message: string }[] } };
  };
  assert.equal(bad.error.code, 'validation_failed');
  assert.match(bad.error.details.issues[0]!.message, /peran harus/);
});

step('the PPK creates the tender naming the Kepala UKPBJ, not the Pokja', 60_000, async () => {
  const body = {
    title: TITLE,
    opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
    workUnit: 'Bidang Bina Marga',
    category: 'pekerjaan_konstruksi',
    method: 'tender',
    pagu: 2_000_000_000,
    hps: 1_900_000_000,
    fiscalYear: 2058,
    kepalaUkpbj: 'ukpbj.ratna',
    paKpa: 'kpa.hendra',
    // Windows long enough for the steps over HTTP at ≈ 2.6 s a schedule day.
    schedule: { registrationDays: 4, clarificationDays: 3, bidSubmissionDays: 4 },
  };
  const created = expectStatus(await s.http.as('ppk.budi').createPackage(body), 201).body;
  packageId = created.id;
  assert.equal(created.live?.stage.id, 'officer_assignment');
});

step('the head of the UKPBJ opens the assignment from Tugas saya; two members are stopped by the rule; three are assigned', 90_000, async () => {
  const head = u['ukpbj.ratna']!;
  await head.goto('/tugas');
  const link = head.page.getByRole('row', { name: new RegExp(TITLE) }).getByRole('link', { name: /Tugaskan Pokja Pemilihan/ });
  await reloadUntilVisible(head.page, link, 'the assignment task in the head of the UKPBJ inbox');
  await axe(head.page, 'Tugas saya (Kepala UKPBJ)');
  await snap(head, 'tugas-kepala-ukpbj');
  await link.click();
  await head.page.waitForURL(new RegExp(`${pkgPath()}#aksi-assign_officers$`));
  const block = stepBlock(head.page, 'assign_officers');
  await block.getByRole('checkbox').first().waitFor({ timeout: 20_000 });
  assert.match(await block.innerText(), /Pasal 13.*paling sedikit 3.*gasal/s, 'the rule is on the form');
  await axe(head.page, 'assignment form');
  // Two members: the form says why and sends nothing.
  const posts: string[] = [];
  head.page.on('request', (r) => {
    if (r.method() === 'POST' && /\/tasks\//.test(r.url())) posts.push(r.url());
  });
  await block.getByLabel('Nomor surat tugas').fill('800/017/UKPBJ/2058');
  await block.getByRole('checkbox', { name: /Sari Wulandari/ }).check();
  await block.getByRole('checkbox', { name: /Agus Pratama/ }).check();
  await block.getByRole('button', { name: /Tugaskan Pokja Pemilihan/ }).click();
  await block.getByText(/paling sedikit 3 anggota \(dipilih 2\)/).waitFor();
  await snap(head, 'penugasan-dua-anggota');
  assert.equal(posts.length, 0, 'nothing sent with two members');
  // The third member with the keyboard: Tab to the checkbox, Space.
  const dewi = block.getByRole('checkbox', { name: /Dewi Lestari/ });
  await dewi.focus();
  await head.page.keyboard.press('Space');
  assert.equal(await dewi.isChecked(), true);
  await block.getByText(/Dipilih 3 orang — memenuhi ketentuan/).waitFor();
  await block.getByRole('button', { name: /Tugaskan Pokja Pemilihan/ }).click();
  await head.page.locator('main [role="status"]').filter({ hasText: '“Tugaskan Pokja Pemilihan” tercatat' }).waitFor({ timeout: 20_000 });
  await snap(head, 'penugasan-tercatat');
  const d = await detail();
  assert.deepEqual([...((d.live as { assignments?: Record<string, string[]> }).assignments?.pokja ?? [])].sort(), [...POKJA].sort());
  assert.equal(d.live?.stage.id, 'dpp_review');
});

step('the Pokja records the Reviu DPP and the PPK co-signs it', 90_000, async () => {
  await take(u['pokja.sari']!, 'review_dpp', [
    [/^Hasil/, 'dapat dipakai'],
    [/^Catatan/, 'Spesifikasi teknis, HPS dan rancangan kontrak sudah sesuai dan dapat dipakai.'],
  ]);
  await take(u['ppk.budi']!, 'cosign_dpp_review', []);
  const d = await s.http.waitForStage(packageId, 'announcement', 30_000);
  assert.equal(d.live?.stage.id, 'announcement');
});

step('the Pokja changes the registration period on Jadwal with a reason; the fixed masa sanggah is refused with its rule', 90_000, async () => {
  const pokja = u['pokja.sari']!;
  await pokja.goto(pkgPath());
  await pokja.page.getByRole('link', { name: 'Jadwal', exact: true }).click();
  await pokja.page.waitForURL(new RegExp(`${pkgPath()}/jadwal$`));
  const stages = pokja.page.getByRole('table', { name: /Tahap yang berjadwal/ });
  await stages.waitFor({ timeout: 20_000 });
  for (const h of ['No', 'Tahap', 'Mulai', 'Sampai', 'Perubahan']) await stages.getByRole('columnheader', { name: h, exact: true }).waitFor();
  assert.match(await stages.innerText(), /Pendaftaran dan Download Dokumen Pemilihan/);
  assert.match(await pokja.page.getByRole('table', { name: /Nilai yang berlaku/ }).innerText(), /Masa sanggah[^\n]*\n?[\s\S]*Ditetapkan 5 hari kalender oleh/);
  await axe(pokja.page, 'Jadwal');
  await snap(pokja, 'jadwal');

  const form = pokja.page.locator('#ubah-jadwal form');
  await form.getByLabel('Parameter jadwal').selectOption('registrationDays');
  await pokja.page
    .locator('#ubah-parameter-batas')
    .getByText(/Paling sedikit 1, paling lama \d+ hari kalender/)
    .waitFor();
  await form.getByLabel(/^Nilai baru/).fill('6');
  await form.getByLabel('Alasan perubahan').fill('Memberi waktu lebih bagi penyedia di luar kota untuk mendaftar.');
  await form.getByRole('button', { name: 'Simpan perubahan jadwal' }).click();
  await pokja.page.locator('main [role="status"]').filter({ hasText: 'tercatat' }).waitFor({ timeout: 20_000 });
  const history = pokja.page.getByRole('table', { name: /Perubahan jadwal, terlama/ });
  await history.waitFor({ timeout: 20_000 });
  const row = await history.locator('tbody tr').first().innerText();
  assert.match(row, /Pendaftaran dan unduh dokumen/);
  assert.match(row, /4 hari kalender\s+6 hari kalender/);
  assert.match(row, /Memberi waktu lebih/);
  assert.match(row, /Sari Wulandari/);
  assert.match(row, /WIB/);
  const registrationRow = await stages.getByRole('row', { name: /Pendaftaran dan Download Dokumen Pemilihan/ }).innerText();
  assert.match(registrationRow, /\b1\s*$/, `one change counted for registration: ${registrationRow}`);
  await snap(pokja, 'jadwal-diubah');

  await form.getByLabel('Parameter jadwal').selectOption('objectionDays');
  await pokja.page
    .locator('#ubah-parameter-batas')
    .getByText(/Ditetapkan 5 hari kalender oleh/)
    .waitFor();
  await form.getByLabel(/^Nilai baru/).fill('3');
  await form.getByLabel('Alasan perubahan').fill('Mempersingkat masa sanggah agar kontrak segera ditandatangani.');
  await form.getByRole('button', { name: 'Simpan perubahan jadwal' }).click();
  const refusal = pokja.page.locator('#ubah-jadwal [role="alert"]');
  await refusal.waitFor({ timeout: 20_000 });
  const text = await refusal.innerText();
  assert.match(text, /Jadwal tidak sesuai ketentuan/);
  assert.match(text, /Masa sanggah ditetapkan 5 hari kalender oleh/);
  assert.match(text, /tidak ada yang berubah/);
  await axe(pokja.page, 'Jadwal with a refusal');
  await snap(pokja, 'jadwal-ditolak');
  const sched = expectStatus(await s.http.as('pokja.sari').get(`/api/packages/${packageId}/schedule`), 200).body as {
    params: { id: string; value: number; source: string; changes: number }[];
    changes: unknown[];
  };
  assert.deepEqual(
    sched.params.filter((p) => ['registrationDays', 'objectionDays'].includes(p.id)).map((p) => [p.id, p.value, p.source, p.changes]),
    [
      ['registrationDays', 6, 'pokja', 1],
      ['objectionDays', 5, 'default', 0],
    ],
  );
  assert.equal(sched.changes.length, 1);
  expectStatus(await s.http.as('vendor.karya').get(`/api/packages/${packageId}/schedule`), 403);
  expectStatus(await s.http.as('pokja.maya').get(`/api/packages/${packageId}/schedule`), 403);
});

step('the Pokja announces; vendors register and bid (HTTP)', 150_000, async () => {
  await take(u['pokja.sari']!, 'announce', []);
  await s.http.waitForStage(packageId, 'registration', 30_000);
  for (const v of VENDORS) await s.http.as(v).do(packageId, 'register');
  await s.http.waitForStage(packageId, 'bid_submission', 90_000);
  for (const [i, v] of VENDORS.entries()) await s.http.as(v).do(packageId, 'submit_bid', { price: 1_600_000_000 + i * 100_000_000 });
  await s.http.waitForStage(packageId, 'bid_opening', 90_000);
});

step('one member proposes the opening; the second approves it on the package page; the decision names who approved', 120_000, async () => {
  await take(u['pokja.sari']!, 'open_bids', []);
  // Still at the opening: one member alone cannot decide.
  assert.equal((await detail()).live?.stage.id, 'bid_opening');
  const sari = u['pokja.sari']!;
  const panel = sari.page.locator('section.decisions');
  await reloadUntilVisible(sari.page, panel.getByText(/Usulan menunggu persetujuan: Buka Dokumen Penawaran/), 'the proposal on the proposer page');
  assert.match(await panel.innerText(), /1 dari 2 persetujuan yang diperlukan/);
  assert.match(await panel.innerText(), /sudah menyatakan sikap/);

  const agus = u['pokja.agus']!;
  await agus.goto(pkgPath());
  const his = agus.page.locator('section.decisions');
  await reloadUntilVisible(
    agus.page,
    his.getByRole('button', { name: 'Setuju: Buka Dokumen Penawaran', exact: true }),
    'the vote offered to the second member',
  );
  await axe(agus.page, 'package page with a pending proposal');
  await snap(agus, 'usulan-pembukaan');
  await his.getByLabel('Catatan (tidak wajib)').fill('Setuju, jadwal pembukaan sudah tiba.');
  await his.getByRole('button', { name: 'Setuju: Buka Dokumen Penawaran', exact: true }).click();
  await agus.page.locator('main [role="status"]').filter({ hasText: 'tercatat' }).waitFor({ timeout: 20_000 });
  await eventually('the opening taken', async () => ((await detail()).live?.stage.id !== 'bid_opening' ? true : undefined), { timeoutMs: 30_000 });
  const opening = (await detail()).live?.data.opening as { by?: string; approvedBy?: string[] } | undefined;
  assert.equal(opening?.by, 'pokja.sari');
  assert.deepEqual(opening?.approvedBy, ['pokja.sari', 'pokja.agus']);
  await agus.page.reload();
  const taken = agus.page.getByRole('table', { name: /Keputusan yang sudah diambil bersama/ });
  await taken.waitFor({ timeout: 20_000 });
  // Steps are named from the package's definition, which loads beside the package (its id shows until then).
  await taken.getByRole('cell', { name: 'Buka Dokumen Penawaran', exact: true }).waitFor({ timeout: 20_000 });
  assert.match(await taken.innerText(), /Buka Dokumen Penawaran[\s\S]*pokja\.sari[\s\S]*pokja\.sari, pokja\.agus/);
  await axe(agus.page, 'package page with a decision taken');
  await snap(agus, 'keputusan-diambil');
});
