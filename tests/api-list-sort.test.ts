/**
 * GET /api/packages (and the public list, which shares the query) sorted by a column and filtered by overdue, against
 * the real app and the shared PostgreSQL: the read-model rows are written directly (the list reads only them), tagged
 * with a random word in the title so the other tests' packages on the same database never enter the assertions.
 * A sort the API does not know is a 422 naming the `sort` field.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb } from '../db/connection';
import { insertPackageRow } from '../db/queries/packages';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { startTestApi, type TestApi } from './support/test-api';
import { testServices } from './support/services';

const tag = `urut${randomBytes(4).toString('hex')}`;
const DAY = 86_400_000;
const t0 = Date.parse('2026-03-02T02:00:00Z');
let db: Knex;
let testApi: TestApi;
let token: string;

/** Four packages whose titles, HPS and creation times are each in a different order. */
const rows = [
  { key: 'c', title: `Cat jalan ${tag}`, hps: 300_000_000, created: t0 + 1 * DAY, closes: t0 + 9 * DAY },
  { key: 'a', title: `Aspal ${tag}`, hps: 900_000_000, created: t0 + 3 * DAY, closes: null },
  { key: 'd', title: `Drainase ${tag}`, hps: 100_000_000, created: t0 + 2 * DAY, closes: t0 + 5 * DAY },
  { key: 'b', title: `Beton ${tag}`, hps: 500_000_000, created: t0 + 0 * DAY, closes: t0 + 7 * DAY },
];
const idOf = (key: string) => `pkt-${tag}${key}`;

before(
  async () => {
    db = createDb(testServices().databaseUrl);
    await seedDemo(db);
    for (const r of rows) {
      await insertPackageRow(db, {
        id: idOf(r.key),
        workflow_id: `paket-${idOf(r.key)}`,
        title: r.title,
        opd: 'Dinas PUPR Kota Tangerang',
        work_unit: 'Bidang Bina Marga',
        category: 'pekerjaan_konstruksi',
        method: 'tender',
        definition_id: 'tender',
        definition_version: 1,
        fiscal_year: 2026,
        pagu: r.hps + 50_000_000,
        hps: r.hps,
        status: 'active',
        stage_id: 'pengumuman',
        stage_name: 'Pengumuman',
        stage_entered_at: new Date(r.created),
        stage_closes_at: r.closes === null ? null : new Date(r.closes),
        created_by: 'ppk.budi',
        created_at: new Date(r.created),
        updated_at: new Date(r.created),
      });
    }
    // 'd' has a step past its due time, 'b' one due far ahead, 'a' a past one that is already closed.
    await db('package_tasks').insert([
      {
        package_id: idOf('d'),
        stage_seq: 1,
        action: 'approve',
        stage_id: 'pengumuman',
        name: 'Setujui',
        roles: ['ppk'],
        due_at: new Date(Date.now() - DAY),
        status: 'open',
      },
      {
        package_id: idOf('b'),
        stage_seq: 1,
        action: 'approve',
        stage_id: 'pengumuman',
        name: 'Setujui',
        roles: ['ppk'],
        due_at: new Date(Date.now() + 30 * DAY),
        status: 'open',
      },
      {
        package_id: idOf('a'),
        stage_seq: 1,
        action: 'approve',
        stage_id: 'pengumuman',
        name: 'Setujui',
        roles: ['ppk'],
        due_at: new Date(Date.now() - 2 * DAY),
        status: 'closed',
      },
    ]);
    testApi = await startTestApi({ db });
    token = await testApi.tokenOf(DEMO_USERS.find((u) => u.id === 'pokja.sari')!);
  },
  { timeout: 60_000 },
);

after(async () => {
  await testApi?.close();
  if (db) {
    await db('package_tasks')
      .whereIn(
        'package_id',
        rows.map((r) => idOf(r.key)),
      )
      .delete();
    await db('packages')
      .whereIn(
        'id',
        rows.map((r) => idOf(r.key)),
      )
      .delete();
    await db.destroy();
  }
});

async function list(path: string, query: Record<string, string>, auth = true) {
  const res = await fetch(`${testApi.baseUrl}${path}?${new URLSearchParams({ q: tag, ...query })}`, {
    headers: auth ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as { data?: { id: string }[]; pagination?: { total: number }; error?: any } };
}
const keysOf = (b: { data?: { id: string }[] }) => (b.data ?? []).map((p) => p.id.slice(-1)).join('');

test('without a sort the newest package comes first, as before', async () => {
  const r = await list('/api/packages', {});
  assert.equal(r.status, 200);
  assert.equal(keysOf(r.body), 'adcb');
});

test('each sort key orders the list, ascending and descending', async () => {
  const cases: [string, string][] = [
    ['created_at', 'bcda'],
    ['-created_at', 'adcb'],
    ['title', 'abcd'],
    ['-title', 'dcba'],
    ['hps', 'dcba'],
    ['-hps', 'abcd'],
    ['pagu', 'dcba'],
    // An empty closing time goes last in both directions.
    ['stage_closes_at', 'dbca'],
    ['-stage_closes_at', 'cbda'],
  ];
  for (const [sort, expected] of cases) {
    const r = await list('/api/packages', { sort });
    assert.equal(r.status, 200, sort);
    assert.equal(keysOf(r.body), expected, `sort=${sort}`);
  }
});

test('pages follow the sort without overlapping', async () => {
  const first = await list('/api/packages', { sort: 'title', pageSize: '2', page: '1' });
  const second = await list('/api/packages', { sort: 'title', pageSize: '2', page: '2' });
  assert.equal(keysOf(first.body), 'ab');
  assert.equal(keysOf(second.body), 'cd');
  assert.equal(first.body.pagination?.total, 4);
});

test('overdue=true keeps packages with an open step past its due time; false the rest', async () => {
  const late = await list('/api/packages', { overdue: 'true', sort: 'title' });
  assert.equal(late.status, 200);
  assert.equal(keysOf(late.body), 'd');
  assert.equal(late.body.pagination?.total, 1);
  const onTime = await list('/api/packages', { overdue: 'false', sort: 'title' });
  assert.equal(keysOf(onTime.body), 'abc');
});

test('the public list takes the same sort', async () => {
  const r = await list('/api/public/packages', { sort: '-hps' }, false);
  assert.equal(r.status, 200);
  assert.equal(keysOf(r.body), 'abcd');
});

test('an unknown sort or overdue value is a 422 on that field, in Indonesian, and lists nothing', async () => {
  for (const query of <Record<string, string>[]>[{ sort: 'created_by' }, { sort: 'title; drop table packages' }, { sort: '--hps' }, { overdue: 'ya' }]) {
    const r = await list('/api/packages', query);
    assert.equal(r.status, 422, JSON.stringify(query));
    assert.equal(r.body.data, undefined);
    const field = Object.keys(query)[0]!;
    const issues = (r.body.error?.details?.issues ?? []) as { path: unknown }[];
    assert.ok(
      issues.some((i) => (Array.isArray(i.path) ? i.path.join('.') : String(i.path)) === field),
      `issues name ${field}: ${JSON.stringify(r.body.error)}`,
    );
    assert.match(String(r.body.error?.message), /tidak valid/);
  }
  // The table is still there and still answers.
  assert.equal(keysOf((await list('/api/packages', { sort: 'title' })).body), 'abcd');
});
