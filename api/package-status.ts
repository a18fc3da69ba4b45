/**
 * The package status in the API: one zod enum over the closed set (domain/process/statuses.ts), registered as the
 * OpenAPI component `PackageStatus` with each value's meaning. Answers name it, so the console's generated types know
 * every value; filters take it, so an unknown status is a 422 naming the allowed values rather than an empty list.
 */
import { z } from 'zod';
import { PACKAGE_STATUS_VALUES, PACKAGE_STATUSES } from '../domain/process/statuses';

const meanings = PACKAGE_STATUS_VALUES.map((s) => `- \`${s}\`: ${PACKAGE_STATUSES[s].description}`).join('\n');

export const PackageStatus = z.enum(PACKAGE_STATUS_VALUES).meta({
  id: 'PackageStatus',
  description:
    'Status paket (juga status kontrak E-Kontrak): `active` selama prosesnya berjalan, lalu status peristiwa akhir yang dicapai. ' +
    'Himpunan tertutup; nilai tidak pernah diganti namanya.\n\n' +
    meanings,
  // The same meanings, keyed by value, for generators that show a description per enum member.
  'x-enumDescriptions': Object.fromEntries(PACKAGE_STATUS_VALUES.map((s) => [s, PACKAGE_STATUSES[s].description])),
});
