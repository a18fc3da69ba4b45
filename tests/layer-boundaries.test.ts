/**
 * The layers keep their jobs (issue 16 point 3), checked on the syntax tree of every source file:
 * - api/ (routes, services, the idempotency store, the metrics scrape, the auth helpers), activities/, runtime/ and
 *   workflows/ reach the database only through db/queries: no call on a table (`db('packages')`, `trx('users as u')`,
 *   `deps.db(...)`), no raw SQL (`.raw(`, `.whereRaw(`, …) and no knex instance of their own;
 * - domain/ is pure: it reads no file (`fs` in any spelling, `__dirname`) and no configuration (`process.env`); the
 *   loaders live in runtime/ (runtime/calendar.ts) and the OCDS schemas come in as modules (domain/ocds/schemas.ts).
 * The same checker runs on planted samples first, so a checker that finds nothing cannot pass, and comments or
 * strings that merely mention the forbidden names are not taken for code.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/** Every table the migrations create: a call with one of these as its first argument is a query on that table. */
function tableNames(): Set<string> {
  const dir = path.join(ROOT, 'db', 'migrations');
  const names = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/createTable\(\s*['"`](\w+)['"`]/g)) names.add(m[1]!);
  }
  return names;
}

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const RAW_METHODS = /^(raw|whereRaw|orWhereRaw|havingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw)$/;

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function where(sf: ts.SourceFile, node: ts.Node, what: string): string {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${sf.fileName}:${line + 1}: ${what}`;
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const stringArg = (call: ts.CallExpression): string | undefined => {
  const a = call.arguments[0];
  return a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) ? a.text : undefined;
};

/** Table access in a file that must go through db/queries. */
function tableAccess(file: string, text: string, tables: ReadonlySet<string>): string[] {
  const sf = parse(file, text);
  const found: string[] = [];
  walk(sf, (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text === 'knex' && !n.importClause?.isTypeOnly) {
      found.push(where(sf, n, 'imports knex itself (only `import type` is allowed)'));
    }
    if (!ts.isCallExpression(n)) return;
    const callee = n.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === undefined) return;
    // A bare table or `table as alias`: a log text that starts with a table's name ('notifications delivered') is not one.
    const table = /^(\w+)(?:\s+as\s+\w+)?$/i.exec(stringArg(n)?.trim() ?? '')?.[1];
    if (table !== undefined && tables.has(table)) found.push(where(sf, n, `${name}('${table}…'): a query on table ${table}`));
    else if (ts.isPropertyAccessExpression(callee) && RAW_METHODS.test(name)) found.push(where(sf, n, `.${name}(…): raw SQL`));
    else if (ts.isIdentifier(callee) && name === 'knex') found.push(where(sf, n, 'knex(…): a connection of its own'));
  });
  return found;
}

/** File reading and configuration in a file of domain/. */
function impurities(file: string, text: string): string[] {
  const sf = parse(file, text);
  const found: string[] = [];
  const moduleOf = (n: ts.Node): string | undefined => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      return n.moduleReference.expression.text;
    }
    if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      return stringArg(n);
    }
    return undefined;
  };
  walk(sf, (n) => {
    const mod = moduleOf(n);
    if (mod !== undefined && FS_MODULES.has(mod)) found.push(where(sf, n, `imports ${mod}: files are read in runtime/`));
    const isProcess = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'process';
    if (ts.isPropertyAccessExpression(n) && isProcess(n.expression) && n.name.text === 'env') {
      found.push(where(sf, n, 'process.env: configuration is read in runtime/'));
    }
    if (ts.isElementAccessExpression(n) && isProcess(n.expression)) found.push(where(sf, n, 'process[…]: configuration is read in runtime/'));
    if (ts.isIdentifier(n) && (n.text === '__dirname' || n.text === '__filename')) {
      found.push(where(sf, n, `${n.text}: files beside the code are read in runtime/`));
    }
  });
  return found;
}

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const visit = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, e.name);
      if (e.isDirectory()) visit(child);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push({ file: child, text: fs.readFileSync(path.join(ROOT, child), 'utf8') });
    }
  };
  visit(dir);
  return out;
}

const TABLES = tableNames();

describe('the checker finds what it looks for (planted samples)', () => {
  test('table access: calls on a table, raw SQL and a knex of its own; not a mention in a comment or string', () => {
    assert.ok(TABLES.has('packages') && TABLES.has('users') && TABLES.size > 20, `tables found (${TABLES.size})`);
    const planted = [
      "import knex from 'knex';",
      "const a = await db('packages').where({ id }).first();",
      "const b = await trx('users as u').select('u.id');",
      'await deps.db(`notifications`).update({ read_at: new Date() });',
      "await db.raw('select 1');",
      "q.whereRaw('? = any(roles)', [role]);",
      'const own = knex({ client: "pg" });',
    ].join('\n');
    assert.deepEqual(
      tableAccess('x.ts', planted, TABLES).map((f) => f.split(':')[1]),
      ['1', '2', '3', '4', '5', '6', '7'],
      tableAccess('x.ts', planted, TABLES).join('\n'),
    );
    const innocent = [
      "import type { Knex } from 'knex';",
      "// db('packages') used to be here; db.raw('select 1') too",
      "const label = 'packages';",
      "requireRole('admin'); res.set('content-type', 'text/csv');",
      'const rows = await listPackages(db, filters, 1, 20);',
      "log.info('notifications delivered', { count });",
    ].join('\n');
    assert.deepEqual(tableAccess('y.ts', innocent, TABLES), []);
  });

  test('impurity: fs in every spelling, process.env, __dirname; not a mention in a comment or string', () => {
    const planted = [
      "import fs from 'node:fs';",
      "import { readFileSync } from 'fs';",
      "const p = require('fs/promises');",
      "const q = await import('node:fs/promises');",
      'const hours = process.env.OFFICE_HOURS;',
      "const dir = process['env'];",
      "const file = __dirname + '/schema';",
    ].join('\n');
    assert.deepEqual(
      impurities('x.ts', planted).map((f) => f.split(':')[1]),
      ['1', '2', '3', '4', '5', '6', '7'],
      impurities('x.ts', planted).join('\n'),
    );
    const innocent = [
      "import { createHash } from 'node:crypto';",
      '/** Reads no file (node:fs) and no process.env: runtime/calendar.ts does. */',
      "const note = 'process.env is read in runtime/';",
      "import schema from './schema/release-schema.json';",
    ].join('\n');
    assert.deepEqual(impurities('y.ts', innocent), []);
  });
});

describe('the tree keeps the boundaries', () => {
  test('api/, activities/, runtime/ and workflows/ reach tables only through db/queries', () => {
    const files = ['api', 'activities', 'runtime', 'workflows'].flatMap((d) => sources(d));
    assert.ok(files.length > 150, `files scanned (${files.length})`);
    for (const dir of ['api/routes/', 'api/services/', 'activities/notify/'])
      assert.ok(
        files.some((f) => f.file.startsWith(dir)),
        `${dir} scanned`,
      );
    assert.deepEqual(
      files.flatMap((f) => tableAccess(f.file, f.text, TABLES)),
      [],
    );
  });

  test('domain/ reads no file and no environment', () => {
    const files = sources('domain');
    assert.ok(files.length > 80, `files scanned (${files.length})`);
    assert.deepEqual(
      files.flatMap((f) => impurities(f.file, f.text)),
      [],
    );
  });
});
