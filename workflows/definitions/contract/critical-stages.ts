/**
 * Kontrak kritis in the E-Kontrak process (SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis",
 * domain/contract/KONTRAK-KRITIS.md): the PPK's steps of the handling and the stages that generate each meeting's
 * minutes. The rules and the process data (`data.criticalHandling`) are in domain/contract/critical-handling.ts.
 *
 * Why the steps are actions of the execution window and not stages of their own: the work goes on during a test
 * period (reports, their review, payments, addenda), and the engine has one current stage. The SCM step is offered
 * (myActions, the inbox) only while `criticalHandling.awaiting` says so, which an accepted report sets; the rule-book
 * check before it refuses it with the SSUK's reason otherwise.
 *
 * Why the test result is a step of the PPK rather than a timer: the execution window already holds the stage's one
 * timer (the contract period). The step only says "judge now"; the result comes from the accepted reports submitted
 * within the test period, so nobody types it in, and an accepted report that reaches the target ends the handling
 * at once without any step.
 */
import type { ActionDef, ProcessNode } from '../../../domain/process/definition';
import type { Predicate } from '../../../domain/process/predicate';
import { closed, withReason } from '../common';
import { date, documentStage, terminateAction, text } from './blocks';

const awaiting = (what: string): Predicate => ({ op: 'eq', left: { path: 'criticalHandling.awaiting' }, right: { value: what } });

export const SCM_MINUTES_GATEWAY = 'scm_minutes';

/** SCM I–III with its test period and target; leaves the window to generate the minutes, which return to it. */
export const holdShowCauseMeeting: ActionDef = {
  id: 'hold_show_cause_meeting',
  name: 'Adakan Rapat Pembuktian (Show Cause Meeting)',
  performers: [{ role: 'ppk' }],
  payload: closed(
    {
      minutesNumber: text(100, 'Nomor Berita Acara SCM'),
      warningNumber: text(100, 'Nomor surat teguran tertulis (wajib pada SCM I)'),
      meetingDate: date('Tanggal rapat'),
      testPeriodDays: { type: 'integer', minimum: 1, maximum: 365, description: 'Masa uji coba (hari kalender)' },
      targetPercent: { type: 'number', minimum: 0.01, maximum: 100, multipleOf: 0.01, description: 'Target kemajuan fisik kumulatif pada akhir uji coba (%)' },
      note: { type: 'string', maxLength: 4000, description: 'Kesepakatan lain dalam rapat' },
    },
    ['minutesNumber', 'meetingDate', 'testPeriodDays', 'targetPercent'],
  ),
  requires: [
    // The check names the exact reason (not critical, a test running, three meetings held); the predicate is what
    // myActions and the inbox read to offer the step only when it is due.
    { rule: 'showCauseMeetingAllowed' },
    { when: awaiting('scm'), code: 'contract_not_critical', message: 'Show cause meeting hanya diadakan untuk kontrak kritis.', status: 409 },
  ],
  effect: { kind: 'apply', reducer: 'holdShowCauseMeeting' },
  rule: 'SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis"',
  to: SCM_MINUTES_GATEWAY,
};

export const recordScmTestResult: ActionDef = {
  id: 'record_scm_test_result',
  name: 'Catat Hasil Uji Coba SCM',
  performers: [{ role: 'ppk' }],
  payload: closed({
    warningNumber: text(100, 'Nomor Surat Peringatan Kontrak Kritis (wajib bila target tidak tercapai)'),
    note: { type: 'string', maxLength: 4000 },
  }),
  requires: [
    { rule: 'scmTestResultAllowed' },
    { when: awaiting('test_result'), code: 'no_scm_test_running', message: 'Tidak ada uji coba SCM yang menunggu hasil.', status: 409 },
  ],
  effect: { kind: 'apply', reducer: 'recordScmTestResult' },
  rule: 'SSUK "Keterlambatan Pelaksanaan Pekerjaan dan Kontrak Kritis"',
};

/** The minutes of the meeting just held: BA SCM I, II or III (revision = the handling's round). */
export const scmMinutesStages = (back: string): ProcessNode[] => [
  {
    id: SCM_MINUTES_GATEWAY,
    name: 'Tingkat SCM?',
    type: 'exclusiveGateway',
    branches: [
      { name: 'SCM I', when: { op: 'eq', left: { path: 'criticalHandling.level' }, right: { value: 1 } }, to: 'ba_scm_1_document' },
      { name: 'SCM II', when: { op: 'eq', left: { path: 'criticalHandling.level' }, right: { value: 2 } }, to: 'ba_scm_2_document' },
    ],
    default: 'ba_scm_3_document',
  },
  documentStage('ba_scm_1_document', 'Berita Acara Show Cause Meeting I', 'ba_scm_1', back, 'criticalHandling.round'),
  documentStage('ba_scm_2_document', 'Berita Acara Show Cause Meeting II', 'ba_scm_2', back, 'criticalHandling.round'),
  documentStage('ba_scm_3_document', 'Berita Acara Show Cause Meeting III', 'ba_scm_3', back, 'criticalHandling.round'),
];

/**
 * Termination names its ground (optional, as in v1); on the ground of kontrak kritis only after test III failed and
 * Surat Peringatan III was issued, and while a handling runs a ground must be named.
 */
export const terminateActionV2: ActionDef = {
  ...terminateAction,
  payload: closed(
    {
      ...withReason.properties,
      grounds: {
        enum: ['kontrak_kritis', 'keterlambatan', 'lainnya'],
        description: 'Dasar pemutusan: kontrak kritis (setelah SP III), keterlambatan (Pasal 56), atau lainnya',
      },
    },
    ['reason'],
  ),
  requires: [{ rule: 'terminationGroundsValid' }],
};
