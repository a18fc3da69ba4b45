/**
 * Conflict of interest in the data and among bidders, on the real app, worker, Temporal and PostgreSQL:
 * - the users table refuses a vendor account with any other role (migration 20261201000002);
 * - the demo vendors have profiles, and seeding again changes nothing;
 * - GET /api/packages/{id}/bidder-links groups the bidders of a tender that share a director or an NPWP, masked,
 *   for assigned officers, APIP and admin only;
 * - one bid per vendor per package: two submissions by one vendor leave one bid.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../api/auth/actor';
import { DEMO_VENDOR_PROFILES, seedDemo } from '../db/seed-demo';
import { type AuthStack, type Caller, startAuthStack, tenderBody } from './support/auth-stack';

// One day of the schedule lasts about 8.6 s: long enough to act inside a window, short enough to wait for one.
const TIME_SCALE = 0.0001;
const runId = randomBytes(3).toString('hex');
let stack: AuthStack;

before(
  async () => {
    stack = await startAuthStack({ timeScale: TIME_SCALE, security: { authFailuresPerMin: 0, bidsPerMin: 0 } });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await stack?.close();
  },
  { timeout: 60_000 },
);

/** The error a statement raised in PostgreSQL (SQLSTATE and constraint), or fails if it succeeded. */
async function pgRefusal(p: Promise<unknown>): Promise<{ code: string; constraint: string }> {
  try {
    await p;
  } catch (e) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    return { code: String(code), constraint: String(constraint) };
  }
  assert.fail('expected PostgreSQL to refuse the statement');
}

describe('vendor accounts hold no other role (users table)', () => {
  test('a new vendor account with an officer, auditor or admin role is refused', async () => {
    for (const other of ['pokja', 'ppk', 'pejabat_pengadaan', 'pa_kpa', 'auditor', 'admin']) {
      const id = `vendor.ganda-${other}-${runId}`;
      const refusal = await pgRefusal(stack.db('users').insert({ id, name: 'PT Ganda', roles: ['penyedia', other], org_id: 'pt-karya-beton' }));
      assert.deepEqual(refusal, { code: '23514', constraint: 'users_penyedia_no_other_role' }, other);
      assert.equal(await stack.db('users').where({ id }).first(), undefined);
    }
    // Plain vendors and officers with several roles are fine.
    const ok = [
      { id: `vendor.baru-${runId}`, name: 'CV Baru', roles: ['penyedia'], org_id: 'cv-tirta-jaya' },
      { id: `pegawai.ganda-${runId}`, name: 'Pegawai', roles: ['ppk', 'pokja'], org_id: 'kota-tangerang-pupr' },
    ];
    await stack.db('users').insert(ok);
    await stack
      .db('users')
      .whereIn(
        'id',
        ok.map((u) => u.id),
      )
      .delete();
  });

  test('an existing vendor cannot be given an officer role, nor an officer a vendor role', async () => {
    const refusal = await pgRefusal(
      stack
        .db('users')
        .where({ id: 'vendor.karya' })
        .update({ roles: ['penyedia', 'pokja'] }),
    );
    assert.equal(refusal.constraint, 'users_penyedia_no_other_role');
    const back = await pgRefusal(
      stack
        .db('users')
        .where({ id: 'pokja.sari' })
        .update({ roles: ['pokja', 'penyedia'] }),
    );
    assert.equal(back.constraint, 'users_penyedia_no_other_role');
    assert.deepEqual((await stack.db('users').where({ id: 'vendor.karya' }).first())!.roles, ['penyedia']);
    assert.deepEqual((await stack.db('users').where({ id: 'pokja.sari' }).first())!.roles, ['pokja']);
  });

  test('NPWP and NIK are stored as digits only', async () => {
    const npwp = await pgRefusal(stack.db('vendor_profiles').where({ user_id: 'vendor.karya' }).update({ npwp: '01234567840200x' }));
    assert.equal(npwp.constraint, 'vendor_profiles_npwp_digits');
    const nik = await pgRefusal(stack.db('vendor_directors').insert({ user_id: 'vendor.karya', name: `Direktur ${runId}`, nik: '12345' }));
    assert.equal(nik.constraint, 'vendor_directors_nik_digits');
  });
});

describe('demo vendor profiles', () => {
  test('every demo vendor has a profile; seeding again changes nothing', async () => {
    const count = async () => ({
      profiles: Number(
        (
          await stack
            .db('vendor_profiles')
            .whereIn(
              'user_id',
              DEMO_VENDOR_PROFILES.map((p) => p.userId),
            )
            .count({ n: '*' })
        )[0]!.n,
      ),
      directors: Number(
        (
          await stack
            .db('vendor_directors')
            .whereIn(
              'user_id',
              DEMO_VENDOR_PROFILES.map((p) => p.userId),
            )
            .count({ n: '*' })
        )[0]!.n,
      ),
    });
    const first = await count();
    assert.deepEqual(first, { profiles: 3, directors: 5 });
    await seedDemo(stack.db);
    assert.deepEqual(await count(), first);
  });
});

describe('bidders of one tender', () => {
  // Two more vendors: one shares PT Cisadane's NPWP (stored in the 16-digit form against Cisadane's 15-digit one),
  // one has no profile at all.
  const kembar: Actor = { id: `vendor.kembar-${runId}`, name: 'PT Cisadane Konstruksi Mandiri', roles: ['penyedia'], org: `pt-kembar-${runId}` };
  const tanpa: Actor = { id: `vendor.tanpa-${runId}`, name: 'CV Tanpa Profil', roles: ['penyedia'], org: `cv-tanpa-${runId}` };
  let packageId: string;

  const links = (as: Caller) => stack.request(as, 'GET', `/api/packages/${packageId}/bidder-links`);
  const step = (as: Caller, action: string, payload: Record<string, unknown> = {}) =>
    stack.request(as, 'POST', `/api/packages/${packageId}/tasks/${action}`, { payload });

  async function waitForStage(stage: string, timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await stack.request('pokja.sari', 'GET', `/api/packages/${packageId}`);
      if (res.body?.live?.stage?.id === stage) return res.body;
      if (Date.now() > until) assert.fail(`stage ${stage} not reached; at ${res.body?.live?.stage?.id}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  before(
    async () => {
      await stack
        .db('organisations')
        .insert([
          { id: kembar.org, name: kembar.name, kind: 'penyedia' },
          { id: tanpa.org, name: tanpa.name, kind: 'penyedia' },
        ])
        .onConflict('id')
        .ignore();
      await stack.db('users').insert([kembar, tanpa].map((u) => ({ id: u.id, name: u.name, roles: u.roles, org_id: u.org })));
      const cisadane = DEMO_VENDOR_PROFILES.find((p) => p.userId === 'vendor.cisadane')!;
      assert.equal(cisadane.npwp.length, 15);
      await stack.db('vendor_profiles').insert({ user_id: kembar.id, npwp: `0${cisadane.npwp}` });
      await stack.db('vendor_directors').insert({ user_id: kembar.id, name: 'Yanti Permata', nik: '9974016502900005' });

      packageId = await stack.createPackage(
        tenderBody(`Rehabilitasi Saluran ${runId}`, { schedule: { registrationDays: 1, clarificationDays: 1, bidSubmissionDays: 1 } }),
      );
      assert.equal((await step('pokja.sari', 'announce')).status, 200);
      for (const v of ['vendor.karya', 'vendor.tirta', 'vendor.cisadane', kembar, tanpa]) {
        const res = await step(v, 'register');
        assert.equal(res.status, 200, `${typeof v === 'string' ? v : v.id}: ${JSON.stringify(res.body)}`);
      }
    },
    { timeout: 90_000 },
  );

  test('the Pokja sees who shares a director or an NPWP, masked to the last 4 digits', async () => {
    const res = await links('pokja.sari');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.packageId, packageId);
    assert.deepEqual(
      res.body.bidders.map((b: { vendorId: string; hasProfile: boolean }) => [b.vendorId, b.hasProfile]).sort(),
      [
        [kembar.id, true],
        [tanpa.id, false],
        ['vendor.cisadane', true],
        ['vendor.karya', true],
        ['vendor.tirta', true],
      ].sort(),
    );
    assert.deepEqual(res.body.unchecked, [tanpa.id]);
    assert.deepEqual(
      res.body.groups,
      [
        {
          vendors: [kembar.id, 'vendor.cisadane'].sort(),
          shared: [{ kind: 'npwp', npwp: '************5000', vendors: [kembar.id, 'vendor.cisadane'].sort() }],
        },
        {
          vendors: ['vendor.karya', 'vendor.tirta'],
          shared: [{ kind: 'director', name: 'Ir. Ahmad Suryadi, M.T.', nik: '************0001', matchedBy: 'nik', vendors: ['vendor.karya', 'vendor.tirta'] }],
        },
      ].sort((a, b) => a.vendors[0]!.localeCompare(b.vendors[0]!)),
    );

    // No NPWP or NIK leaves in full: nothing but the last 4 digits.
    const text = JSON.stringify(res.body);
    const secrets = [...DEMO_VENDOR_PROFILES.flatMap((p) => [p.npwp, ...p.directors.map((d) => d.nik ?? '')]), '9974016502900005'];
    for (const s of secrets.filter(Boolean)) assert.ok(!text.includes(s.slice(0, -4)), `digits of …${s.slice(-4)} beyond the last 4 left`);
  });

  test('assigned officers, the auditor and the admin see the same answer; vendors and unassigned officers get 403', async () => {
    const pokja = await links('pokja.sari');
    for (const as of ['ppk.budi', 'kpa.hendra', 'pokja.dewi', 'auditor.rina', 'admin.lpse']) {
      const res = await links(as);
      assert.equal(res.status, 200, as);
      assert.deepEqual(res.body, pokja.body, as);
    }
    for (const [as, code] of [
      ['vendor.karya', 'forbidden_role'],
      [kembar, 'forbidden_role'],
      ['pp.rudi', 'not_assigned'],
    ] as const) {
      const res = await links(as);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.error.code, code);
    }
    const unknown = await stack.request('auditor.rina', 'GET', '/api/packages/pkt-00000000000000000000/bidder-links');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'package_not_found');
    const bad = await stack.request('auditor.rina', 'GET', '/api/packages/bukan-paket/bidder-links');
    assert.equal(bad.status, 422);
  });

  test('one bid per vendor: a second submission replaces the first', { timeout: 90_000 }, async () => {
    await waitForStage('bid_submission', 60_000);
    const first = await step('vendor.karya', 'submit_bid', { price: 1_400_000_000 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const tirta = await step('vendor.tirta', 'submit_bid', { price: 1_390_000_000 });
    assert.equal(tirta.status, 200, JSON.stringify(tirta.body));
    const second = await step('vendor.karya', 'submit_bid', { price: 1_350_000_000 });
    assert.equal(second.status, 200, JSON.stringify(second.body));

    // The vendor's answer shows its own bid only (the vendor view); the Pokja's view shows one bid per vendor.
    const own = second.body.data.bids as { by: string }[];
    assert.deepEqual(
      own.map((b) => b.by),
      ['vendor.karya'],
      'a vendor sees no other bidder before the opening',
    );
    const officer = await stack.request('pokja.sari', 'GET', `/api/packages/${packageId}`);
    assert.equal(officer.status, 200, JSON.stringify(officer.body));
    const bids = officer.body.live.data.bids as { by: string; sealed?: boolean }[];
    assert.deepEqual(bids.map((b) => b.by).sort(), ['vendor.karya', 'vendor.tirta'], 'one bid each');
    assert.ok(!JSON.stringify(bids).includes('1350000000'), 'the bid stays sealed until the opening');

    const events = await stack.db('package_events').where({ package_id: packageId, action: 'submit_bid' }).orderBy('seq');
    assert.deepEqual(
      events.map((e) => e.actor_id),
      ['vendor.karya', 'vendor.tirta', 'vendor.karya'],
      'both submissions are in the history',
    );
    // Bidding twice does not make a vendor two bidders.
    const res = await links('pokja.sari');
    assert.equal(res.body.bidders.filter((b: { vendorId: string }) => b.vendorId === 'vendor.karya').length, 1);
  });
});
