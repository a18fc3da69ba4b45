/**
 * Every ESLint disable comment says why, on the same line (`// eslint-disable-next-line rule -- reason`), so a
 * rule is switched off only for a stated reason (issue 16 point 4). ESLint itself fails on a disable comment that
 * no longer suppresses anything (`reportUnusedDisableDirectives: 'error'` in eslint.config.mjs); this test covers
 * the reason. Comments are found on the syntax tree, so a string or JSX text that mentions the words is not one;
 * the checker runs on planted samples first, so a checker that finds nothing cannot pass.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..');
/** Not ours or not source: the same folders eslint.config.mjs ignores. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.tools', '.data', '.git', 'test-artifacts', 'fixtures']);
const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;
const DIRECTIVE = /^(?:\/\/|\/\*)\s*eslint-disable(?:-next-line|-line)?(?=\s|\*\/|$)/;
/** `-- ` and at least a word after it, as ESLint reads a directive's description. */
const REASON = /\s--\s+\S/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) sourceFiles(path.join(dir, e.name), out);
    } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path.join(dir, e.name));
  }
  return out;
}

/** Every comment of the file, as the parser sees it (leading and trailing trivia of every token). */
function comments(file: string, text: string): { line: number; text: string }[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  const seen = new Map<number, { line: number; text: string }>();
  const visit = (node: ts.Node) => {
    for (const r of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])]) {
      if (!seen.has(r.pos)) seen.set(r.pos, { line: sf.getLineAndCharacterOfPosition(r.pos).line + 1, text: text.slice(r.pos, r.end) });
    }
    for (const c of node.getChildren(sf)) visit(c);
  };
  visit(sf);
  return [...seen.values()];
}

/** The disable comments without a reason, as `file:line: comment`. */
function unexplained(file: string, text: string): string[] {
  return comments(file, text)
    .filter((c) => DIRECTIVE.test(c.text) && !REASON.test(c.text))
    .map((c) => `${file}:${c.line}: ${c.text}`);
}

test('the checker finds a disable comment without a reason, and only that one, in planted samples', () => {
  const sample = [
    'const a: any = 1; // eslint-disable-line @typescript-eslint/no-explicit-any',
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library gives no type',
    'const b: any = 2;',
    '/* eslint-disable no-console */',
    "const s = '// eslint-disable-line no-console';",
    'export { a, b, s };',
  ].join('\n');
  assert.deepEqual(unexplained('sample.ts', sample), [
    'sample.ts:1: // eslint-disable-line @typescript-eslint/no-explicit-any',
    'sample.ts:4: /* eslint-disable no-console */',
  ]);
  const jsx = [
    'export const A = () => (',
    '  <p>',
    '    {/* eslint-disable-next-line react/no-danger */}',
    '    text that says // eslint-disable-line, which is no comment',
    '  </p>',
    ');',
    'export const f = () => {',
    '  // eslint-disable-next-line no-console',
    '};',
  ].join('\n');
  assert.deepEqual(unexplained('sample.tsx', jsx), [
    'sample.tsx:3: /* eslint-disable-next-line react/no-danger */',
    'sample.tsx:8: // eslint-disable-next-line no-console',
  ]);
});

test('every eslint-disable comment in the repository gives its reason after `--`', () => {
  const files = sourceFiles(ROOT);
  assert.ok(files.length > 500, `only ${files.length} source files found: the walk misses folders`);
  const found = files.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    // parsing is the slow part: only files that mention a directive at all are parsed
    return text.includes('eslint-disable') ? unexplained(path.relative(ROOT, f), text) : [];
  });
  assert.deepEqual(found, [], 'add `-- <why>` to each of these, or remove the comment');
});
