/**
 * Lateness without a server (kontrak v3, pelaksanaan-swakelola v2; domain/contract/LATENESS.md): the late penalty's
 * base and figures, the pemberian kesempatan's limits, the termination's cashing of the security, the swakelola
 * addendum without the 10% cap, the maintenance floor, and the earlier definitions kept byte for byte.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_PPN_PERCENT, latePenaltyBase, latePenaltyFor, valueExcludingPpn } from '../domain/contract/late-penalty';
import { contractChecks, contractReducers } from '../domain/contract/rules';
import type { RuleContext } from '../domain/process/rulebook';
import { scheduleIssues } from '../domain/process/schedule-rules';
import { definitions } from '../workflows/definitions/contract';
import { kontrakV3 } from '../workflows/definitions/contract/kontrak-v3';
import { pelaksanaanSwakelolaV2 } from '../workflows/definitions/contract/pelaksanaan-swakelola-v2';

const JUTA = 1_000_000;
// The PPK as an actor (inline: this file needs no process registry).
const ppk = { id: 'ppk-budi', name: 'Budi (PPK)', roles: ['ppk' as const], org: 'dinas-pupr' };
const DAY = 86_400_000;

/** A drafted v3 contract as the reducers leave it, SPMK issued on 1 March 2054. */
function drafted(o: { value: number; category?: string; kind?: 'kontrak' | 'swakelola'; ppnPercent?: number; pagu?: number }) {
  const data: Record<string, unknown> = {
    package: {
      category: o.category ?? 'pekerjaan_konstruksi',
      pagu: o.pagu ?? Math.ceil(o.value * 1.2),
      hps: Math.ceil(o.value * 1.1),
      fiscalYear: 2054,
      contractBasis: { kind: o.kind ?? 'kontrak', parentPackageId: 'pkt-x', providerId: 'vendor-a', value: o.value, bidPrice: o.value },
    },
  };
  const ctx = (payload: Record<string, unknown>, stage = 'execution', now = 0, enteredAt = 0): RuleContext => ({
    data,
    payload,
    actor: ppk,
    now,
    stage: { id: stage, enteredAt },
    timeScale: 1,
    def: o.kind === 'swakelola' ? pelaksanaanSwakelolaV2 : kontrakV3,
    schedule: {},
  });
  contractReducers.draftContractV3!(
    ctx(
      { number: 'K-1', durationDays: 100, plannedProgress: [50, 100], ...(o.ppnPercent !== undefined ? { ppnPercent: o.ppnPercent } : {}) },
      'draft_contract',
    ),
  );
  data.spmk = { number: 'SPMK-1', startDate: '2054-03-01' };
  return { data, ctx };
}

const security = (amount: number, validUntil = '2054-12-31') => ({ guaranteeNumber: 'JP-2', issuer: 'Bank BJB', amount, validUntil });

describe('Pasal 79 ayat (4): the late penalty is 1‰ a day of the contract value without PPN', () => {
  test('Pasal 79 ayat (4): Rp1.110.000.000 with 11% PPN: base Rp1.000.000.000, Rp1.000.000 a day, Rp7.000.000 for 7 days', () => {
    assert.equal(valueExcludingPpn(1_110 * JUTA, 11), 1_000 * JUTA);
    const b = latePenaltyBase({ contractValue: 1_110 * JUTA, ppnPercent: 11 });
    assert.deepEqual(b, { base: 1_000 * JUTA, basis: 'nilai_kontrak', ppnPercent: 11, perDay: 1 * JUTA });
    assert.equal(latePenaltyFor(b.base, 7), 7 * JUTA);
  });
  test('Pasal 79 ayat (4): a provider without PPN (0%) pays 1‰ of the whole value', () => {
    const b = latePenaltyBase({ contractValue: 300 * JUTA, ppnPercent: 0 });
    assert.equal(b.base, 300 * JUTA);
    assert.equal(latePenaltyFor(b.base, 3), 900_000);
  });
  test('Pasal 79 ayat (4): the part of the contract (nilai bagian kontrak) when only a part is late, else the whole', () => {
    assert.deepEqual(latePenaltyBase({ contractValue: 1_110 * JUTA, ppnPercent: 11, partValue: 222 * JUTA }), {
      base: 200 * JUTA,
      basis: 'nilai_bagian_kontrak',
      ppnPercent: 11,
      perDay: 200_000,
    });
    assert.equal(latePenaltyBase({ contractValue: 500 * JUTA, ppnPercent: 11, partValue: 500 * JUTA }).basis, 'nilai_kontrak');
  });
  test("Pasal 79 ayat (4): rounded once, in the provider's favour: n days are floor(base × n / 1000), not n × a rounded day", () => {
    const b = latePenaltyBase({ contractValue: 1_234_567_891, ppnPercent: 11 });
    assert.equal(b.base, 1_112_223_325); // floor(1 234 567 891 × 100 / 111)
    assert.equal(b.perDay, 1_112_223);
    assert.equal(latePenaltyFor(b.base, 50), 55_611_166); // not 50 × 1 112 223 = 55 611 150
  });
  test('Pasal 79 ayat (4): a draft without ppnPercent assumes the effective 11%', () => {
    const { data } = drafted({ value: 555 * JUTA });
    assert.equal((data.contract as { ppnPercent: number }).ppnPercent, DEFAULT_PPN_PERCENT);
  });
});

describe("Pasal 56: the pemberian kesempatan is the PPK's addendum, at most 50 days in all", () => {
  test('Pasal 56: a grant of 30 days records the addendum, the penalty base and the extended security', () => {
    const { data, ctx } = drafted({ value: 1_110 * JUTA });
    const end = 10 * DAY;
    const c = ctx({ addendumNumber: 'ADD-K/1', days: 30, security: security(60 * JUTA, '2054-07-09') }, 'late_decision', end + DAY, end);
    assert.equal(contractChecks.kesempatanAllowed!(c), undefined);
    contractReducers.grantKesempatan!(c);
    const l = data.lateness as { since: number; totalDays: number; windowDays: number; grants: { until: string; penalty: { base: number; perDay: number } }[] };
    assert.equal(l.since, end, 'days late count from the end of the contract period');
    assert.equal(l.totalDays, 30);
    assert.equal(l.windowDays, 30);
    assert.equal(l.grants[0]!.until, '2054-07-09', '1 March + 100 days + 30 days');
    assert.deepEqual(l.grants[0]!.penalty, { base: 1_000 * JUTA, basis: 'nilai_kontrak', ppnPercent: 11, perDay: 1 * JUTA });
  });
  test('Pasal 56: more than 50 days in all is refused, also over two grants', () => {
    const { ctx } = drafted({ value: 150 * JUTA, category: 'barang' });
    const r = contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'A', days: 51 }, 'late_decision'));
    assert.equal(r?.code, 'kesempatan_over_limit');
    assert.equal(r?.details?.rule, 'Perpres 16/2018 Pasal 56');
    assert.match(r.message, /paling lama 50 hari kalender/);
    contractReducers.grantKesempatan!(ctx({ addendumNumber: 'A', days: 40 }, 'late_decision'));
    assert.equal(contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'B', days: 11 }, 'late_decision'))?.details?.remainingDays, 10);
    assert.equal(contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'B', days: 10 }, 'late_decision')), undefined);
    contractReducers.grantKesempatan!(ctx({ addendumNumber: 'B', days: 10 }, 'late_decision'));
    assert.equal(contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'C', days: 1 }, 'late_decision'))?.code, 'kesempatan_exhausted');
  });
  test('Pasal 56 ayat (2): a contract with a performance security extends it: required, not below 5%, valid to the end', () => {
    const { ctx } = drafted({ value: 1_000 * JUTA, category: 'barang' });
    const at = (payload: Record<string, unknown>) => contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'A', days: 20, ...payload }, 'late_decision'));
    assert.equal(at({})?.code, 'security_extension_required');
    assert.equal(at({ security: security(49 * JUTA) })?.code, 'performance_security_too_low');
    const short = at({ security: security(50 * JUTA, '2054-06-28') });
    assert.equal(short?.code, 'security_validity_too_short');
    assert.equal(short?.details?.requiredUntil, '2054-06-29');
    assert.equal(at({ security: security(50 * JUTA, '2054-06-29') }), undefined);
  });
  test('Pasal 56: the limit is a schedule parameter bounded at 50 days (a package may set it shorter, never longer)', () => {
    assert.equal(kontrakV3.params.maxLateDays!.max, 50);
    assert.deepEqual(scheduleIssues(kontrakV3, { maxLateDays: 30 }), []);
    assert.equal(scheduleIssues(kontrakV3, { maxLateDays: 51 })[0]?.code, 'above_max');
    const { data, ctx } = drafted({ value: 150 * JUTA, category: 'barang' });
    data.schedule = { maxLateDays: 30 };
    assert.equal(contractChecks.kesempatanAllowed!(ctx({ addendumNumber: 'A', days: 31 }, 'late_decision'))?.details?.limitDays, 30);
  });
  test('Pasal 79 ayat (4): the handover after a kesempatan fixes the days since the period ended and the penalty', () => {
    const { data, ctx } = drafted({ value: 1_110 * JUTA, category: 'barang' });
    contractReducers.grantKesempatan!(ctx({ addendumNumber: 'A', days: 20, security: security(60 * JUTA) }, 'late_decision', DAY, 0));
    contractReducers.requestHandoverV3!(ctx({}, 'late_execution', 6 * DAY + 5, DAY));
    assert.deepEqual(data.handover, {
      requestedAt: 6 * DAY + 5,
      daysLate: 7,
      penalty: 7 * JUTA,
      penaltyBase: 1_000 * JUTA,
      penaltyBasis: 'nilai_kontrak',
      rule: 'Perpres 16/2018 Pasal 79 ayat (4)',
    });
  });
  test('Pasal 79 ayat (4): a handover within the contract period carries no penalty', () => {
    const { data, ctx } = drafted({ value: 1_110 * JUTA });
    contractReducers.requestHandoverV3!(ctx({}, 'execution', 5 * DAY));
    assert.deepEqual(data.handover, { requestedAt: 5 * DAY, daysLate: 0, penalty: 0 });
  });
});

describe('Pasal 78 ayat (5) huruf d: termination cashes the performance security in force', () => {
  test('Pasal 78 ayat (5) huruf d: the extended security is the one cashed; the ground is lateness after the period', () => {
    const { data, ctx } = drafted({ value: 1_000 * JUTA, category: 'barang' });
    data.performanceSecurity = security(50 * JUTA, '2054-06-09');
    contractReducers.grantKesempatan!(
      ctx({ addendumNumber: 'A', days: 20, security: { ...security(50 * JUTA, '2054-07-01'), guaranteeNumber: 'JP-EXT' } }, 'late_decision'),
    );
    contractReducers.terminateContract!(ctx({ reason: 'Penyedia tidak menyelesaikan pekerjaan' }, 'late_decision', 21 * DAY));
    assert.equal((data.securityCashed as { guaranteeNumber: string }).guaranteeNumber, 'JP-EXT');
    assert.equal((data.securityCashed as { amount: number }).amount, 50 * JUTA);
    assert.equal((data.securityCashed as { rule: string }).rule, 'Perpres 16/2018 Pasal 78 ayat (5) huruf d');
    assert.equal((data.termination as { grounds: string }).grounds, 'keterlambatan');
    assert.deepEqual(data.latePenaltyDue, { daysLate: 21, penalty: mulBase(1_000 * JUTA, 11, 21), rule: 'Perpres 16/2018 Pasal 79 ayat (4)' });
  });
  test('Pasal 56: termination on the ground of lateness is refused while the contract period runs', () => {
    const { ctx } = drafted({ value: 150 * JUTA, category: 'barang' });
    assert.equal(
      contractChecks.lateTerminationGrounds!(ctx({ reason: 'terlambat sekali', grounds: 'keterlambatan' }, 'execution'))?.code,
      'contract_period_running',
    );
    assert.equal(contractChecks.lateTerminationGrounds!(ctx({ reason: 'cidera janji penyedia', grounds: 'lainnya' }, 'execution')), undefined);
  });
});

describe('Pasal 47 dan 49: a swakelola team is no provider', () => {
  test('Pasal 54 ayat (2) does not cap a swakelola addendum; the budget (pagu) does', () => {
    const { ctx } = drafted({ value: 500 * JUTA, kind: 'swakelola', category: 'jasa_lainnya', pagu: 600 * JUTA });
    const add = (valueChange: number) => ctx({ number: 'A', valueChange, extensionDays: 0, reason: 'volume bertambah' });
    assert.equal(contractChecks.addendumWithinCap!(add(80 * JUTA))?.code, 'addendum_over_10_percent', 'a provider contract would be capped');
    assert.equal(contractChecks.swakelolaAddendumAllowed!(add(80 * JUTA)), undefined, '+16% for swakelola');
    assert.equal(contractChecks.swakelolaAddendumAllowed!(add(100 * JUTA + 1))?.code, 'addendum_over_budget');
  });
  test('Pasal 47 dan 49: an extension of swakelola time carries no penalty and no 50-day ceiling', () => {
    const { data, ctx } = drafted({ value: 500 * JUTA, kind: 'swakelola', category: 'jasa_lainnya' });
    contractReducers.extendSwakelola!(ctx({ addendumNumber: 'A', days: 90 }, 'late_decision'));
    contractReducers.requestHandoverV3!(ctx({}, 'late_execution', 30 * DAY));
    assert.equal((data.handover as { penalty: number }).penalty, 0);
    assert.equal((data.lateness as { totalDays: number }).totalDays, 90);
    assert.equal(
      pelaksanaanSwakelolaV2.nodes.some((n) => n.type === 'serviceTask' && n.service === 'flagProviderForSanction'),
      false,
      'no blacklist proposal',
    );
  });
});

describe('the maintenance period of construction (docs/regulation.md §2.10 K12)', () => {
  test('§2.10 K12: at least the floor (180 days, bounded 90–180; 90 for semi-permanent works)', () => {
    const { ctx } = drafted({ value: 500 * JUTA });
    const draft = (maintenanceDays?: number) =>
      ctx({ number: 'K', durationDays: 90, plannedProgress: [100], ...(maintenanceDays ? { maintenanceDays } : {}) }, 'draft_contract');
    assert.equal(contractChecks.maintenancePeriodAtLeastFloor!(draft(179))?.code, 'maintenance_period_too_short');
    assert.equal(contractChecks.maintenancePeriodAtLeastFloor!(draft()), undefined, 'the default 180 days');
    const semi = (maintenanceDays: number) =>
      ctx({ number: 'K', durationDays: 90, plannedProgress: [100], maintenanceDays, semiPermanent: true }, 'draft_contract');
    assert.equal(contractChecks.maintenancePeriodAtLeastFloor!(semi(90)), undefined, 'semi-permanent works: 90 days');
    assert.equal(contractChecks.maintenancePeriodAtLeastFloor!(semi(89))?.details?.minDays, 90);
    assert.deepEqual(scheduleIssues(kontrakV3, { minMaintenanceDays: 90 }), []);
    assert.equal(scheduleIssues(kontrakV3, { minMaintenanceDays: 60 })[0]?.code, 'below_min');
    const goods = drafted({ value: 500 * JUTA, category: 'barang' });
    assert.equal(
      contractChecks.maintenancePeriodAtLeastFloor!(goods.ctx({ number: 'K', durationDays: 9, plannedProgress: [100], maintenanceDays: 1 })),
      undefined,
    );
  });
});

describe('replay: the earlier E-Kontrak versions are unchanged', () => {
  const dir = path.join(__dirname, 'fixtures', 'contract-definitions');
  for (const f of fs.readdirSync(dir)) {
    test(`${f} is still registered exactly as running contracts carry it`, () => {
      const frozen = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id: string; version: number };
      const current = definitions.find((d) => d.id === frozen.id && d.version === frozen.version);
      assert.ok(current, `${f} is not registered`);
      assert.deepEqual(JSON.parse(JSON.stringify(current)), frozen);
    });
  }
  // The one vocabulary (issue 16) froze kontrak v3, surat-pesanan v2 and pelaksanaan-swakelola v2 here.
  test('kontrak v4, surat-pesanan v3 and pelaksanaan-swakelola v3 are the newest', () => {
    const newest = (id: string) => Math.max(...definitions.filter((d) => d.id === id).map((d) => d.version));
    assert.equal(newest('kontrak'), 4);
    assert.equal(newest('surat-pesanan'), 3);
    assert.equal(newest('pelaksanaan-swakelola'), 3);
  });
});

/** floor(floor(value × 100 / (100 + ppn)) × days / 1000), spelled out for the expectation. */
function mulBase(value: number, ppn: number, days: number) {
  return Math.floor((Math.floor((value * 100) / (100 + ppn)) * days) / 1000);
}
