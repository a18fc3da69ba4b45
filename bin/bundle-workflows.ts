/**
 * Bundles the workflow source into the file named by the first argument (runtime/workflow-bundle.ts). The start
 * command runs it once, in a process of its own, and hands the file to the worker as WORKFLOW_BUNDLE_PATH: webpack's
 * memory leaves with this process instead of staying in the worker's (its peak RSS fell from 620 to 460 MB in
 * bench/city-year.ts), and a worker the supervisor restarts is polling again without bundling anew.
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
