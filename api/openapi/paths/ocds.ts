/**
 * /api/ocds: OCDS 1.1.5 publication, public (no token) (api/routes/ocds.ts). Bodies are OCDS release or record
 * packages, described by the official schemas bundled into the components (ocds-schemas.ts). A package holds at least
 * one release or record (minItems 1), so every list answers a page past its end, or a year without packages, with
 * 404 `no_ocds_data` rather than an empty package. CORS: any origin may read (GET, HEAD), without credentials.
 */
import { errorResponses, fiscalYearQuery, json, PACKAGE_ID_PATTERN, pageParams, PUBLIC_READ, ref, WITH_ID } from '../common';

const PACKAGE_ID = PACKAGE_ID_PATTERN.slice(1, -1);
const paged = {
  Link: { description: 'RFC 8288: rel="next" dan rel="prev" bila ada', schema: { type: 'string' } },
  'X-Total-Count': { description: 'Jumlah seluruh item', required: true, schema: { type: 'integer', minimum: 0 } },
};

export const ocdsPaths = {
  '/api/ocds/releases': {
    get: {
      operationId: 'listOcdsReleases',
      security: [],
      summary: 'Publik (tanpa token): OCDS release package semua rilis satu paket (satu rilis per perubahan yang dipublikasikan)',
      description:
        'Berhalaman: header Link (rel="next"/"prev") dan X-Total-Count. Halaman melewati akhir daftar: 404 no_ocds_data (paket OCDS wajib berisi minimal satu rilis, jadi tidak pernah dijawab paket kosong).',
      parameters: [{ name: 'packageId', in: 'query', required: true, schema: { type: 'string', pattern: PACKAGE_ID_PATTERN } }, ...pageParams(500, 100)],
      responses: { 200: { description: 'Release package', headers: paged, content: json('OcdsReleasePackage') }, ...errorResponses(...PUBLIC_READ, 404) },
    },
  },
  '/api/ocds/releases/{releaseId}': {
    get: {
      operationId: 'getOcdsRelease',
      security: [],
      summary: 'Publik (tanpa token): OCDS release package berisi satu rilis (id `{ocid}-{seq}`, kontrak `{ocid}-k{n}-{seq}`)',
      parameters: [
        { name: 'releaseId', in: 'path', required: true, schema: { type: 'string', pattern: `^ocds-[a-z0-9]{6}-${PACKAGE_ID}-(k[0-9]{1,3}-)?[0-9]{1,9}$` } },
      ],
      responses: { 200: { description: 'Release package', content: json('OcdsReleasePackage') }, ...errorResponses(...PUBLIC_READ, ...WITH_ID) },
    },
  },
  '/api/ocds/records': {
    get: {
      operationId: 'listOcdsRecords',
      security: [],
      summary: 'Publik (tanpa token): OCDS record package paket-paket satu tahun anggaran (rilis, compiled release, versioned release)',
      description:
        'Berhalaman: header Link (rel="next"/"prev") dan X-Total-Count. Tahun tanpa paket atau halaman melewati akhir daftar: 404 no_ocds_data (tidak pernah paket kosong).',
      parameters: [fiscalYearQuery, ...pageParams(50, 20)],
      responses: { 200: { description: 'Record package', headers: paged, content: json('OcdsRecordPackage') }, ...errorResponses(...PUBLIC_READ, 404) },
    },
  },
  '/api/ocds/records/{ocid}': {
    get: {
      operationId: 'getOcdsRecord',
      security: [],
      summary: 'Publik (tanpa token): OCDS record package satu proses pengadaan (ocid = prefiks OCID_PREFIX + id paket)',
      parameters: [{ name: 'ocid', in: 'path', required: true, schema: { type: 'string', pattern: `^ocds-[a-z0-9]{6}-${PACKAGE_ID}$` } }],
      responses: { 200: { description: 'Record package', content: json('OcdsRecordPackage') }, ...errorResponses(...PUBLIC_READ, ...WITH_ID) },
    },
  },
  '/api/ocds/export/{fiscalYear}': {
    get: {
      operationId: 'exportOcdsYear',
      security: [],
      summary: 'Publik (tanpa token): ekspor massal satu tahun anggaran sebagai satu release package (atau record package), dialirkan (streamed)',
      description:
        'kind=releases (bawaan): OCDS release package berisi semua rilis paket-paket tahun itu. kind=records: OCDS record package, satu record per paket (rilis, compiled release, versioned release). Tahun tanpa paket: 404 no_ocds_data.',
      parameters: [
        { ...fiscalYearQuery, in: 'path' },
        {
          name: 'kind',
          in: 'query',
          required: false,
          description: 'releases: release package; records: record package',
          schema: { type: 'string', enum: ['releases', 'records'], default: 'releases' },
        },
      ],
      responses: {
        200: {
          description: 'kind=releases: release package (OcdsReleasePackage); kind=records: record package (OcdsRecordPackage); sebagai lampiran',
          content: {
            'application/json': {
              // Exactly one matches: a release package requires `releases`, a record package `records`.
              schema: {
                oneOf: [
                  { title: 'kind=releases', ...ref('OcdsReleasePackage') },
                  { title: 'kind=records', ...ref('OcdsRecordPackage') },
                ],
              },
            },
          },
        },
        ...errorResponses(...PUBLIC_READ, ...WITH_ID),
      },
    },
  },
};
