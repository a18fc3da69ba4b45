/**
 * The preparation and the Pokja's schedule through the API, with the real worker, Temporal and PostgreSQL (issue 13
 * points 2, 6, 7, 11): the PPK names the head of the UKPBJ and no Pokja; the head assigns (members checked against
 * the users table: role, and not the PPK — Perpres 16/2018 Pasal 7); the Reviu DPP and its BA document; a schedule
 * change refused for a fixed period with its rule, accepted within bounds, told to registered vendors, and published
 * as an OCDS tender amendment. Fiscal year 2051.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AuthStack, startAuthStack } from './support/auth-stack';
import { ASSIGNMENT_LETTER, DEMO_MEMBERS, REVIEW_SESUAI } from './support/preparation';

const FY = 2051;
const body = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
  workUnit: 'Bidang Bina Marga',
  category: 'pekerjaan_konstruksi',
  method: 'tender',
  pagu: 1_500_000_000,
  hps: 1_450_000_000,
  fiscalYear: FY,
  kepalaUkpbj: 'ukpbj.ratna',
  paKpa: 'kpa.hendra',
  ...extra,
});

let stack: AuthStack;
before(async () => {
  stack = await startAuthStack({ timeScale: 1 });
});
after(async () => {
  await stack?.close();
});

const task = (as: string, id: string, action: string, payload: Record<string, unknown>) =>
  stack.request(as, 'POST', `/api/packages/${id}/tasks/${action}`, { payload });

/** Creates a tender and leaves it waiting for the assignment (the stack's createPackage would prepare it). */
async function created(title: string): Promise<string> {
  const res = await stack.request('ppk.budi', 'POST', '/api/packages', body(title));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.live?.stage.id, 'officer_assignment');
  return res.body.id as string;
}

describe('creation: the PPK names the head of the UKPBJ, not the Pokja', () => {
  test('Pasal 13 and §2.1 P3: a Pokja named by the PPK is refused, saying the head of the UKPBJ assigns it', async () => {
    const res = await stack.request('ppk.budi', 'POST', '/api/packages', body('Jalan Lingkungan RW 03 (pokja oleh PPK)', { pokja: DEMO_MEMBERS }));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'invalid_assignment');
    const issue = res.body.error.details.issues.find((i: { path: string }) => i.path === 'pokja');
    assert.match(issue.message, /ditugaskan oleh Kepala UKPBJ/);
    const noHead = await stack.request('ppk.budi', 'POST', '/api/packages', body('Jalan Lingkungan RW 03 (tanpa kepala)', { kepalaUkpbj: undefined }));
    assert.equal(noHead.status, 422);
    assert.ok(noHead.body.error.details.issues.some((i: { path: string }) => i.path === 'kepalaUkpbj'));
    const notHead = await stack.request('ppk.budi', 'POST', '/api/packages', body('Jalan Lingkungan RW 03 (bukan kepala)', { kepalaUkpbj: 'pokja.sari' }));
    assert.equal(notHead.status, 422);
  });

  test('LKPP 12/2021: a schedule with a masa sanggah other than 5 calendar days is refused with the rule', async () => {
    const res = await stack.request('ppk.budi', 'POST', '/api/packages', body('Jalan Lingkungan RW 04 (sanggah 7 hari)', { schedule: { objectionDays: 7 } }));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'invalid_schedule');
    assert.match(res.body.error.details.rule, /LKPP 12\/2021/);
  });
});

describe('the head of the UKPBJ assigns, the Pokja and the PPK review', () => {
  let id: string;
  before(async () => {
    id = await created('Rehabilitasi Jembatan Cisadane (uji penugasan)');
  });

  test('a PPK or a Pokja member cannot assign (403)', async () => {
    assert.equal((await task('ppk.budi', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS })).status, 403);
    assert.equal((await task('pokja.sari', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS })).status, 403);
  });

  test('Pasal 7: the PPK cannot be a member; a member must hold the Pokja role; Pasal 13: an even Pokja is refused', async () => {
    const withPpk = await task('ukpbj.ratna', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: ['pokja.sari', 'pokja.agus', 'ppk.budi'] });
    assert.equal(withPpk.status, 422);
    assert.equal(withPpk.body.error.code, 'conflict_of_interest');
    assert.match(withPpk.body.error.details.rule, /Pasal 7/);
    const vendor = await task('ukpbj.ratna', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: ['pokja.sari', 'pokja.agus', 'vendor.karya'] });
    assert.equal(vendor.status, 422);
    assert.equal(vendor.body.error.code, 'invalid_assignment');
    const even = await task('ukpbj.ratna', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: ['pokja.sari', 'pokja.agus'] });
    assert.equal(even.status, 422);
    assert.match(even.body.error.details.rule, /Pasal 13/);
  });

  test('assignment, Reviu DPP and co-signature; the BA Hasil Reviu DPP is generated', async () => {
    const assigned = await task('ukpbj.ratna', id, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members: DEMO_MEMBERS });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.deepEqual(assigned.body.assignments.pokja, DEMO_MEMBERS);
    assert.equal((await task('pokja.sari', id, 'review_dpp', REVIEW_SESUAI)).status, 200);
    const signed = await task('ppk.budi', id, 'cosign_dpp_review', {});
    assert.equal(signed.status, 200);
    let docs: { kind: string; revision: number }[] = [];
    for (let i = 0; i < 100 && !docs.some((d) => d.kind === 'ba_reviu_dpp'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      docs = (await stack.request('ppk.budi', 'GET', `/api/packages/${id}/documents`)).body?.data ?? [];
    }
    assert.ok(
      docs.some((d) => d.kind === 'ba_reviu_dpp' && d.revision === 1),
      JSON.stringify(docs),
    );
  });
});

describe('the Pokja’s schedule change after the announcement', () => {
  let id: string;
  before(async () => {
    id = await stack.createPackage(body('Pembangunan Saluran Drainase Jl. Sudirman (uji jadwal)'));
    for (let i = 0; i < 100; i++) {
      if ((await stack.request('ppk.budi', 'GET', `/api/packages/${id}`)).body?.live?.stage.id === 'announcement') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal((await task('pokja.sari', id, 'announce', {})).status, 200);
    assert.equal((await task('vendor.karya', id, 'register', {})).status, 200);
  });

  test('LKPP 12/2021: changing the masa sanggah is refused with its rule; the registration is extended within bounds', async () => {
    const fixed = await task('pokja.agus', id, 'change_schedule', { changes: { objectionDays: 8 }, reason: 'Libur daerah pada masa sanggah.' });
    assert.equal(fixed.status, 422);
    assert.match(fixed.body.error.details.rule, /LKPP 12\/2021/);
    const before = (await stack.request('ppk.budi', 'GET', `/api/packages/${id}`)).body.live.stage.closesAt;
    const ok = await task('pokja.agus', id, 'change_schedule', {
      changes: { registrationDays: 12 },
      reason: 'Calon peserta meminta waktu pendaftaran tambahan.',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(ok.body.stage.closesAt > before, 'the registration closes later');
    assert.equal(ok.body.data.scheduleChanges.length, 1);
  });

  // The amendment is a release of its own (tag tenderAmendment, domain/ocds/releases.ts): the compiled release is the
  // latest release, so without one the amendment never reached the record.
  test('the registered vendor is notified, and the change is an OCDS tender amendment', async () => {
    let amendments: { description: string; rationale: string }[] = [];
    for (let i = 0; i < 100 && !amendments.length; i++) {
      const rec = await stack.request(null, 'GET', `/api/ocds/records/ocds-pgdn01-${id}`);
      amendments = rec.body?.records?.[0]?.compiledRelease?.tender?.amendments ?? [];
      if (!amendments.length) await new Promise((r) => setTimeout(r, 200));
    }
    const a = amendments.find((x) => /Perubahan jadwal/.test(x.description));
    assert.ok(a, JSON.stringify(amendments));
    assert.match(a.description, /Pendaftaran dan unduh dokumen menjadi 12 hari kalender/);
    assert.equal(a.rationale, 'Calon peserta meminta waktu pendaftaran tambahan.');
    const rec = await stack.request(null, 'GET', `/api/ocds/records/ocds-pgdn01-${id}`);
    const releases = rec.body.records[0].releases as { id: string; tag: string[] }[];
    const seqOf = (r: { id: string }) => Number(r.id.slice(r.id.lastIndexOf('-') + 1));
    const timeline = (await stack.request('ppk.budi', 'GET', `/api/packages/${id}`)).body.timeline as { seq: number; action: string | null }[];
    const announced = timeline.find((e) => e.action === 'announce')!.seq;
    const changed = timeline.find((e) => e.action === 'change_schedule')!.seq;
    // The preparation is internal to the UKPBJ: before the announcement only the planning release is published.
    assert.deepEqual(
      releases.filter((r) => seqOf(r) < announced).map((r) => r.tag),
      [['planning']],
    );
    assert.deepEqual(releases.find((r) => seqOf(r) === announced)?.tag, ['tender']);
    assert.deepEqual(releases.find((r) => seqOf(r) === changed)?.tag, ['tenderAmendment']);
    let notes: { kind: string; title: string }[] = [];
    for (let i = 0; i < 100 && !notes.some((n) => n.kind === 'schedule_change'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      const res = await stack.request('vendor.karya', 'GET', '/api/notifications');
      notes = res.body?.data ?? [];
    }
    assert.ok(
      notes.some((n) => n.kind === 'schedule_change' && /Perubahan Jadwal/.test(n.title)),
      JSON.stringify(notes),
    );
  });
});
