/**
 * How the runner (bin/test.ts) runs one test file: node itself on the file, with the TAP reporter, and
 * --test-force-exit, so that a file whose tests all ended exits even if something it opened still holds the event
 * loop (a run once waited 19 minutes on a finished api-degraded whose reconnecting client kept it alive).
 *
 * Not under `--test`: there node runs the file in a child whose results reach the reporting parent over a pipe, and
 * the forced exit can drop the tail of them (nodejs/node#64833): a file printed 40 of its 50 tests, exit 0, in 5 of 20
 * runs here. Run directly, the tests report in the process that exits, and a file costs one node process, not two.
 * tests/test-runner-report.test.ts holds this.
 */
export function testFileArgs(file: string): string[] {
  return ['--import', 'tsx', '--test-force-exit', '--test-reporter=tap', file];
}
