/**
 * The `documents` table: generated PDFs with their SHA-256. Writes are idempotent by id
 * (`${packageId}:${kind}:${revision}`): the first bytes stored win, and every caller gets the hash of those bytes.
 */
import type { Knex } from 'knex';
import type { DocumentsRow } from '../tables';
import { createHash } from 'node:crypto';

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface NewDocument {
  packageId: string;
  kind: string;
  revision: number;
  title: string;
  fileName: string;
  content: Buffer;
}

export interface StoredDocumentRef {
  id: string;
  kind: string;
  revision: number;
  sha256: string;
  size: number;
  fileName: string;
}

export interface DocumentInfo {
  id: string;
  packageId: string;
  kind: string;
  revision: number;
  title: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  createdAt: Date;
}

export interface StoredDocument extends DocumentInfo {
  content: Buffer;
}

/** A documents row as read here: its content only where it was selected (listings leave it out). */
type DocumentRow = Omit<DocumentsRow, 'content'> & { content?: Buffer };

const INFO_COLUMNS = ['id', 'package_id', 'kind', 'revision', 'title', 'file_name', 'content_type', 'sha256', 'size', 'created_at'] as const;

export const documentIdOf = (packageId: string, kind: string, revision: number) => `${packageId}:${kind}:${revision}`;

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const infoOf = (r: DocumentRow): DocumentInfo => ({
  id: r.id,
  packageId: r.package_id,
  kind: r.kind,
  revision: r.revision,
  title: r.title,
  fileName: r.file_name,
  contentType: r.content_type,
  sha256: r.sha256,
  size: r.size,
  createdAt: r.created_at,
});

/**
 * Inserts the document unless a row with its id exists (ON CONFLICT (id) DO NOTHING), then reads the stored row back:
 * a retried activity never duplicates a row and always reports the hash of the bytes actually stored.
 */
export async function storeDocument(db: Knex, doc: NewDocument): Promise<StoredDocumentRef> {
  if (!doc.packageId || doc.packageId.length > 64) throw new RangeError(`bad package id '${doc.packageId}'`);
  if (!/^[a-z0-9_]{1,32}$/.test(doc.kind)) throw new RangeError(`bad document kind '${doc.kind}'`);
  if (!Number.isSafeInteger(doc.revision) || doc.revision < 1 || doc.revision > 2_147_483_647) {
    throw new RangeError(`bad document revision ${doc.revision}`);
  }
  const id = documentIdOf(doc.packageId, doc.kind, doc.revision);
  await db('documents')
    .insert({
      id,
      package_id: doc.packageId,
      kind: doc.kind,
      revision: doc.revision,
      title: doc.title.slice(0, 500),
      file_name: doc.fileName.slice(0, 300),
      content_type: PDF_CONTENT_TYPE,
      sha256: sha256Hex(doc.content),
      size: doc.content.length,
      content: doc.content,
    })
    .onConflict('id')
    .ignore();
  const row = await db('documents').where({ id }).first('id', 'kind', 'revision', 'sha256', 'size', 'file_name');
  if (!row) throw new Error(`document ${id} not found right after it was stored`);
  return { id: row.id, kind: row.kind, revision: row.revision, sha256: row.sha256, size: row.size, fileName: row.file_name };
}

/** The package's documents without their bytes, ordered by kind then revision. */
export async function listDocuments(db: Knex, packageId: string): Promise<DocumentInfo[]> {
  const rows = (await db('documents')
    .where({ package_id: packageId })
    .select(...INFO_COLUMNS)
    .orderBy([{ column: 'kind' }, { column: 'revision' }])) as DocumentRow[];
  return rows.map(infoOf);
}

/** One document of the package with its bytes, or null. */
export async function getDocument(db: Knex, packageId: string, id: string): Promise<StoredDocument | null> {
  const row = await db('documents')
    .where({ package_id: packageId, id })
    .first(...INFO_COLUMNS, 'content');
  if (!row || !row.content) return null;
  return { ...infoOf(row), content: row.content };
}
