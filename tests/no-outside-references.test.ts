/**
 * No dangling references (issue 16 point 6): the facts the code relies on live in this repository (docs/), so
 * - no tracked file points to a file outside it (the shared reference folders, a machine's checkout path);
 * - every `docs/regulation.md §X` / `docs/ocds-mapping.md §X` citation names a section that exists there (its
 *   anchor), and every row it names (`row 3`, `rows 10–13`, `P4`, `K12`) is a row of that section's table; bare
 *   `§X` citations in a file that cites docs/regulation.md must resolve there too, as must those inside the docs;
 * - the paths the regulation's "In the code" notes name exist;
 * - no red-flag text mentions TIME_SCALE, an internal setting, even when the schedule is compressed.
 * Each check also runs on a planted bad sample, so a parser that finds nothing cannot pass.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { FLAG_CODES, redFlagsOf } from '../domain/monitoring/red-flags';
import { RED_FLAG_RULES } from '../domain/monitoring/thresholds';

const ROOT = path.join(__dirname, '..');
const SELF = 'tests/no-outside-references.test.ts';
const DOCS = ['docs/regulation.md', 'docs/ocds-mapping.md'] as const;
type Doc = (typeof DOCS)[number];

/** Copies kept verbatim from their upstream (their provenance is in the README beside them), and the lock file. */
const VERBATIM = [/^tests\/fixtures\/ocds\//, /^domain\/ocds\/schema\//, /(^|\/)package-lock\.json$/];

// Built from pieces so this file does not match itself.
const OUTSIDE: RegExp[] = [
  ['\\.\\.', 'shared'],
  ['shared', 'reference'],
  ['shared', 'ocds'],
  ['', 'work', ''],
].map((parts) => new RegExp(parts.join('/')));
const OUTSIDE_NAMES = [new RegExp(['spse', 'domain'].join('-')), new RegExp(['peers', 'and', 'ocds'].join('-'))];

function trackedTextFiles(): { file: string; text: string }[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const out: { file: string; text: string }[] = [];
  for (const file of new Set([...files, ...DOCS])) {
    if (file === SELF || file.includes('node_modules/') || VERBATIM.some((r) => r.test(file))) continue;
    const abs = path.join(ROOT, file);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) continue; // deleted in the working tree
    const buf = fs.readFileSync(abs);
    if (buf.includes(0)) continue; // binary
    out.push({ file, text: buf.toString('utf8') });
  }
  return out;
}

function outsideMentions(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    if ([...OUTSIDE, ...OUTSIDE_NAMES].some((r) => r.test(line))) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
  });
  return found;
}

// ---- the docs: sections (anchors) and their table rows ---------------------------------------------------------

interface Section {
  rows: Set<string>;
}

/** `18–21` → 18…21, `P3–P5` → P3…P5; anything else as it is. */
function expand(id: string): string[] {
  const m = /^([A-Z]?)(\d+)–\1?(\d+)$/.exec(id);
  if (!m) return [id];
  const [, prefix, a, b] = m;
  return Array.from({ length: Number(b) - Number(a) + 1 }, (_, k) => `${prefix}${Number(a) + k}`);
}

function sectionsOf(text: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of text.split('\n')) {
    const anchor = /^<a id="s(\d+(?:-\d+)?)"><\/a>$/.exec(line);
    if (anchor) {
      current = { rows: new Set() };
      sections.set(anchor[1]!.replace('-', '.'), current);
      continue;
    }
    const cell = /^\| ([^|]+?) \|/.exec(line);
    if (current && cell) for (const id of expand(cell[1]!.trim())) current.rows.add(id);
  }
  return sections;
}

interface Citation {
  where: string;
  section: string;
  rows: string[];
}

// A section number of one or two levels (a three-level "§4.2.14" is another document's, e.g. LKPP 12/2021).
const SECTION = String.raw`(\d+(?:\.\d+)?)(?![.\d])`;
// Table rows: numbered (`4`, `6a`, `10–13`) or prefixed: P (preparation), K (contract), W (swakelola), A/B (PgL paths).
const ROW_ID = String.raw`(?:[PKWAB]?\d+[a-z]?(?:–[PKWAB]?\d+)?)`;
const REF = new RegExp(
  String.raw`§${SECTION}(?:–${SECTION})?` +
    String.raw`((?:\s+(?:rows?|baris)\s+${ROW_ID}(?:(?:,\s*|\s+and\s+|\s+dan\s+)${ROW_ID})*)|(?:\s+[PKWAB]\d+(?:–[PKWAB]\d+)?)(?![\w]))?`,
  'g',
);

function refsIn(tail: string, where: string): Citation[] {
  const out: Citation[] = [];
  for (const m of tail.matchAll(REF)) {
    const rows = (m[3] ?? '')
      .replace(/^\s+(rows?|baris)\s+/, '')
      .split(/,\s*|\s+and\s+|\s+dan\s+/)
      .map((r) => r.trim())
      .filter(Boolean);
    out.push({ where, section: m[1]!, rows: rows.flatMap(expand) });
    if (m[2]) out.push({ where, section: m[2], rows: [] });
  }
  return out;
}

/** `docs/<doc> §X…` citations: the text after the name up to the end of the clause. */
function explicitCitations(file: string, text: string): { doc: Doc; cite: Citation }[] {
  const out: { doc: Doc; cite: Citation }[] = [];
  for (const m of text.matchAll(/docs\/(regulation|ocds-mapping)\.md`?\)?/g)) {
    const doc = `docs/${m[1]}.md` as Doc;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 240);
    const tail = rest.slice(0, rest.search(/[;)\n'"`\]]|$/));
    const line = text.slice(0, m.index).split('\n').length;
    for (const cite of refsIn(tail, `${file}:${line}`)) out.push({ doc, cite });
  }
  return out;
}

/** Bare `§X` citations (in a file that cites docs/regulation.md, or in the docs themselves). */
function bareCitations(file: string, text: string): Citation[] {
  const out: Citation[] = [];
  text.split('\n').forEach((line, i) => {
    // Leave out what an explicit citation, another document's name or a source's S-id ("S20 §4.3") already claims.
    const bare = line
      .replace(/docs\/(regulation|ocds-mapping)\.md[^;)\n'"`\]]*/g, '')
      .replace(/(RFC \d+|LKPP \d+\/\d+|OCDS[\w. ]*) §[\d.]+/g, '')
      .replace(/\bS\d+\b[^§\]\n]{0,20}§[\d.]+(?:–[\d.]+)?/g, '');
    out.push(...refsIn(bare, `${file}:${i + 1}`));
  });
  return out;
}

function unresolved(cites: Citation[], sections: Map<string, Section>): string[] {
  const bad: string[] = [];
  for (const c of cites) {
    const s = sections.get(c.section);
    if (!s) bad.push(`${c.where}: §${c.section} does not exist`);
    else for (const r of c.rows) if (!s.rows.has(r)) bad.push(`${c.where}: §${c.section} has no row ${r}`);
  }
  return bad;
}

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const SECTIONS: Record<Doc, Map<string, Section>> = {
  'docs/regulation.md': sectionsOf(read('docs/regulation.md')),
  'docs/ocds-mapping.md': sectionsOf(read('docs/ocds-mapping.md')),
};

describe('no references outside the repository', () => {
  const files = trackedTextFiles();

  test('the checks find what they look for (planted samples)', () => {
    assert.equal(outsideMentions('x.ts', ` * see ${['', 'work', 'main', 'x.ts'].join('/')}`).length, 1);
    assert.equal(outsideMentions('x.ts', ` * see ${['spse', 'domain'].join('-')} §2.2`).length, 1);
    assert.equal(outsideMentions('x.ts', ' * see docs/regulation.md §2.2').length, 0);
    const planted = explicitCitations('x.ts', '// docs/regulation.md §2.2 row 4, §2.10 K12, §3.1–3.2; §42 elsewhere');
    assert.deepEqual(
      planted.map((c) => [c.cite.section, c.cite.rows]),
      [
        ['2.2', ['4']],
        ['2.10', ['K12']],
        ['3.1', []],
        ['3.2', []],
      ],
    );
    const reg = SECTIONS['docs/regulation.md'];
    assert.deepEqual(
      unresolved(
        planted.map((c) => c.cite),
        reg,
      ),
      [],
    );
    assert.deepEqual(
      unresolved(
        explicitCitations('x.ts', 'docs/regulation.md §2.2 rows 3 and 10–17, §8.1; §2.1 P9').map((c) => c.cite),
        reg,
      ),
      ['x.ts:1: §2.2 has no row 17', 'x.ts:1: §8.1 does not exist'],
      'a missing row or section is named',
    );
    const bare = bareCitations('x.ts', 'LKPP 12/2021 §4.2.14, RFC 6749 §5.1, [S20 §4.3–4.4] and §2.1 P6, §2.2 row 3, S7');
    assert.deepEqual(
      bare.map((c) => [c.section, c.rows]),
      [
        ['2.1', ['P6']],
        ['2.2', ['3']],
      ],
    );
  });

  test('no tracked file points outside the repository', () => {
    assert.ok(files.length > 300, `tracked files found (${files.length})`);
    assert.deepEqual(
      files.flatMap((f) => outsideMentions(f.file, f.text)),
      [],
    );
  });

  test('every docs/… § citation names an existing section and row', () => {
    const cites = files.flatMap((f) => explicitCitations(f.file, f.text));
    assert.ok(cites.length > 80, `citations found (${cites.length})`);
    const bad = DOCS.flatMap((doc) =>
      unresolved(
        cites.filter((c) => c.doc === doc).map((c) => c.cite),
        SECTIONS[doc],
      ),
    );
    assert.deepEqual(bad, []);
  });

  test('bare § citations in files that cite docs/regulation.md, and inside the docs, resolve there', () => {
    const citing = files.filter((f) => f.text.includes('docs/regulation.md') && !f.file.startsWith('docs/ocds-mapping'));
    const cites = citing.flatMap((f) => bareCitations(f.file, f.text));
    assert.ok(cites.length > 50, `bare citations found (${cites.length})`);
    assert.deepEqual(unresolved(cites, SECTIONS['docs/regulation.md']), []);
    const ocds = read('docs/ocds-mapping.md');
    assert.deepEqual(unresolved(bareCitations('docs/ocds-mapping.md', ocds), SECTIONS['docs/ocds-mapping.md']), []);
  });

  test('the paths named in the regulation\'s "In the code" notes exist', () => {
    const notes = read('docs/regulation.md')
      .split(/\n\n/)
      .filter((p) => p.startsWith('**In the code:**'));
    assert.ok(notes.length >= 15, `notes found (${notes.length})`);
    const paths = notes.flatMap((n) => [...n.matchAll(/`([a-z-]+\/[\w./-]*)`/g)].map((m) => m[1]!));
    assert.ok(paths.length > 20, `paths found (${paths.length})`);
    assert.deepEqual(
      paths.filter((p) => !fs.existsSync(path.join(ROOT, p))),
      [],
    );
  });
});

describe('public red-flag text names no internal setting', () => {
  const MON = Date.UTC(2044, 2, 7, 2); // Monday 7 March 2044, 09:00 WIB
  const DAY = 86_400_000;

  test('a window measured in a compressed schedule: plain words, never TIME_SCALE', () => {
    const input = { method: 'tender', hps: 1e9, bidWindow: { from: MON, to: MON + DAY, workingDays: 1, timeScale: 0.001 } };
    const flag = redFlagsOf(input).find((f) => f.code === 'short_bid_window');
    assert.ok(flag, 'the short window is flagged');
    assert.doesNotMatch(flag.explanation, /TIME_SCALE/i);
    assert.match(flag.explanation, /jadwal dipercepat untuk uji coba/, "the officers' view says the schedule was compressed");
    assert.match(flag.explanation, /docs\/regulation\.md §2\.2 baris 4/, "the minimum cites the repository's docs");
    const { timeScale: _scaled, ...realWindow } = input.bidWindow;
    const plain = redFlagsOf({ ...input, bidWindow: realWindow }).find((f) => f.code === 'short_bid_window');
    assert.doesNotMatch(plain!.explanation, /dipercepat/, 'a real schedule is not said to be compressed');
  });

  test('no red-flag rule source mentions an internal setting', () => {
    assert.ok(FLAG_CODES.includes('short_bid_window'));
    for (const [method, rule] of Object.entries(RED_FLAG_RULES.bidWindow)) {
      assert.doesNotMatch(rule.source, /TIME_SCALE|process\.env|[A-Z]{2,}_[A-Z]{2,}/, method);
      assert.match(rule.source, /docs\/regulation\.md §2\.[26] baris 4/, method);
    }
  });
});
