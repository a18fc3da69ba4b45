/**
 * What people do in the console before and during a tender since issue 13, for the browser tests that drive one:
 * the head of the UKPBJ assigns the Pokja from Tugas saya (the assignment form: letter number, members as
 * checkboxes), the Pokja records the Reviu DPP and the PPK co-signs it, and a second Pokja member approves a
 * collegial decision another member proposed ("Setuju" in the Keputusan Pokja panel). Mouse and keyboard as a user
 * would; HTTP never acts.
 */
import type { UserPage } from './browser';
import { reloadUntilVisible } from './browser';
import { awaitStepOutcome, fillAndSubmit, stepBlock, stepForm, stepName } from './browser-forms';
import type { Api } from './tender-http-driver';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The head opens the package's assignment from the inbox (the row of `title`) and assigns `members` (names). */
export async function assignFromInbox(head: UserPage, title: string, letterNumber: string, members: RegExp[]): Promise<void> {
  await head.goto('/tugas');
  const link = head.page.getByRole('row', { name: new RegExp(escapeRe(title)) }).getByRole('link', { name: /Tugaskan (Pokja Pemilihan|Pejabat Pengadaan)/ });
  await reloadUntilVisible(head.page, link, `the assignment of '${title}' in ${head.userId}'s inbox`, 40_000);
  await link.click();
  await head.page.waitForURL(/#aksi-assign_officers$/);
  const block = stepBlock(head.page, 'assign_officers');
  await block.getByRole('checkbox').first().waitFor({ timeout: 20_000 });
  const name = (await block.locator('h3').first().innerText()).trim();
  await block.getByLabel('Nomor surat tugas').fill(letterNumber);
  for (const m of members) await block.getByRole('checkbox', { name: m }).check();
  await block.getByRole('button', { name }).click();
  await head.page
    .locator('main [role="status"]')
    .filter({ hasText: `“${name}” tercatat` })
    .waitFor({ timeout: 20_000 });
}

/** One generic step form on the package page at `path`, waited for, filled and confirmed. */
async function takeStep(who: UserPage, path: string, action: string, fields: [RegExp, string][]): Promise<void> {
  if (new URL(who.page.url()).pathname !== path) await who.goto(path);
  await reloadUntilVisible(who.page, stepForm(who.page, action), `step ${action} offered to ${who.userId}`, 40_000);
  const name = await stepName(who.page, action);
  await fillAndSubmit(stepForm(who.page, action), fields);
  await awaitStepOutcome(who.page, action, name);
}

/** Reviu DPP: the Pokja member records "sesuai" with notes, the PPK co-signs. */
export async function reviewDpp(pokja: UserPage, ppk: UserPage, packagePath: string): Promise<void> {
  await takeStep(pokja, packagePath, 'review_dpp', [
    [/^Hasil/, 'dapat dipakai'],
    [/^Catatan/, 'Spesifikasi teknis, HPS dan rancangan kontrak sudah sesuai dan dapat dipakai.'],
  ]);
  await takeStep(ppk, packagePath, 'cosign_dpp_review', []);
}

/**
 * A second member approves the pending proposal of `actionName` on the package page ("Setuju: <name>" in the
 * Keputusan Pokja panel) and waits for the confirmation.
 */
export async function approveProposal(member: UserPage, packagePath: string, actionName: string | RegExp, note?: string): Promise<void> {
  if (new URL(member.page.url()).pathname !== packagePath) await member.goto(packagePath);
  const name = typeof actionName === 'string' ? new RegExp(`^Setuju: ${escapeRe(actionName)}$`) : new RegExp(`^Setuju: ${actionName.source}`);
  const panel = member.page.locator('section.decisions');
  const button = panel.getByRole('button', { name });
  await reloadUntilVisible(member.page, button, `the vote on ${String(actionName)} offered to ${member.userId}`, 40_000);
  const article = panel.locator('article.proposal').filter({ has: button });
  if (note) await article.getByLabel('Catatan (tidak wajib)').fill(note);
  await button.click();
  await member.page.locator('main [role="status"]').filter({ hasText: 'Setujui atau Tolak Usulan Keputusan Pokja' }).first().waitFor({ timeout: 20_000 });
}

/**
 * For browser tests about something else: the preparation over HTTP (the head assigns sari, agus and dewi, sari
 * records the Reviu DPP, the PPK co-signs), so the package waits at the announcement.
 */
export async function prepareOverHttp(http: Api, packageId: string, members = ['pokja.sari', 'pokja.agus', 'pokja.dewi']): Promise<void> {
  await http.as('ukpbj.ratna').do(packageId, 'assign_officers', { letterNumber: '800/001/UKPBJ', members });
  await http.as(members[0]!).do(packageId, 'review_dpp', { result: 'sesuai', notes: 'Spesifikasi teknis, HPS dan rancangan kontrak sudah sesuai.' });
  await http.as('ppk.budi').do(packageId, 'cosign_dpp_review', {});
  await http.waitForStage(packageId, 'announcement', 30_000);
}
