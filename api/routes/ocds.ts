/**
 * /api/ocds: the Open Contracting Data Standard (1.1.5) publication, public (no token), mounted before
 * authentication. Procurement packages only; a contract child's releases are part of its parent's ocid.
 *
 *   GET /releases?packageId=          release package of one package's releases (paginated: Link, X-Total-Count)
 *   GET /releases/{releaseId}         release package holding that one release
 *   GET /records/{ocid}               record package: every release, compiled release, versioned release
 *   GET /records?fiscalYear=          record package of a page of a fiscal year's packages (paginated)
 *   GET /export/{fiscalYear}?kind=    every release (or record) of a fiscal year as one package, streamed from a DB
 *                                     cursor a batch at a time (never one big string in memory)
 *
 * Releases are rebuilt from the read model on every request (domain/ocds/releases.ts), which makes them the same
 * every time. Nothing here reads sealed bids or names a person (see domain/ocds/parties.ts).
 */
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ocdsSourceOf, ocdsSourcesOfYear, ocdsSourcesPage } from '../../db/queries/ocds';
import type { JsonObject, OcdsRelease } from '../../domain/ocds/merge';
import { type PackageMeta, recordPackage, releasePackage, streamPackage } from '../../domain/ocds/package';
import { buildPackageRecord, buildReleases, ocidOf } from '../../domain/ocds/releases';
import type { OcdsConfig } from '../../runtime/config';
import { ApiError, notFound as noRoute, parseOr422 } from '../errors';
import { PackageIdParam } from '../schemas';

const PACKAGE_ID = 'pkt-[a-z0-9]{8,40}';
const Page = (max: number, fallback: number) => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(max).default(fallback),
});
const ReleasesQuery = z.strictObject({ packageId: PackageIdParam, ...Page(500, 100) });
const FiscalYearParam = z
  .string()
  .regex(/^\d{4}$/, 'tahun anggaran tidak sah')
  .transform(Number)
  .pipe(z.number().int().min(2000).max(2100));
const RecordsQuery = z.strictObject({ fiscalYear: FiscalYearParam, ...Page(50, 20) });
const ExportQuery = z.strictObject({ kind: z.enum(['releases', 'records']).default('releases') });
const ReleaseIdParam = z.string().regex(new RegExp(`^ocds-[a-z0-9]{6}-${PACKAGE_ID}-(k[0-9]{1,3}-)?[0-9]{1,9}$`), 'id rilis tidak sah');
const OcidParam = z.string().regex(new RegExp(`^ocds-[a-z0-9]{6}-${PACKAGE_ID}$`), 'ocid tidak sah');

/** The package id inside an ocid or release id of this publisher, or undefined for another prefix. */
function packageIdIn(id: string, prefix: string): string | undefined {
  if (!id.startsWith(`${prefix}-`)) return undefined;
  return new RegExp(`^(${PACKAGE_ID})`).exec(id.slice(prefix.length + 1))?.[1];
}

const latestDate = (releases: readonly OcdsRelease[], fallback: string) =>
  releases.reduce((d, r) => (r.date > d ? r.date : d), releases.length ? releases[0]!.date : fallback);

/** RFC 8288 Link header (next/prev) and the total: the OCDS 1.1 package schemas have no place for pagination. */
function paginate(res: Response, url: (page: number) => string, page: number, pageSize: number, total: number) {
  const links = [...(page * pageSize < total ? [`<${url(page + 1)}>; rel="next"`] : []), ...(page > 1 ? [`<${url(page - 1)}>; rel="prev"`] : [])];
  if (links.length) res.setHeader('Link', links.join(', '));
  res.setHeader('X-Total-Count', String(total));
}

/** Writes a chunk, waiting when the socket's buffer is full; false once the client has gone. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}

export function ocdsRoutes(db: Knex, config: OcdsConfig): Router {
  const r = Router();
  const base = `${config.baseUrl}/api/ocds`;
  const meta = (uri: string, publishedDate: string): PackageMeta => ({
    uri,
    publishedDate,
    publisher: { name: config.publisherName, uri: config.baseUrl },
    license: config.license,
    ...(config.publicationPolicy ? { publicationPolicy: config.publicationPolicy } : {}),
  });
  const notFound = (code: string, message: string, details: Record<string, unknown>) => new ApiError(404, code, message, details);
  const sourceOrNotFound = async (packageId: string) => {
    const src = await ocdsSourceOf(db, packageId);
    if (!src) throw notFound('package_not_found', `Paket ${packageId} tidak ditemukan.`, { packageId });
    return src;
  };
  // OCDS packages hold at least one release or record: nothing to publish is a 404, never an empty package.
  const noData = (fiscalYear: number) =>
    notFound('no_ocds_data', `Tidak ada paket pengadaan pada tahun anggaran ${fiscalYear} (atau pada halaman ini).`, { fiscalYear });
  const pastEnd = (details: Record<string, unknown>) =>
    notFound('no_ocds_data', `Halaman ${String(details.page)} melewati akhir daftar (${String(details.total)} rilis).`, details);
  const only = (req: Request) => parseOr422(z.strictObject({}), req.query, 'filter');

  r.get('/releases', async (req, res) => {
    const q = parseOr422(ReleasesQuery, req.query, 'filter');
    const releases = buildReleases(await sourceOrNotFound(q.packageId), config);
    const url = (page: number) => `${base}/releases?packageId=${q.packageId}&page=${page}&pageSize=${q.pageSize}`;
    const slice = releases.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    // A page past the end would be an empty release package, which the schema forbids (minItems 1): 404, as /records.
    if (!slice.length) throw pastEnd({ packageId: q.packageId, page: q.page, pageSize: q.pageSize, total: releases.length });
    paginate(res, url, q.page, q.pageSize, releases.length);
    res.json(releasePackage(meta(url(q.page), latestDate(releases, new Date().toISOString())), slice));
  });

  r.get('/releases/:releaseId', async (req, res) => {
    only(req);
    const id = parseOr422(ReleaseIdParam, req.params.releaseId, 'id rilis');
    const packageId = packageIdIn(id, config.ocidPrefix);
    const gone = () => notFound('release_not_found', `Rilis ${id} tidak ditemukan.`, { releaseId: id });
    const src = packageId ? await ocdsSourceOf(db, packageId) : undefined;
    const release = src ? buildReleases(src, config).find((x) => x.id === id) : undefined;
    if (!release) throw gone();
    res.json(releasePackage(meta(`${base}/releases/${id}`, release.date), [release]));
  });

  r.get('/records', async (req, res) => {
    const q = parseOr422(RecordsQuery, req.query, 'filter');
    const { sources, total } = await ocdsSourcesPage(db, q.fiscalYear, q.page, q.pageSize);
    const records = sources.map((s) => buildPackageRecord(s, config));
    if (!records.length) throw noData(q.fiscalYear);
    const url = (page: number) => `${base}/records?fiscalYear=${q.fiscalYear}&page=${page}&pageSize=${q.pageSize}`;
    paginate(res, url, q.page, q.pageSize, total);
    const date = records.reduce((d, rec) => {
      const latest = latestDate(rec.releases as OcdsRelease[], d);
      return latest > d ? latest : d;
    }, '');
    res.json(recordPackage(meta(url(q.page), date || new Date().toISOString()), records as unknown as JsonObject[]));
  });

  r.get('/records/:ocid', async (req, res) => {
    only(req);
    const ocid = parseOr422(OcidParam, req.params.ocid, 'ocid');
    const packageId = packageIdIn(ocid, config.ocidPrefix);
    const src = packageId && ocid === ocidOf(config.ocidPrefix, packageId) ? await ocdsSourceOf(db, packageId) : undefined;
    if (!src) throw notFound('record_not_found', `Rekaman OCDS ${ocid} tidak ditemukan.`, { ocid });
    const record = buildPackageRecord(src, config);
    res.json(recordPackage(meta(`${base}/records/${ocid}`, latestDate(record.releases as OcdsRelease[], '')), [record as unknown as JsonObject]));
  });

  r.get('/export/:fiscalYear', async (req, res) => {
    const { kind } = parseOr422(ExportQuery, req.query, 'filter');
    const fiscalYear = parseOr422(FiscalYearParam, req.params.fiscalYear, 'tahun anggaran');
    async function* batches() {
      // A record (with its versioned history) weighs about as much as all its releases: smaller batches keep the
      // memory of an export flat (bench/ocds-export.ts runs both kinds in a 96 MB heap).
      for await (const sources of ocdsSourcesOfYear(db, fiscalYear, kind === 'records' ? 20 : 100)) {
        yield kind === 'records'
          ? sources.map((s) => buildPackageRecord(s, config) as unknown as JsonObject)
          : sources.flatMap((s) => buildReleases(s, config));
      }
    }
    // The first batch is read before answering: a year without packages is a 404, not an empty (invalid) package.
    const rest = batches();
    let first = await rest.next();
    while (!first.done && !first.value.length) first = await rest.next();
    if (first.done) throw noData(fiscalYear);
    const firstBatch = first.value;
    async function* all() {
      yield firstBatch;
      yield* rest;
    }
    res.status(200);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ocds-${kind}-${fiscalYear}.json"`);
    const uri = `${base}/export/${fiscalYear}?kind=${kind}`;
    for await (const chunk of streamPackage(meta(uri, new Date().toISOString()), kind, all())) {
      if (!(await write(res, chunk))) return; // the client went away: stop reading the database
    }
    res.end();
  });

  // Anything else under /api/ocds is not found here, rather than falling through to the token check (401).
  r.use(noRoute);
  return r;
}
