/**
 * Penunjukan Langsung and Pengadaan Langsung (paths A and B) on the time-skipping server: each main path, every
 * failure branch, the Rp50 m receipt limit and cancellation, through the real interpreter workflow and activities.
 * The contract (path B: the SPK) is signed in its E-Kontrak child; a contract terminated before signing fails the
 * package (contract_not_signed).
 */
import assert from 'node:assert/strict';
import type { ActorRef, PackageFacts, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { DEFAULT_DRAFT } from './support/contract-signing';
import { terminateBeforeSigning } from './support/hand-off-steps';
import { runScenarios, type ScenarioStep } from './support/scenario';
import { paKpa, ppk, tenderInput, vendorA, vendorB } from './support/tender-fixture';

const pp: ActorRef = { id: 'pp-1', name: 'Rudi (PP)', roles: ['pejabat_pengadaan'], org: 'ukpbj' };
const head: ActorRef = { id: 'ukpbj-1', name: 'Ratna (Kepala UKPBJ)', roles: ['kepala_ukpbj'], org: 'ukpbj' };

function input(defId: string, packageId: string, facts: Partial<PackageFacts> = {}): PackageInput {
  const base = tenderInput(packageId);
  return {
    ...base,
    definition: getDefinition(defId)!,
    // Fiscal year 2057: this file's packages in the shared read model.
    facts: { ...base.facts, title: 'Pengadaan Suku Cadang Pompa', fiscalYear: 2057, category: 'barang', pagu: 150_000_000, hps: 140_000_000, ...facts },
    // Path A's Pejabat Pengadaan is named at creation; the others' is assigned by the head of the UKPBJ (Pasal 12).
    assignments:
      defId === 'pengadaan-langsung-a'
        ? { ppk: [ppk.id], pejabat_pengadaan: [pp.id], pa_kpa: [paKpa.id] }
        : { ppk: [ppk.id], kepala_ukpbj: [head.id], pa_kpa: [paKpa.id] },
  };
}

/** The head of the UKPBJ assigns the Pejabat Pengadaan, who reviews the DPP with the PPK (./preparation). */
const prepared = (assign: string): ScenarioStep[] => [
  { expectStage: 'officer_assignment' },
  { refuse: assign, as: ppk, payload: { letterNumber: 'ST/UKPBJ/2057/004', members: [pp.id] }, status: 403 },
  { do: assign, as: head, payload: { letterNumber: 'ST/UKPBJ/2057/004', members: [pp.id] } },
  { do: 'review_dpp', as: pp, payload: { result: 'sesuai', notes: 'Spesifikasi, HPS dan rancangan kontrak sesuai.' } },
  { do: 'cosign_dpp_review', as: ppk, payload: {} },
];

const reason = 'Pompa hanya dapat diperbaiki dengan suku cadang dari satu distributor resmi.';
const justify = (circumstance = 'd'): ScenarioStep => ({ do: 'justify', as: ppk, payload: { circumstance, vendorId: vendorA.id, reason } });
const offer = { price: 130_000_000, qualificationRef: 'KUAL-01', offerRef: 'PNW-01' };
const penlToNegotiation: ScenarioStep[] = [
  justify(),
  ...prepared('assign_pejabat_pengadaan'),
  { do: 'send_invitation', as: pp, payload: { documentRef: 'UND-01' } },
  { do: 'submit_offer', as: vendorA, payload: offer },
  { do: 'evaluate_qualification', as: pp, payload: { passed: true } },
  { expectStage: 'negotiation' },
];

const purchase = (amount: number, receiptKind = 'kuitansi') => ({
  vendorName: 'Toko Sumber Makmur',
  description: 'Kertas HVS 100 rim dan tinta printer',
  amount,
  receiptKind,
  receiptNumber: 'KW-2026-118',
});
const smallFacts = { title: 'Belanja Alat Tulis Kantor', pagu: 50_000_000, hps: 48_000_000 };

const quotation = { price: 135_000_000, documentRef: 'PNW-PL-01' };
/** Penunjukan Langsung from the justification to the SPPBJ: the contract goes to E-Kontrak. */
const penlToContract: ScenarioStep[] = [
  ...penlToNegotiation,
  { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 125_000_000, technicalNotes: 'Garansi 12 bulan.' } },
  { do: 'sign_negotiation', as: vendorA, payload: { agree: true } },
  { do: 'decide_award', as: pp, payload: { minutesRef: 'BA-HASIL-01' } },
  { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/PL/001' } },
  { expectStage: 'contract_execution' },
];

const plbToNegotiation: ScenarioStep[] = [
  ...prepared('assign_officers'),
  { do: 'request_quotation', as: pp, payload: { vendorId: vendorA.id, documentRef: 'UND-PL-01' } },
  { do: 'submit_quotation', as: vendorA, payload: quotation },
  { do: 'evaluate_quotation', as: pp, payload: { administrasi: true, kualifikasi: true, teknis: true } },
  { expectStage: 'negotiation' },
];

runScenarios('penunjukan langsung and pengadaan langsung', [
  {
    name: 'penunjukan langsung: main path to a signed contract',
    input: input('penunjukan-langsung', 'pkt-lswfpenl01'),
    steps: [
      { refuse: 'justify', as: pp, payload: { circumstance: 'd', vendorId: vendorA.id, reason }, status: 403 },
      { refuse: 'justify', as: ppk, payload: { circumstance: 'j', vendorId: vendorA.id, reason }, status: 422, code: 'invalid_payload' },
      // Pasal 38(5) is for goods, works, other services; Pasal 41(5) for consultancy.
      {
        refuse: 'justify',
        as: ppk,
        payload: { circumstance: 'konsultansi_a', vendorId: vendorA.id, reason },
        status: 422,
        code: 'keadaan_tertentu_tidak_sesuai',
      },
      justify(),
      // Rp140 m: a Pejabat Pengadaan's package (Pasal 12), not a Pokja's.
      {
        refuse: 'assign_pokja',
        as: head,
        payload: { letterNumber: 'ST/1', members: ['pokja-1', 'pokja-2', 'pokja-3'] },
        status: 422,
        code: 'petugas_tidak_sesuai_nilai',
      },
      ...prepared('assign_pejabat_pengadaan'),
      { expectStage: 'invitation' },
      { check: (v) => assert.ok((v.data.documents as Record<string, unknown>).ba_reviu_dpp, 'BA Hasil Reviu DPP generated') },
      { do: 'send_invitation', as: pp, payload: { documentRef: 'UND-01' } },
      { refuse: 'submit_offer', as: vendorB, payload: offer, status: 403, code: 'not_party' },
      { do: 'submit_offer', as: vendorA, payload: offer },
      { do: 'evaluate_qualification', as: pp, payload: { passed: true, minutesRef: 'BA-KUAL-01' } },
      { refuse: 'sign_negotiation', as: vendorA, payload: { agree: true }, status: 409, code: 'negotiation_not_recorded' },
      { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 125_000_000, technicalNotes: 'Garansi 12 bulan.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: true } },
      { expectStage: 'award' },
      {
        check: (v) => {
          const award = v.data.award as { winner: unknown; contractForm: string };
          assert.deepEqual(award.winner, { vendorId: vendorA.id, price: 125_000_000, offerPrice: 130_000_000 });
          assert.equal(award.contractForm, 'spk');
        },
      },
      { do: 'decide_award', as: pp, payload: { minutesRef: 'BA-HASIL-01' } },
      { do: 'issue_sppbj', as: ppk, payload: { number: 'SPPBJ/PL/001' } },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: ppk, payload: { reason: 'Terlambat untuk dibatalkan.' }, status: 409, code: 'wrong_stage' },
      { signContract: { ppk, provider: vendorA, draft: { ...DEFAULT_DRAFT, number: 'SPK/PL/001' } } },
      { expectStage: 'contract_signed' },
      {
        check: (v) => {
          assert.ok((v.data.documents as Record<string, unknown>).sppbj, 'SPPBJ document generated');
          assert.equal((v.data.contractLink as { milestone: string }).milestone, 'signed');
        },
      },
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'penunjukan langsung: the PPK terminates the contract before it is signed → gagal (contract_not_signed)',
    input: input('penunjukan-langsung', 'pkt-lswfpenl08'),
    steps: [...penlToContract, ...terminateBeforeSigning(ppk)],
    endStatus: 'gagal',
    contractEndStatus: 'diputus',
  },
  {
    name: 'penunjukan langsung: the provider fails qualification → gagal',
    input: input('penunjukan-langsung', 'pkt-lswfpenl02'),
    steps: [
      justify(),
      ...prepared('assign_pejabat_pengadaan'),
      { do: 'send_invitation', as: pp },
      { do: 'submit_offer', as: vendorA, payload: offer },
      { do: 'evaluate_qualification', as: pp, payload: { passed: false, note: 'Tidak memiliki izin usaha yang sesuai.' } },
      { expectStage: 'failed_qualification' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'penunjukan langsung: negotiation ends above the HPS → gagal',
    input: input('penunjukan-langsung', 'pkt-lswfpenl03'),
    steps: [
      ...penlToNegotiation,
      { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 145_000_000, technicalNotes: 'Harga tetap.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: true } },
      { expectStage: 'failed_negotiation' },
      { check: (v) => assert.ok((v.data.award as { reasons: string[] }).reasons.includes('melebihi_hps')) },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'penunjukan langsung: the provider rejects the negotiation → gagal',
    input: input('penunjukan-langsung', 'pkt-lswfpenl04'),
    steps: [
      ...penlToNegotiation,
      { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 110_000_000, technicalNotes: 'Diusulkan turun.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: false, note: 'Di bawah biaya produksi.' } },
      { expectStage: 'failed_negotiation' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'penunjukan langsung: no offer from the invited provider in time → gagal',
    input: input('penunjukan-langsung', 'pkt-lswfpenl05'),
    steps: [
      justify(),
      ...prepared('assign_pejabat_pengadaan'),
      { do: 'send_invitation', as: pp },
      { expectStage: 'submission' },
      { passDeadline: true },
      { expectStage: 'failed_no_offer' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'penunjukan langsung: circumstance h without the PA/KPA approval → gagal',
    input: input('penunjukan-langsung', 'pkt-lswfpenl06'),
    steps: [
      justify('h'),
      { expectStage: 'approval' },
      { refuse: 'approve_justification', as: ppk, payload: { approved: true }, status: 403 },
      { do: 'approve_justification', as: paKpa, payload: { approved: false, note: 'Masih ada waktu untuk tender.' } },
      { expectStage: 'not_approved' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'penunjukan langsung: cancelled by the PA/KPA during negotiation',
    input: input('penunjukan-langsung', 'pkt-lswfpenl07'),
    steps: [
      ...penlToNegotiation,
      { refuse: 'cancel', as: pp, payload: { reason: 'Kebutuhan sudah tidak ada.' }, status: 403 },
      { do: 'cancel', as: paKpa, payload: { reason: 'Anggaran dialihkan untuk penanganan bencana.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
  {
    name: 'pengadaan langsung A: purchase with a kuitansi, goods received → diterima',
    input: input('pengadaan-langsung-a', 'pkt-lswfpla01', smallFacts),
    steps: [
      { do: 'record_purchase', as: pp, payload: purchase(45_000_000) },
      { expectStage: 'receipt' },
      { do: 'accept_receipt', as: ppk, payload: { accepted: true, note: 'Sesuai pesanan.' } },
      { expectStage: 'received' },
    ],
    endStatus: 'diterima',
  },
  {
    name: 'pengadaan langsung A: receipt above Rp50 m refused; rejected goods; cancelled',
    input: input('pengadaan-langsung-a', 'pkt-lswfpla02', smallFacts),
    steps: [
      { refuse: 'record_purchase', as: pp, payload: purchase(60_000_000), status: 422, code: 'invalid_payload' },
      { refuse: 'record_purchase', as: pp, payload: purchase(15_000_000, 'bukti_pembelian'), status: 422, code: 'invalid_payload' },
      { do: 'record_purchase', as: pp, payload: purchase(45_000_000) },
      { refuse: 'cancel', as: ppk, payload: { reason: 'Sudah dibayar, tetap dibatalkan.' }, status: 409, code: 'wrong_stage' },
      { do: 'accept_receipt', as: pp, payload: { accepted: false, note: 'Kertas basah, dikembalikan.' } },
      { expectStage: 'purchase' },
      { do: 'cancel', as: ppk, payload: { reason: 'Toko tidak dapat mengganti barang.' } },
    ],
    endStatus: 'batal',
  },
  {
    name: 'pengadaan langsung A: a package above Rp50 m is refused by rule',
    input: input('pengadaan-langsung-a', 'pkt-lswfpla03', { pagu: 80_000_000, hps: 75_000_000 }),
    steps: [
      { refuse: 'record_purchase', as: pp, payload: purchase(45_000_000), status: 422, code: 'nilai_melebihi_batas_kuitansi' },
      { expectStage: 'purchase' },
      { do: 'cancel', as: ppk, payload: { reason: 'Dipindah ke Pengadaan Langsung dengan SPK.' } },
    ],
    endStatus: 'batal',
  },
  {
    name: 'pengadaan langsung B: main path to a signed SPK (in E-Kontrak, straight after the negotiation)',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb01'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...prepared('assign_officers'),
      { do: 'request_quotation', as: pp, payload: { vendorId: vendorA.id, documentRef: 'UND-PL-01' } },
      { refuse: 'submit_quotation', as: vendorB, payload: quotation, status: 403, code: 'not_party' },
      { do: 'submit_quotation', as: vendorA, payload: quotation },
      { do: 'evaluate_quotation', as: pp, payload: { administrasi: true, kualifikasi: true, teknis: true } },
      { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 132_000_000, technicalNotes: 'Kirim 14 hari.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: true } },
      { expectStage: 'contract_execution' },
      { refuse: 'cancel', as: ppk, payload: { reason: 'Terlambat untuk dibatalkan.' }, status: 409, code: 'wrong_stage' },
      // The SPK is drafted by the PPK, not by the Pejabat Pengadaan.
      { in: 'contract' },
      { refuse: 'draft_contract', as: pp, payload: { ...DEFAULT_DRAFT, number: 'SPK/01' }, status: 403, code: 'forbidden_role' },
      { in: 'package' },
      { signContract: { ppk, provider: vendorA, draft: { ...DEFAULT_DRAFT, number: 'SPK/PL/2026/01' } } },
      { expectStage: 'contract_signed' },
      {
        check: (v) => {
          assert.equal((v.data.documents as Record<string, unknown>).sppbj, undefined, 'no SPPBJ on this path');
          assert.equal((v.data.contractLink as { milestone: string }).milestone, 'signed');
        },
      },
    ],
    endStatus: 'contract_signed',
  },
  {
    name: 'pengadaan langsung B: the PPK terminates the SPK before it is signed → gagal (contract_not_signed)',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb06'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...plbToNegotiation,
      { do: 'record_negotiation', as: pp, payload: { agreed: true, agreedPrice: 132_000_000, technicalNotes: 'Kirim 14 hari.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: true } },
      ...terminateBeforeSigning(ppk),
    ],
    endStatus: 'gagal',
    contractEndStatus: 'diputus',
  },
  {
    name: 'pengadaan langsung B: no quotation within the period → gagal',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb02'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...prepared('assign_officers'),
      { refuse: 'request_quotation', as: vendorA, payload: { vendorId: vendorA.id, documentRef: 'UND' }, status: 403 },
      { do: 'request_quotation', as: pp, payload: { vendorId: vendorA.id, documentRef: 'UND-PL-01' } },
      { passDeadline: true },
      { expectStage: 'failed_no_quotation' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'pengadaan langsung B: the quotation fails evaluation → gagal',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb03'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...prepared('assign_officers'),
      { do: 'request_quotation', as: pp, payload: { vendorId: vendorA.id, documentRef: 'UND-PL-01' } },
      { do: 'submit_quotation', as: vendorA, payload: quotation },
      { do: 'evaluate_quotation', as: pp, payload: { administrasi: true, kualifikasi: false, teknis: true } },
      { expectStage: 'failed_evaluation' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'pengadaan langsung B: no agreement in negotiation → gagal',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb04'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...plbToNegotiation,
      { do: 'record_negotiation', as: pp, payload: { agreed: false, technicalNotes: 'Penyedia tidak menurunkan harga.' } },
      { do: 'sign_negotiation', as: vendorA, payload: { agree: false } },
      { expectStage: 'failed_negotiation' },
    ],
    endStatus: 'gagal',
  },
  {
    name: 'pengadaan langsung B: cancelled by the PPK while the quotation is awaited',
    input: input('pengadaan-langsung-b', 'pkt-lswfplb05'),
    // Prepared by the steps themselves: the head assigns one Pejabat Pengadaan, not the scenario's default Pokja.
    preparation: false,
    steps: [
      ...prepared('assign_officers'),
      { do: 'request_quotation', as: pp, payload: { vendorId: vendorA.id, documentRef: 'UND-PL-01' } },
      { refuse: 'cancel', as: vendorA, payload: { reason: 'Penyedia ingin membatalkan.' }, status: 403 },
      { do: 'cancel', as: ppk, payload: { reason: 'Kebutuhan dipenuhi dari stok gudang.' } },
      { expectStage: 'cancelled' },
    ],
    endStatus: 'batal',
  },
]);
