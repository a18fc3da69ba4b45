/**
 * Each procurement method's profile (workflows/definitions/profiles.ts) against every registered version of its
 * definition, retired JSON included: the paths it names are paths the definition writes, the paths any profile names
 * that the definition writes are in its own profile (so no reader misses a bid list, failed list or winner), its
 * stages exist. E-Kontrak definitions have none, on purpose. The readers refuse an unknown method instead of guessing.
 * Then on the test PostgreSQL: for every method a view written at its profile's paths gives the generated rf_*
 * columns (db/red-flag-columns.ts) the same figures selection.ts reads, and another method's paths give nothing.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDb } from '../db/connection';
import { procurementMethod } from '../domain/ocds/codes';
import { selectionOf } from '../domain/monitoring/selection';
import { RED_FLAG_RULES } from '../domain/monitoring/thresholds';
import type { ProcessDefinition } from '../domain/process/definition';
import { type MethodProfile, UnknownMethodError } from '../domain/process/method-profile';
import { checkMethod, METHOD_NAMES } from '../domain/rules/method-rules';
import { definitionForMethod, listDefinitions, listProcurementDefinitions } from '../workflows/definitions';
import { CONTRACT_METHODS, METHOD_CODES, PROFILES, profileOf } from '../workflows/definitions/profiles';
import { RETIRED } from '../workflows/definitions/retired';
import { testServices } from './support/services';

const PROCUREMENT_VERSIONS: ProcessDefinition[] = [...listProcurementDefinitions(), ...RETIRED];
const label = (d: ProcessDefinition) => `${d.id} v${d.version}`;

/** The first segment of every data path the definition writes: actions' effects, service and call results. */
function writtenRoots(d: ProcessDefinition): Set<string> {
  const out = new Set<string>();
  for (const n of d.nodes) {
    if (n.type === 'userTask' || n.type === 'timeWindow') for (const a of n.actions) if ('path' in a.effect) out.add(a.effect.path);
    if (n.type === 'serviceTask') for (const p of [n.resultPath, ...Object.values(n.resultPaths ?? {})]) out.add(p);
    if (n.type === 'callActivity') out.add(n.resultPath);
  }
  return new Set([...out].map((p) => p.split('.')[0]!));
}
const root = (path: string) => path.split('.')[0]!;

/** The paths of a profile, by what a reader looks for there. */
const pathsOf = (p: MethodProfile) => ({
  opening: p.opening ? [p.opening.list, p.opening.report] : [],
  failed: [...p.failed],
  winner: p.winner ? [p.winner] : [],
  // awardDecision is written by every awarding method, but public only where the decision is itself the announcement.
  awardPublic: p.awardPublic.filter((x) => x !== 'awardDecision'),
});
type Kind = keyof ReturnType<typeof pathsOf>;
const KINDS: Kind[] = ['opening', 'failed', 'winner', 'awardPublic'];

describe('method profiles', () => {
  test('every registered procurement definition, each version, has its method profile; every profile has a definition', () => {
    assert.ok(PROCUREMENT_VERSIONS.length >= 20, 'current and retired versions');
    for (const d of PROCUREMENT_VERSIONS) assert.equal(profileOf(d.method).definitionId, d.id, label(d));
    for (const m of METHOD_CODES) assert.equal(definitionForMethod(m)?.id, PROFILES[m].definitionId, `${m}: new packages start on its definition`);
  });

  test('E-Kontrak definitions have no procurement profile: they select nobody and publish no tender', () => {
    const contracts = listDefinitions().filter((d) => !listProcurementDefinitions().includes(d));
    assert.ok(contracts.length >= 3);
    for (const d of contracts) {
      assert.ok((CONTRACT_METHODS as readonly string[]).includes(d.method), `${label(d)}: ${d.method} is a contract method`);
      assert.throws(() => profileOf(d.method), UnknownMethodError);
      assert.deepEqual(selectionOf({ contractStart: {}, order: {} }, d.method), { registrations: 0, bidsSubmitted: 0, awardPublic: false });
    }
  });

  test('a profile names only paths its definition writes, and every profile path its definition writes is in it', () => {
    const union = Object.fromEntries(KINDS.map((k) => [k, [...new Set(METHOD_CODES.flatMap((m) => pathsOf(PROFILES[m])[k]))]])) as Record<Kind, string[]>;
    for (const d of PROCUREMENT_VERSIONS) {
      const written = writtenRoots(d);
      const own = pathsOf(profileOf(d.method));
      for (const k of KINDS) {
        for (const p of own[k]) assert.ok(written.has(root(p)), `${label(d)}: ${k} path ${p} is never written`);
        for (const p of union[k]) if (written.has(root(p))) assert.ok(own[k].includes(p), `${label(d)} writes ${p}: its profile's ${k} must name it`);
      }
    }
  });

  test('the stages a profile names are stages of every version; a competitive method has an opening', () => {
    for (const d of PROCUREMENT_VERSIONS) {
      const p = profileOf(d.method);
      const node = (id: string) => d.nodes.find((n) => n.id === id);
      if (p.opening) assert.ok(node(p.opening.stage), `${label(d)}: opening stage ${p.opening.stage}`);
      for (const s of p.evaluationStages) assert.ok(node(s), `${label(d)}: evaluation stage ${s}`);
      if (p.bidWindow) assert.equal(node(p.bidWindow.stageId)?.type, 'timeWindow', `${label(d)}: bid window ${p.bidWindow.stageId}`);
      if (p.competitive) assert.ok(p.opening, `${label(d)}: competitive without an opening`);
    }
  });

  test('the readers read the profiles and refuse an unknown method instead of a default', () => {
    // The codes the OCDS export gave before the profiles (docs/ocds-mapping.md §2): unchanged.
    const before: Record<string, string> = {
      tender: 'open',
      'tender-2file': 'open',
      'tender-prakualifikasi': 'selective',
      seleksi: 'selective',
      'tender-cepat': 'selective',
      'penunjukan-langsung': 'direct',
      'pengadaan-langsung-a': 'direct',
      'pengadaan-langsung-b': 'direct',
      'e-purchasing': 'direct',
      swakelola: 'direct',
    };
    assert.deepEqual(Object.fromEntries(METHOD_CODES.map((m) => [m, procurementMethod(m, false)])), before);
    assert.equal(procurementMethod('e-purchasing', true), 'limited');
    assert.equal(procurementMethod('tender', true), 'open', 'only a method that declares it changes with a mini competition');
    assert.deepEqual(RED_FLAG_RULES.competitiveMethods, ['tender', 'tender-2file', 'tender-prakualifikasi', 'seleksi', 'tender-cepat', 'e-purchasing']);
    assert.deepEqual(Object.keys(RED_FLAG_RULES.bidWindow), ['tender', 'tender-2file', 'tender-prakualifikasi', 'seleksi', 'tender-cepat']);
    assert.deepEqual(Object.keys(METHOD_NAMES), METHOD_CODES);

    for (const read of [() => profileOf('lelang-x'), () => procurementMethod('lelang-x', false), () => selectionOf({ bids: [] }, 'lelang-x')]) {
      assert.throws(read, (e: unknown) => e instanceof UnknownMethodError && e.method === 'lelang-x' && /tidak dikenal/.test(e.message));
    }
    const refused = checkMethod({ method: 'lelang-x', category: 'barang', value: 1, date: '2026-01-05' });
    assert.equal(refused.ok ? undefined : refused.rule.id, 'method:unknown');
  });
});

// ---- the generated columns on the test PostgreSQL ----------------------------------------------------------------

const FY = 2063;
const pid = (m: string, n = 0) => `pkt-mprofile-${m}-${n}`;

/** Sets a dot path in a plain object. */
function put(data: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let o = data;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
}

/** A view written at exactly the profile's paths: three opened bids (one sealed), one rejected, one failed per list, a winner. */
function viewOf(p: MethodProfile): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (p.opening) {
    put(data, p.opening.list, [
      { by: 'v1', at: 1, price: 900 },
      { by: 'v2', at: 2, price: 950 },
      { by: 'v3', at: 3, sealed: true },
    ]);
    put(data, p.opening.report, { rejected: [{ vendorId: 'v4' }] });
  }
  for (const f of p.failed) put(data, f, [{ vendorId: 'v2' }]);
  if (p.winner) put(data, p.winner, { vendorId: 'v1', price: 900 });
  if (p.awardPublic[0]) put(data, p.awardPublic[0], { at: 1 });
  return data;
}

function row(id: string, method: string, definitionId: string, data: Record<string, unknown>, parent?: string) {
  return {
    id,
    workflow_id: `paket-${id}`,
    title: `Uji profil ${method}`,
    opd: 'Dinas Uji Profil',
    work_unit: 'Bagian Umum',
    category: 'barang',
    method,
    definition_id: definitionId,
    definition_version: 1,
    fiscal_year: FY,
    pagu: 2_000_000_000,
    hps: 1_000_000_000,
    status: 'active',
    stage_id: 'x',
    stage_name: 'Uji',
    created_by: 'ppk.budi',
    created_at: new Date(),
    updated_at: new Date(),
    view: JSON.stringify({ data }),
    ...(parent ? { parent_package_id: parent } : {}),
  };
}

const RF = ['rf_bids_opened', 'rf_bids_rejected', 'rf_failed', 'rf_winner_id', 'rf_winner_price', 'rf_award_public'] as const;
const rfOf = (r: Record<string, unknown>) => RF.map((c) => (c === 'rf_winner_price' && r[c] !== null ? Number(r[c]) : r[c]));
const expected = (data: Record<string, unknown>, method: string) => {
  const s = selectionOf(data, method);
  const opening = [s.opening?.opened ?? null, s.opening ? s.opening.rejected : null];
  return [...opening, s.failedInEvaluation ?? null, s.winner?.vendorId ?? null, s.winner?.price ?? null, s.awardPublic];
};

describe('the rf_* columns read the profiles as selection.ts does', () => {
  let db: Knex;
  const views = new Map<string, { method: string; data: Record<string, unknown> }>();

  before(async () => {
    db = createDb(testServices().databaseUrl);
    const rows = [];
    for (const m of METHOD_CODES) {
      const data = viewOf(PROFILES[m]);
      views.set(pid(m), { method: m, data });
      rows.push(row(pid(m), m, PROFILES[m].definitionId, data));
      // Every other method's bids, failures, winner and announcement, none at this method's own paths: nothing read.
      const foreign: Record<string, unknown> = {};
      for (const o of METHOD_CODES) if (PROFILES[o].opening?.list !== PROFILES[m].opening?.list) Object.assign(foreign, viewOf(PROFILES[o]));
      for (const p of Object.values(pathsOf(PROFILES[m])).flat()) delete foreign[root(p)];
      for (const p of PROFILES[m].awardPublic) delete foreign[root(p)];
      views.set(pid(m, 1), { method: m, data: foreign });
      rows.push(row(pid(m, 1), m, PROFILES[m].definitionId, foreign));
    }
    const contractData = viewOf(PROFILES.tender);
    views.set(pid('kontrak'), { method: 'kontrak', data: contractData });
    rows.push(row(pid('kontrak'), 'kontrak', 'kontrak', contractData, pid('tender')));
    await db('packages').whereLike('id', 'pkt-mprofile-%').delete();
    await db('packages').insert(rows);
  });

  after(async () => {
    await db?.('packages').whereLike('id', 'pkt-mprofile-%').delete();
    await db?.destroy();
  });

  test('each method: its own paths give its figures, in SQL as in selection.ts', async () => {
    const rows: Record<string, unknown>[] = await db('packages')
      .whereLike('id', 'pkt-mprofile-%')
      .select('id', ...RF);
    assert.equal(rows.length, views.size);
    for (const r of rows) {
      const v = views.get(r.id as string)!;
      const why = `${r.id as string}: rf_* columns and selection.ts disagree (a migration calling applyRedFlagColumns?)`;
      assert.deepEqual(rfOf(r), expected(v.data, v.method), why);
    }
    const own = (m: string) => rfOf(rows.find((r) => r.id === pid(m))!);
    // Not an empty agreement: the figures are there where the profile says.
    assert.deepEqual(own('tender'), [3, 1, 1, 'v1', 900, true]);
    assert.deepEqual(own('tender-2file'), [3, 1, 2, 'v1', 900, true], 'File I and the award each failed one');
    assert.deepEqual(own('e-purchasing'), [3, 1, 1, 'v1', 900, true]);
    assert.deepEqual(own('swakelola'), [null, null, null, null, null, true]);
    assert.deepEqual(own('pengadaan-langsung-a'), [null, null, null, null, null, false]);
    for (const m of METHOD_CODES) {
      const foreign = rfOf(rows.find((r) => r.id === pid(m, 1))!);
      assert.deepEqual(foreign.slice(0, 5), [null, null, null, null, null], `${m} reads no other method's bids, failures or winner`);
    }
    assert.deepEqual(own('kontrak'), [null, null, null, null, null, false], 'a contract child has no selection');
  });
});
