/**
 * /api/packages/:id/documents: the generated PDFs of a package (E-Kontrak). The list gives metadata and the SHA-256;
 * a download sends the stored bytes with the hash as ETag and X-Content-SHA256, so a recipient can check the file
 * against the hash kept in the workflow's data. Mounted with `Router({ mergeParams: true })` under the package path;
 * authentication is the app's, as for the other package routes.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { getDocument, listDocuments } from '../../db/queries/documents';
import { packageExists } from '../../db/queries/packages';
import { ApiError, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';

export const DocumentIdParam = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9:_-]+$/, 'id dokumen tidak sah');

export const DocumentItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    revision: z.number(),
    title: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    size: z.number(),
    createdAt: z.string(),
    downloadUrl: z.string(),
  })
  .meta({ id: 'DocumentItem' });

/** A file name safe inside a quoted Content-Disposition parameter. */
const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'dokumen.pdf';

export function documentRoutes(db: Knex): Router {
  const r = Router({ mergeParams: true });
  const packageIdOf = (params: unknown) => parseOr422(PackageIdParam, (params as { id?: unknown }).id, 'id paket');

  r.get('/', async (req, res) => {
    const packageId = packageIdOf(req.params);
    const docs = await listDocuments(db, packageId);
    if (!docs.length && !(await packageExists(db, packageId))) {
      throw new ApiError(404, 'package_not_found', `Paket ${packageId} tidak ditemukan.`, { packageId });
    }
    const items: z.infer<typeof DocumentItem>[] = docs.map((d) => ({
      id: d.id,
      kind: d.kind,
      revision: d.revision,
      title: d.title,
      fileName: d.fileName,
      sha256: d.sha256,
      size: d.size,
      createdAt: d.createdAt.toISOString(),
      downloadUrl: `/api/packages/${packageId}/documents/${encodeURIComponent(d.id)}`,
    }));
    res.json({ data: items });
  });

  r.get('/:docId', async (req, res) => {
    const packageId = packageIdOf(req.params);
    const docId = parseOr422(DocumentIdParam, req.params.docId, 'id dokumen');
    const doc = await getDocument(db, packageId, docId);
    if (!doc) {
      throw new ApiError(404, 'document_not_found', `Dokumen ${docId} tidak ditemukan pada paket ${packageId}.`, {
        packageId,
        documentId: docId,
      });
    }
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${safeFileName(doc.fileName)}"`);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.setHeader('X-Content-SHA256', doc.sha256);
    res.send(doc.content);
  });

  return r;
}
