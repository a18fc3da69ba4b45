/**
 * A whole tender in the console, from creation to both contract signatures, done only by clicking and typing in
 * Chromium — seven people in seven browser contexts (PPK ppk.budi, Kepala UKPBJ ukpbj.ratna, Pokja pokja.sari and
 * pokja.agus, vendors vendor.karya, vendor.tirta, vendor.cisadane) — on the real start command at a time scale (a
 * schedule day ≈ 3.5 s). Since issue 13 the head of the UKPBJ assigns the Pokja from Tugas saya, the Pokja holds
 * the Reviu DPP with the PPK, and the Pokja's collegial decisions (opening, evaluation, winner) take effect when a
 * second member approves them in the Keputusan Pokja panel. The order
 * and payloads follow tests/support/tender-http-driver.ts `runTender`; HTTP is used only to read (the stage to wait
 * for, the checks at the end), never to act. At the end the winning vendor verifies its sealed bid in the browser
 * ("Cocok"). Every page on the way is saved as test-artifacts/screenshots/tender-NN-*.png.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { type BrowserStack, clearScreenshots, eventually, reloadUntilVisible, shot, startBrowserStack, type UserPage, withShot } from './support/browser';
import { awaitStepOutcome, type Fields, fillAndSubmit, fillCreatePackage, stepForm, stepName } from './support/browser-forms';
import { approveProposal, assignFromInbox, reviewDpp } from './support/browser-preparation';
import { expectStatus } from './support/tender-http-driver';
import { orderedSteps } from './support/ordered-steps';

const TIME_SCALE = 0.00004;
const PAGU = 2_000_000_000;
const HPS = 1_900_000_000;
/** The lowest bid within the HPS wins; one above the HPS fails the evaluation (as in runTender). */
const BIDS: Record<string, number> = {
  'vendor.karya': Math.round(HPS * 0.85),
  'vendor.tirta': Math.round(HPS * 0.92),
  'vendor.cisadane': Math.round(HPS * 1.04),
};
const VENDORS = Object.keys(BIDS);

let s: BrowserStack;
const u: Record<string, UserPage> = {};
let packageId = '';
const { step, started } = orderedSteps();

/** Screenshots are numbered by step, so they sort in the tender's order. */
const snap = (who: UserPage, name: string) => shot(who.page, `tender-${String(started()).padStart(2, '0')}-${name}`);
const pkgPath = () => `/paket/${packageId}`;
const kontrakPath = () => `/paket/${packageId}/kontrak`;
const detail = async () => expectStatus(await s.http.as('ppk.budi').getPackage(packageId), 200).body;
const stageOf = async () => (await detail()).live?.stage.id;

/**
 * One step by one user through the page: open the page, wait (reloading) until the step's form is offered, fill it
 * by label, click its button, and wait for "tercatat" — or fail with the refusal shown.
 */
async function take(who: UserPage, action: string, fields: Fields, o: { path?: string; waitMs?: number } = {}): Promise<string> {
  const path = o.path ?? pkgPath();
  if (new URL(who.page.url()).pathname !== path) await who.goto(path);
  return withShot(
    who.page,
    `tender-${action}-${who.userId}`,
    async () => {
      await reloadUntilVisible(who.page, stepForm(who.page, action), `step ${action} offered to ${who.userId} on ${path}`, o.waitMs ?? 30_000);
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
  clearScreenshots('tender-');
  s = await startBrowserStack('browser-tender', { timeScale: TIME_SCALE });
  for (const id of ['ppk.budi', 'ukpbj.ratna', 'pokja.sari', 'pokja.agus', ...VENDORS]) u[id] = await s.browser.as(id);
});
after(async () => {
  await s?.close();
});

step('PPK creates the package with the form (method offered by the rules, schedule set)', 90_000, async () => {
  const ppk = u['ppk.budi']!;
  await ppk.goto('/paket/baru');
  await withShot(ppk.page, 'tender-buat-paket', async () => {
    await fillCreatePackage(ppk.page, {
      title: 'Rehabilitasi Saluran Drainase Jl. Merdeka',
      opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
      workUnit: 'Bidang Sumber Daya Air',
      category: /Pekerjaan Konstruksi/,
      fiscalYear: 2026,
      pagu: PAGU,
      hps: HPS,
      method: /Tender Pascakualifikasi Satu File/,
      // Windows long enough for seven people to act in them on a busy machine, at ≈ 3.5 s a day (registration stays
      // open until the bid deadline); the objection period is fixed by law at 5 days.
      schedule: [
        [/^Pendaftaran dan unduh dokumen/, 4],
        [/^Pemberian penjelasan/, 14],
        [/^Unggah dokumen penawaran/, 6],
      ],
      paKpa: 'kpa.hendra',
      // The PPK names the head of the UKPBJ, who assigns the Pokja (issue 13 point 2).
      kepalaUkpbj: 'ukpbj.ratna',
    });
    await ppk.page.waitForURL(/\/paket\/pkt-[^/]+$/, { timeout: 30_000 });
  });
  packageId = new URL(ppk.page.url()).pathname.split('/')[2]!;
  await ppk.page.locator('main h1').getByText('Rehabilitasi Saluran Drainase Jl. Merdeka').waitFor();
  await snap(ppk, 'paket-dibuat');
  const d = await detail();
  assert.equal(d.title, 'Rehabilitasi Saluran Drainase Jl. Merdeka');
  assert.equal(Number((d as { hps?: unknown }).hps), HPS);
  assert.equal(d.live?.stage.id, 'officer_assignment');
});

step('the head of the UKPBJ assigns three Pokja members from Tugas saya', 90_000, async () => {
  const head = u['ukpbj.ratna']!;
  await assignFromInbox(head, 'Rehabilitasi Saluran Drainase Jl. Merdeka', '800/021/UKPBJ/2026', [/Sari Wulandari/, /Agus Pratama/, /Dewi Lestari/]);
  await snap(head, 'penugasan-pokja');
  const live = (await detail()).live as { assignments?: Record<string, string[]> } | null;
  assert.deepEqual([...(live?.assignments?.pokja ?? [])].sort(), ['pokja.agus', 'pokja.dewi', 'pokja.sari']);
});

step('the Pokja records the Reviu DPP and the PPK co-signs it', 90_000, async () => {
  await reviewDpp(u['pokja.sari']!, u['ppk.budi']!, pkgPath());
  await snap(u['ppk.budi']!, 'reviu-dpp');
  await eventually('the announcement stage', async () => ((await stageOf()) === 'announcement' ? true : undefined), { timeoutMs: 30_000 });
});

step('Pokja opens the step from its inbox and announces', 60_000, async () => {
  const pokja = u['pokja.sari']!;
  await pokja.goto('/tugas');
  const link = pokja.page.getByRole('row', { name: /Rehabilitasi Saluran Drainase/ }).getByRole('link', { name: /Umumkan Tender/ });
  await reloadUntilVisible(pokja.page, link, 'the announce task in the Pokja inbox');
  await snap(pokja, 'tugas-pokja');
  await link.click();
  await pokja.page.waitForURL(new RegExp(`${pkgPath()}#aksi-announce$`));
  await take(pokja, 'announce', []);
});

step('three vendors find the tender under "Tender terbuka" and register', 60_000, async () => {
  await Promise.all(
    VENDORS.map(async (v) => {
      const who = u[v]!;
      await who.goto('/tender');
      const link = who.page.getByRole('link', { name: /Rehabilitasi Saluran Drainase/ }).first();
      await withShot(who.page, `tender-terbuka-${v}`, () => reloadUntilVisible(who.page, link, `the package under Tender terbuka for ${v}`));
      if (v === 'vendor.karya') await snap(who, 'tender-terbuka');
      await link.click();
      await who.page.waitForURL(new RegExp(pkgPath()));
      await who.page.locator('main h1').waitFor();
      await take(who, 'register', []);
    }),
  );
  const data = JSON.stringify((await detail()).live?.data ?? {});
  for (const v of VENDORS) assert.ok(data.includes(v), `${v} registered`);
});

step('a vendor asks a question; the Pokja answers it', 90_000, async () => {
  const asker = u['vendor.karya']!;
  const pokja = u['pokja.sari']!;
  await take(asker, 'ask_question', [[/^Pertanyaan/, 'Apakah metode kerja boleh menggunakan beton pracetak?']], { waitMs: 40_000 });
  // The open question is the only choice, chosen already; the Pokja writes the answer.
  await take(pokja, 'answer_question', [[/^Jawaban/, 'Boleh, sesuai spesifikasi teknis.']]);
  const questions = ((await detail()).live?.data.questions ?? []) as { answer?: string; by?: string }[];
  assert.ok(
    questions.some((q) => q.answer === 'Boleh, sesuai spesifikasi teknis.'),
    `answered: ${JSON.stringify(questions)}`,
  );
});

const receipts: Record<string, string> = {};
step('three sealed bids, each with its receipt on screen', 180_000, async () => {
  await Promise.all(
    VENDORS.map(async (v) => {
      const who = u[v]!;
      await who.goto(pkgPath());
      await take(
        who,
        'submit_bid',
        [
          [/^Harga penawaran/, BIDS[v]!],
          [/^Jangka waktu/, 120],
        ],
        // The bid window opens when the 14-day clarification closes (≈ 50 s, more when its end rolls to working time).
        { waitMs: 120_000 },
      );
      const receipt = who.page.locator('[id="aksi-submit_bid"] dl.receipt');
      await receipt.waitFor();
      const text = await receipt.innerText();
      assert.match(text, /Komitmen \(SHA-256\)\s*[0-9a-f]{64}/, `${v}'s receipt shows its commitment`);
      assert.doesNotMatch(text, new RegExp(String(BIDS[v])), 'the receipt does not repeat the price');
      receipts[v] = /[0-9a-f]{64}/.exec(text)![0];
    }),
  );
  // The vendor's own copy is kept in the browser ("Penawaran saya"), before the opening without other bidders.
  const mine = u['vendor.karya']!;
  await mine.goto('/penawaran');
  await mine.page.getByText(receipts['vendor.karya']!).first().waitFor({ timeout: 15_000 });
  await snap(mine, 'penawaran-saya-sebelum-pembukaan');
  const page = await mine.page.locator('main').innerText();
  for (const other of ['vendor.tirta', 'vendor.cisadane']) assert.ok(!page.includes(receipts[other]!), `no receipt of ${other} on vendor.karya's page`);
});

step('the Pokja opens the bids, evaluates, verifies the winner and awards; a second member approves each decision', 180_000, async () => {
  const pokja = u['pokja.sari']!;
  const second = u['pokja.agus']!;
  await pokja.goto(pkgPath());
  await take(pokja, 'open_bids', [], { waitMs: 60_000 });
  await approveProposal(second, pkgPath(), 'Buka Dokumen Penawaran');
  await snap(second, 'persetujuan-pembukaan');
  // One result per participant is prefilled; each verdict is chosen.
  await take(pokja, 'evaluate', [
    [/^Administrasi/, 'Lulus'],
    [/^Kualifikasi/, 'Lulus'],
    [/^Teknis/, 'Lulus'],
  ]);
  await approveProposal(second, pkgPath(), 'Simpan Hasil Evaluasi');
  const stage = await eventually('ranking to finish', async () => {
    const st = await stageOf();
    return st === 'price_clarification' || st === 'qualification_verification' ? st : undefined;
  });
  if (stage === 'price_clarification') await take(pokja, 'clarify_prices', [[/^Kewajaran/, 'Wajar']]);
  await take(pokja, 'verify_qualification', [
    [/^Calon pemenang|^Penyedia/, 'karya'], // the option names the company or, today, its user id
    [/^Hasil pembuktian kualifikasi/, 'Lulus'],
  ]);
  await take(pokja, 'decide_award', []);
  // The winner's decision (its name depends on who decides by value): the one proposal waiting.
  await approveProposal(second, pkgPath(), /.+/);
  await take(pokja, 'announce_award', []);
  const award = (await detail()).live?.data.award as { winner?: { vendorId: string; price: number } } | undefined;
  assert.equal(award?.winner?.vendorId, 'vendor.karya');
  assert.equal(award?.winner?.price, BIDS['vendor.karya']);
});

step('after the objection period the PPK issues the SPPBJ', 90_000, async () => {
  const ppk = u['ppk.budi']!;
  await ppk.goto(pkgPath());
  await snap(ppk, 'masa-sanggah');
  await take(ppk, 'issue_sppbj', [[/^Nomor/, `SPPBJ-${packageId.slice(4, 12)}`]], { waitMs: 60_000 });
});

step('E-Kontrak: draft, performance security, both signatures by the document hash', 150_000, async () => {
  const ppk = u['ppk.budi']!;
  const winner = u['vendor.karya']!;
  await take(
    ppk,
    'draft_contract',
    [
      [/^Nomor/, `KONTRAK-${packageId.slice(4, 12)}`],
      [/^Jangka waktu/, 120],
      [/kemajuan fisik/i, 100],
    ],
    { path: kontrakPath(), waitMs: 60_000 },
  );
  // Above Rp200 juta the winner hands in a performance security of the amount the draft set, read off its page.
  await winner.goto(kontrakPath());
  const shown = winner.page
    .locator('main dt', { hasText: /^Jaminan pelaksanaan$/ })
    .first()
    .locator('xpath=following-sibling::dd[1]');
  await reloadUntilVisible(winner.page, shown, 'the performance security amount on the contract page');
  const amount = Number((await shown.innerText()).replace(/[^0-9]/g, ''));
  const contract = expectStatus(await s.http.as('ppk.budi').get(`/api/packages/${packageId}/contract`), 200).body as {
    terms?: { performanceSecurity?: { amount: number } };
  };
  assert.equal(amount, contract.terms?.performanceSecurity?.amount, 'the amount shown is the one the contract requires');
  await take(
    winner,
    'submit_performance_security',
    [
      [/^Nomor jaminan/, `JP-${packageId.slice(4, 12)}`],
      [/^Bank|^Penerbit/, 'Bank BJB'],
      [/^Nilai jaminan/, amount],
      [/berlaku/i, '2027-12-31'],
    ],
    { path: kontrakPath() },
  );
  // Each signer sees the hash being signed, prefilled and read-only, and the same hash as the document listed.
  for (const [who, action] of [
    [ppk, 'sign_contract_ppk'],
    [winner, 'sign_contract_penyedia'],
  ] as const) {
    await who.goto(kontrakPath());
    await reloadUntilVisible(who.page, stepForm(who.page, action), `${action} offered`);
    const hash = await stepForm(who.page, action).locator('input.hash, input[readonly]').first().inputValue();
    assert.match(hash, /^[0-9a-f]{64}$/, `${action}: the document hash is shown`);
    assert.ok((await who.page.locator('main').innerText()).split(hash).length > 2, `${action}: the hash also appears with the contract document`);
    await take(who, action, [], { path: kontrakPath() });
  }
  await eventually('the package to reach contract_signed', async () => (await stageOf()) === 'contract_signed', { timeoutMs: 30_000 });
  await ppk.goto(kontrakPath());
  await snap(ppk, 'e-kontrak-ditandatangani');
  await ppk.goto(pkgPath());
  await ppk.page.locator('.djs-container svg .djs-element').first().waitFor({ timeout: 30_000 });
  await snap(ppk, 'paket-selesai');
});

step('the winning vendor verifies its bid in the browser: "Cocok"', 60_000, async () => {
  const winner = u['vendor.karya']!;
  await winner.goto('/penawaran');
  await withShot(winner.page, 'tender-verifikasi', async () => {
    const button = winner.page.getByRole('button', { name: /Verifikasi penawaran saya/ }).first();
    await reloadUntilVisible(winner.page, button, 'the verify button once the bids are opened');
    await button.click();
    await winner.page.getByRole('heading', { name: /^Cocok/ }).waitFor({ timeout: 15_000 });
  });
  await snap(winner, 'verifikasi-cocok');
  for (const who of Object.values(u)) who.assertClean();
});
