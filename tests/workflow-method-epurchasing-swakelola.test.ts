/**
 * E-purchasing (Katalog Elektronik) and swakelola on the time-skipping server: every main path to its end and every
 * failure or cancellation branch at least once, with the real interpreter workflow, services and read model. The
 * Surat Pesanan and the swakelola agreement run as E-Kontrak children ({ in: 'contract' }); the package waits for
 * its child to end and ends accordingly (selesai, batal when the provider declines, diputus when terminated).
 */
import assert from 'node:assert/strict';
import { DEFAULT_CALENDAR } from '../domain/calendar/working-time';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { refuseSignature, settlesAt, sign } from './support/hand-off-steps';
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
const directCart = { mode: 'langsung', vendorId: vendorA.id, items };
const negotiationCart = { ...directCart, mode: 'negosiasi' };
const reason = (r: string) => ({ reason: r });
const dataAt = (data: Record<string, unknown>, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data);
const expectData = (path: string, value: unknown): ScenarioStep => ({
  check: (v) => assert.deepEqual(dataAt(v.data, path), value, path),
});

/** The Surat Pesanan (an E-Kontrak child of the order) drafted by the PPK, with the delivery period in days. */
const draftOrder = (number: string): ScenarioStep => ({
  do: 'draft_contract',
  as: ppk,
  payload: { number, durationDays: 14, plannedProgress: [100] },
});

/** In the Surat Pesanan: both signatures on its hash, the provider delivers. */
const signAndDeliver = (provider: ActorRef, orderNumber: string): ScenarioStep[] => [
  draftOrder(orderNumber),
  { expectStage: 'contract_signing' },
  refuseSignature('sign_contract_penyedia', vendorB.id === provider.id ? vendorC : vendorB, 'surat_pesanan', 403, 'not_party'),
  sign('sign_contract_ppk', ppk, 'surat_pesanan'),
  sign('sign_contract_penyedia', provider, 'surat_pesanan'),
  { expectStage: 'delivery' },
  { do: 'record_delivery', as: provider, payload: { deliveryNote: 'SJ-001' } },
  { expectStage: 'receipt_check' },
];

/** Receipt accepted with a BAST, paid, provider rated: the Surat Pesanan ends, and with it the order (selesai). */
const receiptToEnd = (bastNumber: string): ScenarioStep[] => [
  { do: 'accept_receipt', as: ppk, payload: { bastNumber } },
  { expectStage: 'final_payment' },
  { check: (v) => assert.ok((v.data.documents as Record<string, unknown>).bast, 'BAST generated') },
  { do: 'pay_final', as: ppk },
  { do: 'rate_provider', as: ppk, payload: { quality: 4, cost: 4, time: 4, service: 4 } },
  { in: 'package' },
  settlesAt('completed', (v) => assert.equal(v.status, 'selesai')),
];

/** PPK approval, then the Surat Pesanan in E-Kontrak to its end, for the provider that won the order. */
const approveToBast = (provider: ActorRef): ScenarioStep[] => [
  { expectStage: 'ppk_approval' },
  { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/001' } },
  { expectStage: 'contract_execution' },
  { in: 'contract' },
  ...signAndDeliver(provider, 'SP/2026/001'),
  ...receiptToEnd('BAST/2026/001'),
];

runScenarios('e-purchasing (Katalog Elektronik): modes, PPK approval, order, receipt', [
  {
    name: 'direct order (pembelian langsung) through its Surat Pesanan to BAST → selesai; no cancellation once handed to E-Kontrak',
    input: input('e-purchasing', 'pkt-esdirect0001'),
    steps: [
      { refuse: 'submit_cart', as: pp, payload: { mode: 'langsung', items }, status: 422, code: 'invalid_payload' },
      { do: 'submit_cart', as: pp, payload: directCart },
      expectData('order.total', 101_500_000),
      { refuse: 'approve_order', as: pp, payload: { orderNumber: 'SP-1' }, status: 403, code: 'forbidden_role' },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/001' } },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: ppk, payload: reason('Kebutuhan berubah setelah pesanan.'), status: 409, code: 'wrong_stage' },
      {
        check: (v) => {
          const start = v.data.contractStart as { packageId: string; definition: { id: string } };
          assert.equal(start.definition.id, 'surat-pesanan');
        },
      },
      { in: 'contract' },
      {
        check: (v) => {
          const basis = v.facts.contractBasis as { kind: string; vendorId: string; value: number; parentPackageId: string };
          assert.deepEqual([basis.kind, basis.vendorId, basis.value, basis.parentPackageId], ['surat_pesanan', vendorA.id, 101_500_000, 'pkt-esdirect0001']);
        },
      },
      ...signAndDeliver(vendorA, 'SP/2026/001'),
      ...receiptToEnd('BAST/2026/001'),
      expectData('contractLink.status', 'selesai'),
    ],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
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
    contractEndStatus: 'selesai',
  },
  {
    name: 'mini-competition: invited providers quote sealed in the window; the lowest valid quote wins → selesai',
    input: input('e-purchasing', 'pkt-esmini00001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: { mode: 'mini_kompetisi', invited: [vendorA, vendorB, vendorC].map((v) => ({ vendorId: v.id })), items } },
      { expectStage: 'mini_competition' },
      { refuse: 'submit_quote', as: outsider, payload: { price: 50_000_000 }, status: 403, code: 'not_invited' },
      { do: 'submit_quote', as: vendorA, payload: { price: 99_000_000 } },
      { do: 'submit_quote', as: vendorB, payload: { price: 104_000_000 } },
      { do: 'submit_quote', as: vendorC, payload: { price: 98_500_000, deliveryDays: 7 } },
      {
        check: (v) =>
          assert.ok(
            (v.data.quotes as { sealed?: boolean }[]).every((q) => q.sealed),
            'sealed in the window',
          ),
      },
      { passDeadline: true },
      expectData('competition.winner', { vendorId: vendorC.id, price: 98_500_000 }),
      expectData('competition.failed.0.reasons', ['melebihi_harga_katalog']),
      expectData('order.vendorId', vendorC.id),
      ...approveToBast(vendorC),
    ],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
  },
  {
    name: 'mini-competition without a valid quote returns to the cart; then cancelled by the PPK (batal)',
    input: input('e-purchasing', 'pkt-esminifail01'),
    steps: [
      { do: 'submit_cart', as: pp, payload: { mode: 'mini_kompetisi', invited: [{ vendorId: vendorA.id }, { vendorId: vendorB.id }], items } },
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
    steps: [{ do: 'submit_cart', as: pp, payload: directCart }, { expectStage: 'ppk_approval' }, { passDeadline: true }, { expectStage: 'auto_cancelled' }],
    endStatus: 'batal_otomatis',
  },
  {
    name: 'a delivery returned once at the receipt check, then accepted → selesai',
    input: input('e-purchasing', 'pkt-esreturn0001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/002' } },
      { in: 'contract' },
      ...signAndDeliver(vendorA, 'SP/2026/002'),
      { refuse: 'return_delivery', as: vendorA, payload: reason('Penyedia tidak boleh menolak.'), status: 403, code: 'forbidden_role' },
      { do: 'return_delivery', as: ppk, payload: reason('Dua unit laptop rusak saat diterima.') },
      { expectStage: 'redelivery' },
      { do: 'redeliver', as: vendorA, payload: { note: 'SJ-002-ganti: unit pengganti dikirim' } },
      { expectStage: 'receipt_check' },
      expectData('receiptProblem.reason', 'Dua unit laptop rusak saat diterima.'),
      ...receiptToEnd('BAST/2026/002'),
    ],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
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
    name: 'the provider declines the Surat Pesanan in E-Kontrak: the order ends declined_by_provider (batal)',
    input: input('e-purchasing', 'pkt-esdecline001'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/003' } },
      { in: 'contract' },
      draftOrder('SP/2026/003'),
      { expectStage: 'contract_signing' },
      { refuse: 'decline_order', as: vendorB, payload: reason('Bukan pesanan kami.'), status: 403, code: 'not_party' },
      { do: 'decline_order', as: vendorA, payload: reason('Stok produk habis di gudang.') },
      { in: 'package' },
      settlesAt('declined_by_provider', (v) => assert.deepEqual([v.status, (v.data.contractLink as { status: string }).status], ['batal', 'batal'])),
    ],
    endStatus: 'batal',
    contractEndStatus: 'batal',
  },
  {
    name: 'the PPK terminates the signed Surat Pesanan during delivery: the order ends order_terminated (diputus)',
    input: input('e-purchasing', 'pkt-esterminate1'),
    steps: [
      { do: 'submit_cart', as: pp, payload: directCart },
      { do: 'approve_order', as: ppk, payload: { orderNumber: 'SP/2026/004' } },
      { in: 'contract' },
      draftOrder('SP/2026/004'),
      sign('sign_contract_ppk', ppk, 'surat_pesanan'),
      sign('sign_contract_penyedia', vendorA, 'surat_pesanan'),
      { expectStage: 'delivery' },
      { in: 'package' },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: paKpa, payload: reason('Anggaran dialihkan.'), status: 409, code: 'wrong_stage' },
      { in: 'contract' },
      { refuse: 'terminate_contract', as: vendorA, payload: reason('Penyedia ingin berhenti.'), status: 403, code: 'forbidden_role' },
      { do: 'terminate_contract', as: ppk, payload: reason('Penyedia tidak mengirim barang sesuai pesanan.') },
      { in: 'package' },
      settlesAt('order_terminated', (v) => assert.equal(v.status, 'diputus')),
    ],
    endStatus: 'diputus',
    contractEndStatus: 'diputus',
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

const sha = (c: string) => c.repeat(64);
const report = (period: number, physicalPercent: number) => ({ period, physicalPercent, evidence: [{ name: `foto-periode-${period}.jpg`, sha256: sha('b') }] });
const review = (n: number, decision: 'terima' | 'kembalikan') => ({ reportId: `laporan-${n}`, decision });
const VALUE = 120_000_000;
const executor = (leader: ActorRef, organisation: string) => ({ leaderId: leader.id, leaderName: leader.name, organisation, value: VALUE });

/** The swakelola agreement (an E-Kontrak child) drafted by the PPK and signed on its hash by the PPK and the leader. */
const agreementSigned = (leader: ActorRef): ScenarioStep[] => [
  { expectStage: 'contract_execution' },
  { in: 'contract' },
  { do: 'draft_contract', as: ppk, payload: { number: 'KTR/SW/01', durationDays: 60, plannedProgress: [50, 100] } },
  { expectStage: 'contract_signing' },
  refuseSignature('sign_contract_penyedia', leaderOf('orang-lain'), 'kesepakatan_swakelola', 403, 'not_party'),
  sign('sign_contract_ppk', ppk, 'kesepakatan_swakelola'),
  sign('sign_contract_penyedia', leader, 'kesepakatan_swakelola'),
  { expectStage: 'execution' },
];

/** Tipe II–IV: the PPK appoints the executing body's leader with the value, then the agreement and two periods to 100%. */
const contractToBast = (leader: ActorRef, organisation: string): ScenarioStep[] => [
  { expectStage: 'executor_appointment' },
  { refuse: 'appoint_executor', as: paKpa, payload: executor(leader, organisation), status: 403, code: 'forbidden_role' },
  { refuse: 'appoint_executor', as: ppk, payload: { ...executor(leader, organisation), value: 1.5 }, status: 422, code: 'invalid_payload' },
  { do: 'appoint_executor', as: ppk, payload: executor(leader, organisation) },
  {
    check: (v) => {
      const start = v.data.contractStart as { definition: { id: string } };
      assert.equal(start.definition.id, 'pelaksanaan-swakelola');
    },
  },
  ...agreementSigned(leader),
  {
    check: (v) =>
      assert.deepEqual([(v.data.contract as { vendorId: string; value: number }).vendorId, (v.data.contract as { value: number }).value], [leader.id, VALUE]),
  },
  { refuse: 'submit_progress_report', as: ppk, payload: report(1, 50), status: 403, code: 'forbidden_role' },
  { do: 'submit_progress_report', as: leader, payload: report(1, 55) },
  { do: 'review_progress_report', as: ppk, payload: review(1, 'terima') },
  // Disbursements only against accepted progress: 55% of Rp120 m is Rp66 m.
  { refuse: 'pay_term', as: ppk, payload: { grossAmount: 70_000_000 }, status: 422, code: 'payment_exceeds_progress' },
  { do: 'pay_term', as: ppk, payload: { grossAmount: 66_000_000 } },
  { do: 'submit_progress_report', as: leader, payload: report(2, 100) },
  { refuse: 'request_handover', as: leader, status: 409, code: 'progress_incomplete' },
  { do: 'review_progress_report', as: ppk, payload: review(2, 'terima') },
  { do: 'request_handover', as: leader },
  { expectStage: 'inspection' },
  { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST/SW/01' } },
  { in: 'package' },
  settlesAt('completed', (v) => assert.equal((v.data.contractLink as { status: string }).status, 'selesai')),
];

runScenarios('swakelola: types I–IV, the agreement in E-Kontrak, periodic reports, handover', [
  {
    name: 'Tipe I: team decree (experts ≤ 50%) with its value, the agreement, a returned report, reports to 100%, BAST → selesai',
    input: input('swakelola', 'pkt-esswktipe1'),
    steps: [
      { do: 'set_type', as: paKpa, payload: { type: 'I' } },
      {
        refuse: 'form_team',
        as: paKpa,
        payload: {
          decreeNumber: 'SK/01/2026',
          leaderId: ketua.id,
          persiapan: [{ name: 'Andi' }],
          pelaksana: [{ name: 'Budi' }],
          pengawas: [{ name: 'Hadi' }],
        },
        status: 422,
        code: 'invalid_payload',
      },
      {
        do: 'form_team',
        as: paKpa,
        payload: {
          decreeNumber: 'SK/01/2026',
          leaderId: ketua.id,
          persiapan: [{ name: 'Andi' }],
          pelaksana: [{ name: 'Budi' }, { name: 'Dedi', tenagaAhli: true }, { name: 'Eka', tenagaAhli: true }],
          pengawas: [{ name: 'Hadi' }],
          value: 150_000_000,
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
          value: 150_000_000,
        },
      },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: ppk, payload: reason('Kegiatan dibatalkan kepala dinas.'), status: 409, code: 'wrong_stage' },
      { in: 'contract' },
      { do: 'draft_contract', as: ppk, payload: { number: 'KSP/SW/I', durationDays: 60, plannedProgress: [40, 100] } },
      sign('sign_contract_penyedia', ketua, 'kesepakatan_swakelola'),
      sign('sign_contract_ppk', ppk, 'kesepakatan_swakelola'),
      { expectStage: 'execution' },
      { refuse: 'submit_progress_report', as: leaderOf('orang-lain'), payload: report(1, 40), status: 403, code: 'not_party' },
      { do: 'submit_progress_report', as: ketua, payload: report(1, 40) },
      { do: 'review_progress_report', as: ppk, payload: { ...review(1, 'kembalikan'), note: 'Lampirkan foto progres lapangan.' } },
      { expectStage: 'execution' },
      { do: 'submit_progress_report', as: ketua, payload: { ...report(1, 40), note: 'foto terlampir' } },
      { do: 'review_progress_report', as: ppk, payload: review(2, 'terima') },
      { do: 'submit_progress_report', as: ketua, payload: report(2, 100) },
      { do: 'review_progress_report', as: ppk, payload: review(3, 'terima') },
      { do: 'pay_term', as: ppk, payload: { grossAmount: 150_000_000 } },
      { do: 'request_handover', as: ketua },
      { do: 'return_for_repair', as: ppk, payload: reason('Laporan keuangan belum lengkap.') },
      { expectStage: 'repair' },
      { do: 'resubmit_handover', as: ketua },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST/SW/I' } },
      {
        check: async (v, { db }) => {
          const row = await db('contracts').where({ package_id: v.packageId }).first();
          assert.equal(Number(row!.paid), 150_000_000, 'the whole value, no retention on swakelola');
          assert.equal(Number(row!.physical_progress), 100);
        },
      },
      { in: 'package' },
      settlesAt('completed'),
    ],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
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
    contractEndStatus: 'selesai',
  },
  {
    name: 'Tipe III: PPK contract with the Ormas leader → selesai',
    input: input('swakelola', 'pkt-esswktipe3'),
    steps: [{ do: 'set_type', as: paKpa, payload: { type: 'III' } }, ...contractToBast(leaderOf('ketua-ormas'), 'Ormas Bina Lingkungan')],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
  },
  {
    name: 'Tipe IV: PPK contract with the community group leader → selesai',
    input: input('swakelola', 'pkt-esswktipe4'),
    steps: [{ do: 'set_type', as: paKpa, payload: { type: 'IV' } }, ...contractToBast(leaderOf('ketua-pokmas'), 'Kelompok Masyarakat RW 05')],
    endStatus: 'selesai',
    contractEndStatus: 'selesai',
  },
  {
    name: 'Tipe IV: the PPK stops the signed agreement during execution → terminated (diputus)',
    input: input('swakelola', 'pkt-esswkputus1'),
    steps: [
      { do: 'set_type', as: paKpa, payload: { type: 'IV' } },
      { do: 'appoint_executor', as: ppk, payload: executor(leaderOf('ketua-pokmas'), 'Kelompok Masyarakat RW 07') },
      ...agreementSigned(leaderOf('ketua-pokmas')),
      { do: 'submit_progress_report', as: leaderOf('ketua-pokmas'), payload: report(1, 20) },
      { do: 'review_progress_report', as: ppk, payload: review(1, 'terima') },
      { refuse: 'terminate_contract', as: leaderOf('ketua-pokmas'), payload: reason('Ketua ingin berhenti.'), status: 403, code: 'forbidden_role' },
      { do: 'terminate_contract', as: ppk, payload: reason('Kelompok masyarakat tidak melanjutkan pekerjaan.') },
      { in: 'package' },
      settlesAt('terminated', (v) => assert.deepEqual([v.status, (v.data.contractLink as { status: string }).status], ['diputus', 'diputus'])),
    ],
    endStatus: 'diputus',
    contractEndStatus: 'diputus',
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
