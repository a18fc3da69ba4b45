/**
 * E-purchasing (Katalog Elektronik) and swakelola on the time-skipping server: every main path to its end and every
 * failure or cancellation branch at least once, with the real interpreter workflow, services and read model.
 */
import assert from 'node:assert/strict';
import { DEFAULT_CALENDAR } from '../domain/calendar/working-time';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { paKpa, ppk, vendorA, vendorB, vendorC } from './support/tender-fixture';

const pp: ActorRef = { id: 'pp-1', name: 'Rina (Pejabat Pengadaan)', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };
const ketua: ActorRef = { id: 'ketua-1', name: 'Ketua Tim Pelaksana', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };
const leaderOf = (id: string): ActorRef => ({ id, name: `Pimpinan ${id}`, roles: ['penyedia'], org: id });
const outsider: ActorRef = { id: 'vendor-z', name: 'PT Zeta', roles: ['penyedia'], org: 'pt-zeta' };

function input(definitionId: 'e-purchasing' | 'swakelola', packageId: string, pagu = 150_000_000): PackageInput {
  return {
    packageId,
    definition: getDefinition(definitionId)!,
    facts: {
      title: definitionId === 'e-purchasing' ? 'Pengadaan Laptop dan Printer Kantor' : 'Rehabilitasi Saluran Lingkungan',
      opd: 'Dinas PUPR Kota Tangerang',
      workUnit: 'Sekretariat',
      category: definitionId === 'e-purchasing' ? 'barang' : 'pekerjaan_konstruksi',
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

const items = [
  { productId: 'kat-laptop-14', name: 'Laptop 14 inci', quantity: 10, unitPrice: 9_500_000 },
  { productId: 'kat-printer-a4', quantity: 2, unitPrice: 3_250_000 },
]; // catalogue total Rp101.5 m
const directCart = { mode: 'langsung', providerId: vendorA.id, items };
const negotiationCart = { ...directCart, mode: 'negosiasi' };
const reason = (r: string) => ({ reason: r });
const dataAt = (data: Record<string, unknown>, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data);
const expectData = (path: string, value: unknown): ScenarioStep => ({
  check: (v) => assert.deepEqual(dataAt(v.data, path), value, path),
});

/** PPK approval to BAST, for the provider that won the order. */
const approveToBast = (provider: ActorRef): ScenarioStep[] => [
  { expectStage: 'ppk_approval' },
  { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/001' } },
  { refuse: 'accept_order', as: vendorB.id === provider.id ? vendorC : vendorB, status: 403, code: 'not_party' },
  { do: 'accept_order', as: provider },
  { do: 'report_delivery', as: provider, payload: { deliveryRef: 'SJ-001' } },
  { do: 'accept_receipt', as: ppk },
  { do: 'sign_bast', as: ppk, payload: { bastNumber: 'BAST/2026/001' } },
];

runScenarios('e-purchasing (Katalog Elektronik): modes, PPK approval, order, receipt', [
  {
    name: 'direct order (pembelian langsung) to BAST → selesai; no cancellation once the provider signs',
    input: input('e-purchasing', 'pkt-esdirect0001'),
    steps: [
      { refuse: 'submit_cart', as: pp, payload: { mode: 'langsung', items }, status: 422, code: 'invalid_payload' },
      { do: 'submit_cart', as: pp, payload: directCart },
      expectData('order.total', 101_500_000),
      { refuse: 'approve_order', as: pp, payload: { orderNumber: 'SP-1' }, status: 403, code: 'forbidden_role' },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/001' } },
      { expectStage: 'order_acceptance' },
      { refuse: 'cancel', as: ppk, payload: reason('Kebutuhan berubah setelah pesanan.'), status: 409, code: 'wrong_stage' },
      { do: 'accept_order', as: vendorA },
      { do: 'report_delivery', as: vendorA, payload: { deliveryRef: 'SJ-001' } },
      { do: 'accept_receipt', as: ppk },
      { do: 'sign_bast', as: ppk, payload: { bastNumber: 'BAST/2026/001' } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'negotiation: an agreed price above the catalogue is refused, a lower one agreed → selesai',
    input: input('e-purchasing', 'pkt-esnego00001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: negotiationCart },
      { expectStage: 'negotiation' },
      { refuse: 'accept_counter', as: pp, status: 409, code: 'no_counter_offer' },
      { do: 'propose_price', as: pp, payload: { price: 92_000_000 } },
      { refuse: 'counter_price', as: vendorB, payload: { price: 99_000_000 }, status: 403, code: 'not_party' },
      { do: 'counter_price', as: vendorA, payload: { price: 103_000_000 } },
      { do: 'accept_counter', as: pp },
      { expectStage: 'negotiation' },
      expectData('order.problems.0.code', 'melebihi_harga_katalog'),
      { do: 'propose_price', as: pp, payload: { price: 95_000_000 } },
      { do: 'counter_price', as: vendorA, payload: { price: 97_500_000 } },
      { do: 'accept_counter', as: pp },
      expectData('order.total', 97_500_000),
      ...approveToBast(vendorA),
    ],
    endStatus: 'selesai',
  },
  {
    name: 'mini-competition: invited providers quote sealed in the window; the lowest valid quote wins → selesai',
    input: input('e-purchasing', 'pkt-esmini00001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: { mode: 'mini_kompetisi', invited: [vendorA, vendorB, vendorC].map((v) => ({ providerId: v.id })), items } },
      { expectStage: 'mini_competition' },
      { refuse: 'submit_quote', as: outsider, payload: { price: 50_000_000 }, status: 403, code: 'not_invited' },
      { do: 'submit_quote', as: vendorA, payload: { price: 99_000_000 } },
      { do: 'submit_quote', as: vendorB, payload: { price: 104_000_000 } },
      { do: 'submit_quote', as: vendorC, payload: { price: 98_500_000, deliveryDays: 7 } },
      { check: (v) => assert.ok((v.data.quotes as { sealed?: boolean }[]).every((q) => q.sealed), 'sealed in the window') },
      { passDeadline: true },
      expectData('competition.winner', { vendorId: vendorC.id, price: 98_500_000 }),
      expectData('competition.failed.0.reasons', ['melebihi_harga_katalog']),
      expectData('order.providerId', vendorC.id),
      ...approveToBast(vendorC),
    ],
    endStatus: 'selesai',
  },
  {
    name: 'mini-competition without a valid quote returns to the cart; then cancelled by the PPK (batal)',
    input: input('e-purchasing', 'pkt-esminifail01'),
    steps: [
      { do: 'submit_cart', as: pp, payload: { mode: 'mini_kompetisi', invited: [{ providerId: vendorA.id }, { providerId: vendorB.id }], items } },
      { do: 'submit_quote', as: vendorA, payload: { price: 120_000_000 } },
      { passDeadline: true },
      { expectStage: 'product_selection' },
      { check: (v) => assert.equal(dataAt(v.data, 'competition.winner'), undefined) },
      { do: 'cancel', as: ppk, payload: reason('Tidak ada penyedia katalog yang sesuai harga.') },
    ],
    endStatus: 'batal',
  },
  {
    name: 'the PPK does not approve within 3 working days: the order cancels itself (batal_otomatis)',
    input: input('e-purchasing', 'pkt-esauto00001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { expectStage: 'ppk_approval' },
      { passDeadline: true },
      { expectStage: 'auto_cancelled' },
    ],
    endStatus: 'batal_otomatis',
  },
  {
    name: 'a delivery returned once at the receipt check, then accepted → selesai',
    input: input('e-purchasing', 'pkt-esreturn0001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/002' } },
      { do: 'accept_order', as: vendorA },
      { do: 'report_delivery', as: vendorA, payload: { deliveryRef: 'SJ-002' } },
      { do: 'return_delivery', as: ppk, payload: reason('Dua unit laptop rusak saat diterima.') },
      { expectStage: 'delivery' },
      { do: 'report_delivery', as: vendorA, payload: { deliveryRef: 'SJ-002-ganti' } },
      { do: 'accept_receipt', as: ppk },
      expectData('receiptReturns.0.reason', 'Dua unit laptop rusak saat diterima.'),
      { do: 'sign_bast', as: ppk, payload: { bastNumber: 'BAST/2026/002' } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'a Pejabat Pengadaan cart above Rp200 m returns to the cart; the PPK orders it, then rejects the order (batal)',
    input: input('e-purchasing', 'pkt-esreject0001', 500_000_000),
    steps: [
      { do: 'submit_cart', as: pp, payload: { ...directCart, items: [{ productId: 'kat-server', quantity: 3, unitPrice: 90_000_000 }] } },
      { expectStage: 'product_selection' },
      expectData('cartCheck.problems.0.code', 'melebihi_batas_pejabat_pengadaan'),
      { do: 'submit_cart', as: ppk, payload: { ...directCart, items: [{ productId: 'kat-server', quantity: 3, unitPrice: 90_000_000 }] } },
      { expectStage: 'ppk_approval' },
      { do: 'reject_order', as: ppk, payload: reason('Spesifikasi server tidak sesuai kebutuhan.') },
      { expectStage: 'rejected' },
    ],
    endStatus: 'batal',
  },
  {
    name: 'the provider declines the Surat Pesanan (batal)',
    input: input('e-purchasing', 'pkt-esdecline001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/003' } },
      { do: 'decline_order', as: vendorA, payload: reason('Stok produk habis di gudang.') },
      { expectStage: 'declined_by_provider' },
    ],
    endStatus: 'batal',
  },
  {
    name: 'the provider refuses to negotiate: the negotiation fails (gagal)',
    input: input('e-purchasing', 'pkt-esnegofail01'),
    steps: [
      { do: 'submit_cart', as: pp, payload: negotiationCart },
      { do: 'propose_price', as: pp, payload: { price: 60_000_000 } },
      { do: 'decline_negotiation', as: vendorA, payload: reason('Harga di bawah biaya produksi.') },
      { expectStage: 'negotiation_failed' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'cancellation by the PA/KPA during negotiation (batal)',
    input: input('e-purchasing', 'pkt-escancel0001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: negotiationCart },
      { refuse: 'cancel', as: pp, payload: reason('Pejabat Pengadaan ingin membatalkan.'), status: 403, code: 'forbidden_role' },
      { do: 'cancel', as: paKpa, payload: reason('Anggaran dialihkan untuk penanganan banjir.') },
    ],
    endStatus: 'batal',
  },
]);

// ---- swakelola -------------------------------------------------------------------------------------------------------

const report = (period: string, physicalPercent: number, financialRealisation: number) => ({ period, physicalPercent, financialRealisation });

/** Contract with the executing body's leader (Tipe II–IV), then two periods to 100% and the BAST. */
const contractToBast = (leader: ActorRef, organisation: string): ScenarioStep[] => [
  { expectStage: 'contract_signing' },
  { refuse: 'sign_contract_leader', as: leader, status: 403, code: 'not_party' },
  {
    do: 'sign_contract_ppk',
    as: ppk,
    payload: { contractNumber: 'KTR/SW/01', leaderId: leader.id, leaderName: leader.name, organisation, value: 120_000_000 },
  },
  { do: 'sign_contract_leader', as: leader },
  { expectStage: 'progress_report' },
  { refuse: 'submit_progress', as: ppk, payload: report('2026-03', 50, 1), status: 403, code: 'forbidden_role' },
  { do: 'submit_progress', as: leader, payload: report('2026-03', 55, 60_000_000) },
  { do: 'accept_progress', as: ppk },
  { expectStage: 'progress_report' },
  // Realisation beyond the contract value goes back before the PPK sees it.
  { do: 'submit_progress', as: leader, payload: report('2026-04', 100, 125_000_000) },
  { expectStage: 'progress_report' },
  expectData('progressCheck.problems.0.code', 'realisasi_melebihi_anggaran'),
  { do: 'submit_progress', as: leader, payload: report('2026-04', 100, 118_000_000) },
  { do: 'accept_progress', as: ppk },
  { expectStage: 'handover' },
  expectData('progressHistory.1.physicalPercent', 100),
  { do: 'sign_bast', as: ppk, payload: { bastNumber: 'BAST/SW/01' } },
];

runScenarios('swakelola: types I–IV, periodic reports, handover', [
  {
    name: 'Tipe I: team decree (experts ≤ 50%), a returned report, reports to 100%, BAST → selesai',
    input: input('swakelola', 'pkt-esswktipe1'),
    steps: [
      { do: 'set_type', as: paKpa, payload: { type: 'I' } },
      {
        do: 'form_team',
        as: paKpa,
        payload: {
          decreeNumber: 'SK/01/2026',
          leaderId: ketua.id,
          persiapan: [{ name: 'Andi' }],
          pelaksana: [{ name: 'Budi' }, { name: 'Dedi', tenagaAhli: true }, { name: 'Eka', tenagaAhli: true }],
          pengawas: [{ name: 'Hadi' }],
        },
      },
      { expectStage: 'team_formation' },
      expectData('teamCheck.problems.0.code', 'tenaga_ahli_melebihi_50_persen'),
      {
        do: 'form_team',
        as: paKpa,
        payload: {
          decreeNumber: 'SK/01/2026-rev',
          leaderId: ketua.id,
          persiapan: [{ name: 'Andi' }],
          pelaksana: [{ name: 'Budi' }, { name: 'Citra' }, { name: 'Dedi', tenagaAhli: true }],
          pengawas: [{ name: 'Hadi' }],
        },
      },
      { expectStage: 'progress_report' },
      { refuse: 'cancel', as: ppk, payload: reason('Kegiatan dibatalkan kepala dinas.'), status: 409, code: 'wrong_stage' },
      { refuse: 'submit_progress', as: leaderOf('orang-lain'), payload: report('2026-01', 40, 1), status: 403, code: 'not_party' },
      { do: 'submit_progress', as: ketua, payload: report('2026-01', 40, 50_000_000) },
      { do: 'return_progress', as: ppk, payload: reason('Lampirkan foto progres lapangan.') },
      { expectStage: 'progress_report' },
      { do: 'submit_progress', as: ketua, payload: { ...report('2026-01', 40, 50_000_000), note: 'foto terlampir' } },
      { do: 'accept_progress', as: ppk },
      { do: 'submit_progress', as: ketua, payload: report('2026-02', 100, 145_000_000) },
      { do: 'accept_progress', as: ppk },
      { expectStage: 'handover' },
      { do: 'sign_bast', as: ppk, payload: { bastNumber: 'BAST/SW/I' } },
    ],
    endStatus: 'selesai',
  },
  {
    name: 'Tipe II: cooperation agreement by the PA/KPA, contract with the other body’s team leader → selesai',
    input: input('swakelola', 'pkt-esswktipe2'),
    steps: [
      { do: 'set_type', as: paKpa, payload: { type: 'II' } },
      { expectStage: 'cooperation_agreement' },
      { refuse: 'sign_agreement', as: ppk, payload: { agreementNumber: 'KSP/1', partnerAgency: 'Dinkes' }, status: 403, code: 'forbidden_role' },
      { do: 'sign_agreement', as: paKpa, payload: { agreementNumber: 'KSP/01/2026', partnerAgency: 'Dinas Kesehatan Kota Tangerang' } },
      ...contractToBast(leaderOf('ketua-dinkes'), 'Dinas Kesehatan Kota Tangerang'),
    ],
    endStatus: 'selesai',
  },
  {
    name: 'Tipe III: PPK contract with the Ormas leader → selesai',
    input: input('swakelola', 'pkt-esswktipe3'),
    steps: [{ do: 'set_type', as: paKpa, payload: { type: 'III' } }, ...contractToBast(leaderOf('ketua-ormas'), 'Ormas Bina Lingkungan')],
    endStatus: 'selesai',
  },
  {
    name: 'Tipe IV: PPK contract with the community group leader → selesai',
    input: input('swakelola', 'pkt-esswktipe4'),
    steps: [{ do: 'set_type', as: paKpa, payload: { type: 'IV' } }, ...contractToBast(leaderOf('ketua-pokmas'), 'Kelompok Masyarakat RW 05')],
    endStatus: 'selesai',
  },
  {
    name: 'cancellation before the contract (batal)',
    input: input('swakelola', 'pkt-esswkcancel1'),
    steps: [
      { do: 'set_type', as: paKpa, payload: { type: 'II' } },
      { refuse: 'cancel', as: ketua, payload: reason('Bukan pejabat yang berwenang.'), status: 403, code: 'forbidden_role' },
      { do: 'cancel', as: ppk, payload: reason('K/L/PD mitra menarik diri dari kerja sama.') },
    ],
    endStatus: 'batal',
  },
]);
