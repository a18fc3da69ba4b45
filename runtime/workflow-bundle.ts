/**
 * The workflow code bundle, built once and shared. Bundling the workflows (webpack) costs about 4 s of CPU each time a
 * worker is created from `workflowsPath`; the test suite creates dozens of workers and a production fleet restarts
 * workers often. `WORKFLOW_BUNDLE_PATH` names a bundle file built by `writeWorkflowBundle` (the test command builds it
 * for its run; `npm run build:workflows` for production): workers load it instead of bundling again.
 *
 * The bundle must come from the same source as the running code: the test command rebuilds it for every run, and a
 * production image builds it in the same step as the rest (a stale bundle would run old workflow code, which replay
 * catches as non-determinism rather than silently).
 */
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';

/** The workflow source under tsx; compiled (dist/, npm run build) only the .js is there, and it is what dist runs. */
export const WORKFLOWS_PATH =
  ['index.ts', 'index.js'].map((f) => path.join(__dirname, '..', 'workflows', f)).find((f) => fs.existsSync(f)) ??
  path.join(__dirname, '..', 'workflows', 'index.ts');

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

/** The shared bundle named by WORKFLOW_BUNDLE_PATH, when there is one. */
export function prebuiltWorkflowBundle(): WorkflowBundleOption | undefined {
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!codePath) return undefined;
  if (!fs.existsSync(codePath)) throw new Error(`WORKFLOW_BUNDLE_PATH names a missing file: ${codePath}`);
  return { codePath };
}

/** The shared bundle if there is one, else a fresh bundle of the current workflow source. */
export async function workflowBundle(): Promise<WorkflowBundleOption> {
  return prebuiltWorkflowBundle() ?? { code: (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet })).code };
}

/** Bundles the workflow source into one file (its inline source map included). */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
}
