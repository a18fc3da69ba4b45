/**
 * Seconds from running the README's start command to a healthy /health: a first start on an empty data folder and
 * a second start on the same folder (dependencies already installed). Prints figures; asserts nothing.
 *   npx tsx bench/start-to-healthy.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';
import { freePort } from '../runtime/free-port';

async function once(label: string, env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn('bash', ['bin/dev.sh'], { cwd: REPO_ROOT, env, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) throw new Error(`${label}: start exited with ${child.exitCode}`);
      if (performance.now() - t0 > 180_000) throw new Error(`${label}: not healthy after 180 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(`${label}: ${secs.toFixed(2)} s to healthy /health`);
    return secs;
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-bench-start-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
  };
  try {
    await once('first start (empty data folder)', env, port);
    await once('second start (same data folder)', env, port);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
void main();
