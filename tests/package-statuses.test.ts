/**
 * Package statuses are a closed, documented set (domain/process/statuses.ts), and everything that names a status
 * follows it:
 *  - every end event of every current, contract and retired definition ends with a status of the set, with the outcome
 *    the set gives it, and the status the workflow sets for a contract stopped from outside (`dihentikan`) is in it;
 *    the definition validator refuses a JSON definition with an unknown status (the negative control);
 *  - the console's labels (web/src/i18n/statuses.ts) cover exactly the set, and no other status table is left in web/src;
 *  - the OpenAPI document's PackageStatus is the set with each value's meaning, and the package status fields and
 *    the list filters name it; the console's generated types carry the same union;
 *  - the database refuses a status outside the set (CHECK, migration 20261218000101), and its list equals the set;
 *  - docs/statuses.md tables the same statuses with the same words;
 *  - GET /api/packages and GET /api/public/packages answer an unknown `status` with a 422 in Bahasa Indonesia naming
 *    the field (instead of an empty list), and a known one as before.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOpenApi } from '../api/openapi';
import { createDb } from '../db/connection';
import { insertPackageRow } from '../db/queries/packages';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import type { ProcessDefinition } from '../domain/process/definition';
import { isPackageStatus, PACKAGE_STATUS_VALUES, PACKAGE_STATUSES } from '../domain/process/statuses';
import { DefinitionError, validateDefinition } from '../domain/process/validate-definition';
import { REPO_ROOT } from '../runtime/config';
import { STATUS_LABELS, STATUS_OPTIONS, statusLabel, statusTone } from '../web/src/i18n/statuses';
import { listDefinitions, listProcurementDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';

const source = (p: string) => readFileSync(path.join(REPO_ROOT, p), 'utf8');
const sorted = (xs: Iterable<string>) => [...xs].sort();
const SET = sorted(PACKAGE_STATUS_VALUES);

/** The retired definitions as the JSON files hold them (what the registry validates when it loads them). */
const retiredJson = (): { file: string; def: ProcessDefinition }[] =>
  readdirSync(path.join(REPO_ROOT, 'workflows/definitions/retired'))
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, def: JSON.parse(source(`workflows/definitions/retired/${file}`)) as ProcessDefinition }));

function problemsOf(def: unknown): string[] {
  try {
    validateDefinition(def);
  } catch (e) {
    assert.ok(e instanceof DefinitionError, String(e));
    return e.problems.map((p) => (p.stage ? `[${p.stage}] ${p.message}` : p.message));
  }
  return [];
}

describe('the status set', () => {
  test('every status has a description in Indonesian, says whether it is final, and keeps its stored value', () => {
    // Stored in the database, published in OCDS, read by dashboards: these values never change name.
    for (const s of ['active', 'contract_signed', 'selesai', 'diterima', 'gagal', 'batal', 'batal_otomatis', 'diputus', 'dihentikan']) {
      assert.ok(isPackageStatus(s), s);
    }
    for (const s of PACKAGE_STATUS_VALUES) {
      const info = PACKAGE_STATUSES[s];
      assert.ok(info.description.length > 40, `${s}: a description that says what it means`);
      assert.match(info.description, info.final ? /Final\.$/ : /Belum final\.$/, s);
      assert.equal(info.final, info.outcome !== null, s);
    }
    assert.equal(isPackageStatus('completed'), false, 'an outcome is not a status');
    assert.equal(isPackageStatus('toString'), false, 'nothing inherited counts');
    assert.equal(isPackageStatus(undefined), false);
  });

  test('every end event of every current, contract and retired definition ends with a status of the set', () => {
    const defs: { where: string; def: ProcessDefinition }[] = [
      ...listDefinitions().map((def) => ({ where: `${def.id} v${def.version}`, def })),
      ...RETIRED.map((def) => ({ where: `retired ${def.id} v${def.version}`, def })),
      ...retiredJson().map(({ file, def }) => ({ where: `retired/${file}`, def })),
    ];
    assert.ok(listProcurementDefinitions().length >= 10 && RETIRED.length >= 10, 'the registry was read');
    const seen = new Set<string>();
    for (const { where, def } of defs) {
      for (const n of def.nodes) {
        if (n.type !== 'endEvent') continue;
        assert.ok(isPackageStatus(n.status), `${where} [${n.id}]: status '${n.status}' is not in domain/process/statuses.ts`);
        assert.equal(PACKAGE_STATUSES[n.status].outcome, n.outcome, `${where} [${n.id}]: '${n.status}' with outcome ${n.outcome}`);
        seen.add(n.status);
      }
    }
    // The end events use every final status but the one the workflow sets itself.
    assert.deepEqual(sorted(seen), sorted(PACKAGE_STATUS_VALUES.filter((s) => PACKAGE_STATUSES[s].final && s !== 'dihentikan')));
  });

  test("the status the workflow sets for a contract stopped from outside ('dihentikan') is in the set", () => {
    const wf = source('workflows/package-process.ts');
    const set = [...wf.matchAll(/\bstatus: '([a-z_]+)'/g)].map((m) => m[1]!);
    assert.ok(set.includes('dihentikan'), 'package-process.ts still sets dihentikan');
    for (const s of set) assert.ok(isPackageStatus(s), `package-process.ts sets '${s}'`);
    assert.match(wf, /status: PackageStatus;/, 'its outcome type names the set');
  });

  test('the validator refuses a JSON definition with an unknown status, naming the stage (negative control)', () => {
    const { file, def } = retiredJson()[0]!;
    assert.deepEqual(problemsOf(def), [], `${file} as it is passes`);
    const planted = structuredClone(def);
    const end = planted.nodes.find((n) => n.type === 'endEvent')!;
    (end as { status: string }).status = 'ditunda';
    const problems = problemsOf(planted);
    assert.ok(
      problems.some((p) => p.startsWith(`[${end.id}] `) && /unknown package status "ditunda"/.test(p) && p.includes('dihentikan')),
      `problems were: ${problems.join(' | ')}`,
    );
    // A known status with the wrong outcome is refused too: dashboards and OCDS read a status as one outcome.
    const mismatched = structuredClone(def);
    const failed = mismatched.nodes.find((n) => n.type === 'endEvent' && n.status === 'gagal')!;
    (failed as { outcome: string }).outcome = 'completed';
    assert.ok(
      problemsOf(mismatched).some((p) => p === `[${failed.id}] status 'gagal' goes with outcome failed, not completed`),
      problemsOf(mismatched).join(' | '),
    );
    const running = structuredClone(def);
    (running.nodes.find((n) => n.type === 'endEvent') as { status: string }).status = 'active';
    assert.ok(problemsOf(running).some((p) => p.endsWith("status 'active' is not a final status")));
  });
});

test('docs/statuses.md tables every status with its meaning', () => {
  const rows = [...source('docs/statuses.md').matchAll(/^\| `([a-z_]+)` \| ([^|]+) \| [^|]+ \| [^|]+ \| ([^|]+) \|$/gm)];
  assert.deepEqual(
    rows.map((r) => r[1]),
    [...PACKAGE_STATUS_VALUES],
  );
  for (const r of rows) {
    const s = r[1] as (typeof PACKAGE_STATUS_VALUES)[number];
    assert.equal(r[2], STATUS_LABELS[s], `${s}: the console's label`);
    assert.equal(r[3], PACKAGE_STATUSES[s].description, `${s}: the description of domain/process/statuses.ts`);
  }
});

describe('the console', () => {
  test('has a label for every status of the set and for nothing else', () => {
    assert.deepEqual(sorted(Object.keys(STATUS_LABELS)), SET);
    for (const s of PACKAGE_STATUS_VALUES) {
      assert.equal(statusLabel(s), STATUS_LABELS[s]);
      assert.ok(STATUS_LABELS[s].length > 0 && !STATUS_LABELS[s].includes('_'), `${s}: a written word`);
      assert.equal(statusTone(s), s === 'active' ? '' : PACKAGE_STATUSES[s].outcome === 'completed' ? 'ok' : 'bad', s);
    }
    assert.equal(new Set(Object.values(STATUS_LABELS)).size, SET.length, 'two statuses never read alike');
  });

  test('the status filter offers what a package row can hold: not dihentikan, recorded only in a parent', () => {
    assert.deepEqual(
      STATUS_OPTIONS.map((o) => o.value),
      PACKAGE_STATUS_VALUES.filter((s) => s !== 'dihentikan'),
    );
    for (const o of STATUS_OPTIONS) assert.equal(o.label, STATUS_LABELS[o.value]);
  });

  test('reads status labels from that one place: no other status table in web/src', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(e.name) && rel !== 'web/src/api/schema.d.ts' && rel !== 'web/src/i18n/statuses.ts') files.push(rel);
      }
    };
    walk('web/src');
    assert.ok(files.length > 50, 'the console sources were read');
    // A table of statuses keys two end statuses that no other table has together.
    const tables = files.filter((f) => /\bbatal_otomatis\s*:/.test(source(f)) || /\bdiputus\s*:/.test(source(f)));
    assert.deepEqual(tables, [], 'status labels outside web/src/i18n/statuses.ts');
  });
});

describe('the OpenAPI document', () => {
  const doc = JSON.parse(JSON.stringify(buildOpenApi()));
  const REF = '#/components/schemas/PackageStatus';

  test('PackageStatus is the set, with what each value means', () => {
    const s = doc.components.schemas.PackageStatus;
    assert.deepEqual(s.enum, [...PACKAGE_STATUS_VALUES]);
    assert.deepEqual(s['x-enumDescriptions'], Object.fromEntries(PACKAGE_STATUS_VALUES.map((v) => [v, PACKAGE_STATUSES[v].description])));
    for (const v of PACKAGE_STATUS_VALUES) assert.ok(s.description.includes(`\`${v}\`: ${PACKAGE_STATUSES[v].description}`), v);
  });

  test('package and contract status fields and the list filters name it', () => {
    const schemas = doc.components.schemas;
    for (const name of [
      'PackageSummary',
      'PackageState',
      'PackageDetail',
      'PackageCreated',
      'StepResult',
      'PublicPackageSummary',
      'PublicPackage',
      'ContractFigures',
      'ListPackagesQuery',
      'PublicPackagesQuery',
      'PackageListFilter',
    ]) {
      assert.deepEqual(schemas[name].properties.status, { $ref: REF }, name);
    }
    for (const p of ['/api/packages', '/api/public/packages']) {
      const param = doc.paths[p].get.parameters.find((x: { name: string }) => x.name === 'status');
      assert.deepEqual(param.schema, { $ref: REF }, p);
    }
  });

  test("the console's generated types carry the same union", () => {
    const m = /^\s*PackageStatus: ([^;]+);$/m.exec(source('web/src/api/schema.d.ts'));
    assert.ok(m, 'PackageStatus in web/src/api/schema.d.ts (npm run gen:api)');
    assert.deepEqual(sorted(m[1]!.split('|').map((x) => JSON.parse(x.trim()) as string)), SET);
  });
});

describe('the database and the list filters', () => {
  const tag = `stat${randomBytes(4).toString('hex')}`;
  const id = `pkt-${tag}a`;
  let db: Knex;
  let api: TestApi;
  let token: string;

  before(
    async () => {
      db = createDb(testServices().databaseUrl, { pool: { min: 0, max: 2 } });
      await seedDemo(db);
      const now = new Date();
      await insertPackageRow(db, {
        id,
        workflow_id: `paket-${id}`,
        title: `Paket status ${tag}`,
        opd: 'Dinas PUPR Kota Tangerang',
        work_unit: 'Bidang Bina Marga',
        category: 'pekerjaan_konstruksi',
        method: 'tender',
        definition_id: 'tender-pasca-1file',
        definition_version: 1,
        fiscal_year: 2026,
        pagu: 600_000_000,
        hps: 500_000_000,
        status: 'gagal',
        stage_id: 'failed_no_bids',
        stage_name: 'Tender Gagal: Tidak Ada Penawaran',
        created_by: 'ppk.budi',
        created_at: now,
        updated_at: now,
      });
      api = await startTestApi({ db });
      token = await api.tokenOf(DEMO_USERS.find((u) => u.id === 'pokja.sari')!);
    },
    { timeout: 60_000 },
  );

  after(async () => {
    await api?.close();
    if (db) {
      await db('packages').where({ id }).delete();
      await db.destroy();
    }
  });

  test('packages.status and contracts.status are checked against exactly the set', async () => {
    for (const table of ['packages', 'contracts']) {
      const row = await db
        .select(db.raw('pg_get_constraintdef(c.oid) as def'))
        .from('pg_constraint as c')
        .join('pg_class as t', 't.oid', 'c.conrelid')
        .where({ 't.relname': table, 'c.conname': `${table}_status_known`, 'c.convalidated': true })
        .first<{ def: string } | undefined>();
      assert.ok(row, `${table}_status_known exists and is validated`);
      assert.deepEqual(sorted([...row.def.matchAll(/'([a-z_]+)'::/g)].map((m) => m[1]!)), SET, `${table}: ${row.def}`);
    }
    await assert.rejects(
      db('packages').where({ id }).update({ status: 'completed' }),
      (e: { code?: string; constraint?: string }) => e.code === '23514' && e.constraint === 'packages_status_known',
    );
    assert.equal((await db('packages').where({ id }).first('status'))?.status, 'gagal');
  });

  const list = async (p: string, query: Record<string, string>, auth = true) => {
    const res = await fetch(`${api.baseUrl}${p}?${new URLSearchParams({ q: tag, ...query })}`, { headers: auth ? { Authorization: `Bearer ${token}` } : {} });
    return {
      status: res.status,
      body: (await res.json()) as { data?: { id: string; status: string }[]; error?: { code: string; message: string; details?: any } },
    };
  };

  for (const [p, auth] of [
    ['/api/packages', true],
    ['/api/public/packages', false],
  ] as const) {
    test(`${p}: an unknown status is a 422 in Indonesian naming the field; a known one filters as before`, async () => {
      for (const status of ['completed', 'ditunda', 'GAGAL']) {
        const r = await list(p, { status }, auth);
        assert.equal(r.status, 422, `${status}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.data, undefined);
        assert.equal(r.body.error?.code, 'validation_failed');
        assert.match(String(r.body.error?.message), /tidak valid/);
        const issue = (r.body.error?.details?.issues ?? []).find((i: { path: string }) => i.path === 'status');
        assert.ok(issue, JSON.stringify(r.body.error));
        assert.match(issue.message, /^harus salah satu dari: 'active', 'contract_signed', .*'dihentikan'$/);
      }
      const failed = await list(p, { status: 'gagal' }, auth);
      assert.equal(failed.status, 200);
      assert.deepEqual(
        failed.body.data?.map((x) => [x.id, x.status]),
        [[id, 'gagal']],
      );
      const running = await list(p, { status: 'active' }, auth);
      assert.deepEqual(running.body.data, []);
    });
  }
});
