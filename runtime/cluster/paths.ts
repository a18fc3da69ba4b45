/**
 * Where the cluster's parts are: the Temporal server and schema tool that bin/install-temporal-server.sh builds, the
 * schema files copied beside them, the configuration templates in this folder, and the compiled entry points the
 * workers, APIs and proxy run (`npm run build`: node on dist/, never tsx or npm, which cost ~105 MB per process).
 * Resolved from REPO_ROOT, so the launcher finds them whether it runs under tsx or compiled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';

const TEMPORAL_SERVER_DIR = path.join(REPO_ROOT, '.tools', 'temporal-server');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

export const clusterPaths = {
  server: path.join(TEMPORAL_SERVER_DIR, 'bin', 'server'),
  sqlTool: path.join(TEMPORAL_SERVER_DIR, 'bin', 'sql'),
  schemaDir: path.join(TEMPORAL_SERVER_DIR, 'schema', 'postgresql', 'v12'),
  configTemplate: path.join(REPO_ROOT, 'runtime', 'cluster', 'temporal.template.yaml'),
  dynamicConfig: path.join(REPO_ROOT, 'runtime', 'cluster', 'dynamicconfig.yaml'),
  workerEntry: path.join(DIST_DIR, 'bin', 'worker.js'),
  apiEntry: path.join(DIST_DIR, 'bin', 'api.js'),
  proxyEntry: path.join(DIST_DIR, 'bin', 'cluster-proxy.js'),
  /** Written by `npm run build` (bin/build.ts) from the same source as dist/. */
  workflowBundle: path.join(DIST_DIR, 'workflow-bundle.js'),
};

/** Fails with what to run when something the cluster needs was never built. */
export function assertBuilt(): void {
  const missing = (files: string[]) => files.filter((f) => !fs.existsSync(f));
  const server = missing([clusterPaths.server, clusterPaths.sqlTool, clusterPaths.schemaDir]);
  if (server.length) throw new Error(`Temporal server belum dibangun (${server.join(', ')}): jalankan bash bin/install-temporal-server.sh`);
  const dist = missing([clusterPaths.workerEntry, clusterPaths.apiEntry, clusterPaths.proxyEntry, clusterPaths.workflowBundle]);
  if (dist.length) throw new Error(`kode terkompilasi tidak ada (${dist.join(', ')}): jalankan npm run build`);
}
