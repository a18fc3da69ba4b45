import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecord, compileRelease, type JsonObject } from '../domain/ocds/merge';
import {
  checkBeyondSchema,
  kindOf,
  validateRecord,
  validateRecordPackage,
  validateRelease,
  validateReleasePackage,
  validateVersionedRelease,
  type ValidationResult,
} from '../domain/ocds/validate';

// Examples copied from the OCDS sample data and the 1.1.5 worked example (see tests/fixtures/ocds/README.md for provenance).
const EXAMPLES = join(__dirname, 'fixtures', 'ocds', 'examples');
const MERGE = join(__dirname, 'fixtures', 'ocds', 'merge', '1.1');
const readJson = (path: string): JsonObject => JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
const example = (file: string): JsonObject => readJson(join(EXAMPLES, file));

const PREFIX = 'ocds-213czf'; // the documentation prefix used by every example
const RELEASE_PACKAGES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const RECORD_PACKAGES = readdirSync(join(EXAMPLES, 'record'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => `record/${f}`);
const CONTRACTING_PROCESS = ['ocds-213czf-000-00001-02-tender.json', 'ocds-213czf-000-00001-04-award.json', 'ocds-213czf-000-00001-05-contract.json'];

const releaseOf = (pkg: JsonObject, i = 0): JsonObject => (pkg.releases as JsonObject[])[i]!;
const at = (obj: JsonObject, ...keys: string[]): JsonObject => keys.reduce((o, k) => o[k] as JsonObject, obj);

function assertValid(res: ValidationResult, label: string): void {
  assert.deepStrictEqual(res.errors, [], `${label}: ${res.errors.map((e) => e.message).join('; ')}`);
  assert.equal(res.valid, true, label);
}

/** Fails, and has an error at `path` whose message names that path and matches `pattern`. */
function assertError(res: ValidationResult, path: string, pattern: RegExp = /./): void {
  assert.equal(res.valid, false, 'expected invalid');
  const hit = res.errors.find((e) => e.path === path && e.message.includes(path) && pattern.test(e.message));
  assert.ok(hit, `no error at ${path} matching ${String(pattern)}; got ${JSON.stringify(res.errors, null, 1)}`);
}

function packageFor(records: JsonObject[]): JsonObject {
  const meta = example(CONTRACTING_PROCESS[0]!);
  return {
    uri: 'https://pengadaan.example/ocds/records/ocds-213czf-000-00001.json',
    publisher: meta.publisher!,
    publishedDate: '2024-01-01T00:00:00Z',
    license: meta.license!,
    publicationPolicy: meta.publicationPolicy!,
    version: '1.1',
    records,
  };
}

describe('OCDS examples validate', () => {
  it('the copied examples are all here', () => {
    assert.deepStrictEqual(RELEASE_PACKAGES, ['minimal-1-tender.json', ...CONTRACTING_PROCESS]);
    assert.deepStrictEqual(RECORD_PACKAGES, ['record/ocds-213czf-000-00001.json']);
  });

  for (const file of RELEASE_PACKAGES) {
    it(`${file}: release package, its releases, and the checks beyond the schema`, () => {
      const pkg = example(file);
      assert.equal(kindOf(pkg), 'releasePackage');
      assertValid(validateReleasePackage(pkg), file);
      (pkg.releases as JsonObject[]).forEach((r, i) => assertValid(validateRelease(r), `${file} release ${i}`));
      assertValid(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), file);
    });
  }

  for (const file of RECORD_PACKAGES) {
    it(`${file}: record package, its records, and the checks beyond the schema`, () => {
      const pkg = example(file);
      assert.equal(kindOf(pkg), 'recordPackage');
      assertValid(validateRecordPackage(pkg), file);
      for (const record of pkg.records as JsonObject[]) {
        assertValid(validateRecord(record), `${file} record`);
        assertValid(validateRelease(record.compiledRelease), `${file} compiledRelease`);
      }
      assertValid(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), file);
    });
  }

  it('every merge fixture: releases, compiled and versioned releases, and the record built from them', () => {
    const cases = readdirSync(MERGE).filter((f) => f.endsWith('.json') && !/-(compiled|versioned)\.json$/.test(f));
    assert.equal(cases.length, 17);
    for (const file of cases) {
      const name = file.replace(/\.json$/, '');
      const releases = JSON.parse(readFileSync(join(MERGE, file), 'utf8')) as JsonObject[];
      releases.forEach((r, i) => assertValid(validateRelease(r), `${name} release ${i}`));
      assertValid(validateRelease(readJson(join(MERGE, `${name}-compiled.json`))), `${name}-compiled`);
      assertValid(validateVersionedRelease(readJson(join(MERGE, `${name}-versioned.json`))), `${name}-versioned`);
      const record = buildRecord('ocds-213czf-A', releases);
      assertValid(validateRecordPackage(packageFor([record as unknown as JsonObject])), `${name} record package`);
      assertValid(checkBeyondSchema(record, { ocidPrefix: PREFIX }), `${name} record`);
    }
  });
});

describe('a record built from the example releases', () => {
  const releases = CONTRACTING_PROCESS.map((f) => releaseOf(example(f)));
  // Out of order on purpose: buildRecord sorts by date.
  const record = buildRecord('ocds-213czf-000-00001', [releases[2]!, releases[0]!, releases[1]!]);
  const pkg = packageFor([record as unknown as JsonObject]);

  it('validates as a record package and as a record, and passes the checks beyond the schema', () => {
    assert.equal(kindOf(record), 'record');
    assertValid(validateRecordPackage(pkg), 'record package');
    assertValid(validateRecord(record), 'record');
    assertValid(validateRelease(record.compiledRelease), 'compiledRelease');
    assertValid(validateVersionedRelease(record.versionedRelease), 'versionedRelease');
    assertValid(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), 'record package');
  });

  it('embeds the releases in date order and compiles the latest state', () => {
    assert.deepStrictEqual(
      record.releases.map((r) => r.id),
      CONTRACTING_PROCESS.map((f) => f.replace(/\.json$/, '')),
    );
    const compiled = record.compiledRelease;
    assert.deepStrictEqual(compiled.tag, ['compiled']);
    assert.equal(compiled.date, '2010-05-10T10:30:00Z');
    assert.equal(compiled.id, 'ocds-213czf-000-00001-2010-05-10T10:30:00Z');
    // The tender from the tender release survives (the contract release has no tender);
    // the award and contract come from the later releases.
    assert.equal(at(compiled, 'tender').id, at(releases[0]!, 'tender').id);
    assert.equal(at(compiled, 'tender').status, at(releases[1]!, 'tender').status);
    assert.deepStrictEqual(compiled.contracts, releases[2]!.contracts);
    assert.equal((compiled.awards as JsonObject[]).length, 1);
    assert.equal((compiled.parties as JsonObject[]).length, 3);
    assert.deepStrictEqual(compileRelease(releases), compiled);
  });

  it('a record with a release date out of order fails', () => {
    const broken = structuredClone(pkg);
    const rec = (broken.records as JsonObject[])[0]!;
    (rec.releases as JsonObject[]).reverse();
    assertError(checkBeyondSchema(broken, { ocidPrefix: PREFIX }), '/records/0/releases/1/date', /date order/);
  });
});

describe('broken copies fail with the path named', () => {
  const tenderPkg = () => structuredClone(example('ocds-213czf-000-00001-02-tender.json'));
  const awardPkg = () => structuredClone(example('ocds-213czf-000-00001-04-award.json'));

  it('missing ocid', () => {
    const pkg = tenderPkg();
    delete releaseOf(pkg).ocid;
    assertError(validateReleasePackage(pkg), '/releases/0/ocid', /required/);
    assertError(validateRelease(releaseOf(pkg)), '/ocid', /required/);
  });

  it('missing ocid in a record', () => {
    const record = structuredClone((example('record/ocds-213czf-000-00001.json').records as JsonObject[])[0]!);
    delete record.ocid;
    assertError(validateRecord(record), '/ocid', /required/);
  });

  it('wrong type', () => {
    const pkg = tenderPkg();
    at(releaseOf(pkg), 'tender', 'value').amount = '1000';
    assertError(validateReleasePackage(pkg), '/releases/0/tender/value/amount', /type number/);
  });

  it('value outside a closed codelist', () => {
    const pkg = tenderPkg();
    at(releaseOf(pkg), 'tender').status = 'active.tendering';
    assertError(validateReleasePackage(pkg), '/releases/0/tender/status', /"active"/);
  });

  it('malformed date', () => {
    const pkg = tenderPkg();
    releaseOf(pkg).date = '2024-01-01 10:00';
    assertError(validateReleasePackage(pkg), '/releases/0/date', /date-time/);
  });

  it('duplicate ids in an array (the schema alone accepts them)', () => {
    const pkg = awardPkg();
    const release = releaseOf(pkg);
    const awards = release.awards as JsonObject[];
    awards.push({ ...structuredClone(awards[0]!), title: 'a different award with the same id' });
    const parties = release.parties as JsonObject[];
    parties.push({ ...structuredClone(parties[1]!), name: 'Another name' });
    assertValid(validateReleasePackage(pkg), 'schema only');
    const res = checkBeyondSchema(pkg, { ocidPrefix: PREFIX });
    assertError(res, '/releases/0/awards/1/id', /duplicate id "ocds-213czf-000-00001-award-01"/);
    assertError(res, '/releases/0/parties/3/id', /duplicate id "GB-COH-11111111"/);
  });

  it('duplicate ids nested in an object inside an array', () => {
    const pkg = tenderPkg();
    const items = at(releaseOf(pkg), 'tender').items as JsonObject[];
    items.push(structuredClone(items[0]!));
    assertError(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), '/releases/0/tender/items/1/id', /duplicate id/);
  });

  it('wrong ocid prefix', () => {
    const pkg = tenderPkg();
    releaseOf(pkg).ocid = 'ocds-abc123-000-00001';
    assertValid(validateReleasePackage(pkg), 'schema only');
    assertError(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), '/releases/0/ocid', /prefix "ocds-213czf"/);
    releaseOf(pkg).ocid = 'not-a-registered-prefix-1';
    assertError(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), '/releases/0/ocid', /does not start with an ocid prefix/);
    assert.throws(() => checkBeyondSchema(pkg, { ocidPrefix: 'OCDS-XYZ' }), TypeError);
  });

  it('endDate before startDate', () => {
    const pkg = tenderPkg();
    const period = at(releaseOf(pkg), 'tender', 'tenderPeriod');
    period.endDate = '2010-02-28T18:00:00Z';
    const tenderPath = '/releases/0/tender/tenderPeriod/endDate';
    assertError(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), tenderPath, /before startDate/);

    const contractPkg = structuredClone(example('ocds-213czf-000-00001-05-contract.json'));
    const contract = (releaseOf(contractPkg).contracts as JsonObject[])[0]!;
    at(contract, 'period').startDate = '2012-01-01T00:00:00Z';
    const contractPath = '/releases/0/contracts/0/period/endDate';
    assertError(checkBeyondSchema(contractPkg, { ocidPrefix: PREFIX }), contractPath, /before startDate/);
    const award = (releaseOf(contractPkg).awards as JsonObject[])[0]!;
    award.contractPeriod = { startDate: '2011-01-01T00:00:00+07:00', endDate: '2010-12-31T23:00:00+07:00' };
    assertError(checkBeyondSchema(contractPkg, { ocidPrefix: PREFIX }), '/releases/0/awards/0/contractPeriod/endDate');
  });

  it('duplicate release id for the same ocid in a package', () => {
    const pkg = tenderPkg();
    (pkg.releases as JsonObject[]).push(structuredClone(releaseOf(pkg)));
    assertError(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), '/releases/1/id', /duplicate release id/);
    // The same release id under another ocid is fine.
    releaseOf(pkg, 1).ocid = 'ocds-213czf-000-00002';
    assertValid(checkBeyondSchema(pkg, { ocidPrefix: PREFIX }), 'different ocids');
  });

  it('a single release is checked too', () => {
    const release = releaseOf(tenderPkg());
    release.ocid = 'ocds-zzzzzz-1';
    assertError(checkBeyondSchema(release, { ocidPrefix: PREFIX }), '/ocid', /prefix/);
  });
});
