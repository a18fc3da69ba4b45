/**
 * E-Kontrak version 2: version 1 (kontrak.ts) with the handling of a kontrak kritis (SSUK "Keterlambatan Pelaksanaan
 * Pekerjaan dan Kontrak Kritis", domain/contract/KONTRAK-KRITIS.md). Contracts started on version 1 keep it: the
 * definition travels in the workflow input, and version 1 stays registered for their views and steps.
 *
 * What changes against version 1, and nothing else:
 * - the SPMK also starts `executionPeriod.days`, the execution window's length, so the window can be left for a show
 *   cause meeting's minutes and entered again with what is left of the contract period (addenda lengthen it too);
 * - a progress report's review judges the contract (criticalityOf) and may start or end the handling;
 * - the execution window offers the PPK the show cause meeting and the test result (critical-stages.ts); the late
 *   window only the test result (a test that ran to the contract's end is still judged): the contract period is
 *   over, so no further meeting is held there and Pasal 56's extra time and termination for lateness apply;
 * - the minutes BA SCM I–III are generated documents;
 * - termination names its ground; on the ground of kontrak kritis only after test III failed.
 */
import type { ActionDef, ProcessDefinition, ProcessNode } from '../../../domain/process/definition';
import { holdShowCauseMeeting, recordScmTestResult, scmMinutesStages, terminateActionV2 } from './critical-stages';
import { kontrak } from './kontrak';

const judgedReview = (a: ActionDef): ActionDef =>
  a.id === 'review_progress_report' ? { ...a, effect: { kind: 'apply', reducer: 'reviewProgressReportJudged' } } : a;

function v2Node(n: ProcessNode): ProcessNode {
  if (n.id === 'spmk' && n.type === 'userTask') {
    return { ...n, actions: n.actions.map((a) => (a.id === 'issue_spmk' ? { ...a, effect: { kind: 'apply', reducer: 'issueSpmk' } } : a)) };
  }
  if (n.id === 'execution' && n.type === 'timeWindow') {
    return { ...n, durationFrom: 'executionPeriod.days', actions: [...n.actions.map(judgedReview), holdShowCauseMeeting, recordScmTestResult] };
  }
  if (n.id === 'late_execution' && n.type === 'timeWindow') {
    return { ...n, actions: [...n.actions.map(judgedReview), recordScmTestResult] };
  }
  return n;
}

export const kontrakV2: ProcessDefinition = {
  ...kontrak,
  version: 2,
  description: `${kontrak.description} Kontrak kritis ditangani dengan show cause meeting I–III sesuai SSUK.`,
  nodes: [...kontrak.nodes.map(v2Node), ...scmMinutesStages('execution')],
  interrupts: (kontrak.interrupts ?? []).map((i) => (i.action.id === 'terminate_contract' ? { ...i, action: terminateActionV2 } : i)),
};
