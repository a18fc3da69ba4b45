/**
 * Swakelola execution version 3: version 2 (pelaksanaan-swakelola-v2.ts) in the one vocabulary (issue 16): the
 * agreement names its executing team leader `contract.vendorId`, the key every E-Kontrak uses for its party
 * (vendor-key.ts says what that changes, and nothing else changes). Agreements started on versions 1–2 keep theirs,
 * with `contract.providerId`.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import { pelaksanaanSwakelolaV2 } from './pelaksanaan-swakelola-v2';
import { withVendorKey } from './vendor-key';

export const pelaksanaanSwakelolaV3: ProcessDefinition = { ...withVendorKey(pelaksanaanSwakelolaV2, 'draftContractVendor'), version: 3 };
