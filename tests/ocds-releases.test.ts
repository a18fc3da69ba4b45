import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { PackageView } from '../domain/process/engine';
import { packageState, performStep } from '../workflows/package-process';
import { contractIdOf } from './support/contract-signing';
import { runScenarios, type ScenarioContext, type ScenarioStep } from './support/scenario';
import { evaluationAllPass, pokja, ppk, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';
import { evidence, JUTA } from './support/contract-fixture';

const handle = (ctx: ScenarioContext, v: PackageView) => ctx.client.workflow.getHandle(`paket-${v.packageId}`);
const reach = (stage: string): ScenarioStep => ({
  check: async (view, ctx) => {
    const h = handle(ctx, view);
    for (let i = 0; i < 400; i++) {
      const v = await h.query(packageState);
      if (v.stage.id === stage) return;
      if (v.stage.id === 'qualification_verification') {
        const winner = (v.data.award as { winner: { vendorId: string } }).winner.vendorId;
        await h.executeUpdate(performStep, { args: [{ action: 'verify_qualification', actor: pokja, payload: { vendorId: winner, lulus: true } }] });
        continue;
      }
      await delay(25);
    }
    assert.fail(`${view.packageId} did not reach '${stage}'`);
  },
});
const dump = (name: string): ScenarioStep => ({
  check: async (v, { db }) => {
    const ids = [v.packageId];
    const c = (v.data.contractStart as { packageId?: string } | undefined)?.packageId;
    if (c) ids.push(c);
    const out: Record<string, unknown> = {};
    for (const t of ['packages', 'package_events', 'package_stages', 'contracts', 'contract_periods', 'contract_payments']) {
      out[t] = await db(t).whereIn(t === 'packages' ? 'id' : 'package_id', ids);
    }
    out.documents = await db('documents').whereIn('package_id', ids).select('id', 'package_id', 'kind', 'revision', 'title', 'file_name', 'content_type', 'sha256', 'size', 'created_at');
    fs.writeFileSync(`/tmp/ocds-explore/${name}.json`, JSON.stringify(out, null, 1));
  },
});

runScenarios('explore', [
  {
    name: 'tender to contract',
    input: tenderInput('pkt-ocdsmain0001'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'register', as: vendorB },
      { do: 'register', as: vendorC },
      { passDeadline: true },
      { expectStage: 'clarification' },
      { do: 'publish_addendum', as: pokja, payload: { number: 'ADD-01', summary: 'Perubahan volume pekerjaan galian pada BoQ.', extensionDays: 1 } },
      { passDeadline: true },
      { do: 'submit_bid', as: vendorA, payload: { price: 1_200_000_000 } },
      { do: 'submit_bid', as: vendorB, payload: { price: 1_300_000_000 } },
      dump('before-opening'),
      { passDeadline: true },
      { do: 'open_bids', as: pokja },
      { do: 'evaluate', as: pokja, payload: evaluationAllPass(vendorA, vendorB) },
      reach('award_decision'),
      { do: 'decide_award', as: pokja },
      { do: 'announce_award', as: pokja },
      { passDeadline: true },
      { expectStage: 'sppbj' },
      { do: 'issue_sppbj', as: ppk, payload: { number: '027/SPPBJ/PUPR/2026' } },
      { signContract: { ppk, provider: vendorA } },
      { in: 'contract' },
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/027/2027', startDate: '2027-03-01' } },
      { do: 'pay_advance', as: ppk, payload: { amount: 120 * JUTA, guaranteeNumber: 'JUM-1', guaranteeAmount: 120 * JUTA } },
      { do: 'submit_progress_report', as: vendorA, payload: { period: 1, physicalPercent: 30, evidence } },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-1', decision: 'terima' } },
      { do: 'pay_term', as: ppk, payload: { grossAmount: 300 * JUTA } },
      { do: 'sign_addendum', as: ppk, payload: { number: 'ADD-1', valueChange: 50 * JUTA, extensionDays: 10, reason: 'Tambah volume sesuai kondisi lapangan' } },
      { in: 'package' },
      dump('main'),
    ],
  },
  {
    name: 'cancelled',
    input: tenderInput('pkt-ocdscancel01'),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'cancel', as: ppk, payload: { reason: 'Perubahan kebijakan anggaran daerah.' } },
      dump('cancel'),
    ],
    endStatus: 'batal',
  },
]);
void contractIdOf;
