/**
 * Finds the Chromium the console's browser tests and benchmark drive (playwright-core ships no browser). The order
 * must stay in step with bin/install-chromium.sh, which installs Debian's package when none is found:
 *   1. CHROMIUM_PATH (must be an executable file: a wrong explicit setting is an error, not a reason to guess)
 *   2. /usr/bin/chromium (Debian's `chromium` package)
 *   3. `chromium` or `chromium-browser` on PATH
 */
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM_HELP = [
  'Pasang Chromium lalu jalankan lagi / install Chromium and run again:',
  '  - as root on Debian/Ubuntu: bash bin/install-chromium.sh   (apt-get install -y chromium)',
  '  - otherwise: install Chromium or Chrome by hand and set CHROMIUM_PATH=/path/to/chromium',
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

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutableFile(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The Chromium executable to launch; throws with what to do when there is none. */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CHROMIUM_PATH;
  if (override) {
    if (isExecutableFile(override)) return override;
    throw new Error(`CHROMIUM_PATH is set to '${override}', which is not an executable file.\n${CHROMIUM_HELP}`);
  }
  const found = ['/usr/bin/chromium'].find(isExecutableFile) ?? onPath('chromium') ?? onPath('chromium-browser');
  if (found) return found;
  throw new Error(`Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium, chromium and chromium-browser on PATH).\n${CHROMIUM_HELP}`);
}

/**
 * Launch arguments for a headless Chromium here: as root Chromium refuses to start without --no-sandbox, and a
 * container's small /dev/shm crashes renderers of large pages.
 */
export function chromiumArgs(): string[] {
  // Indonesian browser chrome (the file input's button, native messages), as on an officer's computer.
  const args = ['--disable-dev-shm-usage', '--lang=id-ID'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
