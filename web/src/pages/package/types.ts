/**
 * The package page's names for the generated shapes it reads (GET /api/packages/{id}, …/documents and
 * /api/process-definitions/{id}); see ../../api/types.ts.
 */
export type { DocumentItem, PackageDetail as PackageView, ProcessDefinition as DefinitionView } from '../../api/types';
