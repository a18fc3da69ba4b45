/**
 * `npm run users` (bin/users.ts) and `npm run seed-demo` as an admin runs them, as child processes against a database
 * of their own that starts empty (no tables): the first admin is created from the command line (bootstrap), refusals
 * exit 2 with the reason in Indonesian and change nothing, every change is audited with the actor `cli:<os user>`,
 * the last active admin cannot be removed, `npm run token` works for a user the command created and refuses it once
 * deactivated; the demo seed is its own command. Also the start command's decision: no demo seed in external mode.
 */
import { spawn } from 'node:child_process';
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_AUDIT_CHAIN } from '../api/services/user-admin';
import { createDb } from '../db/connection';
import { DEMO_USERS } from '../db/seed-demo';
import { REPO_ROOT } from '../runtime/config';
import { demoSeedDecision } from '../runtime/demo-seed-policy';
import { freePort } from '../runtime/free-port';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';

let fresh: FreshDatabase;
let db: Knex;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-h2cli-'));
const CLI_ACTOR = `cli:${os.userInfo().username}`;

before(async () => {
  fresh = await freshDatabase('h2users');
  db = createDb(fresh.url, { pool: { min: 0, max: 2 } });
});

after(async () => {
  await db?.destroy();
  await fresh?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['JWKS_URL', 'JWT_ISSUER', 'NODE_ENV', 'APP_ENV']) delete base[k]; // development, unless `env` says otherwise
  const childEnv: NodeJS.ProcessEnv = { ...base, DATABASE_URL: fresh.url, DATA_DIR: dataDir, ...env };
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (err += b));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}
const users = (...args: string[]) => cli('bin/users.ts', args);

async function refusedWith(args: string[], message: RegExp) {
  const r = await users(...args);
  assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.out}\n${r.err}`);
  assert.match(r.err, message, args.join(' '));
  return r;
}
const changeCount = async () => Number((await db('user_changes').count({ n: '*' }).first())!.n);

describe('npm run users', { timeout: 300_000 }, () => {
  test('on an empty database: migrates, lists nobody; usage and unknown commands exit 2', async () => {
    const empty = await users('list');
    assert.equal(empty.code, 0, empty.err);
    assert.match(empty.out, /Belum ada pengguna/);
    assert.equal(Number((await db('users').count({ n: '*' }).first())!.n), 0);
    const usage = await users();
    assert.equal(usage.code, 2);
    assert.match(usage.out, /Pemakaian: npm run users/);
    await refusedWith(['hapus', 'x'], /Perintah tidak dikenal: hapus/);
    await refusedWith(['add'], /memerlukan tepat satu id/);
    await refusedWith(['deactivate', 'a', '--role', 'admin'], /Opsi --role tidak berlaku/);
  });

  test('bootstrap: the first organisation and admin, audited as the OS user; the same again changes nothing', async () => {
    const admin = ['add', 'admin.pertama', '--name', 'Admin Pertama', '--email', 'admin@lpse.example', '--org', 'lpse-uji', '--role', 'admin'];
    await refusedWith(admin, /Organisasi 'lpse-uji' tidak terdaftar/);
    assert.equal(await changeCount(), 0);
    const org = await users('add-org', 'lpse-uji', '--name', 'LPSE Kota Uji', '--kind', 'lpse');
    assert.equal(org.code, 0, org.err);
    assert.match(org.out, /Organisasi dibuat: lpse-uji \(lpse\) LPSE Kota Uji/);
    const add = await users(...admin);
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /Pengguna dibuat/);
    const row = await db('users').where({ id: 'admin.pertama' }).first();
    assert.deepEqual([row!.roles, row!.org_id, row!.active, row!.email], [['admin'], 'lpse-uji', true, 'admin@lpse.example']);
    const changes = await db('user_changes').orderBy('id');
    assert.deepEqual(
      changes.map((c) => [c.actor_id, c.action]),
      [
        [CLI_ACTOR, 'organisasi_dibuat'],
        [CLI_ACTOR, 'pengguna_dibuat'],
      ],
    );
    assert.equal(changes[1]!.details.via, 'cli');
    const audit = await db('audit_log').where({ workflow_id: ADMIN_AUDIT_CHAIN }).orderBy('pos');
    assert.deepEqual(
      audit.map((a) => [a.seq, a.actor_id, a.action]),
      changes.map((c) => [c.id, CLI_ACTOR, c.action]),
    );

    const again = await users(...admin);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /sudah ada dengan isi yang sama/);
    await refusedWith(
      admin.map((a) => (a === 'Admin Pertama' ? 'Admin Lain' : a)),
      /sudah ada dengan isi lain \(name\)/,
    );
    assert.equal(await changeCount(), 2, 'neither the retry nor the conflict wrote a change');
  });

  test('refused input exits 2 with the reason and changes nothing', async () => {
    assert.equal((await users('add-org', 'pt-uji', '--name', 'PT Uji', '--kind', 'penyedia')).code, 0);
    assert.equal((await users('add-org', 'dinas-uji', '--name', 'Dinas Uji')).code, 0, 'kind defaults to opd');
    const before = await changeCount();
    const base = ['--name', 'Pengguna Uji', '--email', 'uji@dinas.example'];
    const pasal7 = /akun penyedia tidak boleh memegang peran lain \(Perpres 16\/2018 Pasal 7\)/;
    await refusedWith(['add', 'v.uji', ...base, '--org', 'pt-uji', '--role', 'penyedia', '--role', 'pokja'], pasal7);
    await refusedWith(['add', 'u.uji', ...base, '--org', 'dinas-uji', '--role', 'raja'], /peran tidak dikenal/);
    const badEmail = ['--name', 'Pengguna Uji', '--email', 'bukan-email', '--org', 'dinas-uji', '--role', 'ppk'];
    await refusedWith(['add', 'u.uji', ...badEmail], /email: alamat email tidak sah/);
    await refusedWith(['add', 'u.uji', ...base, '--org', 'dinas-uji'], /minimal satu peran/);
    await refusedWith(['add', 'u.uji', ...base, '--org', 'pt-uji', '--role', 'ppk'], /tidak boleh berada pada organisasi penyedia/);
    await refusedWith(['add-org', 'x-uji', '--name', 'X', '--kind', 'kementerian'], /jenis organisasi harus salah satu dari/);
    await refusedWith(['roles', 'tidak.ada', '--add', 'ppk'], /Pengguna 'tidak.ada' tidak ditemukan/);
    await refusedWith(['add', 'u.uji', ...base, '--org', 'dinas-uji', '--role'], /--role/);
    assert.equal(await changeCount(), before);
    assert.deepEqual(await db('users').whereIn('id', ['v.uji', 'u.uji']).pluck('id'), []);
    assert.equal(await db('organisations').where({ id: 'x-uji' }).first(), undefined);
  });

  test('roles, details, the last admin kept; npm run token for a CLI user, refused once deactivated', async () => {
    await refusedWith(['roles', 'admin.pertama', '--remove', 'admin', '--add', 'auditor'], /admin aktif terakhir/);
    await refusedWith(['deactivate', 'admin.pertama'], /admin aktif terakhir/);
    assert.deepEqual((await db('users').where({ id: 'admin.pertama' }).first())!.roles, ['admin']);

    const add = await users('add', 'pokja.uji', '--name', 'Pokja Uji', '--email', 'pokja@dinas.example', '--org', 'dinas-uji', '--role', 'pokja');
    assert.equal(add.code, 0, add.err);
    const roles = await users('roles', 'pokja.uji', '--add', 'ppk', '--remove', 'pokja');
    assert.equal(roles.code, 0, roles.err);
    assert.match(roles.out, /peran\s+ppk$/m);
    const set = await users('set', 'pokja.uji', '--name', 'Pokja Uji Baru');
    assert.equal(set.code, 0, set.err);
    const unchanged = await users('set', 'pokja.uji', '--name', 'Pokja Uji Baru');
    assert.match(unchanged.out, /Tidak ada yang berubah/);
    const list = await users('list', '--role', 'ppk');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /pokja\.uji\s+aktif\s+ppk\s+dinas-uji\s+Pokja Uji Baru/);
    assert.doesNotMatch(list.out, /admin\.pertama/);
    const show = await users('show', 'pokja.uji');
    assert.match(show.out, /pengguna_peran_diubah\s+oleh cli:/);

    const token = await cli('bin/token.ts', ['pokja.uji']);
    assert.equal(token.code, 0, token.err);
    assert.match(token.out.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/, 'stdout is the token alone');
    assert.match(token.err, /Token untuk pokja\.uji \(ppk\)/);

    const off = await users('deactivate', 'pokja.uji');
    assert.equal(off.code, 0, off.err);
    assert.match(off.out, /dinonaktifkan: tokennya ditolak/);
    const again = await users('deactivate', 'pokja.uji');
    assert.equal(again.code, 0);
    assert.match(again.out, /sudah nonaktif; tidak ada yang diubah/);
    const refusedToken = await cli('bin/token.ts', ['pokja.uji']);
    assert.equal(refusedToken.code, 2);
    assert.equal(refusedToken.out, '', 'no token');
    assert.match(refusedToken.err, /telah dinonaktifkan oleh admin/);
    assert.match((await users('list')).out, /pokja\.uji\s+NONAKTIF/);
    const actions = await db('user_changes').where({ subject_id: 'pokja.uji' }).orderBy('id').pluck('action');
    assert.deepEqual(actions, ['pengguna_dibuat', 'pengguna_peran_diubah', 'pengguna_diubah', 'pengguna_dinonaktifkan']);
    const orgs = await users('orgs');
    assert.match(orgs.out, /lpse-uji\s+lpse\s+1\s+LPSE Kota Uji/);
    assert.match(orgs.out, /dinas-uji\s+opd\s+0\s+Dinas Uji/, 'the deactivated user is not counted');
  });

  test('an unreachable database exits 1 and says so', async () => {
    const port = await freePort();
    const r = await cli('bin/users.ts', ['list'], { DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${port}/tidakada` });
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /Basis data tidak terjangkau/);
  });

  test('npm run seed-demo adds the demo organisations and users, and again changes nothing', async () => {
    const first = await cli('bin/seed-demo.ts', []);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, new RegExp(`Data demo siap: ${DEMO_USERS.length} pengguna`));
    const second = await cli('bin/seed-demo.ts', []);
    assert.equal(second.code, 0, second.err);
    const ids = await db('users')
      .whereIn(
        'id',
        DEMO_USERS.map((u) => u.id),
      )
      .pluck('id');
    assert.equal(ids.length, DEMO_USERS.length);
    const prod = await cli('bin/seed-demo.ts', [], { NODE_ENV: 'production', JWKS_URL: 'http://127.0.0.1:1/jwks', SERVE_CONSOLE: '0' });
    assert.equal(prod.code, 2);
    assert.match(prod.err, /ditolak di produksi/);
  });
});

describe('the start command seeds the demo only on a laptop', () => {
  test('development with embedded services: seed; DATABASE_URL, JWKS_URL or production: no seed', () => {
    assert.deepEqual(demoSeedDecision({ env: 'development' }), { seed: true });
    assert.equal(demoSeedDecision({ env: 'development', databaseUrl: 'postgres://x/y' }).seed, false);
    assert.equal(demoSeedDecision({ env: 'development', jwksUrl: 'https://idp/jwks' }).seed, false);
    assert.equal(demoSeedDecision({ env: 'production', jwksUrl: 'https://idp/jwks' }).seed, false);
  });
});
