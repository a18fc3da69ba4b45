/**
 * `npm run gen:api`: writes web/src/api/schema.d.ts, the types of the console's API client, from the OpenAPI
 * document as buildOpenApi() builds it (no server needed). Run after changing anything under api/openapi/ or the
 * zod schemas it documents.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateSchemaTypes, SCHEMA_TYPES_PATH } from '../api/openapi/schema-types';

async function main() {
  const text = await generateSchemaTypes();
  mkdirSync(dirname(SCHEMA_TYPES_PATH), { recursive: true });
  writeFileSync(SCHEMA_TYPES_PATH, text);
  process.stdout.write(`${relative(process.cwd(), SCHEMA_TYPES_PATH)}: ${text.length} characters\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
