/**
 * State-machine tests of the direct methods: Penunjukan Langsung and Pengadaan Langsung paths A and B, and the pure
 * rules behind them (negotiation outcome, contract form, performance security).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibTimeText } from '../domain/calendar/wib-text';
import { wibDateTime } from '../domain/calendar/working-time';
import { contractFormFor, performanceSecurityFor } from '../domain/evaluation/contract-terms';
import { assessNegotiation } from '../domain/evaluation/negotiation';
// Sealed bids go in as envelopes and come back out at the opening, as they do through the API and the workflow.
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { refusal } from './support/refusal';
import type { ActorRef, PackageFacts, PackageInput } from '../domain/process/state';
import { getDefinition } from '../workflows/definitions';
import { HAND_OFF_STAGES } from '../workflows/definitions/stages';
import { assertContractHandOff, completeContractCall, completeServiceTask } from './support/pure-services';
import { paKpa, pokja, ppk, tenderInput, vendorA, vendorB } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0); // Monday 7 December 2026, 09:00 WIB
const pp: ActorRef = { id: 'pp-1', name: 'Rudi (PP)', roles: ['pejabat_pengadaan'], org: 'ukpbj' };
const HEAD_ID = 'ukpbj-1';

function input(defId: string, packageId: string, facts: Partial<PackageFacts> = {}, extra: Partial<PackageInput> = {}): PackageInput {
  const base = tenderInput(packageId);
  return {
    ...base,
    definition: getDefinition(defId)!,
    facts: { ...base.facts, title: 'Pengadaan Alat Tulis Kantor', category: 'barang', pagu: 150_000_000, hps: 140_000_000, ...facts },
    // Path A's Pejabat Pengadaan is named at creation; the others' is assigned by the head of the UKPBJ.
    assignments:
      defId === 'pengadaan-langsung-a'
        ? { ppk: [ppk.id], pejabat_pengadaan: [pp.id], pa_kpa: [paKpa.id] }
        : { ppk: [ppk.id], kepala_ukpbj: [HEAD_ID], pa_kpa: [paKpa.id] },
    ...extra,
  };
}

const act = (p: PackageProcess, action: string, actor: ActorRef, payload: Record<string, unknown> = {}, now = MON + HOUR) =>
  p.perform({ action, actor, payload }, now);

// ---- Penunjukan Langsung -----------------------------------------------------------------------------------------

const justification = (circumstance = 'd', vendorId = vendorA.id) => ({
  circumstance,
  vendorId,
  reason: 'Hanya satu penyedia yang mampu menyediakan suku cadang ini.',
});
const offer = { price: 130_000_000, qualificationRef: 'KUAL-01', offerRef: 'PNW-01' };

const head: ActorRef = { id: HEAD_ID, name: 'Ratna (Kepala UKPBJ)', roles: ['kepala_ukpbj'], org: 'ukpbj' };
const pokja2: ActorRef = { ...pokja, id: 'pokja-2', name: 'Agus (Pokja)' };
const pokja3: ActorRef = { ...pokja, id: 'pokja-3', name: 'Dewi (Pokja)' };

/**
 * The preparation (workflows/definitions/preparation.ts): the head of the UKPBJ assigns the runner with `assign`
 * (Penunjukan Langsung: assign_pejabat_pengadaan or assign_pokja by value; Pengadaan Langsung B: assign_officers),
 * the runner records the Reviu DPP, the PPK co-signs, and the BA is generated.
 */
async function prepare(p: PackageProcess, assign: string, members: ActorRef[] = [pp]): Promise<void> {
  assert.equal(p.currentNode.id, 'officer_assignment');
  act(p, assign, head, { letterNumber: 'ST/UKPBJ/2026/017', members: members.map((m) => m.id) });
  assert.equal(p.currentNode.id, 'dpp_review');
  act(p, 'review_dpp', members[0]!, { result: 'sesuai', notes: 'Spesifikasi, HPS dan rancangan kontrak sesuai.' });
  act(p, 'cosign_dpp_review', ppk, {});
  await completeServiceTask(p, MON + HOUR);
}

/** From the start to the negotiation stage, with the offer in. */
async function penlToNegotiation(p: PackageProcess, runner: ActorRef = pp): Promise<void> {
  act(p, 'justify', ppk, justification());
  await prepare(p, 'assign_pejabat_pengadaan');
  assert.equal(p.currentNode.id, 'invitation');
  act(p, 'send_invitation', runner, { documentRef: 'UND-01' });
  act(p, 'submit_offer', vendorA, offer);
  act(p, 'evaluate_qualification', runner, { passed: true });
  assert.equal(p.currentNode.id, 'negotiation');
}

describe('penunjukan langsung — state machine', () => {
  test('main path: justification, invitation, offer, qualification, negotiation, award, SPPBJ, contract', async () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine01'), MON);
    assert.equal(p.currentNode.id, 'justification');
    assert.equal(refusal(() => act(p, 'justify', pp, justification())).code, 'forbidden_role');
    act(p, 'justify', ppk, justification());
    await prepare(p, 'assign_pejabat_pengadaan');
    act(p, 'send_invitation', pp, { documentRef: 'UND-01' });
    assert.equal(p.currentNode.id, 'submission');
    const other = refusal(() => act(p, 'submit_offer', vendorB, offer));
    assert.equal(other.status, 403);
    assert.equal(other.code, 'not_party');
    act(p, 'submit_offer', vendorA, offer);
    act(p, 'evaluate_qualification', pp, { passed: true, minutesRef: 'BA-KUAL-01' });
    assert.equal(p.currentNode.id, 'negotiation');

    const early = refusal(() => act(p, 'sign_negotiation', vendorA, { agree: true }));
    assert.equal(early.status, 409);
    assert.equal(early.code, 'negotiation_not_recorded');
    const noPrice = refusal(() => act(p, 'record_negotiation', pp, { agreed: true, technicalNotes: 'Spesifikasi sesuai.' }));
    assert.equal(noPrice.code, 'invalid_payload', 'an agreement needs its price');
    act(p, 'record_negotiation', pp, { agreed: true, agreedPrice: 125_000_000, technicalNotes: 'Spesifikasi sesuai.' });
    assert.equal(p.currentNode.id, 'negotiation', 'the provider must sign the minutes too');
    act(p, 'sign_negotiation', vendorA, { agree: true });
    assert.equal(p.currentNode.id, 'negotiation_result');
    await completeServiceTask(p, MON + 2 * HOUR);
    assert.deepEqual(p.state.data.award, {
      agreed: true,
      winner: { vendorId: vendorA.id, price: 125_000_000, offerPrice: 130_000_000 },
      reasons: [],
      ceiling: { basis: 'hps', amount: 140_000_000 },
      contractForm: 'spk',
      performanceSecurity: { required: false },
    });

    assert.equal(p.currentNode.id, 'award');
    assert.equal(refusal(() => act(p, 'decide_award_pa', paKpa)).code, 'award_by_officer');
    act(p, 'decide_award', pp, { minutesRef: 'BA-HASIL-01' });
    act(p, 'issue_sppbj', ppk, { number: 'SPPBJ/PL/001' });
    assert.equal(p.currentNode.id, 'sppbj_document');
    await completeServiceTask(p, MON + 2 * HOUR);
    assert.equal((p.state.data.documents as { sppbj: { kind: string } }).sppbj.kind, 'sppbj');
    await completeServiceTask(p, MON + 2 * HOUR);
    // The contract (here an SPK, award.contractForm) is drafted and signed in E-Kontrak, at the negotiated price,
    // which is also what the performance security is judged on (Pasal 33), not the offer (130 m).
    assertContractHandOff(p, { definitionId: 'kontrak', providerId: vendorA.id, value: 125_000_000, waitFor: 'signed' });
    assert.equal(refusal(() => act(p, 'cancel', ppk, { reason: 'Terlambat untuk dibatalkan.' })).code, 'wrong_stage');
    assert.equal(refusal(() => act(p, 'sign_contract_penyedia', vendorA)).code, 'unknown_task');
    completeContractCall(p, MON + 3 * HOUR, { milestone: 'signed', status: 'spmk' });
    assert.equal(p.currentNode.id, 'contract_signed');
    assert.equal(p.state.status, 'contract_signed');
    assert.equal(p.state.outcome, 'completed');
  });

  test('circumstance h outside a failed tender asks the PA/KPA; refusal ends the package as gagal', () => {
    const approved = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine02'), MON);
    act(approved, 'justify', ppk, justification('h'));
    assert.equal(approved.currentNode.id, 'approval');
    assert.equal(refusal(() => act(approved, 'approve_justification', ppk, { approved: true })).code, 'forbidden_role');
    act(approved, 'approve_justification', paKpa, { approved: true });
    assert.equal(approved.currentNode.id, 'officer_assignment');

    const refused = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine03'), MON);
    act(refused, 'justify', ppk, justification('h'));
    act(refused, 'approve_justification', paKpa, { approved: false, note: 'Masih ada waktu untuk tender.' });
    assert.equal(refused.currentNode.id, 'not_approved');
    assert.equal(refused.state.status, 'gagal');

    // Started by the failed re-tender, whose PA/KPA already approved the switch (Pasal 51(10)).
    const followUp = new PackageProcess(
      input('penunjukan-langsung', 'pkt-lsengine04', { previousPackageId: 'pkt-tender0001', followUpReason: 'tender_ulang_gagal' }),
      MON,
    );
    act(followUp, 'justify', ppk, justification('h'));
    assert.equal(followUp.currentNode.id, 'invitation');
  });

  test('a follow-up package inherits the Pokja, which runs it without a new assignment (Pasal 13)', () => {
    const p = new PackageProcess(
      input(
        'penunjukan-langsung',
        'pkt-lsengine05',
        { pagu: 1_500_000_000, hps: 1_450_000_000, previousPackageId: 'pkt-tender0002', followUpReason: 'tender_ulang_gagal' },
        {
          assignments: { ppk: [ppk.id], pokja: [pokja.id, 'pokja-2', 'pokja-3'], pa_kpa: [paKpa.id] },
        },
      ),
      MON,
    );
    assert.equal(refusal(() => act(p, 'justify', pp, justification())).code, 'forbidden_role');
    act(p, 'justify', ppk, justification());
    assert.equal(refusal(() => act(p, 'send_invitation', pp)).code, 'not_assigned');
    act(p, 'send_invitation', pokja);
    assert.equal(p.currentNode.id, 'submission');
  });

  test('the provider fails qualification → gagal', async () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine06'), MON);
    act(p, 'justify', ppk, justification());
    await prepare(p, 'assign_pejabat_pengadaan');
    act(p, 'send_invitation', pp);
    act(p, 'submit_offer', vendorA, offer);
    act(p, 'evaluate_qualification', pp, { passed: false, note: 'SBU tidak sesuai.' });
    assert.equal(p.currentNode.id, 'failed_qualification');
    assert.equal(p.state.status, 'gagal');
  });

  test('negotiation fails when a side disagrees or the price stays above the HPS → gagal', async () => {
    const above = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine07'), MON);
    await penlToNegotiation(above);
    act(above, 'record_negotiation', pp, { agreed: true, agreedPrice: 141_000_000, technicalNotes: 'Harga tidak turun.' });
    act(above, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(above, MON + 2 * HOUR);
    assert.deepEqual((above.state.data.award as { reasons: string[] }).reasons, ['melebihi_hps', 'melebihi_penawaran']);
    assert.equal(above.currentNode.id, 'failed_negotiation');
    assert.equal(above.state.status, 'gagal');

    const disagree = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine08'), MON);
    await penlToNegotiation(disagree);
    act(disagree, 'record_negotiation', pp, { agreed: true, agreedPrice: 120_000_000, technicalNotes: 'Diusulkan turun.' });
    act(disagree, 'sign_negotiation', vendorA, { agree: false, note: 'Harga di bawah biaya produksi.' });
    await completeServiceTask(disagree, MON + 2 * HOUR);
    assert.equal(disagree.currentNode.id, 'failed_negotiation');
  });

  test('no offer from the invited provider before the deadline → gagal; a late offer is refused, the time in WIB', async () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine09'), MON);
    act(p, 'justify', ppk, justification());
    await prepare(p, 'assign_pejabat_pengadaan');
    act(p, 'send_invitation', pp);
    const d = p.nextDeadline()!;
    const late = refusal(() => act(p, 'submit_offer', vendorA, offer, d.at));
    assert.equal(late.code, 'deadline_passed');
    // Machines keep the ISO instant; people read it in WIB (`Kamis, 10 Desember 2026 17.00 WIB`).
    assert.equal(late.details.closedAt, new Date(d.at).toISOString());
    assert.equal(late.details.closedAtWib, wibTimeText(d.at));
    assert.match(String(late.details.closedAtWib), /^(Senin|Selasa|Rabu|Kamis|Jumat), \d{1,2} Desember 2026 \d{2}\.\d{2} WIB$/);
    assert.ok(late.message.includes(wibTimeText(d.at)), late.message);
    assert.equal(p.onTimer(d.at), true);
    assert.equal(p.currentNode.id, 'failed_no_offer');
    assert.equal(p.state.status, 'gagal');
  });

  test('above Rp100 bn pagu the PA sets the provider; the contract is a surat perjanjian with a security', async () => {
    const p = new PackageProcess(
      input(
        'penunjukan-langsung',
        'pkt-lsengine10',
        { category: 'pekerjaan_konstruksi', pagu: 120_000_000_000, hps: 110_000_000_000 },
        {
          assignments: { ppk: [ppk.id], kepala_ukpbj: [HEAD_ID], pa_kpa: [paKpa.id] },
        },
      ),
      MON,
    );
    act(p, 'justify', ppk, justification('c'));
    await prepare(p, 'assign_pokja', [pokja, pokja2, pokja3]);
    act(p, 'send_invitation', pokja);
    act(p, 'submit_offer', vendorA, { ...offer, price: 105_000_000_000 });
    // A Pokja decides the qualification collegially (the second member's vote is added by SealingPackageProcess;
    // the rule itself: tests/langsung-rules.test.ts).
    act(p, 'evaluate_qualification_pokja', pokja, { passed: true });
    assert.equal(p.currentNode.id, 'negotiation');
    act(p, 'record_negotiation', pokja, { agreed: true, agreedPrice: 80_000_000_000, technicalNotes: 'Metode kerja disepakati.' });
    act(p, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(p, MON + 2 * HOUR);
    const award = p.state.data.award as { contractForm: string; performanceSecurity: unknown };
    assert.equal(award.contractForm, 'surat_perjanjian');
    // 80 bn < 80% of 110 bn = 88 bn, so 5% of the HPS (Pasal 33).
    assert.deepEqual(award.performanceSecurity, { required: true, amount: 5_500_000_000, basis: 'hps' });
    const byPokja = refusal(() => act(p, 'decide_award_pokja', pokja));
    assert.equal(byPokja.status, 403);
    assert.equal(byPokja.code, 'award_by_pa_kpa');
    act(p, 'decide_award_pa', paKpa);
    assert.equal(p.currentNode.id, 'sppbj');
  });

  test('cancellation by the PPK or PA/KPA with a reason before the contract', async () => {
    const p = new PackageProcess(input('penunjukan-langsung', 'pkt-lsengine11'), MON);
    await penlToNegotiation(p);
    assert.equal(refusal(() => act(p, 'cancel', pp, { reason: 'Kebutuhan sudah tidak ada.' })).code, 'forbidden_role');
    assert.equal(refusal(() => act(p, 'cancel', ppk, { reason: 'pendek' })).code, 'invalid_payload');
    act(p, 'cancel', paKpa, { reason: 'Anggaran dialihkan untuk penanganan bencana.' });
    assert.equal(p.state.status, 'batal');
    assert.equal(p.state.outcome, 'cancelled');
  });
});

// ---- Pengadaan Langsung path A -------------------------------------------------------------------------------------

const purchase = (amount: number, receiptKind = 'kuitansi') => ({
  vendorName: 'Toko Sumber Makmur',
  description: 'Kertas HVS 100 rim dan tinta printer',
  amount,
  receiptKind,
  receiptNumber: 'KW-2026-118',
  receiptDate: '2026-12-07',
});

describe('pengadaan langsung A (pembelian langsung) — state machine', () => {
  const smallFacts = { pagu: 50_000_000, hps: 48_000_000 };

  test('main path: purchase with a kuitansi, goods received → diterima', () => {
    const p = new PackageProcess(input('pengadaan-langsung-a', 'pkt-lsengine20', smallFacts), MON);
    assert.equal(refusal(() => act(p, 'record_purchase', ppk, purchase(45_000_000))).code, 'forbidden_role');
    act(p, 'record_purchase', pp, purchase(45_000_000));
    assert.equal(p.currentNode.id, 'receipt');
    assert.equal(refusal(() => act(p, 'cancel', ppk, { reason: 'Sudah dibayar, tetap dibatalkan.' })).code, 'wrong_stage');
    act(p, 'accept_receipt', ppk, { accepted: true });
    assert.equal(p.state.status, 'diterima');
    assert.equal(p.state.outcome, 'completed');
  });

  test('receipt amounts above Rp50 m (kuitansi) or Rp10 m (bukti pembelian) are refused (Pasal 28)', () => {
    const p = new PackageProcess(input('pengadaan-langsung-a', 'pkt-lsengine21', smallFacts), MON);
    const above = refusal(() => act(p, 'record_purchase', pp, purchase(50_000_001)));
    assert.equal(above.status, 422);
    assert.equal(above.code, 'invalid_payload');
    assert.ok(JSON.stringify(above.details).includes('/amount'), JSON.stringify(above.details));
    assert.equal(refusal(() => act(p, 'record_purchase', pp, purchase(10_000_001, 'bukti_pembelian'))).code, 'invalid_payload');
    act(p, 'record_purchase', pp, purchase(10_000_000, 'bukti_pembelian'));
    assert.equal(p.currentNode.id, 'receipt');
  });

  test('a package above Rp50 m, or of works, cannot be a direct purchase', () => {
    const big = new PackageProcess(input('pengadaan-langsung-a', 'pkt-lsengine22', { pagu: 80_000_000, hps: 75_000_000 }), MON);
    const r = refusal(() => act(big, 'record_purchase', pp, purchase(45_000_000)));
    assert.equal(r.status, 422);
    assert.equal(r.code, 'nilai_melebihi_batas_kuitansi');
    const works = new PackageProcess(input('pengadaan-langsung-a', 'pkt-lsengine23', { ...smallFacts, category: 'pekerjaan_konstruksi' }), MON);
    assert.equal(refusal(() => act(works, 'record_purchase', pp, purchase(45_000_000))).code, 'kategori_tidak_sesuai');
  });

  test('non-conforming goods go back to purchase; cancellation is possible there again', () => {
    const p = new PackageProcess(input('pengadaan-langsung-a', 'pkt-lsengine24', smallFacts), MON);
    act(p, 'record_purchase', pp, purchase(45_000_000));
    act(p, 'accept_receipt', pp, { accepted: false, note: 'Kertas basah, dikembalikan.' });
    assert.equal(p.currentNode.id, 'purchase');
    act(p, 'cancel', ppk, { reason: 'Toko tidak dapat mengganti barang.' });
    assert.equal(p.state.status, 'batal');
  });
});

// ---- Pengadaan Langsung path B -------------------------------------------------------------------------------------

const quotation = { price: 135_000_000, documentRef: 'PNW-PL-01' };

async function plbToNegotiation(p: PackageProcess): Promise<void> {
  await prepare(p, 'assign_officers');
  act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-PL-01' });
  act(p, 'submit_quotation', vendorA, quotation);
  act(p, 'evaluate_quotation', pp, { administrasi: true, kualifikasi: true, teknis: true });
  assert.equal(p.currentNode.id, 'negotiation');
}

describe('pengadaan langsung B (permintaan penawaran, SPK) — state machine', () => {
  test('main path: request, quotation, evaluation, negotiation, then the SPK in E-Kontrak', async () => {
    const p = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsengine30'), MON);
    await prepare(p, 'assign_officers');
    act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-PL-01' });
    assert.equal(refusal(() => act(p, 'submit_quotation', vendorB, quotation)).code, 'not_party');
    act(p, 'submit_quotation', vendorA, quotation);
    act(p, 'evaluate_quotation', pp, { administrasi: true, kualifikasi: true, teknis: true });
    act(p, 'record_negotiation', pp, { agreed: true, agreedPrice: 138_000_000, technicalNotes: 'Waktu kirim 14 hari.' });
    act(p, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(p, MON + 2 * HOUR);
    // 138 m is within the HPS but above the quotation: a negotiation never raises the price.
    assert.equal(p.currentNode.id, 'failed_negotiation');

    const q = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsengine31'), MON);
    await plbToNegotiation(q);
    act(q, 'record_negotiation', pp, { agreed: true, agreedPrice: 132_000_000, technicalNotes: 'Waktu kirim 14 hari.' });
    act(q, 'sign_negotiation', vendorA, { agree: true });
    await completeServiceTask(q, MON + 2 * HOUR);
    assert.deepEqual(q.state.data.award, {
      agreed: true,
      winner: { vendorId: vendorA.id, price: 132_000_000, offerPrice: 135_000_000 },
      reasons: [],
      ceiling: { basis: 'hps', amount: 140_000_000 },
    });
    // No SPPBJ: straight from the agreement to the SPK, which is drafted and signed in E-Kontrak.
    assert.equal(q.currentNode.id, 'prepare_contract');
    await completeServiceTask(q, MON + 2 * HOUR);
    assert.deepEqual(Object.keys(q.state.data.documents as object), ['ba_reviu_dpp'], 'no SPPBJ document');
    assertContractHandOff(q, { definitionId: 'kontrak', providerId: vendorA.id, value: 132_000_000, waitFor: 'signed' });
    assert.equal(refusal(() => act(q, 'issue_spk', ppk, { spkNumber: 'SPK/PL/2026/01' })).code, 'unknown_task');
    assert.equal(refusal(() => act(q, 'cancel', ppk, { reason: 'Terlambat untuk dibatalkan.' })).code, 'wrong_stage');
    completeContractCall(q, MON + 3 * HOUR, { milestone: 'signed', status: 'spmk' });
    assert.deepEqual([q.currentNode.id, q.state.status, q.state.outcome], ['contract_signed', 'contract_signed', 'completed']);
  });

  test('no quotation within the period → gagal', async () => {
    const p = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsengine35'), MON);
    await prepare(p, 'assign_officers');
    act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-PL-01' });
    assert.equal(p.onTimer(p.nextDeadline()!.at), true);
    assert.equal(p.currentNode.id, 'failed_no_quotation');
    assert.equal(p.state.status, 'gagal');
  });

  test('the quotation fails evaluation → gagal; the officer records no agreement → gagal', async () => {
    const p = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsengine36'), MON);
    await prepare(p, 'assign_officers');
    act(p, 'request_quotation', pp, { vendorId: vendorA.id, documentRef: 'UND-PL-01' });
    act(p, 'submit_quotation', vendorA, quotation);
    act(p, 'evaluate_quotation', pp, { administrasi: true, kualifikasi: true, teknis: false, note: 'Spesifikasi tidak sesuai.' });
    assert.equal(p.currentNode.id, 'failed_evaluation');
    assert.equal(p.state.status, 'gagal');

    const q = new PackageProcess(input('pengadaan-langsung-b', 'pkt-lsengine37'), MON);
    await plbToNegotiation(q);
    act(q, 'record_negotiation', pp, { agreed: false, technicalNotes: 'Penyedia tidak bersedia menurunkan harga.' });
    act(q, 'sign_negotiation', vendorA, { agree: false });
    await completeServiceTask(q, MON + 2 * HOUR);
    assert.deepEqual((q.state.data.award as { reasons: string[] }).reasons, ['tidak_sepakat_pejabat', 'tidak_sepakat_penyedia']);
    assert.equal(q.currentNode.id, 'failed_negotiation');
  });
});

// ---- pure rules ----------------------------------------------------------------------------------------------------

describe('direct-method rules', () => {
  test('assessNegotiation: both sides agree at a price within HPS and offer', () => {
    const base = { providerId: 'v', offerPrice: 100, hps: 120, officer: { agreed: true, agreedPrice: 100 }, provider: { agree: true } };
    assert.deepEqual(assessNegotiation(base), {
      agreed: true,
      winner: { vendorId: 'v', price: 100, offerPrice: 100 },
      reasons: [],
      ceiling: { basis: 'hps', amount: 120 },
    });
    assert.deepEqual(assessNegotiation({ ...base, hps: 99, offerPrice: 90 }).reasons, ['melebihi_hps', 'melebihi_penawaran']);
    assert.deepEqual(assessNegotiation({ ...base, officer: { agreed: true } }).reasons, ['harga_tidak_dicatat']);
    assert.deepEqual(assessNegotiation({ ...base, provider: undefined }).reasons, ['tidak_sepakat_penyedia']);
    assert.deepEqual(assessNegotiation({ hps: 1 }).reasons, ['tidak_ada_penawaran', 'tidak_sepakat_pejabat', 'tidak_sepakat_penyedia']);
  });

  test('contractFormFor follows Pasal 28', () => {
    assert.equal(contractFormFor('barang', 10_000_000), 'bukti_pembelian');
    assert.equal(contractFormFor('jasa_lainnya', 50_000_000), 'kuitansi');
    assert.equal(contractFormFor('barang', 50_000_001), 'spk');
    assert.equal(contractFormFor('pekerjaan_konstruksi', 5_000_000), 'spk');
    assert.equal(contractFormFor('pekerjaan_konstruksi', 200_000_001), 'surat_perjanjian');
    assert.equal(contractFormFor('jasa_konsultansi', 100_000_000), 'spk');
    assert.equal(contractFormFor('jasa_konsultansi', 100_000_001), 'surat_perjanjian');
  });

  test('performanceSecurityFor follows Pasal 33 (none for consultancy, Pasal 30(5))', () => {
    assert.deepEqual(performanceSecurityFor('barang', 200_000_000, 210_000_000), { required: false });
    assert.deepEqual(performanceSecurityFor('barang', 300_000_000, 310_000_000), { required: true, amount: 15_000_000, basis: 'nilai_kontrak' });
    // exactly 80% of HPS still uses the contract value
    assert.deepEqual(performanceSecurityFor('barang', 800_000_000, 1_000_000_000), { required: true, amount: 40_000_000, basis: 'nilai_kontrak' });
    assert.deepEqual(performanceSecurityFor('barang', 799_999_999, 1_000_000_000), { required: true, amount: 50_000_000, basis: 'hps' });
    assert.deepEqual(performanceSecurityFor('barang', 300_000_001, 310_000_000), { required: true, amount: 15_000_001, basis: 'nilai_kontrak' });
    assert.deepEqual(performanceSecurityFor('jasa_konsultansi', 5_000_000_000, 6_000_000_000), { required: false });
  });

  test('every direct definition can be cancelled and ends cancelled as batal', () => {
    for (const id of ['penunjukan-langsung', 'pengadaan-langsung-a', 'pengadaan-langsung-b']) {
      const def = getDefinition(id)!;
      assert.equal(def.method, id);
      const cancel = def.interrupts?.find((i) => i.action.id === 'cancel');
      assert.ok(cancel, id);
      if (id !== 'pengadaan-langsung-a') assert.deepEqual(cancel.notAt, HAND_OFF_STAGES, `${id}: not once the contract is handed off`);
      assert.deepEqual(
        cancel.action.performers.map((p) => p.role),
        ['ppk', 'pa_kpa'],
      );
      const end = def.nodes.find((n) => n.id === cancel.to);
      assert.ok(end && end.type === 'endEvent' && end.status === 'batal' && end.outcome === 'cancelled', id);
    }
  });
});
