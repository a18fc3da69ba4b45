/**
 * The runner counts every test a file ran (bin/test-file-command.ts). Under `node --test --test-force-exit`, node
 * dropped the tail of a child's results now and then and still exited 0 (nodejs/node#64833): method-rules printed
 * 40 of its 50 tests in a fresh-clone run, and 5 of 20 runs here. The fixture runs with the runner's exact command,
 * side by side as the lanes do, and every run must report every test, its two suites and its summary.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { testFileArgs } from '../bin/test-file-command';
import { REPO_ROOT } from '../runtime/config';

const run = promisify(execFile);
const FIXTURE = path.join('tests', 'fixtures', 'runner', 'many-tests.ts');
const RUNS = 12;
const FIXTURE_TESTS = 120;
// Run as the runner runs a file: not as a child of a test run (under `--test` node would skip a nested run).
const childEnv: NodeJS.ProcessEnv = { ...process.env, FIXTURE_TESTS: String(FIXTURE_TESTS) };
delete childEnv.NODE_TEST_CONTEXT;

describe('the test runner reports every test a file ran', () => {
  it(`${RUNS} runs of a ${FIXTURE_TESTS}-test file, two at a time: all ${FIXTURE_TESTS} reported each time`, async () => {
    const counts: string[] = [];
    for (let i = 0; i < RUNS; i += 2) {
      const outs = await Promise.all([0, 1].map(() => run(process.execPath, testFileArgs(FIXTURE), { cwd: REPO_ROOT, env: childEnv })));
      for (const { stdout } of outs) {
        const tests = /^# tests (\d+)$/m.exec(stdout)?.[1];
        const suites = /^# suites (\d+)$/m.exec(stdout)?.[1];
        const topLevel = stdout.split('\n').filter((l) => /^ok \d+ - /.test(l)).length;
        counts.push(`${tests}/${suites}/${topLevel}`);
      }
    }
    // tests / suites / top-level results (the two suites): the same full count in every run.
    assert.deepEqual(counts, Array(RUNS).fill(`${FIXTURE_TESTS}/2/2`));
  });
});
