/**
 * The package's state as the API reads it: the read model's copy (`packages.view`, the PackageView the workflow last
 * persisted, written in the same transaction as its events). Every step answers only once the read model holds it,
 * so a caller reads its own writes here; a workflow query would queue behind the workflow's work and fail with no
 * worker, so no API read asks the workflow (GET /api/packages/{id}/live does, for support).
 */
import { storedView } from '../../db/queries/packages';
import type { PackageView } from '../../domain/process/engine';
import type { PackagesRow } from '../../db/tables';

/** The row's view, or null before the workflow's first events reached the read model. */
export const readModelView = (row: Pick<PackagesRow, 'view'> | null | undefined): PackageView | null => storedView(row?.view);
