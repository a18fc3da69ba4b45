/** The method rules at package creation: category and value limits per rule set, at and just past each boundary. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Category, checkMethod, RULE_SETS, ruleSetFor } from '../domain/rules/method-rules';

const JUTA = 1_000_000;
const OLD = '2024-06-03'; // Perpres 16/2018 jo. 12/2021
const NEW = '2026-11-30'; // Perpres 46/2025

type Row = [method: string, category: Category, value: number, date: string, expect: string]; // 'ok' or the refusal's text

// expect: 'ok' or the id of the refusing rule.
const ROWS: Row[] = [
  // Pengadaan Langsung B: Rp200 m goods/other services (Pasal 38(3)), Rp100 m consultancy (Pasal 41(3)).
  ['pengadaan-langsung-b', 'barang', 200 * JUTA, OLD, 'ok'],
  ['pengadaan-langsung-b', 'barang', 200 * JUTA + 1, OLD, 'pengadaan-langsung-b:max_value'],
  ['pengadaan-langsung-b', 'jasa_lainnya', 200 * JUTA, NEW, 'ok'],
  ['pengadaan-langsung-b', 'jasa_lainnya', 200 * JUTA + 1, NEW, 'pengadaan-langsung-b:max_value'],
  ['pengadaan-langsung-b', 'jasa_konsultansi', 100 * JUTA, OLD, 'ok'],
  ['pengadaan-langsung-b', 'jasa_konsultansi', 100 * JUTA + 1, OLD, 'pengadaan-langsung-b:max_value'],
  ['pengadaan-langsung-b', 'jasa_konsultansi', 100 * JUTA + 1, NEW, 'pengadaan-langsung-b:max_value'],
  // Construction: Rp200 m before Perpres 46/2025, Rp400 m after (Pasal 40a).
  ['pengadaan-langsung-b', 'pekerjaan_konstruksi', 200 * JUTA, OLD, 'ok'],
  ['pengadaan-langsung-b', 'pekerjaan_konstruksi', 200 * JUTA + 1, OLD, 'pengadaan-langsung-b:max_value'],
  ['pengadaan-langsung-b', 'pekerjaan_konstruksi', 300 * JUTA, NEW, 'ok'],
  ['pengadaan-langsung-b', 'pekerjaan_konstruksi', 400 * JUTA, NEW, 'ok'],
  ['pengadaan-langsung-b', 'pekerjaan_konstruksi', 400 * JUTA + 1, NEW, 'pengadaan-langsung-b:max_value'],
  // Pengadaan Langsung A (receipt/kuitansi): goods and other services up to Rp50 m only.
  ['pengadaan-langsung-a', 'barang', 50 * JUTA, NEW, 'ok'],
  ['pengadaan-langsung-a', 'barang', 50 * JUTA + 1, NEW, 'pengadaan-langsung-a:max_value'],
  ['pengadaan-langsung-a', 'jasa_lainnya', 10 * JUTA, NEW, 'ok'],
  ['pengadaan-langsung-a', 'pekerjaan_konstruksi', 10 * JUTA, NEW, 'pengadaan-langsung-a:category'],
  ['pengadaan-langsung-a', 'jasa_konsultansi', 10 * JUTA, NEW, 'pengadaan-langsung-a:category'],
  // Seleksi: consultancy only, above Rp100 m.
  ['seleksi', 'jasa_konsultansi', 100 * JUTA + 1, OLD, 'ok'],
  ['seleksi', 'jasa_konsultansi', 100 * JUTA, OLD, 'seleksi:min_value'],
  ['seleksi', 'jasa_konsultansi', 5_000 * JUTA, NEW, 'ok'],
  ['seleksi', 'barang', 5_000 * JUTA, NEW, 'seleksi:category'],
  ['seleksi', 'pekerjaan_konstruksi', 5_000 * JUTA, NEW, 'seleksi:category'],
  // Tender and its variants: not consultancy, above the PgL ceiling of the category.
  ['tender', 'barang', 200 * JUTA + 1, OLD, 'ok'],
  ['tender', 'barang', 200 * JUTA, OLD, 'tender:min_value'],
  ['tender', 'pekerjaan_konstruksi', 300 * JUTA, OLD, 'ok'],
  ['tender', 'pekerjaan_konstruksi', 300 * JUTA, NEW, 'tender:min_value'],
  ['tender', 'pekerjaan_konstruksi', 400 * JUTA, NEW, 'tender:min_value'],
  ['tender', 'pekerjaan_konstruksi', 400 * JUTA + 1, NEW, 'ok'],
  ['tender', 'jasa_konsultansi', 5_000 * JUTA, NEW, 'tender:category'],
  ['tender-2file', 'jasa_lainnya', 900 * JUTA, NEW, 'ok'],
  ['tender-2file', 'jasa_konsultansi', 900 * JUTA, NEW, 'tender-2file:category'],
  ['tender-prakualifikasi', 'pekerjaan_konstruksi', 50_000 * JUTA, NEW, 'ok'],
  ['tender-prakualifikasi', 'barang', 150 * JUTA, NEW, 'tender-prakualifikasi:min_value'],
  ['tender-cepat', 'barang', 250 * JUTA, NEW, 'ok'],
  ['tender-cepat', 'barang', 200 * JUTA, NEW, 'tender-cepat:min_value'],
  ['tender-cepat', 'jasa_konsultansi', 250 * JUTA, NEW, 'tender-cepat:category'],
  // Penunjukan Langsung: any category and value (the circumstance is checked by the process).
  ['penunjukan-langsung', 'barang', 1 * JUTA, NEW, 'ok'],
  ['penunjukan-langsung', 'jasa_konsultansi', 90_000 * JUTA, OLD, 'ok'],
  // E-purchasing: no value rule; catalogue goods, works, other services. Swakelola: no rule.
  ['e-purchasing', 'barang', 9_000_000 * JUTA, NEW, 'ok'],
  ['e-purchasing', 'pekerjaan_konstruksi', 1 * JUTA, OLD, 'ok'],
  ['e-purchasing', 'jasa_konsultansi', 1 * JUTA, NEW, 'e-purchasing:category'],
  ['swakelola', 'jasa_konsultansi', 1 * JUTA, NEW, 'ok'],
  ['swakelola', 'pekerjaan_konstruksi', 90_000 * JUTA, NEW, 'ok'],
  ['kapal-selam', 'barang', 1 * JUTA, NEW, 'method:unknown'],
];

describe('checkMethod', () => {
  for (const [method, category, value, date, expect] of ROWS) {
    test(`${method} ${category} Rp${value.toLocaleString('en')} on ${date} → ${expect}`, () => {
      const r = checkMethod({ method, category, value, date });
      if (expect === 'ok') {
        assert.equal(r.ok, true, r.ok ? '' : r.rule.message);
      } else {
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.rule.id, expect);
        assert.ok(r.rule.source.length > 0);
        assert.match(r.rule.message, /^Metode /);
      }
    });
  }

  test('the refusal names the limit and the rule set in force', () => {
    const r = checkMethod({ method: 'pengadaan-langsung-b', category: 'barang', value: 250 * JUTA, date: NEW });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.ruleSet.id, 'perpres-46-2025');
    assert.equal(r.rule.limit, 200 * JUTA);
    assert.match(r.rule.message, /paling banyak Rp200\.000\.000; HPS paket Rp250\.000\.000/);
    assert.match(r.rule.message, /Pasal 38 ayat \(3\)/);
  });

  test('construction PgL at Rp300 m: refused the day before Perpres 46/2025, allowed from its effective date', () => {
    const from = RULE_SETS.find((s) => s.id === 'perpres-46-2025')!.effectiveFrom;
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const req = { method: 'pengadaan-langsung-b', category: 'pekerjaan_konstruksi' as const, value: 300 * JUTA };
    const before = checkMethod({ ...req, date: dayBefore });
    assert.equal(before.ok, false);
    assert.equal(before.ruleSet.id, 'perpres-16-2018-jo-12-2021');
    const on = checkMethod({ ...req, date: from });
    assert.equal(on.ok, true);
    assert.equal(on.ruleSet.id, 'perpres-46-2025');
  });

  test('refuses a value that is not positive integer rupiah', () => {
    assert.throws(() => checkMethod({ method: 'tender', category: 'barang', value: 250_000_000.5, date: NEW }), RangeError);
    assert.throws(() => checkMethod({ method: 'tender', category: 'barang', value: 0, date: NEW }), RangeError);
  });
});

describe('ruleSetFor', () => {
  test('picks the newest rule set in force on the day', () => {
    assert.equal(ruleSetFor('2021-02-02').id, 'perpres-16-2018-jo-12-2021');
    assert.equal(ruleSetFor('2025-04-29').id, 'perpres-16-2018-jo-12-2021');
    assert.equal(ruleSetFor('2025-04-30').id, 'perpres-46-2025');
    assert.equal(ruleSetFor('2030-01-01').id, 'perpres-46-2025');
  });

  test('refuses dates before any rule set and malformed dates', () => {
    assert.throws(() => ruleSetFor('2021-02-01'), RangeError);
    assert.throws(() => ruleSetFor('2026-13-01'), RangeError);
    assert.throws(() => ruleSetFor('30-04-2025'), RangeError);
  });

  test('rule sets are listed oldest first with unique ids and every method', () => {
    const ids = RULE_SETS.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    const dates = RULE_SETS.map((s) => s.effectiveFrom);
    assert.deepEqual([...dates].sort(), dates);
    for (const s of RULE_SETS) assert.equal(Object.keys(s.methods).length, 10);
  });
});
