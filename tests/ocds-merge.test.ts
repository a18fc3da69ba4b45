import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OcdsMergeError, buildRecord, compileRelease, getMergeRules, versionedRelease, type JsonObject } from '../domain/ocds/merge';
import { RELEASE_SCHEMA, type SchemaNode } from '../domain/ocds/schemas';

// Golden cases copied from open-contracting/ocds-merge tests/fixtures/1.1 (see tests/fixtures/ocds/README.md):
// `X.json` is an array of releases, `X-compiled.json` / `X-versioned.json` the expected outputs.
const FIXTURES = join(__dirname, 'fixtures', 'ocds', 'merge', '1.1');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const cases = files
  .filter((f) => !/-(compiled|versioned)\.json$/.test(f))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

describe('OCDS merge fixtures (ocds-merge tests/fixtures/1.1)', () => {
  it('every fixture file belongs to a complete case (17 cases, 51 files)', () => {
    for (const name of cases) {
      assert.ok(files.includes(`${name}-compiled.json`), `${name}-compiled.json`);
      assert.ok(files.includes(`${name}-versioned.json`), `${name}-versioned.json`);
    }
    assert.equal(files.length, cases.length * 3);
    assert.equal(cases.length, 17);
  });

  for (const name of cases) {
    const releases = read<JsonObject[]>(`${name}.json`);
    it(`${name}: compiled release`, () => {
      assert.deepStrictEqual(compileRelease(releases), read(`${name}-compiled.json`));
    });
    it(`${name}: versioned release`, () => {
      assert.deepStrictEqual(versionedRelease(releases), read(`${name}-versioned.json`));
    });
    it(`${name}: same result whatever the input order`, () => {
      const reversed = [...releases].reverse();
      assert.deepStrictEqual(compileRelease(reversed), read(`${name}-compiled.json`));
      assert.deepStrictEqual(versionedRelease(reversed), read(`${name}-versioned.json`));
    });
  }

  it('does not mutate its input', () => {
    for (const name of cases) {
      const releases = read<JsonObject[]>(`${name}.json`);
      const before = structuredClone(releases);
      compileRelease(releases);
      versionedRelease(releases);
      buildRecord(releases[0]!.ocid as string, releases);
      assert.deepStrictEqual(releases, before, name);
    }
  });
});

describe('merge rules derived from the release schema', () => {
  const rules = getMergeRules();
  const has = (path: string, rule: string) => rules.get(path)?.has(rule as never) ?? false;

  const expected: Array<[string, string]> = [
    // omitWhenMerged: release metadata
    ['id', 'omitWhenMerged'],
    ['date', 'omitWhenMerged'],
    ['tag', 'omitWhenMerged'],
    // wholeListMerge declared in the schema
    ['parties/additionalIdentifiers', 'wholeListMerge'],
    ['buyer/additionalIdentifiers', 'wholeListMerge'],
    ['tender/procuringEntity/additionalIdentifiers', 'wholeListMerge'],
    ['tender/items/additionalClassifications', 'wholeListMerge'],
    ['awards/suppliers/additionalIdentifiers', 'wholeListMerge'],
    // arrays of non-objects
    ['parties/roles', 'wholeListMerge'],
    ['tender/submissionMethod', 'wholeListMerge'],
    ['tender/additionalProcurementCategories', 'wholeListMerge'],
    // arrays of objects whose items have no `id`
    ['awards/amendments/changes', 'wholeListMerge'],
    // versionId
    ['tender/id', 'versionId'],
    ['tender/items/classification/id', 'versionId'],
    ['parties/identifier/id', 'versionId'],
    ['tender/items/unit/id', 'versionId'],
  ];
  for (const [path, rule] of expected) {
    it(`${path}: ${rule}`, () => assert.ok(has(path, rule), JSON.stringify([...(rules.get(path) ?? [])])));
  }

  it('identifier-merged arrays carry no array rule', () => {
    const arrays = ['parties', 'awards', 'contracts', 'tender/items', 'tender/documents', 'contracts/implementation/transactions'];
    for (const path of arrays) {
      assert.equal(rules.get(path), undefined, path);
    }
  });

  it('rules follow a custom schema', () => {
    // A schema where `tender.items` is whole-list-merged and `tender.title` is omitted.
    const schema = structuredClone(RELEASE_SCHEMA) as SchemaNode & { definitions: Record<string, SchemaNode> };
    const tender = schema.definitions.Tender as { properties: Record<string, SchemaNode> };
    tender.properties.items = { ...tender.properties.items, wholeListMerge: true };
    tender.properties.title = { ...tender.properties.title, omitWhenMerged: true };
    const custom = getMergeRules(schema);
    assert.ok(custom.get('tender/items')?.has('wholeListMerge'));
    assert.ok(custom.get('tender/title')?.has('omitWhenMerged'));
    assert.equal(custom.get('tender/items/additionalClassifications'), undefined);

    const releases = read<JsonObject[]>('mergeid.json').map((r, i) => ({
      ...r,
      tender: { ...(r.tender as JsonObject), title: `T${i}` },
    }));
    const compiled = compileRelease(releases, schema);
    assert.deepStrictEqual((compiled.tender as JsonObject).items, (releases[1]!.tender as JsonObject).items);
    assert.equal((compiled.tender as JsonObject).title, undefined);
    // The bundled schema still merges by id.
    assert.equal(((compileRelease(releases).tender as JsonObject).items as unknown[]).length, 3);
  });
});

describe('merge behaviour beyond the fixtures', () => {
  const base = { ocid: 'ocds-213czf-A', initiationType: 'tender' };
  /** Release number `n` (1-9), dated 2014-01-0n. */
  const rel = (n: number, tag: string, body: JsonObject = {}): JsonObject => ({
    ...base,
    id: String(n),
    date: `2014-01-0${n}T00:00:00Z`,
    tag: [tag],
    ...body,
  });

  it('sorts by date as instants, keeping input order for equal dates', () => {
    const releases = [
      { ...base, id: '2', date: '2014-01-01T08:00:00+07:00', tag: ['tender'], tender: { title: 'second' } }, // 01:00Z
      { ...base, id: '1', date: '2014-01-01T00:30:00Z', tag: ['tender'], tender: { title: 'first' } },
      { ...base, id: '3', date: '2014-01-01T08:00:00+07:00', tag: ['tenderUpdate'], tender: { title: 'third' } },
    ];
    const compiled = compileRelease(releases);
    assert.equal((compiled.tender as JsonObject).title, 'third');
    assert.equal(compiled.date, '2014-01-01T08:00:00+07:00');
    const versioned = versionedRelease(releases);
    assert.deepStrictEqual(
      ((versioned.tender as JsonObject).title as Array<{ releaseID: string }>).map((v) => v.releaseID),
      ['1', '2', '3'],
    );
  });

  it('merges nested identifier arrays and treats `1` and "1" as the same id', () => {
    const releases = [
      rel(1, 'award', { awards: [{ id: 1, items: [{ id: 'a', quantity: 1 }] }] }),
      rel(2, 'awardUpdate', { awards: [{ id: '1', items: [{ id: 'a', quantity: 2 }, { id: 'b' }] }] }),
    ];
    // One award; like any other field, its `id` takes the latest release's value.
    assert.deepStrictEqual(compileRelease(releases).awards, [{ id: '1', items: [{ id: 'a', quantity: 2 }, { id: 'b' }] }]);
    // The versioned release keeps the identifying `id` unversioned, as first seen.
    assert.equal(((versionedRelease(releases).awards as JsonObject[])[0] as JsonObject).id, 1);
  });

  it('appends objects without id instead of merging them', () => {
    const releases = [rel(1, 'tender', { tender: { milestones: [{ title: 'x' }] } }), rel(2, 'tender', { tender: { milestones: [{ title: 'y' }] } })];
    assert.deepStrictEqual((compileRelease(releases).tender as JsonObject).milestones, [{ title: 'x' }, { title: 'y' }]);
  });

  it('leaves out objects and arrays that end up empty', () => {
    const releases = [rel(1, 'tender', { planning: { rationale: null }, tender: { milestones: [{ title: null }] } })];
    const compiled = compileRelease(releases);
    assert.equal('planning' in compiled, false);
    assert.equal('tender' in compiled, false);
    // The versioned release records the nulls.
    const versioned = versionedRelease(releases);
    assert.deepStrictEqual((versioned.planning as JsonObject).rationale, [
      { releaseID: '1', releaseDate: '2014-01-01T00:00:00Z', releaseTag: ['tender'], value: null },
    ]);
  });

  it('null removes a whole object or array, and a later value restores it', () => {
    const releases = [rel(1, 'award', { awards: [{ id: '1' }], planning: { rationale: 'r' } }), rel(2, 'awardUpdate', { awards: null, planning: null })];
    const compiled = compileRelease(releases);
    assert.equal('awards' in compiled, false);
    assert.equal('planning' in compiled, false);
    const restored = compileRelease([...releases, rel(3, 'planningUpdate', { planning: { rationale: 's' } })]);
    assert.deepStrictEqual(restored.planning, { rationale: 's' });
  });

  it('records only changes in the versioned release, deep-comparing whole lists', () => {
    const party = { id: 'p', roles: ['buyer'] };
    const releases = [1, 2, 3].map((n) => rel(n, 'tender', { parties: [party] }));
    const versioned = versionedRelease(releases);
    assert.deepStrictEqual(versioned.parties, [
      {
        id: 'p',
        roles: [{ releaseID: '1', releaseDate: '2014-01-01T00:00:00Z', releaseTag: ['tender'], value: ['buyer'] }],
      },
    ]);
  });

  it('refuses releases of different ocids, missing dates and empty input', () => {
    assert.throws(() => compileRelease([]), OcdsMergeError);
    assert.throws(() => compileRelease([rel(1, 'tender'), rel(2, 'tender', { ocid: 'ocds-213czf-B' })]), /ocid/);
    assert.throws(() => versionedRelease([{ ...base, id: '1' }]), /no date/);
    assert.throws(() => buildRecord('ocds-213czf-B', [rel(1, 'tender')]), /expected "ocds-213czf-B"/);
  });

  it('buildRecord embeds the releases in date order with both merged releases', () => {
    const releases = read<JsonObject[]>('simple.json');
    const record = buildRecord('ocds-213czf-A', [...releases].reverse());
    assert.equal(record.ocid, 'ocds-213czf-A');
    assert.deepStrictEqual(record.releases, releases);
    assert.deepStrictEqual(record.compiledRelease, read('simple-compiled.json'));
    assert.deepStrictEqual(record.versionedRelease, read('simple-versioned.json'));
  });
});
