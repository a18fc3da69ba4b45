/**
 * Release packages and record packages (OCDS 1.1.5 package schemas), whole or streamed. A streamed package is written
 * as its opening (metadata), then each release or record as soon as it is built, then its closing, so an export of
 * a fiscal year never holds more than one batch in memory; the bytes are the same JSON a whole package would be.
 */
import type { JsonObject } from './merge';

export interface PackageMeta {
  /** Where this package can be fetched again (absolute URI). */
  uri: string;
  publishedDate: string;
  publisher: { name: string; uri?: string };
  /** The data's licence (a URL) and the publication policy (a URL), as the package schema's fields. */
  license?: string;
  publicationPolicy?: string;
}

export const OCDS_VERSION = '1.1';

const head = (meta: PackageMeta): JsonObject => ({
  uri: meta.uri,
  version: OCDS_VERSION,
  publishedDate: meta.publishedDate,
  publisher: { ...meta.publisher },
  ...(meta.license ? { license: meta.license } : {}),
  ...(meta.publicationPolicy ? { publicationPolicy: meta.publicationPolicy } : {}),
});

export function releasePackage(meta: PackageMeta, releases: readonly JsonObject[]): JsonObject {
  return { ...head(meta), releases: [...releases] };
}

export function recordPackage(meta: PackageMeta, records: readonly JsonObject[]): JsonObject {
  return { ...head(meta), records: [...records] };
}

/** The package as text chunks: the opening, one chunk per item (a batch of items may come at once), the closing. */
export async function* streamPackage(meta: PackageMeta, key: 'releases' | 'records', batches: AsyncIterable<readonly JsonObject[]>): AsyncGenerator<string> {
  const opening = JSON.stringify(head(meta));
  yield `${opening.slice(0, -1)},${JSON.stringify(key)}:[`;
  let first = true;
  for await (const batch of batches) {
    for (const item of batch) {
      yield (first ? '' : ',') + JSON.stringify(item);
      first = false;
    }
  }
  yield ']}';
}
