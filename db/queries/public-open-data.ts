/**
 * What GET /api/public/open-data answers: under which licence and by whom the open data is published, and the fiscal
 * years that hold procurement packages, each with its yearly OCDS bulk export. So the portal's footer and its
 * open-data page need no package read to name the licence, and offer only years whose export exists (a year without
 * packages is a 404 at /api/ocds/export/{year}).
 */
import type { Knex } from 'knex';
import type { OcdsConfig } from '../../runtime/config';

/** The licence, the publication policy and the publisher (OCDS_LICENSE, OCDS_PUBLICATION_POLICY, OCDS_PUBLISHER). */
export const publicationOf = (ocds: OcdsConfig) => ({
  license: ocds.license,
  publicationPolicy: ocds.publicationPolicy ?? null,
  publisher: { name: ocds.publisherName, uri: ocds.baseUrl },
});

/** The yearly bulk exports (release package, record package) of one fiscal year. */
export const bulkExportOf = (ocds: OcdsConfig, fiscalYear: number) => ({
  releases: `${ocds.baseUrl}/api/ocds/export/${fiscalYear}`,
  records: `${ocds.baseUrl}/api/ocds/export/${fiscalYear}?kind=records`,
});

/**
 * Fiscal years with procurement packages (newest first) and how many. Read from the indexed columns only (not the
 * process view: detoasting it for every package of a city's years would cost more than the answer is worth); every
 * package row is written with its view (activities/read-model.ts), so a year listed has a non-empty export.
 */
export async function openDataYears(db: Knex): Promise<{ fiscalYear: number; packages: number }[]> {
  const rows: { fiscal_year: number; packages: string }[] = await db('packages')
    .whereNull('parent_package_id')
    .groupBy('fiscal_year')
    .orderBy('fiscal_year', 'desc')
    .select('fiscal_year')
    .count({ packages: '*' });
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), packages: Number(r.packages) }));
}

export async function openDataOverview(db: Knex, ocds: OcdsConfig) {
  const years = await openDataYears(db);
  return {
    ...publicationOf(ocds),
    ocds: { version: '1.1.5', base: `${ocds.baseUrl}/api/ocds`, openapi: `${ocds.baseUrl}/openapi.json` },
    years: years.map((y) => ({ ...y, bulkExport: bulkExportOf(ocds, y.fiscalYear) })),
  };
}
