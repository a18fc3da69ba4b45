/**
 * The public list's filters: the officers' list filters that make sense to the public (text, OPD, method, status,
 * stage, fiscal year), without the monitoring ones (overdue, budget lines, contract/payment months).
 */
import { ListPackagesQuery } from '../schemas';

export const PublicPackagesQuery = ListPackagesQuery.pick({
  q: true,
  opd: true,
  method: true,
  status: true,
  stage: true,
  fiscalYear: true,
  sort: true,
  page: true,
  pageSize: true,
}).meta({ id: 'PublicPackagesQuery' });
