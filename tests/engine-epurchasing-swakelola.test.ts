/** E-purchasing and swakelola: the pure rules (domain/evaluation) and the definitions on the state machine. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CALENDAR, wibDateTime, wibParts } from '../domain/calendar/working-time';
import { checkCart, composeOrder } from '../domain/evaluation/e-purchasing-order';
import { rankMiniCompetition } from '../domain/evaluation/mini-competition';
import { appendAccepted, checkProgress, checkTeam } from '../domain/evaluation/swakelola';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { StepRefused } from '../domain/process/errors';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { HAND_OFF_STAGES } from '../workflows/definitions/stages';
import { assertContractHandOff, completeContractCall, completeServiceTask } from './support/pure-services';
import { paKpa, pokja, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';

const HOUR = 3_600_000;
const FRI = wibDateTime(2026, 12, 11, 9, 0); // Friday 11 December 2026, 09:00 WIB
const pp: ActorRef = { id: 'pp-1', name: 'Rina (Pejabat Pengadaan)', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };
const ketua: ActorRef = { id: 'ketua-1', name: 'Ketua Tim Pelaksana', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };
const ormas: ActorRef = { id: 'ormas-1', name: 'Ketua Ormas', roles: ['penyedia'], org: 'ormas-bina' };

function input(definitionId: string, packageId: string, pagu: number): PackageInput {
  return {
    packageId,
    definition: getDefinition(definitionId)!,
    facts: {
      title: 'Pengadaan uji',
      opd: 'Dinas PUPR Kota Tangerang',
      workUnit: 'Sekretariat',
      category: 'barang',
      pagu,
      hps: pagu,
      fiscalYear: 2026,
    },
    assignments: { ppk: [ppk.id], pa_kpa: [paKpa.id], pejabat_pengadaan: [pp.id] },
    schedule: {},
    calendar: DEFAULT_CALENDAR,
    timeScale: 1,
    createdBy: ppk,
  };
}

/** A package and a clock; every step runs the service tasks it leads to, as the workflow would. */
function driver(definitionId: string, pagu = 150_000_000) {
  let now = FRI;
  const p = new PackageProcess(input(definitionId, 'pkt-esengine01', pagu), now);
  const settle = async () => {
    while (p.pendingService()) await completeServiceTask(p, now);
  };
  return {
    p,
    get now() {
      return now;
    },
    async do(action: string, actor: ActorRef, payload: Record<string, unknown> = {}) {
      now += HOUR;
      p.perform({ action, actor, payload }, now);
      await settle();
    },
    refuse(action: string, actor: ActorRef, payload: Record<string, unknown> = {}): StepRefused {
      try {
        p.perform({ action, actor, payload }, now);
      } catch (e) {
        if (e instanceof StepRefused) return e;
        throw e;
      }
      assert.fail(`${action} by ${actor.id} was accepted`);
    },
    async passDeadline() {
      const d = p.nextDeadline();
      assert.ok(d, 'expected a deadline');
      now = d.at;
      assert.equal(p.onTimer(now), true);
      await settle();
    },
    stage: () => p.currentNode.id,
    data: <T>(path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p.state.data) as T,
  };
}

const items = [
  { productId: 'kat-laptop-14', name: 'Laptop 14 inci', quantity: 10, unitPrice: 9_500_000 },
  { productId: 'kat-printer-a4', quantity: 2, unitPrice: 3_250_000 },
]; // catalogue total 101,500,000
const CATALOGUE = 101_500_000;
const directCart = { mode: 'langsung', vendorId: vendorA.id, items };

/**
 * The PPK approves: the order goes to E-Kontrak as a Surat Pesanan with the provider at the order total, and the
 * package waits for it to end (acceptance, delivery, receipt check and BAST are the child's, surat-pesanan).
 */
async function approveToSuratPesanan(d: ReturnType<typeof driver>, provider: ActorRef, total: number) {
  await d.do('approve_order', ppk, { orderNumber: 'SP/2026/001' });
  assertContractHandOff(d.p, { definitionId: 'surat-pesanan', providerId: provider.id, value: total });
}

/** The Surat Pesanan ended with `status`; the order ends accordingly (contract_result). */
function suratPesananEnded(d: ReturnType<typeof driver>, status: string, outcome: string) {
  const link = completeContractCall(d.p, d.now, { status, outcome });
  assert.deepEqual(d.data('contractLink'), link);
}

async function afterApprovalToSelesai(d: ReturnType<typeof driver>, provider: ActorRef, total: number) {
  await approveToSuratPesanan(d, provider, total);
  suratPesananEnded(d, 'selesai', 'completed');
  assert.equal(d.stage(), 'completed');
  assert.equal(d.p.state.status, 'selesai');
  assert.equal(d.p.state.outcome, 'completed');
}

describe('e-purchasing rules (domain/evaluation)', () => {
  const limits = { pagu: 150_000_000, ppLimit: 200_000_000, byPejabatPengadaan: true };
  const cart = (over: object = {}) => ({ mode: 'langsung' as const, vendorId: 'v', items, by: pp.id, ...over });

  test('cart total is the sum of quantity × catalogue unit price; within pagu and the PP limit it passes', () => {
    assert.deepEqual(checkCart(cart(), limits), { total: CATALOGUE, problems: [] });
  });

  test('a cart above the pagu, above the Pejabat Pengadaan limit, with a product twice, or a one-provider mini-competition', () => {
    const big = [{ productId: 'kat-server', quantity: 3, unitPrice: 90_000_000 }]; // Rp270 m
    const codes = (c: ReturnType<typeof checkCart>) => c.problems.map((x) => x.code);
    assert.deepEqual(codes(checkCart(cart({ items: big }), { ...limits, pagu: 300_000_000 })), ['melebihi_batas_pejabat_pengadaan']);
    // The PPK has no ceiling (Pasal 11), only the pagu.
    assert.deepEqual(codes(checkCart(cart({ items: big }), { ...limits, pagu: 300_000_000, byPejabatPengadaan: false })), []);
    assert.deepEqual(codes(checkCart(cart({ items: big }), { ...limits, byPejabatPengadaan: false })), ['melebihi_pagu']);
    assert.deepEqual(codes(checkCart(cart({ items: [items[1]!, items[1]!] }), limits)), ['produk_ganda']);
    const mk = cart({ mode: 'mini_kompetisi', vendorId: undefined, invited: [{ vendorId: 'a' }, { vendorId: 'a' }] });
    assert.deepEqual(codes(checkCart(mk, limits)), ['peserta_kurang']);
  });

  test('huge quantities are summed exactly and refused by the pagu', () => {
    const c = checkCart(cart({ items: [{ productId: 'x', quantity: 1_000_000, unitPrice: 1e15 }] }), limits);
    assert.ok(c.problems.some((x) => x.code === 'melebihi_pagu'));
  });

  test('mini-competition: lowest quote within the catalogue price wins, ties to the earlier quote', () => {
    const r = rankMiniCompetition(
      [
        { by: 'a', price: 99_000_000, at: 5 },
        { by: 'b', price: 97_000_000, at: 7 },
        { by: 'c', price: 97_000_000, at: 6 },
        { by: 'd', price: 105_000_000, at: 1 },
        { by: 'x', price: 1_000_000, at: 1 },
      ],
      ['a', 'b', 'c', 'd'],
      CATALOGUE,
    );
    assert.deepEqual(r.winner, { vendorId: 'c', price: 97_000_000 });
    assert.deepEqual(
      r.ranking.map((x) => x.vendorId),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(r.failed, [
      { vendorId: 'd', price: 105_000_000, reasons: ['melebihi_harga_katalog'] },
      { vendorId: 'x', price: 1_000_000, reasons: ['tidak_diundang'] },
    ]);
    assert.equal(rankMiniCompetition([], ['a', 'b'], CATALOGUE).winner, undefined);
  });

  test('order price: catalogue (direct), agreed (negotiation, not above catalogue), winner (mini-competition)', () => {
    const check = { total: CATALOGUE, problems: [] };
    const base = { items, by: pp.id };
    assert.equal(composeOrder({ ...base, mode: 'langsung', vendorId: 'v' }, check, undefined, undefined).total, CATALOGUE);
    const neg = { ...base, mode: 'negosiasi' as const, vendorId: 'v' };
    assert.equal(composeOrder(neg, check, { proposal: { price: 95_000_000 }, providerAccepted: {} }, undefined).total, 95_000_000);
    assert.equal(composeOrder(neg, check, { counter: { price: 98_000_000 }, buyerAccepted: {} }, undefined).total, 98_000_000);
    const over = composeOrder(neg, check, { counter: { price: 110_000_000 }, buyerAccepted: {} }, undefined);
    assert.deepEqual([over.total, over.problems.map((x) => x.code)], [undefined, ['melebihi_harga_katalog']]);
    const mk = composeOrder({ ...base, mode: 'mini_kompetisi' }, check, undefined, { winner: { vendorId: 'c', price: 97_000_000 } });
    assert.deepEqual([mk.vendorId, mk.total], ['c', 97_000_000]);
  });
});

describe('swakelola rules (domain/evaluation)', () => {
  test('Tipe I team: experts at most half of the Tim Pelaksana; the leader is not the PPK', () => {
    const team = (experts: number, members: number, leaderId = ketua.id) => ({
      leaderId,
      pelaksana: Array.from({ length: members }, (_, i) => ({ name: `A${i}`, tenagaAhli: i < experts })),
    });
    assert.deepEqual(checkTeam(team(2, 4), [ppk.id]).problems, []);
    assert.deepEqual(
      checkTeam(team(3, 5), [ppk.id]).problems.map((x) => x.code),
      ['tenaga_ahli_melebihi_50_persen'],
    );
    assert.deepEqual(
      checkTeam(team(0, 3, ppk.id), [ppk.id]).problems.map((x) => x.code),
      ['ketua_tim_adalah_ppk'],
    );
  });

  test('progress reports do not go backwards, stay within budget, and each period is accepted once', () => {
    const r = (period: string, physicalPercent: number, financialRealisation: number) => ({
      period,
      physicalPercent,
      financialRealisation,
      by: ketua.id,
      at: 1,
    });
    const history = appendAccepted([], { ...r('2026-01', 40, 40_000_000), accepted: { by: ppk.id } });
    assert.deepEqual(history, [r('2026-01', 40, 40_000_000)], 'review fields are not kept');
    assert.deepEqual(checkProgress(r('2026-02', 70, 65_000_000), history, 100_000_000).problems, []);
    const codes = checkProgress(r('2026-01', 30, 120_000_000), history, 100_000_000).problems.map((x) => x.code);
    assert.deepEqual(codes, ['progres_fisik_menurun', 'realisasi_melebihi_anggaran', 'periode_sudah_dilaporkan']);
    assert.deepEqual(
      checkProgress(r('2026-02', 50, 30_000_000), history, 1e9).problems.map((x) => x.code),
      ['realisasi_menurun'],
    );
  });
});

describe('e-purchasing — state machine', () => {
  test('direct order: cart, PPK approval, Surat Pesanan in E-Kontrak → selesai', async () => {
    const d = driver('e-purchasing');
    assert.equal(d.stage(), 'product_selection');
    await d.do('submit_cart', pp, directCart);
    assert.equal(d.stage(), 'ppk_approval');
    const order = d.data<{ vendorId: string; total: number; mode: string }>('order');
    assert.deepEqual([order.vendorId, order.total, order.mode], [vendorA.id, CATALOGUE, 'langsung']);
    assert.equal(d.refuse('approve_order', pp, { orderNumber: 'SP-1' }).code, 'forbidden_role');
    await approveToSuratPesanan(d, vendorA, CATALOGUE);
    assert.equal(d.data<{ orderNumber: string }>('ppkApproval').orderNumber, 'SP/2026/001');
    // The order is the Surat Pesanan's now: acceptance is the child's, and the order is not cancelled any more.
    assert.equal(d.refuse('accept_order', vendorA).code, 'unknown_task');
    assert.equal(d.refuse('cancel', ppk, { reason: 'Kebutuhan berubah di tengah jalan.' }).code, 'wrong_stage');
    suratPesananEnded(d, 'selesai', 'completed');
    assert.deepEqual([d.stage(), d.p.state.status, d.p.state.outcome], ['completed', 'selesai', 'completed']);
    assert.equal(d.p.nextDeadline(), undefined);
  });

  test('the cart payload: a mode names its provider(s); unknown fields are refused', () => {
    const d = driver('e-purchasing');
    assert.equal(d.refuse('submit_cart', pp, { mode: 'langsung', items }).code, 'invalid_payload');
    assert.equal(d.refuse('submit_cart', pp, { mode: 'mini_kompetisi', vendorId: vendorA.id, items }).code, 'invalid_payload');
    assert.equal(d.refuse('submit_cart', pp, { ...directCart, discount: 5 }).code, 'invalid_payload');
    assert.equal(d.refuse('submit_cart', pp, { ...directCart, items: [{ productId: 'x', quantity: 1, unitPrice: 1.5 }] }).code, 'invalid_payload');
  });

  test('a Pejabat Pengadaan cart above Rp200 m goes back to the cart with the reason; the PPK may order it', async () => {
    const d = driver('e-purchasing', 500_000_000);
    const big = { mode: 'langsung', vendorId: vendorA.id, items: [{ productId: 'kat-server', quantity: 3, unitPrice: 90_000_000 }] };
    await d.do('submit_cart', pp, big);
    assert.equal(d.stage(), 'product_selection');
    assert.deepEqual(
      d.data<{ code: string }[]>('cartCheck.problems').map((x) => x.code),
      ['melebihi_batas_pejabat_pengadaan'],
    );
    await d.do('submit_cart', ppk, big);
    assert.equal(d.stage(), 'ppk_approval');
    assert.equal(d.data<number>('order.total'), 270_000_000);
  });

  test('negotiation: a counter above the catalogue price is agreed, refused by the order check, then a lower price', async () => {
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, { ...directCart, mode: 'negosiasi' });
    assert.equal(d.stage(), 'negotiation');
    assert.equal(d.refuse('accept_counter', pp).code, 'no_counter_offer');
    await d.do('propose_price', pp, { price: 92_000_000 });
    assert.equal(d.stage(), 'negotiation_response');
    assert.equal(d.refuse('accept_price', vendorB).code, 'not_party');
    await d.do('counter_price', vendorA, { price: 103_000_000 });
    await d.do('accept_counter', pp);
    assert.equal(d.stage(), 'negotiation', 'a price above the catalogue price is not an agreement');
    assert.deepEqual(
      d.data<{ code: string }[]>('order.problems').map((x) => x.code),
      ['melebihi_harga_katalog'],
    );
    await d.do('propose_price', pp, { price: 96_000_000 });
    assert.equal(d.data('negotiation.counter'), undefined, 'a new proposal supersedes the counter');
    await d.do('accept_price', vendorA);
    assert.equal(d.stage(), 'ppk_approval');
    assert.equal(d.data<number>('order.total'), 96_000_000);
    await afterApprovalToSelesai(d, vendorA, 96_000_000);
  });

  test('negotiation refused by the provider fails the order (gagal)', async () => {
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, { ...directCart, mode: 'negosiasi' });
    await d.do('propose_price', pp, { price: 70_000_000 });
    await d.do('decline_negotiation', vendorA, { reason: 'Harga di bawah biaya produksi.' });
    assert.deepEqual([d.p.state.status, d.p.state.outcome], ['gagal', 'failed']);
  });

  test('mini-competition: only invited providers quote, sealed until ranking; the lowest valid quote wins', async () => {
    const d = driver('e-purchasing');
    const invited = [vendorA, vendorB, vendorC].map((v) => ({ vendorId: v.id }));
    await d.do('submit_cart', pp, { mode: 'mini_kompetisi', invited, items });
    assert.equal(d.stage(), 'mini_competition');
    const outsider: ActorRef = { id: 'vendor-z', name: 'PT Zeta', roles: ['penyedia'], org: 'pt-zeta' };
    assert.equal(d.refuse('submit_quote', outsider, { price: 1_000_000 }).code, 'not_invited');
    await d.do('submit_quote', vendorA, { price: 99_000_000 });
    await d.do('submit_quote', vendorB, { price: 104_000_000 }); // above the catalogue price
    await d.do('submit_quote', vendorC, { price: 98_500_000 });
    await d.do('submit_quote', vendorA, { price: 97_750_000 }); // a re-quote replaces the first
    const sealed = d.p.view().data.quotes as { sealed?: boolean; price?: number }[];
    assert.ok(
      sealed.every((q) => q.sealed && q.price === undefined),
      'quotes are sealed in the window',
    );
    await d.passDeadline();
    assert.equal(d.stage(), 'ppk_approval');
    assert.deepEqual(d.data('competition.winner'), { vendorId: vendorA.id, price: 97_750_000 });
    assert.deepEqual(
      d.data<{ vendorId: string }[]>('competition.failed').map((x) => x.vendorId),
      [vendorB.id],
    );
    assert.deepEqual([d.data('order.vendorId'), d.data('order.total')], [vendorA.id, 97_750_000]);
    await afterApprovalToSelesai(d, vendorA, 97_750_000);
  });

  test('mini-competition without a valid quote returns to the cart; a new cart starts a clean round', async () => {
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, { mode: 'mini_kompetisi', invited: [{ vendorId: vendorA.id }, { vendorId: vendorB.id }], items });
    await d.do('submit_quote', vendorB, { price: 120_000_000 });
    await d.passDeadline();
    assert.equal(d.stage(), 'product_selection');
    assert.equal(d.data('competition.winner'), undefined);
    await d.do('submit_cart', pp, directCart);
    assert.deepEqual([d.data('quotes'), d.data('competition')], [undefined, undefined]);
    assert.equal(d.stage(), 'ppk_approval');
  });

  test('the PPK does not approve within 3 working days: the order cancels itself (batal_otomatis)', async () => {
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, directCart); // Friday 10:00
    const v = d.p.view();
    // Friday + 3 working days = Wednesday, same hour (weekend skipped).
    assert.deepEqual(wibParts(v.stage.closesAt!), { year: 2026, month: 12, day: 16, hour: 10, minute: 0, dayOfWeek: 3 });
    assert.equal(v.stage.dueAt, v.stage.closesAt);
    await d.passDeadline();
    assert.deepEqual([d.p.state.status, d.p.state.outcome, d.stage()], ['batal_otomatis', 'cancelled', 'auto_cancelled']);
  });

  test('the PPK rejects the order (batal); the provider declines the Surat Pesanan (batal)', async () => {
    const a = driver('e-purchasing');
    await a.do('submit_cart', pp, directCart);
    await a.do('reject_order', ppk, { reason: 'Spesifikasi tidak sesuai kebutuhan.' });
    assert.deepEqual([a.p.state.status, a.stage()], ['batal', 'rejected']);
    assert.equal(a.data('contractStart'), undefined, 'a rejected order never goes to E-Kontrak');
    const b = driver('e-purchasing');
    await b.do('submit_cart', pp, directCart);
    await approveToSuratPesanan(b, vendorA, CATALOGUE);
    // The provider declined the order in the child (surat-pesanan 'declined', status batal).
    suratPesananEnded(b, 'batal', 'cancelled');
    assert.deepEqual([b.p.state.status, b.p.state.outcome, b.stage()], ['batal', 'cancelled', 'declined_by_provider']);
  });

  test('the Surat Pesanan terminated (diputus) ends the order as diputus', async () => {
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, directCart);
    await approveToSuratPesanan(d, vendorA, CATALOGUE);
    suratPesananEnded(d, 'diputus', 'failed');
    assert.deepEqual([d.p.state.status, d.p.state.outcome, d.stage()], ['diputus', 'failed', 'order_terminated']);
  });

  test('cancellation by the PPK or PA/KPA with a reason before the order goes to E-Kontrak', async () => {
    assert.deepEqual(getDefinition('e-purchasing')!.interrupts![0]!.notAt, HAND_OFF_STAGES);
    const d = driver('e-purchasing');
    await d.do('submit_cart', pp, { ...directCart, mode: 'negosiasi' });
    assert.equal(d.refuse('cancel', pp, { reason: 'Pejabat Pengadaan membatalkan.' }).code, 'forbidden_role');
    assert.equal(d.refuse('cancel', ppk, { reason: 'pendek' }).code, 'invalid_payload');
    await d.do('cancel', paKpa, { reason: 'Anggaran dialihkan untuk penanganan banjir.' });
    assert.deepEqual([d.p.state.status, d.p.state.outcome], ['batal', 'cancelled']);
  });
});

describe('swakelola — state machine', () => {
  const team = (experts: number, leaderId = ketua.id) => ({
    decreeNumber: 'SK/01/2026',
    leaderId,
    persiapan: [{ name: 'Andi' }],
    pelaksana: [{ name: 'Budi' }, { name: 'Citra' }, { name: 'Dedi', tenagaAhli: experts > 0 }, { name: 'Eka', tenagaAhli: experts > 1 }].concat(
      experts > 2
        ? [
            { name: 'Fajar', tenagaAhli: true },
            { name: 'Gita', tenagaAhli: true },
          ]
        : [],
    ),
    pengawas: [{ name: 'Hadi' }],
    value: 140_000_000,
  });

  /** The swakelola waits for its E-Kontrak child (pelaksanaan-swakelola) to end, with the executor at the value. */
  const expectExecution = (d: ReturnType<typeof driver>, leaderId: string, value: number) =>
    assertContractHandOff(d.p, { definitionId: 'pelaksanaan-swakelola', providerId: leaderId, value });

  test('Tipe I: team decree (experts ≤ 50%, with its value), then the execution in E-Kontrak → selesai', async () => {
    const d = driver('swakelola');
    assert.equal(d.refuse('set_type', ppk, { type: 'I' }).code, 'forbidden_role');
    await d.do('set_type', paKpa, { type: 'I' });
    assert.equal(d.stage(), 'team_formation');
    const { value: _value, ...noValue } = team(2);
    assert.equal(d.refuse('form_team', paKpa, noValue).code, 'invalid_payload', 'the decree names the value of the work');
    await d.do('form_team', paKpa, team(4)); // 4 of 6 are experts
    assert.equal(d.stage(), 'team_formation');
    assert.deepEqual(
      d.data<{ code: string }[]>('teamCheck.problems').map((x) => x.code),
      ['tenaga_ahli_melebihi_50_persen'],
    );
    assert.equal(d.data('contractStart'), undefined, 'a team that fails the check is not handed off');
    await d.do('form_team', paKpa, team(2));
    expectExecution(d, ketua.id, 140_000_000);
    // Once the team works, the package is not cancelled any more.
    assert.equal(d.refuse('cancel', ppk, { reason: 'Kegiatan dibatalkan oleh kepala dinas.' }).code, 'wrong_stage');
    // Progress reports are the child's now.
    assert.equal(d.refuse('submit_progress', ketua, { period: '2026-01', physicalPercent: 40, financialRealisation: 40_000_000 }).code, 'unknown_task');
    completeContractCall(d.p, d.now, { status: 'selesai', outcome: 'completed' });
    assert.deepEqual([d.stage(), d.p.state.status, d.p.state.outcome], ['completed', 'selesai', 'completed']);
  });

  test('Tipe I: the PPK cannot lead the team whose reports they accept', async () => {
    const d = driver('swakelola');
    await d.do('set_type', paKpa, { type: 'I' });
    await d.do('form_team', paKpa, team(0, ppk.id));
    assert.deepEqual(
      d.data<{ code: string }[]>('teamCheck.problems').map((x) => x.code),
      ['ketua_tim_adalah_ppk'],
    );
    assert.equal(d.stage(), 'team_formation');
  });

  for (const [type, organisation, ended] of [
    ['II', 'Dinas Kesehatan Kota Tangerang', 'selesai'],
    ['III', 'Ormas Bina Lingkungan', 'diputus'],
    ['IV', 'Kelompok Masyarakat RW 05', 'selesai'],
  ] as const) {
    test(`Tipe ${type}: ${type === 'II' ? 'cooperation agreement, ' : ''}the PPK appoints the executor, execution in E-Kontrak → ${ended}`, async () => {
      const d = driver('swakelola');
      await d.do('set_type', paKpa, { type });
      if (type === 'II') {
        assert.equal(d.stage(), 'cooperation_agreement');
        await d.do('sign_agreement', paKpa, { agreementNumber: 'KSP/01', partnerAgency: organisation });
      }
      assert.equal(d.stage(), 'executor_appointment');
      const executor = { leaderId: ormas.id, leaderName: 'Pak Ormas', organisation, value: 120_000_000 };
      assert.equal(d.refuse('appoint_executor', paKpa, executor).code, 'forbidden_role');
      const { value: _value, ...noValue } = executor;
      assert.equal(d.refuse('appoint_executor', ppk, noValue).code, 'invalid_payload', 'the contract value is required');
      await d.do('appoint_executor', ppk, executor);
      expectExecution(d, ormas.id, 120_000_000);
      assert.equal(d.refuse('cancel', ppk, { reason: 'Tidak jadi dilaksanakan tahun ini.' }).code, 'wrong_stage');
      assert.equal(d.refuse('sign_contract_leader', ormas).code, 'unknown_task', 'the leader signs in E-Kontrak');
      if (ended === 'selesai') {
        completeContractCall(d.p, d.now, { status: 'selesai', outcome: 'completed' });
        assert.deepEqual([d.stage(), d.p.state.status, d.p.state.outcome], ['completed', 'selesai', 'completed']);
      } else {
        completeContractCall(d.p, d.now, { status: 'diputus', outcome: 'failed' });
        assert.deepEqual([d.stage(), d.p.state.status, d.p.state.outcome], ['terminated', 'diputus', 'failed']);
      }
    });
  }

  test('cancellation before the execution (batal)', async () => {
    assert.deepEqual(getDefinition('swakelola')!.interrupts![0]!.notAt, HAND_OFF_STAGES);
    const d = driver('swakelola');
    await d.do('set_type', paKpa, { type: 'II' });
    assert.equal(d.stage(), 'cooperation_agreement');
    assert.equal(d.refuse('cancel', pokja, { reason: 'Pokja tidak berwenang membatalkan.' }).code, 'forbidden_role');
    await d.do('cancel', ppk, { reason: 'K/L/PD mitra menarik diri dari kerja sama.' });
    assert.deepEqual([d.p.state.status, d.stage()], ['batal', 'cancelled']);
  });
});
