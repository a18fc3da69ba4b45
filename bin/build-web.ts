/**
 * Builds the console (web/ → web/dist) with Vite, only when its sources changed since the last build: the
 * SHA-256 of every file under web/ (but dist/), the lockfile and this script is kept in web/dist/.build-hash.
 * `--force` builds anyway. Called by bin/setup.sh, so the README's start and test commands always serve a
 * console that matches its sources.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';

const WEB = path.join(REPO_ROOT, 'web');
const DIST = path.join(WEB, 'dist');
const STAMP = path.join(DIST, '.build-hash');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !(dir === WEB && e.name === 'dist') && e.name !== 'node_modules')
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

export function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of [...files(WEB), path.join(REPO_ROOT, 'package-lock.json'), __filename]) {
    h.update(path.relative(REPO_ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

async function main() {
  const hash = sourceHash();
  const force = process.argv.includes('--force');
  if (!force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash) {
    console.log('konsol web sudah terbaru');
    return;
  }
  const t0 = Date.now();
  console.log('membangun konsol web…');
  // The CLI, not the Node API: Vite is ESM-only and this repository's scripts are CommonJS.
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(WEB, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  fs.writeFileSync(STAMP, hash + '\n');
  console.log(`konsol web dibangun dalam ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
