/**
 * Named aliases of the generated API types (schema.d.ts, from /openapi.json) that several pages share. Pages never
 * declare an API shape of their own: when the server sends a field the schema lacks, the OpenAPI document is fixed
 * (api/openapi/) and `npm run gen:api` run again.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Pagination = Schemas['Pagination'];

// GET /api/tasks, /api/notifications
export type TaskList = Schemas['TaskList'];
export type InboxTask = TaskList['data'][number];
export type NotificationList = Schemas['NotificationList'];
export type AppNotification = Schemas['Notification'];

// GET /api/packages, POST /api/packages, GET /api/packages/{id}, …/documents
export type PackageSummary = Schemas['PackageSummary'];
export type CreatePackage = Schemas['CreatePackage'];
export type Category = CreatePackage['category'];
export type PackageDetail = Schemas['PackageDetail'];
/** The workflow's live state inside PackageDetail (null when Temporal does not answer). */
export type PackageState = Schemas['PackageState'];
export type TimelineEvent = PackageDetail['timeline'][number];
export type StageVisit = PackageDetail['stages'][number];
export type DocumentItem = Schemas['DocumentItem'];

// GET /api/process-definitions(/{id})
export type DefinitionSummary = Schemas['DefinitionList']['data'][number];
export type ProcessDefinition = Schemas['ProcessDefinition'];
export type DefinitionNode = ProcessDefinition['nodes'][number];

// GET /api/method-options
export type MethodOptions = Schemas['MethodOptions'];
export type MethodOption = MethodOptions['data'][number];
export type MethodParam = MethodOption['params'][number];

// /api/auth
export type SignInConfig = Schemas['SignInConfig'];
export type DevUser = Schemas['DevUserList']['data'][number];
export type DevToken = Schemas['DevToken'];
