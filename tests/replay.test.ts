/**
 * Replays recorded workflow histories (tests/fixtures/histories, written by `npm run record-history`) against the
 * current workflow code: a change that would break packages already running in production fails here. Needs no
 * server. A negative control replays a fixture against a deliberately changed workflow and must fail, proving the
 * check can fail at all.
 */
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { WORKFLOWS_PATH } from '../runtime/worker';
import { historyFromJson } from './support/history-json';

const FIXTURES = path.join(__dirname, 'fixtures', 'histories');
const CHANGED_WORKFLOWS = path.join(__dirname, 'support', 'replay-changed-workflow.ts');
const quiet = new DefaultLogger('WARN');

const fixtureFiles = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

function loadHistory(file: string) {
  return historyFromJson(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
}

describe('workflow histories replay against the current code', { timeout: 180_000 }, () => {
  let current: WorkflowBundleWithSourceMap;
  let changed: WorkflowBundleWithSourceMap;

  before(async () => {
    Runtime.install({ logger: quiet }); // replay workers log every state change at INFO otherwise
    // Bundled once each (a few seconds), instead of once per replay with workflowsPath.
    [current, changed] = await Promise.all([
      bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet }),
      bundleWorkflowCode({ workflowsPath: CHANGED_WORKFLOWS, logger: quiet }),
    ]);
  });

  test('the fixtures are there', () => {
    for (const f of [
      'tender-contract-signed.json',
      'tender-gagal-no-bids.json',
      'contract-construction-selesai.json',
      'pre-ekontrak-tender-v2-contract-signed.json',
      'pre-reminders-tender-contract-signed.json',
      'contract-critical-handling.json',
      'pre-kritis-contract-construction-selesai.json',
      'pre-regulasi-tender-v4-contract-signed.json',
      'pre-regulasi-tender-v4-gagal-no-bids.json',
      'contract-late-kesempatan.json',
      // Recorded before compact histories (the definition in the input, the read model by activity): still running.
      'pre-compact-tender-contract-signed.json',
      'pre-compact-tender-gagal-no-bids.json',
      'pre-compact-contract-construction-selesai.json',
      'pre-compact-contract-critical-handling.json',
      'pre-compact-contract-late-kesempatan.json',
      // A contract that continued as new three times: each run replays on its own, the later ones from the carried state.
      'contract-continued-as-new-run1.json',
      'contract-continued-as-new-run2.json',
      'contract-continued-as-new-run3.json',
      'contract-continued-as-new-run4.json',
      // Recorded with one marker per patch, before runs recorded all their patches as one (patches-2026-12).
      'pre-bundle-tender-contract-signed.json',
      'pre-bundle-contract-construction-selesai.json',
      'pre-bundle-contract-continued-as-new-run2.json',
      // Recorded before the one vocabulary (issue 16): tender-pasca-1file v5 (`catatan`, `lulus`, answer_questionBy)
      // and kontrak v3 (`contract.providerId`), still running.
      'pre-vocabulary-tender-contract-signed.json',
      'pre-vocabulary-tender-gagal-no-bids.json',
      'pre-vocabulary-contract-construction-selesai.json',
      'pre-vocabulary-contract-critical-handling.json',
      'pre-vocabulary-contract-late-kesempatan.json',
      'pre-vocabulary-contract-continued-as-new-run2.json',
    ]) {
      assert.ok(fixtureFiles.includes(f), `missing fixture ${f}; run \`npm run record-history\``);
    }
  });

  test('a run started now records its patches as one marker; one recorded before has a marker per patch', () => {
    const patches = (file: string) =>
      loadHistory(file)
        .events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
        .map(
          (e) => (JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data']!.payloads![0]!.data!).toString('utf8')) as { id: string }).id,
        );
    assert.deepEqual(patches('tender-contract-signed.json'), ['patches-2026-12']);
    assert.deepEqual(patches('contract-continued-as-new-run2.json'), ['patches-2026-12']);
    const before = patches('pre-bundle-tender-contract-signed.json');
    assert.ok(before.length >= 3 && !before.includes('patches-2026-12'), before.join(', '));
  });

  test('every running version of the tender and contract definitions has a history (earlier versions run on beside the new)', () => {
    const json = (data: Uint8Array | null | undefined) => JSON.parse(Buffer.from(data!).toString('utf8'));
    const versions = new Set(
      fixtureFiles.map((f) => {
        const started = loadHistory(f).events![0]!.workflowExecutionStartedEventAttributes!;
        type Named = { id: string; version: number };
        const input = json(started.input!.payloads![0]!.data) as { definition?: Named; definitionRef?: Named };
        const def = (input.definition ?? input.definitionRef)!;
        return `${def.id}@${def.version}`;
      }),
    );
    for (const v of ['kontrak@1', 'kontrak@2', 'kontrak@3', 'kontrak@4', 'tender-pasca-1file@4', 'tender-pasca-1file@5', 'tender-pasca-1file@6']) {
      assert.ok(versions.has(v), `no ${v} history among the fixtures`);
    }
    // The v2 history went through the whole kontrak kritis handling: the minutes of SCM I, II and III were generated.
    const documents = loadHistory('pre-compact-contract-critical-handling.json')
      .events!.map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a?.activityType?.name === 'runService')
      .map((a) => (json(a!.input!.payloads![0]!.data) as { args: { kind?: string } }).args.kind);
    assert.deepEqual(
      documents.filter((k) => k?.startsWith('ba_scm')),
      ['ba_scm_1', 'ba_scm_2', 'ba_scm_3'],
    );
  });

  for (const file of fixtureFiles) {
    test(`replays ${file}`, async () => {
      const history = loadHistory(file);
      assert.ok((history.events?.length ?? 0) > 10, 'a whole tender, not a stub');
      const last = history.events![history.events!.length - 1]!;
      assert.ok(
        last.workflowExecutionCompletedEventAttributes || last.workflowExecutionContinuedAsNewEventAttributes,
        'the recorded run ran to completion, or to its continue-as-new',
      );
      if (file.startsWith('contract-continued-as-new-run') && !file.endsWith('run1.json')) {
        const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
        const input = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString('utf8')) as { carried?: { state: { seq: number } } };
        assert.ok(input.carried?.state.seq, 'a later run starts from the carried state');
      }
      await Worker.runReplayHistory({ workflowBundle: current }, history, path.basename(file, '.json'));
    });
  }

  test('negative control: a changed workflow does not replay', async () => {
    const history = loadHistory('tender-contract-signed.json');
    await assert.rejects(Worker.runReplayHistory({ workflowBundle: changed }, history, 'changed-workflow'), (e: unknown) => {
      assert.ok(e instanceof DeterminismViolationError, `expected a DeterminismViolationError, got ${String(e)}`);
      assert.match(e.message, /nondeterminism/i);
      return true;
    });
  });
});
