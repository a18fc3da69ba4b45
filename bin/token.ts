/**
 * `npm run -s token -- <userId>`: prints a development token for a user (stdout: the token alone, so
 * `TOKEN=$(npm run -s token -- ppk.budi)` works; what it is and until when goes to stderr). Signed with the dev issuer
 * key in DATA_DIR, the one the API started by `npm start` verifies with. Refused (exit 2) in production, when the API
 * verifies an identity provider's tokens (JWKS_URL), for a user who does not exist, and for a user an admin
 * deactivated (`npm run users -- deactivate`; the API would refuse the token anyway).
 *
 * The user and its roles are read from the users table when the database answers; with the stack stopped, the demo
 * users (db/seed-demo.ts) are used instead, which is what the next start seeds.
 */
import { loadOrCreateDevIssuer } from '../api/auth/dev-issuer';
import { actorOfUser, mintDevToken } from '../api/auth/dev-token';
import type { Actor } from '../api/auth/actor';
import knex from 'knex';
import pg from 'pg';
import { type UserRow, userQuery } from '../db/queries/users';
import { DEMO_ORGS, DEMO_USERS } from '../db/seed-demo';
import { databaseUrlOf, loadConfig } from '../runtime/config';

const DB_WAIT_MS = 5_000;

function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function userFromDatabase(url: string, id: string): Promise<UserRow | undefined | 'unreachable'> {
  // pg directly rather than knex: knex's pool prints connection errors to stdout, which must hold the token alone.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: DB_WAIT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return 'unreachable';
  }
  try {
    const db = knex({ client: 'pg' }); // only builds the query text; it never connects
    const { sql, bindings } = userQuery(db, id).toSQL().toNative();
    const { rows } = await client.query(sql, bindings as unknown[]);
    const r = rows[0] as UserRow | undefined;
    await db.destroy();
    return r;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function demoUser(id: string): UserRow | undefined {
  const u = DEMO_USERS.find((x) => x.id === id);
  if (!u) return undefined;
  return { id: u.id, name: u.name, roles: u.roles, orgId: u.org, orgName: DEMO_ORGS.find((o) => o.id === u.org)?.name ?? u.org, active: true };
}

async function main() {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    refuse(`Konfigurasi tidak sah: ${(e as Error).message}`);
  }
  if (cfg.env === 'production') refuse('Token pengembangan ditolak di produksi: token berasal dari penyedia identitas (JWKS_URL).');
  if (cfg.jwksUrl) refuse('JWKS_URL diatur: API hanya menerima token dari penyedia identitas, bukan token pengembangan.');

  const userId = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!userId) {
    const list = DEMO_USERS.map((u) => `  ${u.id.padEnd(16)} ${u.roles.join(',')}`).join('\n');
    refuse(`Pemakaian: npm run -s token -- <id pengguna>\nPengguna demo:\n${list}`);
  }

  let user = await userFromDatabase(databaseUrlOf(cfg), userId);
  if (user === 'unreachable') {
    process.stderr.write('(basis data tidak terjangkau; memakai daftar pengguna demo)\n');
    user = demoUser(userId);
  }
  if (!user) refuse(`Pengguna '${userId}' tidak terdaftar. Lihat daftar: npm run -s token`);
  if (!user.active) refuse(`Pengguna '${userId}' telah dinonaktifkan oleh admin; token tidak dibuat (aktifkan: npm run users -- activate ${userId}).`);
  const actor: Actor | null = actorOfUser(user);
  if (!actor) refuse(`Pengguna '${userId}' memiliki peran yang tidak sah dan tidak dapat masuk.`);

  const issuer = await loadOrCreateDevIssuer(cfg.dataDir);
  const token = await mintDevToken(issuer, actor, cfg.devTokenTtlSeconds);
  process.stderr.write(`Token untuk ${actor.id} (${actor.roles.join(',')}), berlaku sampai ${token.expiresAt}:\n`);
  process.stdout.write(`${token.accessToken}\n`);
}

main().catch((e) => {
  process.stderr.write(`Gagal membuat token: ${(e as Error).message}\n`);
  process.exit(1);
});
