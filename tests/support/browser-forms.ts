/**
 * Step forms of the console in the browser, the way people fill them: by label with the mouse (`fillAndSubmit`),
 * or with the keyboard alone (`keyboardSubmit`: Tab/Shift+Tab through the page, typing, arrow keys in selects,
 * Space on checkboxes, Enter on the submit button; no mouse event at all).
 *
 * A step is found by its anchor on the package (or contract) page, `#aksi-{actionId}` — the inbox links there — and
 * its form inside. Fields are named by their visible label (a regular expression or a substring), so a test reads
 * like what the user sees; a label shared by several fields (Administrasi in each vendor's result) fills them all.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from './browser';

export type FieldValue = string | number | boolean;
export type Fields = [label: RegExp | string, value: FieldValue][];

const asRe = (l: RegExp | string) => (typeof l === 'string' ? new RegExp(l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : l);

/** The block of one step on the page (its anchor), and whether it is offered. */
export function stepBlock(page: Page, actionId: string): Locator {
  return page.locator(`[id="aksi-${actionId}"]`);
}

export function stepForm(page: Page, actionId: string): Locator {
  return stepBlock(page, actionId).locator('form').first();
}

/** The form's own submit button (rjsf's is hidden; the page renders one with the step's wording). */
export function submitButton(form: Locator): Locator {
  return form.locator('button[type="submit"], input[type="submit"]').first();
}

/**
 * Fills the form by label with the mouse and the keyboard's typing (fill/selectOption/check), then clicks its
 * submit button. Every label given must match at least one control.
 */
export async function fillAndSubmit(form: Locator, fields: Fields): Promise<void> {
  for (const [label, value] of fields) {
    const controls = form.getByLabel(asRe(label));
    const n = await controls.count();
    if (n === 0) throw new Error(`no control labelled ${asRe(label)} in the form (labels there: ${(await labelsOf(form)).join(' | ')})`);
    for (let i = 0; i < n; i++) {
      const c = controls.nth(i);
      const tag = await c.evaluate((el) => `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).type ?? ''}`);
      if (tag.startsWith('select')) await c.selectOption(await optionValue(c, String(value)));
      else if (tag === 'input:checkbox' || tag === 'input:radio') await c.setChecked(Boolean(value));
      else if (tag === 'input:file') continue;
      else if (await c.isEditable()) await c.fill(String(value));
    }
  }
  await submitButton(form).click();
}

/** The value of the option whose text is `text`, else the first whose text contains it (case aside). */
async function optionValue(select: Locator, text: string): Promise<string> {
  const opts = await select.locator('option').evaluateAll((os) => os.map((o) => ({ v: (o as HTMLOptionElement).value, t: (o.textContent ?? '').trim() })));
  const hit = opts.find((o) => o.t === text) ?? opts.find((o) => o.v && o.t.toLowerCase().includes(text.toLowerCase()));
  if (!hit) throw new Error(`no option "${text}" in the select (options: ${opts.map((o) => o.t).join(' | ')})`);
  return hit.v;
}

async function labelsOf(form: Locator): Promise<string[]> {
  return form.locator('label').allInnerTexts();
}

// ---- the keyboard alone ---------------------------------------------------------------------------------------

interface Focused {
  none: boolean;
  inForm: boolean;
  tag: string;
  type: string;
  id: string;
  name: string;
  readOnly: boolean;
  disabled: boolean;
  isSubmit: boolean;
  options: string[];
  selectedIndex: number;
  checked: boolean;
  value: string;
  /** Whether the focus is visible: an outline or a box shadow on :focus-visible. */
  visibleFocus: boolean;
  describe: string;
}

/** Reads the focused element (runs in the page). */
function readFocus(form: Element): Focused {
  const el = document.activeElement as HTMLElement | null;
  const blank = {
    none: true,
    inForm: false,
    tag: '',
    type: '',
    id: '',
    name: '',
    readOnly: false,
    disabled: false,
    isSubmit: false,
    options: [],
    selectedIndex: -1,
    checked: false,
    value: '',
    visibleFocus: true,
    describe: '(nothing)',
  };
  if (!el || el === document.body || el === document.documentElement) return blank;
  const input = el as HTMLInputElement;
  const labelledBy = el.getAttribute('aria-labelledby');
  const byIds = labelledBy
    ? labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
    : '';
  const labels = 'labels' in input && input.labels ? [...input.labels].map((l) => l.textContent ?? '').join(' ') : '';
  const name = (byIds || labels || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' ? el.textContent : '') || el.getAttribute('title') || '')
    .replace(/\s+/g, ' ')
    .trim();
  const style = getComputedStyle(el);
  const visibleFocus =
    el.matches(':focus-visible') &&
    ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== 'none' && style.boxShadow !== ''));
  const tag = el.tagName.toLowerCase();
  const inForm = form.contains(el) || (input.form ?? null) === form;
  return {
    none: false,
    inForm,
    tag,
    type: (input.type ?? '').toLowerCase(),
    id: el.id,
    name,
    readOnly: Boolean(input.readOnly),
    disabled: Boolean(input.disabled),
    isSubmit: (tag === 'button' || tag === 'input') && input.type === 'submit',
    options: tag === 'select' ? [...(el as HTMLSelectElement).options].map((o) => o.text.trim()) : [],
    selectedIndex: tag === 'select' ? (el as HTMLSelectElement).selectedIndex : -1,
    checked: Boolean(input.checked),
    value: 'value' in input ? String(input.value) : '',
    visibleFocus,
    describe: `<${tag}${el.id ? ` id="${el.id}"` : ''}${input.type ? ` type="${input.type}"` : ''}> "${name.slice(0, 60)}"`,
  };
}

export interface KeyboardReport {
  /** Tab presses from the start to the submit button. */
  tabs: number;
  /** Controls filled, by label. */
  filled: string[];
}

/**
 * Starting from the top of the page (focus on nothing), presses Tab until the focus enters the form, fills every
 * control whose label matches a field (typing; arrows in a select until the option with that text is chosen; Space
 * to toggle a checkbox), goes on with Tab to the form's submit button and presses Enter. Fails when a field is never
 * reached, when the focus leaves the form before the submit button, or when a focused control shows no visible
 * focus indicator.
 */
export async function keyboardSubmit(page: Page, form: Locator, fields: Fields, o: { maxTabs?: number } = {}): Promise<KeyboardReport> {
  const handle = await form.elementHandle({ timeout: 15_000 });
  if (!handle) throw new Error('form not found');
  const wanted = fields.map(([l, v]) => ({ re: asRe(l), value: v, used: 0 }));
  const filled: string[] = [];
  const invisible = new Set<string>();
  let entered = false;
  const max = o.maxTabs ?? 400;
  for (let tabs = 1; tabs <= max; tabs++) {
    await page.keyboard.press('Tab');
    const f = await handle.evaluate(readFocus);
    if (f.none) continue;
    if (!f.visibleFocus) invisible.add(f.describe);
    if (!f.inForm) {
      if (entered) throw new Error(`the focus left the form at ${f.describe} before reaching its submit button (filled: ${filled.join(', ') || 'nothing'})`);
      continue;
    }
    entered = true;
    if (f.isSubmit) {
      const missing = wanted.filter((w) => w.used === 0).map((w) => String(w.re));
      if (missing.length)
        throw new Error(`reached the submit button without passing a control labelled ${missing.join(', ')} (filled: ${filled.join(', ') || 'nothing'})`);
      if (invisible.size) throw new Error(`no visible focus indicator on: ${[...invisible].join('; ')}`);
      if (f.disabled) throw new Error(`the submit button ${f.describe} is disabled`);
      await page.keyboard.press('Enter');
      return { tabs, filled };
    }
    const w = wanted.find((x) => x.re.test(f.name));
    if (!w || f.disabled || f.readOnly) continue;
    await typeInto(page, handle, f, w.value);
    w.used++;
    filled.push(f.name);
  }
  throw new Error(
    `the submit button of the form was not reached in ${max} presses of Tab (entered the form: ${entered}; filled: ${filled.join(', ') || 'nothing'})`,
  );
}

async function typeInto(page: Page, form: Awaited<ReturnType<Locator['elementHandle']>>, f: Focused, value: FieldValue): Promise<void> {
  if (f.tag === 'select') {
    const target =
      f.options.findIndex((t) => t === String(value)) >= 0
        ? f.options.findIndex((t) => t === String(value))
        : f.options.findIndex((t) => t.toLowerCase().includes(String(value).toLowerCase()));
    if (target < 0) throw new Error(`select ${f.describe} has no option "${value}" (options: ${f.options.join(' | ')})`);
    // Arrow keys change a closed select's choice in Chromium on Linux, one option per press.
    const key = target > f.selectedIndex ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(target - f.selectedIndex); i++) await page.keyboard.press(key);
    await eventually(`select ${f.describe} to show "${value}"`, async () => (await form.evaluate(readFocus)).selectedIndex === target, {
      timeoutMs: 3_000,
      intervalMs: 50,
    });
    return;
  }
  if (f.type === 'checkbox') {
    if (f.checked !== Boolean(value)) await page.keyboard.press('Space');
    return;
  }
  if (f.type === 'file') return;
  // A text, number, date or textarea: replace what is there with the value, typed.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(String(value));
}

/** Waits until the step is no longer offered on the page (it was taken and the stage moved or the form closed). */
export async function waitStepGone(page: Page, actionId: string, timeoutMs = 15_000): Promise<void> {
  await stepForm(page, actionId).waitFor({ state: 'detached', timeout: timeoutMs });
}

// ---- Buat paket -------------------------------------------------------------------------------------------------

/** Chooses the option whose text matches (the options of a select may be loaded from the server a moment later). */
export async function selectByText(select: Locator, text: RegExp): Promise<string> {
  const value = await eventually(
    `an option matching ${String(text)} in ${select.toString()}`,
    async () => {
      const opts = await select.locator('option').evaluateAll((os) => os.map((o) => ({ v: (o as HTMLOptionElement).value, t: o.textContent ?? '' })));
      return opts.find((o) => o.v && text.test(o.t))?.v;
    },
    { timeoutMs: 20_000 },
  );
  await select.selectOption(value);
  return value;
}

export interface CreatePackageInput {
  title: string;
  opd: string;
  workUnit: string;
  /** Option text of "Jenis pengadaan". */
  category: RegExp;
  fiscalYear: number;
  pagu: number;
  hps: number;
  /** Option text of "Metode" (offered once category and HPS are in). */
  method: RegExp;
  /** Schedule fields by the start of their label (`Pendaftaran dan unduh dokumen`) → value; the rest keep defaults. */
  schedule?: [RegExp, number][];
  paKpa: string;
  /** Methods whose officers the PPK still names (none of the tender family since issue 13). */
  pokja?: string[];
  /** The head of the UKPBJ who assigns the Pokja / Pejabat Pengadaan (methods with the preparation stages). */
  kepalaUkpbj?: string;
}

/** Fills Buat paket (/paket/baru) by label and presses "Buat paket"; the page must already be open. */
export async function fillCreatePackage(page: Page, v: CreatePackageInput): Promise<void> {
  const main = page.locator('main');
  await main.getByLabel(/^Nama paket/).fill(v.title);
  await main.getByLabel(/^OPD/).fill(v.opd);
  await main.getByLabel(/^Satuan kerja/).fill(v.workUnit);
  await selectByText(main.getByLabel(/^Jenis pengadaan/), v.category);
  await main.getByLabel(/^Tahun anggaran/).fill(String(v.fiscalYear));
  await main.getByLabel(/^Pagu anggaran/).fill(String(v.pagu));
  await main.getByLabel(/^HPS/).fill(String(v.hps));
  await selectByText(main.getByLabel(/^Metode/), v.method);
  for (const [label, n] of v.schedule ?? []) await main.getByLabel(label).fill(String(n));
  await main.getByLabel(/^PA\/KPA/).fill(v.paKpa);
  if (v.kepalaUkpbj !== undefined) await main.getByLabel(/^Kepala UKPBJ/).fill(v.kepalaUkpbj);
  const pokja = v.pokja ?? [];
  for (let i = 0; i < pokja.length; i++) await main.getByLabel(new RegExp(`^Anggota ${i + 1} \\(id pengguna\\)`)).fill(pokja[i]!);
  await main.getByRole('button', { name: /^Buat paket$/ }).click();
}

// ---- the outcome of a step ---------------------------------------------------------------------------------------

/** The step's name as its block's heading says it ("Umumkan Tender"). */
export async function stepName(page: Page, actionId: string): Promise<string> {
  return (await stepBlock(page, actionId).locator('h2, h3').first().innerText()).trim();
}

/**
 * Waits for the page's answer to a submitted step: the confirmation `Langkah "<name>" tercatat` (role=status, in the
 * step's block or wherever the page keeps outcomes), or a refusal in the step's block (the server's message as an
 * alert, or the form's own list of invalid fields), which fails with its text.
 */
export async function awaitStepOutcome(page: Page, actionId: string, name: string, timeoutMs = 20_000): Promise<string> {
  const block = stepBlock(page, actionId);
  const ok = page.locator('main [role="status"]').filter({ hasText: `“${name}” tercatat` });
  const refused = block.locator('[role="alert"], .errors');
  await ok.or(refused).first().waitFor({ timeout: timeoutMs });
  if (await refused.first().isVisible()) throw new Error(`step ${actionId} was not taken: ${(await refused.first().innerText()).replace(/\s+/g, ' ')}`);
  return ok.first().innerText();
}
