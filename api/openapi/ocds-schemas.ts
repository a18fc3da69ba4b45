/**
 * The OCDS 1.1.5 schemas the /api/ocds answers follow, bundled into the document's components so that nothing is
 * referenced outside it: the same files domain/ocds/validate.ts checks every produced release against.
 *
 * Each schema's root becomes `Ocds{Release|VersionedRelease|ReleasePackage|RecordPackage}` and each of its
 * definitions `Ocds{Name}` (release schema and record package) or `OcdsVersioned{Name}` (versioned release). Draft-04
 * bits that are not JSON Schema 2020-12 are adapted: the root `id` and `$schema` are dropped (the component is
 * addressed by its `$ref`), and OCDS's `deprecated` objects become `deprecated: true` with the details kept in
 * `x-ocds-deprecated` (2020-12 defines `deprecated` as a boolean).
 */
import { OCDS_SCHEMA_FILES } from '../../domain/ocds/schemas';
import { OCDS_SCHEMA_BASE } from '../../domain/ocds/validate';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** file → the component name of its root and the prefix of its definitions. */
const FILES: Record<string, { root: string; defPrefix: string }> = {
  'release-schema.json': { root: 'OcdsRelease', defPrefix: 'Ocds' },
  'versioned-release-validation-schema.json': { root: 'OcdsVersionedRelease', defPrefix: 'OcdsVersioned' },
  'release-package-schema.json': { root: 'OcdsReleasePackage', defPrefix: 'OcdsReleasePackage' },
  'record-package-schema.json': { root: 'OcdsRecordPackage', defPrefix: 'Ocds' },
};

const component = (name: string) => `#/components/schemas/${name}`;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A `$ref` of `file` (internal `#/definitions/X`, `#`, or absolute to a sibling schema) as a component reference. */
function rewriteRef(ref: string, file: string): string {
  const [target, pointer = ''] = ref.split('#') as [string, string?];
  let owner = file;
  if (target) {
    if (!target.startsWith(OCDS_SCHEMA_BASE)) throw new Error(`OCDS schema ${file}: unexpected $ref ${ref}`);
    owner = target.slice(OCDS_SCHEMA_BASE.length);
  }
  const names = FILES[owner];
  if (!names) throw new Error(`OCDS schema ${file}: $ref to an unbundled schema ${ref}`);
  if (pointer === '' || pointer === '/') return component(names.root);
  const m = /^\/definitions\/([A-Za-z]+)$/.exec(pointer);
  if (!m) throw new Error(`OCDS schema ${file}: unsupported $ref pointer ${ref}`);
  return component(names.defPrefix + capitalised(m[1]!));
}

function adapt(node: Json, file: string, inProperties = false): Json {
  if (Array.isArray(node)) return node.map((n) => adapt(n, file));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    // Under `properties`/`patternProperties` every key is a field name (OCDS has fields called `id`), not a keyword.
    if (inProperties) out[k] = adapt(v, file);
    else if (k === '$ref' && typeof v === 'string') out[k] = rewriteRef(v, file);
    else if (k === 'deprecated' && typeof v === 'object') {
      out.deprecated = true;
      out['x-ocds-deprecated'] = v;
    } else out[k] = adapt(v, file, k === 'properties' || k === 'patternProperties');
  }
  return out;
}

let cached: Record<string, JsonObject> | undefined;

/** Every bundled OCDS schema and definition, keyed by component name; built once. */
export function ocdsComponents(): Record<string, JsonObject> {
  if (cached) return cached;
  const out: Record<string, JsonObject> = {};
  for (const [file, names] of Object.entries(FILES)) {
    // A deep copy: adapt() builds new objects, but the schema objects are shared with the validator and the merge.
    const { id: _id, $schema: _s, definitions, ...root } = structuredClone(OCDS_SCHEMA_FILES[file]) as JsonObject;
    out[names.root] = adapt(root, file) as JsonObject;
    for (const [name, def] of Object.entries((definitions ?? {}) as JsonObject)) {
      const id = names.defPrefix + capitalised(name);
      if (out[id]) throw new Error(`OCDS component ${id} defined twice`);
      out[id] = adapt(def, file) as JsonObject;
    }
  }
  cached = out;
  return out;
}
