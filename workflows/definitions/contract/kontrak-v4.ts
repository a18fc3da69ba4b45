/**
 * E-Kontrak version 4: version 3 (kontrak-v3.ts) in the one vocabulary (issue 16): the contract names its vendor
 * `contract.vendorId` (vendor-key.ts says what that changes, and nothing else changes). Contracts started on
 * versions 1–3 keep theirs, with `contract.providerId`.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import { kontrakV3 } from './kontrak-v3';
import { withVendorKey } from './vendor-key';

export const kontrakV4: ProcessDefinition = { ...withVendorKey(kontrakV3, 'draftContractV4'), version: 4 };
