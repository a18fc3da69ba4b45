/**
 * OCDS 1.1.5 validation.
 *
 * 1. Schema validation with ajv (draft-04 via `ajv-draft-04`, plus `ajv-formats` for `date-time` and `uri`) against the
 *    bundled schemas in `./schema`, each registered under its `id` so that the package schemas' absolute `$ref`s to the
 *    release and versioned-release schemas resolve without network access.
 * 2. `checkBeyondSchema`: rules the schemas cannot express (after lib-cove-ocds, the official checker): ids unique
 *    within arrays, the ocid prefix, release ids unique per ocid, and date order.
 *
 * Every function returns `{ valid, errors: [{ path, message }] }`; `path` is a JSON Pointer into the checked value
 * (`''` is the whole value) and `message` starts with the path, so a message alone says where the problem is.
 *
 * The schemas come with the code (schemas.ts); ajv compiles them on first use (about a second), then never again.
 */
import Ajv04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { textOf } from '../text';
import { OCDS_SCHEMA_FILES } from './schemas';

export interface ValidationError {
  /** JSON Pointer to the offending value, e.g. `/releases/0/tender/tenderPeriod/endDate`. */
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

type JsonSchema = { id: string; [key: string]: unknown };

const load = (file: string): JsonSchema => OCDS_SCHEMA_FILES[file] as JsonSchema;

export const OCDS_SCHEMA_BASE = 'https://standard.open-contracting.org/schema/1__1__5/';
export const SCHEMA_IDS = {
  release: `${OCDS_SCHEMA_BASE}release-schema.json`,
  releasePackage: `${OCDS_SCHEMA_BASE}release-package-schema.json`,
  recordPackage: `${OCDS_SCHEMA_BASE}record-package-schema.json`,
  versionedRelease: `${OCDS_SCHEMA_BASE}versioned-release-validation-schema.json`,
} as const;

const SCHEMAS: readonly JsonSchema[] = [
  load('release-schema.json'),
  load('versioned-release-validation-schema.json'),
  load('release-package-schema.json'),
  load('record-package-schema.json'),
];
for (const schema of SCHEMAS) {
  if (!Object.values(SCHEMA_IDS).includes(schema.id as never)) {
    throw new Error(`unexpected OCDS schema id ${schema.id}: the bundled schemas are not OCDS 1.1.5`);
  }
}

/** OCDS keywords outside draft-04, defined by the OCDS meta-schema; they carry no validation. */
const OCDS_KEYWORDS = ['codelist', 'openCodelist', 'omitWhenMerged', 'wholeListMerge', 'versionId', 'deprecated'];

let ajvInstance: Ajv04 | undefined;
function ajv(): Ajv04 {
  if (!ajvInstance) {
    const instance = new Ajv04({ allErrors: true, allowUnionTypes: true });
    addFormats(instance);
    instance.addVocabulary(OCDS_KEYWORDS);
    for (const schema of SCHEMAS) instance.addSchema(schema);
    ajvInstance = instance;
  }
  return ajvInstance;
}

const validators = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let fn = validators.get(ref);
  if (!fn) {
    fn = ajv().getSchema(ref);
    if (!fn) throw new Error(`OCDS schema ${ref} is not registered`);
    validators.set(ref, fn);
  }
  return fn;
}

function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointer(parts: ReadonlyArray<string | number>): string {
  return parts.map((p) => `/${escapeToken(p)}`).join('');
}

function describe(path: string): string {
  return path === '' ? '(root)' : path;
}

function problem(path: string, message: string): ValidationError {
  return { path, message: `${describe(path)}: ${message}` };
}

function fromAjv(error: ErrorObject): ValidationError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  let message = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    path = `${path}/${escapeToken(params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'type' && params.type !== undefined) {
    const types = Array.isArray(params.type) ? params.type.map(String) : textOf(params.type).split(',');
    message = `must be of type ${types.join(' or ')}`;
  } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path = `${path}/${escapeToken(params.additionalProperty)}`;
    message = 'is not allowed';
  }
  return problem(path, message);
}

function result(errors: ValidationError[]): ValidationResult {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { valid: unique.length === 0, errors: unique };
}

function run(ref: string, data: unknown): ValidationResult {
  const fn = validator(ref);
  return fn(data) ? result([]) : result((fn.errors ?? []).map(fromAjv));
}

/** Validate one release against the OCDS 1.1.5 release schema. */
export function validateRelease(release: unknown): ValidationResult {
  return run(SCHEMA_IDS.release, release);
}

/** Validate a release package (`{uri, publisher, publishedDate, version, releases: [...]}`). */
export function validateReleasePackage(pkg: unknown): ValidationResult {
  return run(SCHEMA_IDS.releasePackage, pkg);
}

/** Validate a record package (`{uri, publisher, publishedDate, version, records: [...]}`). */
export function validateRecordPackage(pkg: unknown): ValidationResult {
  return run(SCHEMA_IDS.recordPackage, pkg);
}

/** Validate one record (`{ocid, releases, compiledRelease?, versionedRelease?}`) against the record package schema. */
export function validateRecord(record: unknown): ValidationResult {
  return run(`${SCHEMA_IDS.recordPackage}#/definitions/record`, record);
}

/** Validate a versioned release (the `versionedRelease` of a record). */
export function validateVersionedRelease(versioned: unknown): ValidationResult {
  return run(SCHEMA_IDS.versionedRelease, versioned);
}

// ---------------------------------------------------------------------------------------------------------------
// Checks beyond the schema
// ---------------------------------------------------------------------------------------------------------------

export interface BeyondSchemaOptions {
  /**
   * The publisher's registered ocid prefix, e.g. `ocds-213czf`: every ocid must start with it. Keep it in
   * configuration. Whatever the prefix, every ocid must match `^ocds-[a-z0-9]{6}`.
   */
  ocidPrefix: string;
}

export type OcdsDocumentKind = 'releasePackage' | 'recordPackage' | 'record' | 'release';

const OCID_PATTERN = /^ocds-[a-z0-9]{6}/;
const PREFIX_PATTERN = /^ocds-[a-z0-9]{6}$/;

type Obj = Record<string, unknown>;
type Path = ReadonlyArray<string | number>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What kind of OCDS document this is, from its shape. */
export function kindOf(doc: unknown): OcdsDocumentKind {
  if (isObj(doc) && Array.isArray(doc.records)) return 'recordPackage';
  if (isObj(doc) && Array.isArray(doc.releases)) return typeof doc.ocid === 'string' ? 'record' : 'releasePackage';
  return 'release';
}

function idKey(item: Obj): string | undefined {
  if (item.id === undefined || item.id === null) return undefined;
  // Identifiers and classifications are identified by scheme and id together.
  const scheme = typeof item.scheme === 'string' ? item.scheme : undefined;
  return scheme === undefined ? textOf(item.id) : `${scheme}\u0000${textOf(item.id)}`;
}

function describeId(item: Obj): string {
  const id = JSON.stringify(item.id);
  return typeof item.scheme === 'string' ? `${JSON.stringify(item.scheme)} ${id}` : id;
}

/** Ids unique within every array of objects (release or record body). */
function checkUniqueIds(value: unknown, path: Path, errors: ValidationError[]): void {
  if (Array.isArray(value)) {
    const firstAt = new Map<string, number>();
    value.forEach((item, i) => {
      if (!isObj(item)) return;
      const key = idKey(item);
      if (key === undefined) return;
      const first = firstAt.get(key);
      if (first === undefined) firstAt.set(key, i);
      else {
        errors.push(problem(pointer([...path, i, 'id']), `duplicate id ${describeId(item)} in ${describe(pointer(path))} (first at index ${first})`));
      }
    });
    value.forEach((item, i) => checkUniqueIds(item, [...path, i], errors));
  } else if (isObj(value)) {
    for (const [key, child] of Object.entries(value)) checkUniqueIds(child, [...path, key], errors);
  }
}

function checkOcid(ocid: unknown, path: Path, prefix: string, errors: ValidationError[]): void {
  if (typeof ocid !== 'string') return; // the schema reports a missing or mistyped ocid
  const where = pointer(path);
  if (!OCID_PATTERN.test(ocid)) {
    errors.push(problem(where, `ocid ${JSON.stringify(ocid)} does not start with an ocid prefix (^ocds-[a-z0-9]{6})`));
  } else if (!ocid.startsWith(prefix) || ocid.length === prefix.length) {
    errors.push(problem(where, `ocid ${JSON.stringify(ocid)} does not start with the publisher's prefix ${JSON.stringify(prefix)}`));
  }
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Every period (an object with `startDate` and `endDate`): startDate ≤ endDate. */
function checkPeriods(value: unknown, path: Path, errors: ValidationError[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkPeriods(item, [...path, i], errors));
  } else if (isObj(value)) {
    const start = instant(value.startDate);
    const end = instant(value.endDate);
    if (start !== undefined && end !== undefined && end < start) {
      errors.push(
        problem(pointer([...path, 'endDate']), `endDate ${String(value.endDate)} is before startDate ${String(value.startDate)} of ${describe(pointer(path))}`),
      );
    }
    for (const [key, child] of Object.entries(value)) checkPeriods(child, [...path, key], errors);
  }
}

function checkReleaseBody(release: unknown, path: Path, prefix: string, errors: ValidationError[]): void {
  if (!isObj(release)) return;
  checkOcid(release.ocid, [...path, 'ocid'], prefix, errors);
  checkUniqueIds(release, path, errors);
  checkPeriods(release, path, errors);
}

/** Release ids unique per ocid among embedded releases. */
function checkReleaseIds(releases: readonly unknown[], path: Path, errors: ValidationError[]): void {
  const firstAt = new Map<string, number>();
  releases.forEach((release, i) => {
    if (!isObj(release) || typeof release.ocid !== 'string' || release.id === undefined || release.id === null) return;
    const key = `${release.ocid}\u0000${textOf(release.id)}`;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else {
      errors.push(
        problem(
          pointer([...path, i, 'id']),
          `duplicate release id ${JSON.stringify(release.id)} for ocid ${JSON.stringify(release.ocid)} ` + `(first at ${pointer([...path, first])})`,
        ),
      );
    }
  });
}

function checkRecord(record: unknown, path: Path, prefix: string, errors: ValidationError[]): void {
  if (!isObj(record)) return;
  checkOcid(record.ocid, [...path, 'ocid'], prefix, errors);
  const releases = Array.isArray(record.releases) ? record.releases : [];
  const releasesPath = [...path, 'releases'];
  let previous: { at: number; date: string } | undefined;
  releases.forEach((release, i) => {
    if (!isObj(release)) return;
    const embedded = release.ocid !== undefined || release.id !== undefined;
    if (embedded) {
      checkReleaseBody(release, [...releasesPath, i], prefix, errors);
      if (typeof release.ocid === 'string' && typeof record.ocid === 'string' && release.ocid !== record.ocid) {
        errors.push(
          problem(
            pointer([...releasesPath, i, 'ocid']),
            `release ocid ${JSON.stringify(release.ocid)} differs from the record's ocid ${JSON.stringify(record.ocid)}`,
          ),
        );
      }
    }
    const at = instant(release.date);
    if (at === undefined) return;
    if (previous && at < previous.at) {
      errors.push(
        problem(
          pointer([...releasesPath, i, 'date']),
          `release date ${String(release.date)} is before the previous release's date ${previous.date}: ` + "a record's releases must be in date order",
        ),
      );
    }
    previous = { at, date: String(release.date) };
  });
  checkReleaseIds(releases, releasesPath, errors);
  if (record.compiledRelease !== undefined) {
    checkReleaseBody(record.compiledRelease, [...path, 'compiledRelease'], prefix, errors);
  }
  if (isObj(record.versionedRelease)) {
    checkOcid(record.versionedRelease.ocid, [...path, 'versionedRelease', 'ocid'], prefix, errors);
    checkUniqueIds(record.versionedRelease, [...path, 'versionedRelease'], errors);
  }
}

/**
 * Checks the schema cannot express. Accepts a release package, a record package, a record or a release (told apart by
 * shape, see `kindOf`):
 * - ids unique within every array of objects that have `id` (objects that also have `scheme`, i.e. identifiers and
 *   classifications, are identified by scheme and id);
 * - every ocid matches `^ocds-[a-z0-9]{6}` and starts with `ocidPrefix`;
 * - release ids unique per ocid within a package or record; records unique by ocid within a record package;
 * - every period (object with `startDate` and `endDate`, e.g. tender/enquiry/award/contract periods, an award's
 *   contractPeriod, a contract's period) has startDate ≤ endDate;
 * - a record's releases (embedded or linked) are in non-decreasing `date` order, and embedded releases share the
 *   record's ocid.
 */
export function checkBeyondSchema(doc: unknown, options: BeyondSchemaOptions): ValidationResult {
  const prefix = options.ocidPrefix;
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`ocidPrefix ${JSON.stringify(prefix)} is not an ocid prefix (ocds- followed by 6 lowercase letters or digits)`);
  }
  const errors: ValidationError[] = [];
  switch (kindOf(doc)) {
    case 'releasePackage': {
      const releases = (doc as Obj).releases as unknown[];
      releases.forEach((release, i) => checkReleaseBody(release, ['releases', i], prefix, errors));
      checkReleaseIds(releases, ['releases'], errors);
      break;
    }
    case 'recordPackage': {
      const records = (doc as Obj).records as unknown[];
      const firstAt = new Map<string, number>();
      records.forEach((record, i) => {
        checkRecord(record, ['records', i], prefix, errors);
        if (!isObj(record) || typeof record.ocid !== 'string') return;
        const first = firstAt.get(record.ocid);
        if (first === undefined) firstAt.set(record.ocid, i);
        else {
          const message = `duplicate record for ocid ${JSON.stringify(record.ocid)} (first at /records/${first})`;
          errors.push(problem(pointer(['records', i, 'ocid']), message));
        }
      });
      break;
    }
    case 'record':
      checkRecord(doc, [], prefix, errors);
      break;
    case 'release':
      checkReleaseBody(doc, [], prefix, errors);
      break;
  }
  return result(errors);
}
