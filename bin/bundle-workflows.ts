/**
 * Bundles the workflow source into the file named by the first argument (runtime/workflow-bundle.ts). The start
 * command runs it once, in a process of its own, and hands the file to the worker as WORKFLOW_BUNDLE_PATH: a worker
 * the supervisor restarts polls again without bundling anew (about 4 s of CPU each time), and webpack's memory leaves
 * with this process instead of staying in the worker's (peak RSS in bench/city-year.ts 620 MB before, 582–604 MB
 * after: most of a development worker's memory is tsx's, a compiled worker runs in about half).
 */
import { writeWorkflowBundle } from '../runtime/workflow-bundle';

const file = process.argv[2];
if (!file) {
  console.error('pakai: tsx bin/bundle-workflows.ts <berkas-bundle.js>');
  process.exit(2);
}
writeWorkflowBundle(file).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
