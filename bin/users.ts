/**
 * `npm run users -- <perintah>`: users and organisations of an installation, straight against its database
 * (DATABASE_URL, or the embedded one of a running `npm start`), with the same rules and the same audit as
 * /api/admin/* (api/services/user-admin.ts); the actor in the audit is `cli:<os user>`. It migrates the database
 * first, so the first admin of an empty database is created here (bootstrap): `add-org`, then `add … --role admin`.
 * Whoever can reach the database can do this anyway; the API is the way for everyone else.
 *
 * Exit 0 done (or nothing to change), 2 refused input (with the reason, in Indonesian), 1 anything else (database
 * unreachable).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ROLES } from '../api/auth/roles';
import { ApiError } from '../api/errors';
import { CreateOrgBody, CreateUserBody, ORG_KINDS, UpdateUserBody, UserIdParam } from '../api/routes/admin-user-schemas';
import { type AdminActor, createOrganisation, createUser, setUserActive, updateUser } from '../api/services/user-admin';
import { createDb, migrateLatest } from '../db/connection';
import { type AdminUser, changesOf, getAdminUser, listAdminUsers, listOrganisations } from '../db/queries/users';
import { databaseUrlOf, loadConfig } from '../runtime/config';

const USAGE = `Pemakaian: npm run users -- <perintah> [opsi]

  list [--role <peran>] [--org <organisasi>]     daftar pengguna (aktif dan nonaktif)
  show <id>                                     satu pengguna dengan riwayat perubahannya
  add <id> --name <nama> --email <email> --org <organisasi> --role <peran> [--role <peran> …]
  set <id> [--name <nama>] [--email <email>] [--org <organisasi>]
  roles <id> [--add <peran> …] [--remove <peran> …]
  deactivate <id>                               nonaktifkan (token pengguna ditolak sejak itu)
  activate <id>                                 aktifkan kembali
  orgs                                          daftar organisasi
  add-org <id> --name <nama> [--kind ${ORG_KINDS.join('|')}]   (bawaan: opd)

Peran: ${ROLES.join(', ')} (penyedia tidak boleh digabung dengan peran lain).
Admin pertama pada basis data kosong:
  npm run users -- add-org lpse-kota --name "LPSE Kota" --kind lpse
  npm run users -- add admin.budi --name "Budi (Admin LPSE)" --email budi@lpse.go.id --org lpse-kota --role admin`;

class Refusal extends Error {}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.') || what}: ${i.message}`);
  throw new Refusal(`Isian ${what} tidak valid:\n${lines.join('\n')}`);
}

function describe(u: AdminUser): string {
  return [
    `${u.id}${u.active ? '' : ' (NONAKTIF)'}`,
    `  nama        ${u.name}`,
    `  email       ${u.email ?? '-'}`,
    `  organisasi  ${u.org} (${u.orgName})`,
    `  peran       ${u.roles.join(', ')}`,
  ].join('\n');
}

async function run(db: Knex, argv: string[], actor: AdminActor): Promise<string> {
  const [command, ...rest] = argv;
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          email: { type: 'string' },
          org: { type: 'string' },
          kind: { type: 'string' },
          role: { type: 'string', multiple: true },
          add: { type: 'string', multiple: true },
          remove: { type: 'string', multiple: true },
        },
      });
    } catch (e) {
      throw new Refusal(`${(e as Error).message}\n\n${USAGE}`);
    }
  })();
  const allowed: Record<string, string[]> = {
    list: ['role', 'org'],
    show: [],
    add: ['name', 'email', 'org', 'role'],
    set: ['name', 'email', 'org'],
    roles: ['add', 'remove'],
    deactivate: [],
    activate: [],
    orgs: [],
    'add-org': ['name', 'kind'],
  };
  if (!command || !(command in allowed)) throw new Refusal(command ? `Perintah tidak dikenal: ${command}\n\n${USAGE}` : USAGE);
  const extra = Object.keys(values).filter((k) => !allowed[command]!.includes(k));
  if (extra.length) throw new Refusal(`Opsi ${extra.map((k) => `--${k}`).join(', ')} tidak berlaku untuk '${command}'.`);
  const needsId = !['list', 'orgs'].includes(command);
  if (positionals.length !== (needsId ? 1 : 0)) {
    throw new Refusal(needsId ? `'${command}' memerlukan tepat satu id.\n\n${USAGE}` : `'${command}' tidak menerima argumen.`);
  }
  const id = positionals[0]!;

  switch (command) {
    case 'list': {
      const role = z.enum(ROLES, { error: `peran tidak dikenal; pilihan: ${ROLES.join(', ')}` });
      const filter = z.strictObject({ role: role.optional(), org: z.string().optional() });
      const q = parse(filter, { role: values.role?.length === 1 ? values.role[0] : values.role, org: values.org }, 'filter');
      const { data, total } = await listAdminUsers(db, { ...q, page: 1, pageSize: 1_000_000 });
      if (!data.length) return 'Belum ada pengguna. Tambah: npm run users -- add <id> --name … --email … --org … --role …';
      const rows = data.map(
        (u) => `${u.id.padEnd(24)} ${(u.active ? 'aktif' : 'NONAKTIF').padEnd(9)} ${u.roles.join(',').padEnd(22)} ${u.org.padEnd(24)} ${u.name}`,
      );
      return [`${'ID'.padEnd(24)} ${'STATUS'.padEnd(9)} ${'PERAN'.padEnd(22)} ${'ORGANISASI'.padEnd(24)} NAMA`, ...rows, `${total} pengguna.`].join('\n');
    }
    case 'show': {
      const user = await getAdminUser(db, parse(UserIdParam, id, 'id'));
      if (!user) throw new Refusal(`Pengguna '${id}' tidak ditemukan.`);
      const changes = await changesOf(db, 'user', id);
      const history = changes.map((c) => `  ${c.at}  ${c.action.padEnd(24)} oleh ${c.actorId}`);
      return `${describe(user)}\nRiwayat:\n${history.length ? history.join('\n') : '  (belum ada perubahan tercatat)'}`;
    }
    case 'add': {
      const body = parse(CreateUserBody, { id, name: values.name, email: values.email, org: values.org, roles: values.role ?? [] }, 'pengguna');
      const { user, created } = await createUser(db, actor, body);
      return `${created ? 'Pengguna dibuat' : 'Pengguna sudah ada dengan isi yang sama; tidak ada yang diubah'}:\n${describe(user)}`;
    }
    case 'set':
    case 'roles': {
      const change =
        command === 'set'
          ? parse(UpdateUserBody, { name: values.name, email: values.email, org: values.org }, 'perubahan')
          : parse(UpdateUserBody, { addRoles: values.add, removeRoles: values.remove }, 'perubahan peran');
      const before = await getAdminUser(db, parse(UserIdParam, id, 'id'));
      const after = await updateUser(db, actor, id, change);
      const same = before && JSON.stringify(before) === JSON.stringify(after);
      return `${same ? 'Tidak ada yang berubah' : 'Pengguna diubah'}:\n${describe(after)}`;
    }
    case 'deactivate':
    case 'activate': {
      const active = command === 'activate';
      const before = await getAdminUser(db, parse(UserIdParam, id, 'id'));
      const after = await setUserActive(db, actor, id, active);
      if (before?.active === active) return `Pengguna '${id}' sudah ${active ? 'aktif' : 'nonaktif'}; tidak ada yang diubah.`;
      if (active) return `Pengguna '${id}' diaktifkan kembali.`;
      return `Pengguna '${id}' dinonaktifkan: tokennya ditolak sejak permintaan berikutnya.\n${describe(after)}`;
    }
    case 'orgs': {
      const orgs = await listOrganisations(db);
      if (!orgs.length) return 'Belum ada organisasi. Tambah: npm run users -- add-org <id> --name … --kind opd|lpse|penyedia';
      const rows = orgs.map((o) => `${o.id.padEnd(28)} ${o.kind.padEnd(9)} ${String(o.users).padEnd(8)} ${o.name}`);
      return [`${'ID'.padEnd(28)} ${'JENIS'.padEnd(9)} ${'PENGGUNA'.padEnd(8)} NAMA`, ...rows].join('\n');
    }
    case 'add-org': {
      const body = parse(CreateOrgBody, { id, name: values.name, kind: values.kind ?? 'opd' }, 'organisasi');
      const { org, created } = await createOrganisation(db, actor, body);
      return `${created ? 'Organisasi dibuat' : 'Organisasi sudah ada dengan isi yang sama; tidak ada yang diubah'}: ${org.id} (${org.kind}) ${org.name}`;
    }
  }
  throw new Refusal(USAGE);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (!argv.length || ['-h', '--help', 'help'].includes(argv[0]!)) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length ? 0 : 2;
  }
  let url: string;
  try {
    url = databaseUrlOf(loadConfig());
  } catch (e) {
    process.stderr.write(`Konfigurasi tidak sah: ${(e as Error).message}\n`);
    return 2;
  }
  const db = createDb(url, { pool: { min: 0, max: 2 }, connectTimeoutMs: 10_000 });
  try {
    try {
      await migrateLatest(db);
    } catch (e) {
      const shown = url.replace(/:[^:@/]+@/, ':***@');
      process.stderr.write(`Basis data tidak terjangkau (${shown}): ${(e as Error).message}\nJalankan npm start, atau atur DATABASE_URL.\n`);
      return 1;
    }
    const actor: AdminActor = { id: `cli:${os.userInfo().username}`.slice(0, 128), via: 'cli' };
    process.stdout.write(`${await run(db, argv, actor)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ApiError && e.status < 500) {
      const issues = (e.details.issues as { path: string; message: string }[] | undefined) ?? [];
      process.stderr.write(`${e.message}${issues.length ? `\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}` : ''}\n`);
      return 2;
    }
    process.stderr.write(`Gagal: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
