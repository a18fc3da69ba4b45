/**
 * The console is rebuilt when any file it was built from changes (bin/build-web.ts), including the domain/ code it
 * shares with the engine: the build lists those files itself (web/vite.config.mts → web/dist/.build-sources.json).
 * Before, only web/ was hashed, and a change to domain/process/statuses.ts left a console with the old labels.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { bundledOutside, sourceHash } from '../bin/build-web';
import { REPO_ROOT } from '../runtime/config';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-build-web-'));

function put(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
}

describe('the console build hash', () => {
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("the real build lists the domain code it bundled, and nothing from web/ or node_modules; its stamp is today's sources", () => {
    // bin/test.ts builds the console before any test, so web/dist is there.
    const listed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'web', 'dist', '.build-sources.json'), 'utf8')) as string[];
    assert.ok(listed.includes('domain/process/statuses.ts'), listed.join(', '));
    assert.ok(
      listed.every((f) => !f.startsWith('web/') && !f.includes('node_modules') && !path.isAbsolute(f)),
      listed.join(', '),
    );
    assert.deepEqual(
      bundledOutside(REPO_ROOT).filter((f) => !fs.existsSync(f)),
      [],
      'every listed file exists',
    );
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'web', 'dist', '.build-hash'), 'utf8').trim(), sourceHash());
  });

  it('a change to a bundled file outside web/ changes the hash; an unbundled one or the built output does not', () => {
    put('package-lock.json', '{}');
    put('web/src/main.tsx', "import { LABEL } from '../../domain/labels';");
    put('domain/labels.ts', "export const LABEL = 'Batal';");
    put('domain/engine-only.ts', 'export const X = 1;');
    const first = sourceHash(tmp);
    put('web/dist/.build-sources.json', JSON.stringify(['domain/labels.ts']));
    put('web/dist/index.html', '<!doctype html>');
    const built = sourceHash(tmp);
    assert.notEqual(built, first, 'a first build that bundled domain/labels.ts hashes it');

    put('domain/engine-only.ts', 'export const X = 2;');
    put('web/dist/index.html', '<!doctype html><title>x</title>');
    assert.equal(sourceHash(tmp), built, 'neither engine-only code nor the output rebuilds');

    put('domain/labels.ts', "export const LABEL = 'Dibatalkan';");
    const relabelled = sourceHash(tmp);
    assert.notEqual(relabelled, built, 'the shared label changed: rebuild');

    fs.rmSync(path.join(tmp, 'domain/labels.ts'));
    assert.notEqual(sourceHash(tmp), relabelled, 'a bundled file gone: rebuild');

    put('domain/labels.ts', "export const LABEL = 'Dibatalkan';");
    put('web/src/main.tsx', "import { LABEL } from '../../domain/labels'; console.log(LABEL);");
    assert.notEqual(sourceHash(tmp), relabelled, 'a change under web/: rebuild');
  });
});
