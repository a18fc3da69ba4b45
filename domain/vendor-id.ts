/**
 * The vendor (penyedia account) an object of package data names. Definitions name it `vendorId` (one vocabulary,
 * issue 16); packages started on earlier versions wrote `providerId` in the same places (e-purchasing v4's cart and
 * order, penunjukan-langsung v3's justification, kontrak v3, surat-pesanan v2 and pelaksanaan-swakelola v2's
 * `contract`, a contract basis prepared before the change) and keep it to their end. A reader of such an object asks
 * here instead of picking one key. Pure, so workflow code (reducers) may use it too.
 */
export function vendorIdOf(x: unknown): string | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  const o = x as { vendorId?: unknown; providerId?: unknown };
  const id = o.vendorId ?? o.providerId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The key a service writes the vendor under: `vendorId`, unless the definition's node (an earlier version) says not. */
export type VendorKey = 'vendorId' | 'providerId';

/**
 * Service args `vendorKey`: definitions from the one vocabulary on pass 'vendorId'; an earlier version's node has no
 * such arg and keeps the `providerId` its running packages and their readers expect.
 */
export const vendorKeyOf = (args: Record<string, unknown> | undefined): VendorKey => (args?.vendorKey === 'vendorId' ? 'vendorId' : 'providerId');
