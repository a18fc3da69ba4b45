/**
 * E-purchasing order version 3: version 2 (surat-pesanan-v2.ts) in the one vocabulary (issue 16): the order names
 * its vendor `contract.vendorId` (vendor-key.ts says what that changes, and nothing else changes). Orders started on
 * versions 1–2 keep theirs, with `contract.providerId`.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import { suratPesananV2 } from './surat-pesanan-v2';
import { withVendorKey } from './vendor-key';

export const suratPesananV3: ProcessDefinition = { ...withVendorKey(suratPesananV2, 'draftContractVendor'), version: 3 };
