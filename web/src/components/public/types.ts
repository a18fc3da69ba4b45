/** The public API's shapes the portal shares (generated from /openapi.json: schema.d.ts). */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type PublicPackageView = Schemas['PublicPackage'];
export type PublicListItem = Schemas['PublicPackageSummary'];
export type PublicEvent = Schemas['PublicEvent'];
export type PublicDocument = Schemas['PublicDocument'];
export type PublicOpenData = Schemas['PublicOpenData'];
export type RedFlag = Schemas['RedFlag'];
export type PublicOpenDataOverview = Schemas['PublicOpenDataOverview'];
