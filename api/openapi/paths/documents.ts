/** /api/packages/{id}/documents: generated PDFs with their SHA-256 (api/routes/documents.ts, which owns DocumentItem). */
import { z } from 'zod';
import { DocumentItem } from '../../routes/documents';
import { AUTH_READ, errorResponses, idParam, json, WITH_ID } from '../common';

export const DocumentList = z.strictObject({ data: z.array(DocumentItem) }).meta({ id: 'DocumentList' });

export const documentsPaths = {
  '/api/packages/{id}/documents': {
    get: {
      operationId: 'listPackageDocuments',
      summary: 'Dokumen paket (SPPBJ, kontrak, SPMK, BAST)',
      parameters: [idParam],
      responses: { 200: { description: 'Daftar', content: json('DocumentList') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/packages/{id}/documents/{docId}': {
    get: {
      operationId: 'downloadPackageDocument',
      summary: 'Unduh dokumen PDF (ETag dan X-Content-SHA256 = SHA-256 yang tercatat)',
      parameters: [idParam, { name: 'docId', in: 'path', required: true, schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9:_-]+$' } }],
      responses: {
        200: {
          description: 'PDF',
          headers: {
            ETag: { description: 'SHA-256 dokumen dalam tanda kutip', schema: { type: 'string' } },
            'X-Content-SHA256': { description: 'SHA-256 dokumen (hex)', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          },
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(...AUTH_READ, ...WITH_ID),
      },
    },
  },
};
