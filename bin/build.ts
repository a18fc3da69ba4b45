/**
 * `npm run build`: the production build in dist/. TypeScript compiled by tsc (tsconfig.build.json), the JSON data the
 * code reads from beside itself at run time (OCDS schemas, cuti bersama overrides) copied to the same place under
 * dist/, and the workflow bundle built once (dist/workflow-bundle.js, WORKFLOW_BUNDLE_PATH) from the same source, so
 * workers start without bundling. Run it again after changing code; bin/cluster.sh does when dist/ is older.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';
import { writeWorkflowBundle } from '../runtime/workflow-bundle';

const DIST = path.join(REPO_ROOT, 'dist');
const SOURCE_DIRS = ['activities', 'api', 'db', 'domain', 'runtime', 'workflows'];

function copyJson(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) n += copyJson(rel);
    else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(path.join(DIST, dir), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, rel), path.join(DIST, rel));
      n++;
    }
  }
  return n;
}

async function main() {
  const t0 = Date.now();
  const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  const copied = SOURCE_DIRS.reduce((n, d) => n + copyJson(d), 0);
  await writeWorkflowBundle(path.join(DIST, 'workflow-bundle.js'));
  fs.writeFileSync(path.join(DIST, '.build-stamp'), new Date().toISOString() + '\n');
  console.log(`dist/ siap dalam ${((Date.now() - t0) / 1000).toFixed(1)} s (${copied} berkas JSON, bundel workflow)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
