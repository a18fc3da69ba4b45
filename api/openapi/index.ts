/**
 * The OpenAPI 3.1 document: the contract the console's client is generated from (bin/gen-api.ts) and
 * tests/openapi-contract.test.ts checks against real answers. Request schemas are the zod schemas that validate
 * requests, each step's payload the schema its validator enforces, OCDS bodies the official schemas bundled in.
 * One file per area under paths/; this file only assembles them.
 */
import { componentSchemas, stepPayloads } from './components';
import { ocdsComponents } from './ocds-schemas';
import { adminUsersPaths } from './paths/admin-users';
import { auditPaths } from './paths/audit';
import { authPaths } from './paths/auth';
import { bidsPaths } from './paths/bids';
import { codecPaths } from './paths/codec';
import { complaintsPaths } from './paths/complaints';
import { contractPaths } from './paths/contract';
import { dashboardPaths } from './paths/dashboard';
import { definitionsPaths } from './paths/definitions';
import { documentsPaths } from './paths/documents';
import { healthPaths } from './paths/health';
import { inboxPaths } from './paths/inbox';
import { methodOptionsPaths } from './paths/method-options';
import { metricsPaths } from './paths/metrics';
import { ocdsPaths } from './paths/ocds';
import { officersPaths } from './paths/officers';
import { outagesPaths } from './paths/outages';
import { packagesPaths } from './paths/packages';
import { publicPaths } from './paths/public';
import { publicAuditPaths } from './paths/public-audit';
import { sanctionsPaths } from './paths/sanctions';
import { schedulePaths } from './paths/schedule';
import { webhooksPaths } from './paths/webhooks';

/** Relative to where the document was fetched; PUBLIC_BASE_URL, when set, names the public address too. */
function servers(env: NodeJS.ProcessEnv) {
  const base = env.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  return [{ url: '/', description: 'Server yang menyajikan dokumen ini' }, ...(base ? [{ url: base, description: 'PUBLIC_BASE_URL' }] : [])];
}

export function buildOpenApi(env: NodeJS.ProcessEnv = process.env) {
  return {
    openapi: '3.1.0',
    info: { title: 'Pengadaan API', version: '0.1.0', description: 'Mesin alur kerja e-procurement pemerintah (LPSE/UKPBJ).' },
    servers: servers(env),
    components: {
      schemas: { ...componentSchemas(), ...ocdsComponents() },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      'x-step-payloads': stepPayloads(),
    },
    security: [{ bearer: [] }],
    paths: {
      ...healthPaths,
      ...metricsPaths,
      ...authPaths,
      ...packagesPaths,
      ...methodOptionsPaths,
      ...contractPaths,
      ...documentsPaths,
      ...bidsPaths,
      ...inboxPaths,
      ...webhooksPaths,
      ...dashboardPaths,
      ...publicPaths,
      ...publicAuditPaths,
      ...sanctionsPaths,
      ...ocdsPaths,
      ...auditPaths,
      ...complaintsPaths,
      ...definitionsPaths,
      ...officersPaths,
      ...adminUsersPaths,
      ...schedulePaths,
      ...codecPaths,
      ...outagesPaths,
    },
  };
}
