/**
 * Words users read, pinned where they are made (pure functions, no services):
 *  - every event type the engine emits has an Indonesian label in the package timeline (web/src/pages/package/labels.ts),
 *    read from the engine's source so a new `this.emit(now, 'x', …)` without a label fails here;
 *  - notices the server writes say times as the console does (`Minggu, 6 Desember 2026 17.19 WIB`), and the two
 *    reminders of one stage (H-2 and H-1, same due time) and reminders of different packages have different titles;
 *  - a refusal's alert does not repeat the server's message when the title already says it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { noticeMessage } from '../activities/notify/record';
import { wibDayText, wibTimeText } from '../domain/calendar/wib-text';
import type { PackageView } from '../domain/process/engine';
import type { ProcessEvent } from '../domain/process/state';
import { REPO_ROOT } from '../runtime/config';
import { describeError } from '../web/src/i18n/errors';
import { formatDateWib, formatWib } from '../web/src/i18n/format';
import { EVENT_LABELS, eventLabel } from '../web/src/pages/package/labels';

const source = (p: string) => readFileSync(path.join(REPO_ROOT, p), 'utf8');

/**
 * The string literals in the type argument of every `this.emit(now, <type>, …)` call: a literal, or the two branches
 * of a ternary (its condition's literals are not types).
 */
function emittedTypes(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/this\.emit\(\s*\w+\s*,\s*([^,]+),/g)) {
    const arg = m[1]!;
    const branches = arg.includes('?') ? arg.slice(arg.indexOf('?') + 1) : arg;
    for (const lit of branches.matchAll(/'([a-z_]+)'/g)) out.add(lit[1]!);
  }
  return out;
}

/** The members of `export type EventType = | 'a' | 'b' …;` in domain/process/state.ts. */
function declaredTypes(code: string): Set<string> {
  // Comments go first: a member's doc comment may hold a ';' that would end the declaration early.
  const decl = /export type EventType =([\s\S]*?);/.exec(code.replace(/\/\*[\s\S]*?\*\//g, ''));
  assert.ok(decl, 'EventType is declared in domain/process/state.ts');
  return new Set([...decl[1]!.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!));
}

test('every event type the engine emits has an Indonesian timeline label', () => {
  const emitted = emittedTypes(source('domain/process/engine.ts'));
  const declared = declaredTypes(source('domain/process/state.ts'));
  // The parse found the engine's emits (it has 13 kinds of event today), so an empty match cannot pass silently.
  assert.ok(emitted.size >= 10, `found only ${[...emitted].join(', ')}`);
  for (const t of emitted) assert.ok(declared.has(t), `${t} is emitted but not in EventType`);
  const missing = [...new Set([...emitted, ...declared])].filter((t) => !EVENT_LABELS[t]);
  assert.deepEqual(missing, [], 'event types without a label in web/src/pages/package/labels.ts');
  // Labels are written words, not the code made readable ("Task escalated").
  for (const t of declared) assert.doesNotMatch(eventLabel(t), /_|^(Task|Package|Stage|Reminder|Window|Notice) /, t);
  assert.equal(eventLabel('task_escalated'), 'Tugas terlambat dieskalasi ke atasan');
});

test('the server writes times as the console does: Minggu, 6 Desember 2026 17.19 WIB', () => {
  assert.equal(wibTimeText(Date.UTC(2026, 11, 6, 10, 19)), 'Minggu, 6 Desember 2026 17.19 WIB');
  assert.equal(wibTimeText(Date.UTC(2026, 7, 16, 17, 5)), 'Senin, 17 Agustus 2026 00.05 WIB', 'after midnight WIB is the next day');
  assert.equal(wibDayText(Date.UTC(2026, 11, 31, 18, 0)), 'Jumat, 1 Januari 2027');
  // The same words as web/src/i18n/format.ts for any instant (that one uses Intl's Asia/Jakarta, this one +7 h).
  for (let at = Date.UTC(2026, 0, 1, 0, 7); at < Date.UTC(2028, 0, 1); at += 86_400_000 * 3 + 3_600_000 * 5 + 60_000 * 17) {
    assert.equal(wibTimeText(at), formatWib(at), new Date(at).toISOString());
    assert.equal(wibDayText(at), formatDateWib(at), new Date(at).toISOString());
  }
});

const DUE = Date.UTC(2026, 11, 6, 10, 19);
const view = (packageId: string, title: string) => ({ packageId, facts: { title, opd: 'Dinas PUPR Kota Tangerang' } }) as unknown as PackageView;
const reminder = (key: string, seq: number, type: ProcessEvent['type'] = 'reminder_sent'): ProcessEvent => ({
  seq,
  at: DUE - 60_000,
  type,
  node: 'evaluation',
  details: { key, dueAt: DUE, actions: ['evaluate'], recipients: ['pokja.sari'] },
});

test('the two reminders of a stage, and reminders of two packages, read as different notices', () => {
  const a = view('pkt-aaaaaaaaaaaa', 'Rehabilitasi Saluran Drainase Jl. Merdeka');
  const h2 = noticeMessage(reminder('reminder-2', 3), a, 'Evaluasi Penawaran');
  const h1 = noticeMessage(reminder('reminder-1', 4), a, 'Evaluasi Penawaran');
  assert.equal(h2.title, 'Pengingat H-2: tahap "Evaluasi Penawaran" jatuh tempo Minggu, 6 Desember 2026 17.19 WIB (Rehabilitasi Saluran Drainase Jl. Merdeka)');
  assert.equal(h1.title, 'Pengingat H-1: tahap "Evaluasi Penawaran" jatuh tempo Minggu, 6 Desember 2026 17.19 WIB (Rehabilitasi Saluran Drainase Jl. Merdeka)');
  assert.match(h2.body, /^Tenggat: Minggu, 6 Desember 2026 17\.19 WIB$/m);
  assert.match(h2.body, /^Pengingat 2 hari kerja sebelum tenggat\.$/m);
  assert.doesNotMatch(`${h2.title}\n${h2.body}`, /\d{4}-\d{2}-\d{2}/, 'no raw ISO dates');

  const other = noticeMessage(reminder('reminder-1', 4), view('pkt-bbbbbbbbbbbb', 'Pembangunan Jembatan Sungai Cisadane'), 'Evaluasi Penawaran');
  assert.notEqual(other.title, h1.title);

  const esc = noticeMessage(reminder('escalation', 5, 'task_escalated'), a, 'Evaluasi Penawaran');
  assert.equal(esc.kind, 'escalation');
  assert.equal(
    esc.title,
    'Eskalasi: tahap "Evaluasi Penawaran" melewati tenggat Minggu, 6 Desember 2026 17.19 WIB (Rehabilitasi Saluran Drainase Jl. Merdeka)',
  );

  // A package title may be 500 characters; the notice title (notifications.title is 500) shortens it.
  const long = noticeMessage(reminder('reminder-2', 3), view('pkt-cccccccccccc', 'Pengadaan '.repeat(50)), 'x'.repeat(300));
  assert.ok(long.title.length <= 500, String(long.title.length));
  assert.match(long.title, /Pengadaan…\)$/);
});

test('a refusal alert does not repeat a message its title already says', () => {
  // The server's message equal to the title but for the full stop, case or spaces: said once.
  assert.deepEqual(describeError({ code: 'invalid_assignment', message: 'Penugasan pejabat tidak sah.' }), {
    title: 'Penugasan pejabat tidak sah',
    message: '',
  });
  assert.deepEqual(describeError({ code: 'invalid_assignment', message: '  penugasan  PEJABAT tidak sah ' }), {
    title: 'Penugasan pejabat tidak sah',
    message: '',
  });
  // A message contained in the title adds nothing either.
  assert.equal(describeError({ code: 'window_closed', message: 'Batas waktu tahap ini sudah lewat!' }).message, '');
  // A message that says more is kept whole.
  const specific = describeError({ code: 'invalid_assignment', message: "Penugasan pejabat tidak sah: 'ppk.budi' bukan anggota Pokja." });
  assert.equal(specific.message, "Penugasan pejabat tidak sah: 'ppk.budi' bukan anggota Pokja.");
  // An unknown code shows the server's message as the title, once.
  assert.deepEqual(describeError({ code: 'kode_baru', message: 'Alasan baru.' }), { title: 'Alasan baru.', message: '' });
  assert.deepEqual(describeError({ code: 'kode_baru', message: '' }), { title: 'Permintaan ditolak', message: '' });
});
