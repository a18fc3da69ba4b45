/**
 * /api/public: transparency without a token (PRODUCT.md: the public follows every package). Procurement packages
 * only (an E-Kontrak child belongs to its package), in a public view built from an allowlist
 * (domain/monitoring/public-view.ts, domain/views/public-events.ts): no sealed bid data before the opening (not even
 * how many bids there are), no official's user id or email, vendors by company name from the opening on. Red flags
 * here use only what is public at the package's stage. Documents: only the kinds domain/views/public-documents.ts
 * makes public (a contract only as signed), of the package or its contract; anything else is 404. The OCDS data of a
 * package is linked (`links.ocds`, `openData`), served by /api/ocds. The package's process diagram (`links.bpmn`) is the
 * BPMN of the definition version it runs: definitions are data with roles, never people, and nothing sealed.
 * /open-data names the licence, the publisher and the years with their bulk exports without reading a package.
 *
 * Mounted before authentication in api/app.ts; a token, if sent, is simply not looked at. CORS: api/cors.ts.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { Kept } from '../../db/queries/kept';
import { openDataOverview } from '../../db/queries/public-open-data';
import { publicDefinitionOf, publicDocument, publicPackage, publicPackagePage } from '../../db/queries/public-packages';
import { packageRedFlags } from '../../db/queries/red-flags';
import type { OcdsConfig } from '../../runtime/config';
import { ApiError, notFound as noRoute, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';
import { getDefinition } from '../../workflows/definitions';
import { bpmnXmlOf } from './bpmn-xml';
import { DocumentIdParam } from './documents';
import { PublicPackagesQuery } from './public-schemas';

/** How long the open-data overview (years with packages) is reused. */
const OPEN_DATA_MAX_AGE_MS = 60_000;
const NoQuery = z.strictObject({});

/** A file name safe inside a quoted Content-Disposition parameter. */
const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'dokumen.pdf';

/** `timeScale`: the API's TIME_SCALE, to read real window lengths in the schedule's time (red flags). */
export function publicRoutes(db: Knex, timeScale: number, ocds: OcdsConfig): Router {
  const r = Router();
  const idOf = (raw: unknown) => parseOr422(PackageIdParam, String(raw), 'id paket');
  const notFound = (id: string) => new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });

  r.get('/packages', async (req, res) => {
    const { page, pageSize, ...filters } = parseOr422(PublicPackagesQuery, req.query, 'filter');
    res.json(await publicPackagePage(db, filters, page, pageSize, { timeScale }));
  });

  r.get('/packages/:id', async (req, res) => {
    const id = idOf(req.params.id);
    const view = await publicPackage(db, id, ocds);
    if (!view) throw notFound(id);
    // How many bids a package holds is not known to anyone outside until the opening (no count before it, issue 11).
    const participation = { registrations: view.participation.registrations, bidsSubmitted: view.opening ? view.participation.bidsSubmitted : null };
    res.json({ ...view, participation });
  });

  r.get('/packages/:id/red-flags', async (req, res) => {
    const id = idOf(req.params.id);
    const flags = await packageRedFlags(db, id, 'public', { timeScale });
    if (!flags) throw notFound(id);
    res.json({ packageId: id, flags });
  });

  // The BPMN 2.0 XML (with diagram interchange) of the definition version the package runs, for the public diagram.
  r.get('/packages/:id/bpmn', async (req, res) => {
    const id = idOf(req.params.id);
    const ref = await publicDefinitionOf(db, id);
    if (!ref) throw notFound(id);
    const def = getDefinition(ref.definitionId, ref.version);
    // A package whose definition version this API no longer loads: nothing to draw (the stage list still stands).
    if (!def) throw new ApiError(404, 'definition_not_found', `Definisi proses paket ${id} tidak tersedia.`, { packageId: id });
    const xml = await bpmnXmlOf(def);
    res.type('application/xml');
    res.setHeader('Content-Disposition', `inline; filename="${def.id}-v${def.version}.bpmn"`);
    // A package keeps its definition version for life, so its diagram does not change.
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.send(xml);
  });

  r.get('/packages/:id/documents/:docId', async (req, res) => {
    const id = idOf(req.params.id);
    const docId = parseOr422(DocumentIdParam, req.params.docId, 'id dokumen');
    const doc = await publicDocument(db, id, docId);
    // Not public, another package's, or absent: one answer for all three, so the answer tells nothing about which.
    if (!doc) throw new ApiError(404, 'document_not_found', `Dokumen publik ${docId} tidak ditemukan pada paket ${id}.`, { packageId: id, documentId: docId });
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${safeFileName(doc.fileName)}"`);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.setHeader('X-Content-SHA256', doc.sha256);
    res.send(doc.content);
  });

  // Licence, publisher, publication policy and the years with data: kept a minute, it changes with new years only.
  const overview = new Kept<Awaited<ReturnType<typeof openDataOverview>>>();
  r.get('/open-data', async (req, res) => {
    parseOr422(NoQuery, req.query, 'filter');
    const body = await overview.get('overview', OPEN_DATA_MAX_AGE_MS, () => openDataOverview(db, ocds));
    res.setHeader('Cache-Control', `public, max-age=${OPEN_DATA_MAX_AGE_MS / 1000}`);
    res.json(body);
  });

  // Anything else under /api/public is not found here, rather than falling through to the token check (401).
  r.use(noRoute);
  return r;
}
