/**
 * A platform outage does not fail packages (issue 15 point 7), on the real app, Temporal dev server and PostgreSQL,
 * with tenders in their bid window (Upload Dokumen Penawaran) at one day ≈ 3.5 s:
 *  - detection: a gap in every heartbeat is an ongoing outage when a closing finds it, ended by the next beat;
 *  - a window closing during a declared, ongoing outage is held, then extended by the outage's length once the admin
 *    records its end; a vendor bids after the outage; one notice names the reason and the new closing; the audit has
 *    the extension once; declaring, ending and signalling again change nothing;
 *  - a window closing within the grace after an outage is extended; one closing well after it is not;
 *  - a non-admin gets 403 and bad input a structured 422/404, and nothing changes; the public list says what and
 *    when, never who.
 * Each scenario has its own package, created after the previous outage ended, so no outage reaches another's window.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { beat, detectOngoing } from '../db/queries/outages';
import { tenderBody } from './support/auth-stack';
import { type BidStack, startBidStack } from './support/bid-stack';

const TIME_SCALE = 0.00004; // one day ≈ 3.5 s
const VENDORS = ['vendor.karya', 'vendor.tirta', 'vendor.cisadane'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

let stack: BidStack;
const outageIds: string[] = [];
const graceBefore = process.env.OUTAGE_GRACE_WORKING_HOURS;

before(
  async () => {
    stack = await startBidStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    if (graceBefore === undefined) delete process.env.OUTAGE_GRACE_WORKING_HOURS;
    else process.env.OUTAGE_GRACE_WORKING_HOURS = graceBefore;
    // Later files in this lane must not meet these outages (their windows open after them anyway).
    if (outageIds.length) await stack?.db('platform_outages').whereIn('id', outageIds).delete();
    await stack?.close();
  },
  { timeout: 60_000 },
);

/** A new tender in its bid window with three registered vendors: its id and the stage as the read model holds it. */
async function inBidWindow(title: string, bidSubmissionDays: number) {
  const id = await stack.createPackage(tenderBody(title, { schedule: { registrationDays: 1, clarificationDays: 1, bidSubmissionDays } }));
  assert.equal((await stack.call('pokja.sari', 'POST', `/api/packages/${id}/tasks/announce`, { body: { payload: {} } })).status, 200);
  for (const v of VENDORS) {
    const r = await stack.call(v, 'POST', `/api/packages/${id}/tasks/register`, { body: { payload: {} } });
    assert.equal(r.status, 200, r.text);
  }
  const live = await stack.waitForStage(id, 'bid_submission', 90_000);
  return { id, enteredAt: live.stage.enteredAt as number, closesAt: live.stage.closesAt as number };
}

const stageOf = async (id: string) => (await stack.call('ppk.budi', 'GET', `/api/packages/${id}`)).body.live.stage as { id: string; closesAt?: number };
async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await sleep(150);
  }
}
const declare = (body: Record<string, unknown>, as = 'admin.lpse') => stack.call(as, 'POST', '/api/admin/outages', { body });
const extensionEvents = (id: string) => stack.db('package_events').where({ package_id: id, action: 'outage_extension' }).orderBy('seq');
const outageCount = async () => Number((await stack.db('platform_outages').count({ n: '*' }))[0]!.n);
const declarationAudit = async () => Number((await stack.db('audit_log').where({ package_id: 'platform-gangguan' }).count({ n: '*' }))[0]!.n);

describe('platform outages', { timeout: 400_000 }, () => {
  test('detection: a gap in every heartbeat is an ongoing outage at a closing, ended by the next beat', async () => {
    const db = stack.db;
    const now = Date.now();
    const stale = new Date(now - 300_000);
    await db('platform_heartbeats').insert({ process_id: 'uji-outage-api-1', beat_at: stale });
    try {
      await detectOngoing(db, now, 120_000);
      await detectOngoing(db, now + 500, 120_000); // a second worker's closing finds the same gap
      const rows = await db('platform_outages').where({ source: 'detected' });
      assert.equal(rows.length, 1, 'one row per gap');
      assert.equal(new Date(rows[0]!.starts_at).getTime(), stale.getTime(), 'from the last beat');
      assert.equal(rows[0]!.ends_at, null, 'ongoing: vendors still cannot act');
      const ended = await beat(db, 'uji-outage-api-2', now + 1_000, 120_000);
      assert.ok(ended, 'the first beat after the gap ends it');
      assert.equal(ended.id, String(rows[0]!.id));
      assert.deepEqual([ended.startsAt, ended.endsAt], [stale.getTime(), now + 1_000]);
      assert.equal(await beat(db, 'uji-outage-api-1', now + 2_000, 120_000), undefined, 'a fresh beat is no outage');
      await detectOngoing(db, now + 3_000, 120_000);
      assert.equal((await db('platform_outages').where({ source: 'detected' })).length, 1, 'nothing new while beats are fresh');
    } finally {
      await db('platform_heartbeats').whereIn('process_id', ['uji-outage-api-1', 'uji-outage-api-2']).delete();
      await db('platform_outages').where({ source: 'detected' }).delete();
    }
  });

  test('a bid window closing during an ongoing outage is held, then extended by its length; a vendor bids after it', async () => {
    const REASON = 'Pusat data LPSE padam listrik; layanan SPSE tidak dapat diakses';
    const pkg = await inBidWindow('Gangguan Ditahan Rehabilitasi Saluran Drainase', 2);
    const startsAt = Date.now() - 500;
    const declared = await declare({ startsAt: iso(startsAt), reason: REASON });
    assert.equal(declared.status, 201, declared.text);
    outageIds.push(declared.body.id);
    assert.equal(declared.body.endsAt, null);
    const again = await declare({ startsAt: iso(startsAt), reason: REASON });
    assert.equal(again.status, 200, 'the same declaration sent again answers the stored one');
    assert.equal(again.body.id, declared.body.id);

    // The closing comes while the outage goes on: the window stays open (held), nothing is announced yet.
    await sleep(Math.max(0, pkg.closesAt - Date.now()) + 2_500);
    assert.equal((await stageOf(pkg.id)).id, 'bid_submission', 'held, not closed');
    assert.equal((await extensionEvents(pkg.id)).length, 0);

    const endsAt = Date.now();
    const ended = await stack.call('admin.lpse', 'PATCH', `/api/admin/outages/${declared.body.id}`, { body: { endsAt: iso(endsAt) } });
    assert.equal(ended.status, 200, ended.text);
    assert.ok(ended.body.packages.signalled >= 1, 'the held package was signalled');
    const newClose = pkg.closesAt + (endsAt - startsAt);
    await until(
      'the new closing in the read model',
      () => stageOf(pkg.id),
      (s) => s.closesAt === newClose,
    );

    const bid = await stack.call('vendor.karya', 'POST', `/api/packages/${pkg.id}/tasks/submit_bid`, {
      body: { payload: { price: 1_302_000_000, durationDays: 120 } },
      headers: { 'Idempotency-Key': `outage-bid-${Date.now()}` },
    });
    assert.equal(bid.status, 200, `a vendor bids after the outage: ${bid.text}`);

    // Ending and declaring again: the same end and the same declaration are answered, an overlapping one refused;
    // nothing moves twice (checked below: one extension event, one notice per party).
    const endAgain = await stack.call('admin.lpse', 'PATCH', `/api/admin/outages/${declared.body.id}`, { body: { endsAt: iso(endsAt) } });
    assert.equal(endAgain.status, 200, endAgain.text);
    assert.ok(endAgain.body.packages.signalled >= 1, 'signalled again');
    const same = await declare({ startsAt: iso(startsAt), endsAt: iso(endsAt), reason: REASON });
    assert.deepEqual([same.status, same.body.id], [200, declared.body.id]);
    const otherEnd = await stack.call('admin.lpse', 'PATCH', `/api/admin/outages/${declared.body.id}`, { body: { endsAt: iso(endsAt + 1_000) } });
    assert.equal(otherEnd.status, 409);
    assert.equal(otherEnd.body.error.code, 'outage_already_ended');
    const overlap = await declare({ startsAt: iso(startsAt + 1_000), endsAt: iso(endsAt), reason: 'Gangguan yang sama, dinyatakan admin lain' });
    assert.equal(overlap.status, 409);
    assert.equal(overlap.body.error.code, 'outage_overlaps');

    await until(
      'the window closing at its new time',
      () => stageOf(pkg.id),
      (s) => s.id !== 'bid_submission',
      newClose - Date.now() + 30_000,
    );
    const closed = await stack.db('package_events').where({ package_id: pkg.id, type: 'window_closed', stage_id: 'bid_submission' }).first();
    assert.ok(new Date(closed!.at).getTime() >= newClose, 'closed no earlier than the new time');

    const events = await extensionEvents(pkg.id);
    assert.equal(events.length, 1, 'one extension event');
    assert.equal(events[0]!.type, 'notice_published');
    assert.equal((events[0]!.details!.fields as { reason: string }).reason, REASON);
    assert.equal(events[0]!.details!.dueAt, newClose);
    const notes = await stack.db('notifications').where({ package_id: pkg.id, kind: 'outage_extension' });
    const users = notes.map((n) => n.user_id).sort();
    assert.deepEqual(users, [...new Set(users)], 'one notice per party');
    for (const who of [...VENDORS, 'pokja.sari', 'ppk.budi']) assert.ok(users.includes(who), `${who} is told`);
    for (const n of notes) {
      assert.equal(n.title, 'Perpanjangan Jadwal karena Gangguan Teknis');
      assert.match(n.body, /Pusat data LPSE padam listrik/);
      assert.match(n.body, /ditutup .+ WIB/);
    }
    const audited = await stack.db('audit_log').where({ package_id: pkg.id, action: 'outage_extension' });
    assert.equal(audited.length, 1, 'the extension is in the audit trail once');
    const declarations = await stack
      .db('audit_log')
      .where({ package_id: 'platform-gangguan', workflow_id: `gangguan:${declared.body.id}` })
      .orderBy('seq');
    assert.deepEqual(
      declarations.map((a) => [a.action, a.actor_id]),
      [
        ['outage_declared', 'admin.lpse'],
        ['outage_ended', 'admin.lpse'],
      ],
    );
  });

  test('a window closing within the grace after an outage is extended by its length, once', async () => {
    process.env.OUTAGE_GRACE_WORKING_HOURS = '72'; // at this time scale at least ~24 s after the end
    const pkg = await inBidWindow('Gangguan Masa Tenggang Pembangunan Gedung Posyandu', 4);
    await sleep(Math.max(1_500, pkg.closesAt - 10_000 - Date.now()));
    const endsAt = Date.now() - 200;
    const startsAt = pkg.enteredAt + 200;
    assert.ok(pkg.closesAt - endsAt > 3_000 && pkg.closesAt - endsAt < 20_000, `the closing ${pkg.closesAt - endsAt} ms after the end`);
    const body = { startsAt: iso(startsAt), endsAt: iso(endsAt), reason: 'Gangguan jaringan penyedia layanan internet LPSE' };
    const declared = await declare(body);
    assert.equal(declared.status, 201, declared.text);
    outageIds.push(declared.body.id);
    const newClose = pkg.closesAt + (endsAt - startsAt);
    await until(
      'the extended closing',
      () => stageOf(pkg.id),
      (s) => s.closesAt === newClose,
    );
    assert.equal((await declare(body)).status, 200, 'declared again: the same outage');
    await until(
      'the window closing at its new time',
      () => stageOf(pkg.id),
      (s) => s.id !== 'bid_submission',
      newClose - Date.now() + 30_000,
    );
    assert.equal((await extensionEvents(pkg.id)).length, 1, 'extended once, by the signal; the closing check found it applied');
  });

  test('negative control: a window closing well after the grace is not extended', async () => {
    process.env.OUTAGE_GRACE_WORKING_HOURS = '4'; // at this time scale at most ~14 s after the end
    const pkg = await inBidWindow('Gangguan Kontrol Negatif Pengadaan Alat Berat', 7);
    await sleep(1_500);
    const endsAt = Date.now() - 200;
    assert.ok(pkg.closesAt - endsAt > 20_000, `the closing ${pkg.closesAt - endsAt} ms after the end`);
    const declared = await declare({ startsAt: iso(pkg.enteredAt + 200), endsAt: iso(endsAt), reason: 'Pemeliharaan darurat server basis data LPSE' });
    assert.equal(declared.status, 201, declared.text);
    outageIds.push(declared.body.id);
    await until(
      'the window closing at its own time',
      () => stageOf(pkg.id),
      (s) => s.id !== 'bid_submission',
      pkg.closesAt - Date.now() + 30_000,
    );
    const closed = await stack.db('package_events').where({ package_id: pkg.id, type: 'window_closed', stage_id: 'bid_submission' }).first();
    assert.ok(new Date(closed!.at).getTime() < pkg.closesAt + 5_000, 'closed at its own time, not later');
    assert.equal((await extensionEvents(pkg.id)).length, 0, 'no extension, no notice');
  });

  test('non-admins get 403 and bad input a structured 4xx; nothing changes; the public list has no who', async () => {
    const [outages, audit] = [await outageCount(), await declarationAudit()];
    const good = { startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() - 30_000), reason: 'Gangguan yang tidak boleh tercatat' };
    for (const who of ['pokja.sari', 'vendor.karya', 'auditor.rina']) {
      const r = await declare(good, who);
      assert.equal(r.status, 403, `${who}: ${r.text}`);
    }
    assert.equal((await stack.call('vendor.karya', 'GET', '/api/admin/outages')).status, 403);
    const bad: [Record<string, unknown>, number, string][] = [
      [{ ...good, startsAt: iso(Date.now() + 3_600_000), endsAt: undefined }, 422, 'outage_in_future'],
      [{ ...good, endsAt: iso(Date.now() - 90_000) }, 422, 'outage_period_invalid'],
      [{ ...good, reason: 'pendek' }, 422, 'validation_failed'],
      [{ ...good, startsAt: 'kemarin' }, 422, 'validation_failed'],
      [{ ...good, declaredBy: 'orang.lain' }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of bad) {
      const r = await declare(body);
      assert.equal(r.status, status, r.text);
      assert.equal(r.body.error.code, code);
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok('details' in r.body.error);
    }
    const unknown = await stack.call('admin.lpse', 'PATCH', '/api/admin/outages/999999999', { body: { endsAt: iso(Date.now()) } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'outage_not_found');
    assert.equal((await stack.call('admin.lpse', 'PATCH', '/api/admin/outages/abc', { body: { endsAt: iso(Date.now()) } })).status, 422);
    assert.deepEqual([await outageCount(), await declarationAudit()], [outages, audit], 'nothing stored, nothing audited');

    const pub = await stack.call(null, 'GET', '/api/public/outages');
    assert.equal(pub.status, 200, pub.text);
    assert.ok(pub.body.data.length >= 3);
    for (const o of pub.body.data) assert.deepEqual(Object.keys(o).sort(), ['endsAt', 'id', 'reason', 'source', 'startsAt']);
    const admin = await stack.call('admin.lpse', 'GET', '/api/admin/outages');
    assert.equal(admin.status, 200);
    assert.ok(admin.body.data.every((o: { declaredBy: string | null }) => o.declaredBy === 'admin.lpse'));
  });
});
