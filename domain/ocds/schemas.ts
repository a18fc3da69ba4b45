/**
 * The bundled OCDS 1.1.5 schemas (./schema, copied unmodified: see its README), imported statically like the frozen
 * calendars (domain/calendar/frozen/index.ts): the module system brings them in with the code, so nothing here reads
 * a file or knows where the code runs from, and the compiled build carries them without a copy step.
 * The validator (validate.ts), the merge rules (merge.ts) and the OpenAPI components (api/openapi/ocds-schemas.ts)
 * all read these objects; none of them changes them.
 */
import recordPackage from './schema/record-package-schema.json';
import releasePackage from './schema/release-package-schema.json';
import release from './schema/release-schema.json';
import versionedRelease from './schema/versioned-release-validation-schema.json';

/** A JSON Schema node, as loaded from JSON. */
export type SchemaNode = { [key: string]: unknown };

/** Each bundled schema by its file name in ./schema. */
export const OCDS_SCHEMA_FILES: Readonly<Record<string, SchemaNode>> = {
  'release-schema.json': release,
  'versioned-release-validation-schema.json': versionedRelease,
  'release-package-schema.json': releasePackage,
  'record-package-schema.json': recordPackage,
};

/** The OCDS 1.1.5 release schema, from which merge.ts derives its merge rules. */
export const RELEASE_SCHEMA: SchemaNode = release;
