/**
 * GET /api/method-options against POST /api/packages on the real app, worker, Temporal and PostgreSQL: for several
 * categories and values, every method the options call allowed is created (201, with every schedule parameter at its
 * advertised bounds) and every method they refused is refused by the create with the same rule and message, naming
 * the field. The form and the server cannot disagree.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { wibDate } from '../domain/calendar/working-time';
import { ruleSetFor } from '../domain/rules/method-rules';
import { listProcurementDefinitions } from '../workflows/definitions';
import { type Answer, type AuthStack, startAuthStack } from './support/auth-stack';

const runId = randomBytes(3).toString('hex');
let stack: AuthStack;
const created: string[] = [];

interface Option {
  method: string;
  definitionId: string;
  version: number;
  name: string;
  allowed: boolean;
  reasons: { rule: string; message: string; source: string; limit?: number }[];
  assignments: string[];
  mayAssign: string[];
  params: { id: string; name: string; unit: string; default: number; min: number; max: number }[];
}

before(
  async () => {
    stack = await startAuthStack();
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await Promise.all(
      created.map((id) =>
        stack.client.workflow
          .getHandle(`paket-${id}`)
          .terminate('test selesai')
          .catch(() => {}),
      ),
    );
    await stack?.close();
  },
  { timeout: 60_000 },
);

async function options(query: string, as = 'ppk.budi'): Promise<Answer> {
  return stack.request(as, 'GET', `/api/method-options?${query}`);
}

/**
 * A create body for an option: the officers its definition needs, and every schedule parameter at its minimum. A
 * method whose officers the head of the UKPBJ assigns (issue 13, Perpres 16/2018 Pasal 13) names the head instead.
 */
function bodyFor(o: Option, category: string, hps: number, schedule?: Record<string, number>) {
  const needs = (r: string) => o.assignments.includes(r);
  // A definition that merely may use a Pejabat Pengadaan or a Pokja needs one of them to run its steps.
  const pp = needs('pejabat_pengadaan') || (!needs('pokja') && o.mayAssign.includes('pejabat_pengadaan'));
  const pokja = needs('pokja') || (!pp && o.mayAssign.includes('pokja'));
  return {
    title: `Pilihan metode ${o.method} ${category} ${runId}`,
    opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
    workUnit: 'Bidang Bina Marga',
    category,
    method: o.method,
    pagu: hps,
    hps,
    fiscalYear: 2026,
    paKpa: 'kpa.hendra',
    ...(needs('kepala_ukpbj') ? { kepalaUkpbj: 'ukpbj.ratna' } : {}),
    ...(pokja ? { pokja: ['pokja.sari', 'pokja.agus', 'pokja.dewi'] } : {}),
    ...(pp ? { pejabatPengadaan: 'pp.rudi' } : {}),
    schedule: schedule ?? Object.fromEntries(o.params.map((p) => [p.id, p.min])),
  };
}

const CASES: [category: string, hps: number][] = [
  ['barang', 40_000_000],
  ['pekerjaan_konstruksi', 300_000_000],
  ['jasa_konsultansi', 500_000_000],
  ['jasa_lainnya', 1_000_000_000],
];

describe('method options agree with POST /api/packages', () => {
  for (const [category, hps] of CASES) {
    test(`${category}, HPS ${hps}`, { timeout: 120_000 }, async () => {
      const res = await options(`category=${category}&hps=${hps}&pagu=${hps}&fiscalYear=2026`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.category, category);
      assert.equal(res.body.hps, hps);
      assert.equal(res.body.ruleSet.id, ruleSetFor(wibDate(Date.now())).id, 'the rule set in force today (WIB)');
      const opts = res.body.data as Option[];
      const methods = [...new Set(listProcurementDefinitions().map((d) => d.method))];
      assert.deepEqual(opts.map((o) => o.method).sort(), [...methods].sort(), 'every method, once');
      const firstRefused = opts.findIndex((o) => !o.allowed);
      assert.ok(firstRefused === -1 || opts.slice(firstRefused).every((o) => !o.allowed), 'allowed methods first');
      assert.ok(opts.some((o) => o.allowed) && opts.some((o) => !o.allowed), 'each case has both answers');

      const answers = await Promise.all(
        opts.map(async (o) => [o, await stack.request('ppk.budi', 'POST', '/api/packages', bodyFor(o, category, hps))] as const),
      );
      for (const [o, created_] of answers) {
        const where = `${o.method}: options say ${o.allowed ? 'allowed' : o.reasons[0]?.rule}, create → ${created_.status} ${JSON.stringify(created_.body).slice(0, 400)}`;
        if (created_.status === 201) created.push(created_.body.id);
        if (o.allowed) {
          assert.deepEqual(o.reasons, [], where);
          assert.equal(created_.status, 201, where);
          assert.equal(created_.body.method, o.method, where);
          assert.deepEqual(created_.body.definition, { id: o.definitionId, version: o.version }, where);
        } else {
          assert.equal(o.reasons.length, 1, where);
          assert.equal(created_.status, 422, where);
          const err = created_.body.error;
          assert.equal(err.code, 'method_not_allowed', where);
          assert.equal(err.details.rule.id, o.reasons[0]!.rule, where);
          assert.equal(err.message, o.reasons[0]!.message, where);
          assert.equal(err.details.rule.source, o.reasons[0]!.source, where);
          assert.deepEqual(err.details.issues, [{ path: 'method', message: o.reasons[0]!.message, code: o.reasons[0]!.rule }], where);
        }
      }
    });
  }

  test('schedule parameters: the advertised bounds are the ones a create enforces', { timeout: 60_000 }, async () => {
    const res = await options('category=jasa_lainnya&hps=1000000000');
    const tender = (res.body.data as Option[]).find((o) => o.method === 'tender')!;
    const def = listProcurementDefinitions().find((d) => d.id === tender.definitionId && d.version === tender.version)!;
    // A period fixed by law is advertised with its one allowed value (min = max = default); the others their bounds.
    assert.deepEqual(
      tender.params.map((p) => [p.id, p.name, p.unit, p.default, p.min]),
      Object.entries(def.params).map(([id, p]) => [id, p.name, p.unit, p.default, p.fixed !== undefined ? p.default : p.min]),
    );
    for (const p of tender.params) {
      const declared = def.params[p.id]!;
      if (declared.fixed !== undefined) assert.equal(p.max, declared.default, `${p.id} is fixed`);
      else if (declared.max !== undefined) assert.equal(p.max, declared.max, `${p.id}: the declared maximum`);
    }
    const objection = tender.params.find((p) => p.id === 'objectionDays')!;
    assert.deepEqual([objection.min, objection.max], [5, 5], 'masa sanggah: 5 calendar days, fixed by Peraturan LKPP 12/2021');
    const registration = tender.params.find((p) => p.id === 'registrationDays')!;
    assert.deepEqual([registration.min, registration.max], [1, 30]);
    const atBounds = { ...Object.fromEntries(tender.params.map((p) => [p.id, p.default])), registrationDays: registration.max };
    const ok = await stack.request('ppk.budi', 'POST', '/api/packages', bodyFor(tender, 'jasa_lainnya', 1_000_000_000, atBounds));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    created.push(ok.body.id);

    const below = await stack.request(
      'ppk.budi',
      'POST',
      '/api/packages',
      bodyFor(tender, 'jasa_lainnya', 1_000_000_000, { registrationDays: registration.min - 1 }),
    );
    assert.equal(below.status, 422, JSON.stringify(below.body));
    assert.equal(below.body.error.code, 'validation_failed', 'a value below 1 is refused by the body schema');
    assert.deepEqual(
      below.body.error.details.issues.map((i: { path: string }) => i.path),
      ['schedule.registrationDays'],
    );

    const above = await stack.request(
      'ppk.budi',
      'POST',
      '/api/packages',
      bodyFor(tender, 'jasa_lainnya', 1_000_000_000, { registrationDays: registration.max + 1 }),
    );
    assert.equal(above.status, 422, JSON.stringify(above.body));
    assert.equal(above.body.error.code, 'invalid_schedule');
    assert.deepEqual(
      above.body.error.details.issues.map((i: { path: string }) => i.path),
      ['schedule.registrationDays'],
    );

    // The fixed masa sanggah: any other value is refused with the rule that fixes it, below or above.
    for (const days of [objection.min - 1, objection.max + 1]) {
      const fixed = await stack.request('ppk.budi', 'POST', '/api/packages', bodyFor(tender, 'jasa_lainnya', 1_000_000_000, { objectionDays: days }));
      assert.equal(fixed.status, 422, JSON.stringify(fixed.body));
      assert.equal(fixed.body.error.code, 'invalid_schedule');
      assert.deepEqual(
        fixed.body.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code]),
        [['schedule.objectionDays', 'fixed_by_law']],
      );
      assert.equal(fixed.body.error.details.rule, def.params.objectionDays!.fixed);
    }
  });
});

describe('GET /api/method-options refuses what it cannot answer', () => {
  test('invalid queries: 422 with the field named', async () => {
    const cases: [query: string, path: string][] = [
      ['hps=100000000', 'category'],
      ['category=kapal_selam&hps=100000000', 'category'],
      ['category=barang', 'hps'],
      ['category=barang&hps=abc', 'hps'],
      ['category=barang&hps=-5', 'hps'],
      ['category=barang&hps=100.5', 'hps'],
      ['category=barang&hps=200000000&pagu=100000000', 'hps'],
      ['category=barang&hps=100000000&fiscalYear=1999', 'fiscalYear'],
    ];
    for (const [query, path] of cases) {
      const res = await options(query);
      assert.equal(res.status, 422, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'validation_failed', query);
      assert.ok(
        res.body.error.details.issues.some((i: { path: string }) => i.path === path),
        `${query}: ${JSON.stringify(res.body.error.details)}`,
      );
    }
    const unknown = await options('category=barang&hps=100000000&method=tender');
    assert.equal(unknown.status, 422, 'an unknown parameter is refused, not ignored');
  });

  test('officers only: vendors, auditors and anonymous callers are refused', async () => {
    for (const as of ['ppk.budi', 'pokja.sari', 'pp.rudi', 'kpa.hendra']) assert.equal((await options('category=barang&hps=100000000', as)).status, 200, as);
    for (const as of ['vendor.karya', 'auditor.rina', 'admin.lpse']) {
      const res = await options('category=barang&hps=100000000', as);
      assert.equal(res.status, 403, as);
      assert.equal(res.body.error.code, 'forbidden_role');
    }
    const anonymous = await stack.request(null, 'GET', '/api/method-options?category=barang&hps=100000000');
    assert.equal(anonymous.status, 401);
  });
});
