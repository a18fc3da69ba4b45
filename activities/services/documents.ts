/**
 * Service task `generateDocument`: renders an E-Kontrak document (domain/documents/content.ts) to PDF, stores the
 * bytes in PostgreSQL and returns only a reference and the SHA-256 — the result goes into the package data and into
 * Temporal history, where PDF bytes do not belong.
 *
 * Definition args: { kind, revisionPath? }. The revision is the integer at `revisionPath` in the package data, or 1.
 * The PDF's CreationDate/ModDate is 1 January of the fiscal year (UTC), a fixed time so a retried activity renders
 * the same bytes; the row's created_at is the database clock.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { DOCUMENT_KINDS, documentContent, isDocumentKind } from '../../domain/documents/content';
import { getPath } from '../../domain/process/predicate';
import { renderPdf } from '../documents/render-pdf';
import { documentIdOf, storeDocument } from '../../db/queries/documents';
import type { Service, ServiceContext } from './index';

export interface GeneratedDocument {
  documentId: string;
  kind: string;
  revision: number;
  sha256: string;
  size: number;
  fileName: string;
}

const MAX_REVISION = 2_147_483_647; // the column is a 32-bit integer

function revisionOf({ args, data }: ServiceContext): number {
  if (args.revisionPath === undefined) return 1;
  if (typeof args.revisionPath !== 'string' || !args.revisionPath) {
    throw ApplicationFailure.nonRetryable('generateDocument: args.revisionPath must be a data path', 'BadServiceArgs');
  }
  const v = getPath(data, args.revisionPath);
  if (v === undefined || v === null) return 1;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > MAX_REVISION) {
    throw ApplicationFailure.nonRetryable(`generateDocument: the revision at '${args.revisionPath}' must be a positive integer`, 'BadServiceArgs');
  }
  return v;
}

function pdfTimeOf({ data, origin }: ServiceContext): Date {
  const fy = (data.package as { fiscalYear?: unknown } | undefined)?.fiscalYear ?? origin?.facts?.fiscalYear;
  return new Date(Date.UTC(typeof fy === 'number' && Number.isInteger(fy) ? fy : 1970, 0, 1));
}

export function documentServices(db: Knex): Record<string, Service> {
  return {
    generateDocument: async (ctx): Promise<GeneratedDocument> => {
      const kind = ctx.args.kind;
      if (!isDocumentKind(kind)) {
        throw ApplicationFailure.nonRetryable(
          `generateDocument: unknown document kind '${String(kind)}' (known: ${DOCUMENT_KINDS.join(', ')})`,
          'BadServiceArgs',
        );
      }
      const revision = revisionOf(ctx);
      const content = documentContent(kind, ctx.data, { packageId: ctx.packageId, revision });
      const opd = (ctx.data.package as { opd?: unknown } | undefined)?.opd;
      const pdf = await renderPdf(content, {
        createdAt: pdfTimeOf(ctx),
        subject: documentIdOf(ctx.packageId, kind, revision),
        ...(typeof opd === 'string' && opd ? { author: opd } : {}),
      });
      const stored = await storeDocument(db, {
        packageId: ctx.packageId,
        kind,
        revision,
        title: content.title,
        fileName: content.fileName,
        content: pdf,
      });
      return {
        documentId: stored.id,
        kind: stored.kind,
        revision: stored.revision,
        sha256: stored.sha256,
        size: stored.size,
        fileName: stored.fileName,
      };
    },
  };
}
