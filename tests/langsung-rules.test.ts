/**
 * The rules of issue 13 for the direct methods, on the state machine (real engine, real services; the E-Kontrak terms
 * from the real hand-off input): who the head of the UKPBJ may assign to a Penunjukan Langsung by value (Perpres
 * 16/2018 Pasal 12, 13), the grounds of consultancy against those of goods/works/other services (Pasal 41(5), 38(5)),
 * the repeat-order limit (Pasal 41(6)), no HPS where Pasal 26(7) needs none, and the performance security on the
 * negotiated contract value (Pasal 33). The engine's own PackageProcess: every Pokja vote is cast here by hand.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import type { ContractBasis } from '../domain/contract/ledger';
import { contractTerms } from '../domain/contract/terms';
import { assessNegotiation } from '../domain/evaluation/negotiation';
import { refusal } from './support/refusal';
import type { ActorRef, PackageFacts, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { PackageProcess } from '../domain/process/engine';
import { completeServiceTask } from './support/pure-services';
import { paKpa, pokja, ppk, tenderInput, vendorA } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2057, 1, 8, 9, 0); // Monday 8 January 2057, 09:00 WIB
const pp: ActorRef = { id: 'pp-1', name: 'Rudi (PP)', roles: ['pejabat_pengadaan'], org: 'ukpbj' };
const head: ActorRef = { id: 'ukpbj-1', name: 'Ratna (Kepala UKPBJ)', roles: ['kepala_ukpbj'], org: 'ukpbj' };
const pokjaOf3 = [pokja.id, 'pokja-2', 'pokja-3'];
const pokja2: ActorRef = { ...pokja, id: 'pokja-2' };

function input(defId: string, packageId: string, facts: Partial<PackageFacts>): PackageInput {
  const base = tenderInput(packageId);
  return {
    ...base,
    definition: getDefinition(defId)!,
    facts: { ...base.facts, title: 'Paket Uji Pasal', fiscalYear: 2057, category: 'barang', pagu: 150_000_000, hps: 140_000_000, ...facts },
    assignments: { ppk: [ppk.id], kepala_ukpbj: [head.id], pa_kpa: [paKpa.id] },
  };
}

const act = (p: PackageProcess, action: string, actor: ActorRef, payload: Record<string, unknown> = {}) => p.perform({ action, actor, payload }, MON + HOUR);
const justify = (p: PackageProcess, circumstance: string, extra: Record<string, unknown> = {}) =>
  act(p, 'justify', ppk, { circumstance, vendorId: vendorA.id, reason: 'Hanya satu penyedia yang mampu.', ...extra });
const letter = (members: string[]) => ({ letterNumber: 'ST/UKPBJ/2057/001', members });

/** Justified (ground d, or the consultancy ground a) and waiting for the head's assignment. */
function atAssignment(id: string, facts: Partial<PackageFacts>): PackageProcess {
  const p = new PackageProcess(input('penunjukan-langsung', id, facts), MON);
  justify(p, facts.category === 'jasa_konsultansi' ? 'konsultansi_a' : 'd');
  assert.equal(p.currentNode.id, 'officer_assignment');
  return p;
}

async function reviewed(p: PackageProcess, reviewer: ActorRef): Promise<void> {
  act(p, 'review_dpp', reviewer, { result: 'sesuai', notes: 'Spesifikasi, HPS dan rancangan kontrak sesuai.' });
  act(p, 'cosign_dpp_review', ppk);
  await completeServiceTask(p, MON + HOUR);
}

describe('Penunjukan Langsung: who runs it (Pasal 12, 13)', () => {
  test('Perpres 16/2018 Pasal 12: up to Rp200.000.000 the head assigns a Pejabat Pengadaan; a Pokja is refused with Pasal 13', () => {
    const p = atAssignment('pkt-lsrule01', { hps: 200_000_000, pagu: 210_000_000 });
    const r = refusal(() => act(p, 'assign_pokja', head, letter(pokjaOf3)));
    assert.equal(r.status, 422);
    assert.equal(r.code, 'petugas_tidak_sesuai_nilai');
    assert.equal(r.details.rule, 'Perpres 16/2018 Pasal 13');
    assert.match(r.message, /paling banyak Rp200\.000\.000; jasa konsultansi Rp100\.000\.000/);
    assert.match(r.message, /Pasal 12/);
    act(p, 'assign_pejabat_pengadaan', head, letter([pp.id]));
    assert.equal(p.currentNode.id, 'dpp_review');
    assert.deepEqual(p.view().assignments.pejabat_pengadaan, [pp.id]);
  });

  test('Perpres 16/2018 Pasal 13: above Rp200.000.000 a Pokja (odd, at least 3) runs it; a Pejabat Pengadaan is refused with Pasal 12', async () => {
    const p = atAssignment('pkt-lsrule02', { hps: 200_000_001, pagu: 250_000_000 });
    const r = refusal(() => act(p, 'assign_pejabat_pengadaan', head, letter([pp.id])));
    assert.equal(r.code, 'petugas_tidak_sesuai_nilai');
    assert.equal(r.details.rule, 'Perpres 16/2018 Pasal 12');
    assert.equal(refusal(() => act(p, 'assign_pokja', head, letter([pokja.id, 'pokja-2']))).code, 'pokja_size');
    act(p, 'assign_pokja', head, letter(pokjaOf3));
    // The Pokja reviews the DPP and runs the invitation; the creation's officers do not matter any more.
    assert.equal(refusal(() => act(p, 'review_dpp', pp, { result: 'sesuai', notes: 'Dokumen persiapan sesuai.' })).code, 'not_assigned');
    await reviewed(p, pokja);
    assert.equal(p.currentNode.id, 'invitation');
    assert.equal(refusal(() => act(p, 'send_invitation', pp)).code, 'not_assigned');
    act(p, 'send_invitation', pokja);
    act(p, 'submit_offer', vendorA, { price: 240_000_000, qualificationRef: 'KUAL-1', offerRef: 'PNW-1' });
    // One member cannot decide the qualification alone: a second makes the majority of three.
    assert.equal(refusal(() => act(p, 'evaluate_qualification', pokja, { passed: true })).code, 'forbidden_role');
    act(p, 'evaluate_qualification_pokja', pokja, { passed: true });
    assert.equal(p.currentNode.id, 'qualification_evaluation');
    act(p, 'vote_decision', pokja2, { action: 'evaluate_qualification_pokja', agree: true });
    assert.equal(p.currentNode.id, 'negotiation');
  });

  test('Perpres 16/2018 Pasal 12: for consultancy the Pejabat Pengadaan limit is Rp100.000.000', () => {
    const within = atAssignment('pkt-lsrule03', { category: 'jasa_konsultansi', hps: 100_000_000, pagu: 100_000_000 });
    assert.equal(refusal(() => act(within, 'assign_pokja', head, letter(pokjaOf3))).code, 'petugas_tidak_sesuai_nilai');
    act(within, 'assign_pejabat_pengadaan', head, letter([pp.id]));
    const above = atAssignment('pkt-lsrule04', { category: 'jasa_konsultansi', hps: 150_000_000, pagu: 160_000_000 });
    assert.equal(refusal(() => act(above, 'assign_pejabat_pengadaan', head, letter([pp.id]))).code, 'petugas_tidak_sesuai_nilai');
    act(above, 'assign_pokja', head, letter(pokjaOf3));
    assert.equal(above.currentNode.id, 'dpp_review');
  });

  test('only the head of the UKPBJ assigns (not the PPK)', () => {
    const p = atAssignment('pkt-lsrule05', {});
    assert.equal(refusal(() => act(p, 'assign_pejabat_pengadaan', ppk, letter([pp.id]))).code, 'forbidden_role');
  });
});

describe('Penunjukan Langsung: grounds by category (Pasal 38(5), 41(5), 41(6))', () => {
  test('Perpres 16/2018 Pasal 41 ayat (5): consultancy refuses a ground of Pasal 38(5) and takes its own a–d', () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsrule10', { category: 'jasa_konsultansi', pagu: 90_000_000, hps: 90_000_000 }), MON);
    const r = refusal(() => justify(p, 'd'));
    assert.equal(r.status, 422);
    assert.equal(r.code, 'keadaan_tertentu_tidak_sesuai');
    assert.equal(r.details.rule, 'Perpres 16/2018 Pasal 41 ayat (5)');
    assert.match(r.message, /Pasal 41 ayat \(5\) huruf a–d/);
    justify(p, 'konsultansi_c');
    assert.equal(p.currentNode.id, 'officer_assignment');
  });

  test('Perpres 16/2018 Pasal 38 ayat (5): goods, works and other services refuse a consultancy ground', () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsrule11', { category: 'pekerjaan_konstruksi' }), MON);
    const r = refusal(() => justify(p, 'konsultansi_a'));
    assert.equal(r.code, 'keadaan_tertentu_tidak_sesuai');
    assert.equal(r.details.rule, 'Perpres 16/2018 Pasal 38 ayat (5)');
    justify(p, 'c');
    assert.equal(p.currentNode.id, 'officer_assignment');
  });

  test('Perpres 16/2018 Pasal 41 ayat (6): a repeat order at most twice, and it must say which one', () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsrule12', { category: 'jasa_konsultansi', pagu: 90_000_000, hps: 90_000_000 }), MON);
    const missing = refusal(() => justify(p, 'konsultansi_d'));
    assert.equal(missing.code, 'invalid_payload');
    assert.deepEqual(missing.details.errors, [{ path: '#/repeatOrderNumber', message: "isian wajib belum diisi: 'repeatOrderNumber'" }]);
    const third = refusal(() => justify(p, 'konsultansi_d', { repeatOrderNumber: 3 }));
    assert.equal(third.code, 'repeat_order_melebihi_batas');
    assert.equal(third.details.rule, 'Perpres 16/2018 Pasal 41 ayat (6)');
    justify(p, 'konsultansi_d', { repeatOrderNumber: 2 });
    assert.equal(p.currentNode.id, 'officer_assignment');
  });
});

describe('Pasal 26 ayat (7) and Pasal 33 in the direct methods', () => {
  test('Perpres 16/2018 Pasal 26 ayat (7): with a pagu of at most Rp10.000.000 the negotiated price is held to the pagu, not to an HPS', () => {
    const agreed = {
      providerId: 'v',
      offerPrice: 9_800_000,
      hps: 9_000_000,
      pagu: 10_000_000,
      officer: { agreed: true, agreedPrice: 9_500_000 },
      provider: { agree: true },
    };
    assert.deepEqual(assessNegotiation({ ...agreed, hpsExempt: true }), {
      agreed: true,
      winner: { vendorId: 'v', price: 9_500_000, offerPrice: 9_800_000 },
      reasons: [],
      ceiling: { basis: 'pagu', amount: 10_000_000 },
    });
    // Without the exemption the same price is above the HPS; with it, above the pagu is still refused.
    assert.deepEqual(assessNegotiation(agreed).reasons, ['melebihi_hps']);
    assert.deepEqual(assessNegotiation({ ...agreed, hpsExempt: true, offerPrice: 10_500_000, officer: { agreed: true, agreedPrice: 10_200_000 } }).reasons, [
      'melebihi_pagu',
    ]);
  });

  test('Perpres 16/2018 Pasal 26 ayat (7): Pengadaan Langsung B of Rp9.500.000 pagu agrees above its HPS but within the pagu', async () => {
    const p = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsrule20', { pagu: 9_500_000, hps: 9_000_000 }), MON);
    act(p, 'assign_officers', head, letter([pp.id]));
    await reviewed(p, pp);
    act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-1' });
    act(p, 'submit_quotation', vendorA, { price: 9_400_000, documentRef: 'PNW-1' });
    act(p, 'evaluate_quotation', pp, { administrasi: true, kualifikasi: true, teknis: true });
    act(p, 'record_negotiation', pp, { agreed: true, agreedPrice: 9_300_000, technicalNotes: 'Sesuai.' });
    act(p, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(p, MON + 2 * HOUR);
    const award = p.state.data.award as { winner?: { price: number }; ceiling: unknown };
    assert.equal(award.winner?.price, 9_300_000);
    assert.deepEqual(award.ceiling, { basis: 'pagu', amount: 9_500_000 });
  });

  /** The E-Kontrak terms as the contract computes them from what the hand-off passed (domain/contract/terms.ts). */
  function securityOf(p: PackageProcess): { basis: ContractBasis; amount?: number } {
    const child = p.state.data.contractStart as PackageInput;
    const basis = child.facts.contractBasis!;
    const terms = contractTerms({
      category: child.facts.category,
      value: basis.value,
      bidPrice: basis.bidPrice,
      hps: child.facts.hps,
      ...(basis.securityBasis ? { securityBasis: basis.securityBasis } : {}),
      smallBusiness: false,
      multiYear: false,
      kind: basis.kind,
    });
    return { basis, amount: terms.performanceSecurity.amount };
  }

  test('Perpres 16/2018 Pasal 33: Pengadaan Langsung B construction — 5% of the negotiated Rp360.000.000 (Rp18.000.000), not of the Rp380.000.000 quotation', async () => {
    // Construction up to Rp400 m under Perpres 46/2025 (Pasal 1 angka 40a).
    const p = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsrule21', { category: 'pekerjaan_konstruksi', pagu: 400_000_000, hps: 390_000_000 }), MON);
    act(p, 'assign_officers', head, letter([pp.id]));
    await reviewed(p, pp);
    act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-1' });
    act(p, 'submit_quotation', vendorA, { price: 380_000_000, documentRef: 'PNW-1' });
    act(p, 'evaluate_quotation', pp, { administrasi: true, kualifikasi: true, teknis: true });
    act(p, 'record_negotiation', pp, { agreed: true, agreedPrice: 360_000_000, technicalNotes: 'Metode kerja disepakati.' });
    act(p, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(p, MON + 2 * HOUR); // negotiation result
    await completeServiceTask(p, MON + 2 * HOUR); // hand-off to E-Kontrak
    const { basis, amount } = securityOf(p);
    assert.equal(basis.value, 360_000_000);
    assert.equal(basis.bidPrice, 360_000_000, 'the security is judged on the negotiated price');
    assert.equal(amount, 18_000_000);
  });

  test('Perpres 16/2018 Pasal 33: Penunjukan Langsung — 5% of the negotiated Rp240.000.000 (Rp12.000.000), not of the Rp260.000.000 offer', async () => {
    const p = atAssignment('pkt-lsrule22', { pagu: 270_000_000, hps: 265_000_000 });
    act(p, 'assign_pokja', head, letter(pokjaOf3));
    await reviewed(p, pokja);
    act(p, 'send_invitation', pokja);
    act(p, 'submit_offer', vendorA, { price: 260_000_000, qualificationRef: 'KUAL-1', offerRef: 'PNW-1' });
    act(p, 'evaluate_qualification_pokja', pokja, { passed: true });
    act(p, 'vote_decision', pokja2, { action: 'evaluate_qualification_pokja', agree: true });
    act(p, 'record_negotiation', pokja, { agreed: true, agreedPrice: 240_000_000, technicalNotes: 'Harga turun.' });
    act(p, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(p, MON + 2 * HOUR);
    assert.deepEqual((p.state.data.award as { performanceSecurity: unknown }).performanceSecurity, {
      required: true,
      amount: 12_000_000,
      basis: 'nilai_kontrak',
    });
    act(p, 'decide_award_pokja', pokja);
    act(p, 'vote_decision', pokja2, { action: 'decide_award_pokja', agree: true });
    act(p, 'issue_sppbj', ppk, { number: 'SPPBJ/PENL/2057/01' });
    await completeServiceTask(p, MON + 2 * HOUR); // SPPBJ document
    await completeServiceTask(p, MON + 2 * HOUR); // hand-off to E-Kontrak
    const { basis, amount } = securityOf(p);
    assert.deepEqual([basis.value, basis.bidPrice, amount], [240_000_000, 240_000_000, 12_000_000]);
  });
});
