/**
 * Builds the console (web/ → web/dist) with Vite, only when its sources changed since the last build: the
 * SHA-256 of every file under web/ (but dist/), the files outside web/ the last build bundled (domain/ code it
 * shares, listed by the build itself in web/dist/.build-sources.json; web/vite.config.mts), the lockfile and this
 * script is kept in web/dist/.build-hash. `--force` builds anyway. Called by bin/setup.sh, so the README's start and
 * test commands always serve a console that matches its sources.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';

const DIST = path.join(REPO_ROOT, 'web', 'dist');
const STAMP = path.join(DIST, '.build-hash');

function files(dir: string, web: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !(dir === web && e.name === 'dist') && e.name !== 'node_modules')
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), web) : [path.join(dir, e.name)]))
    .sort();
}

/** The files outside web/ the last build bundled, as it listed them; none before a first build. */
export function bundledOutside(root: string): string[] {
  const list = path.join(root, 'web', 'dist', '.build-sources.json');
  if (!fs.existsSync(list)) return [];
  return (JSON.parse(fs.readFileSync(list, 'utf8')) as string[]).map((f) => path.join(root, f));
}

export function sourceHash(root: string = REPO_ROOT): string {
  const web = path.join(root, 'web');
  const h = createHash('sha256');
  for (const f of [...files(web, web), ...bundledOutside(root), path.join(root, 'package-lock.json'), __filename]) {
    // A bundled file since removed counts as changed (its import under web/ changed with it, or the build would fail).
    const content = fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from('(gone)');
    h.update(path.relative(root, f)).update('\0').update(content).update('\0');
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
  const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(REPO_ROOT, 'web', 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  // Hashed again: the build has just listed the files outside web/ it bundled.
  fs.writeFileSync(STAMP, sourceHash() + '\n');
  console.log(`konsol web dibangun dalam ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
