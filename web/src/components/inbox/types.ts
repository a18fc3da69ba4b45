// The inbox's API shapes are the generated ones (../../api/types.ts); here what the console adds to them.
import type { InboxTask } from '../../api/types';

export const NOTIFICATION_KINDS: Record<string, string> = {
  reminder: 'Pengingat',
  escalation: 'Eskalasi',
  digest: 'Ringkasan harian',
};

/** Where a step is taken: the package page, or for a contract's step the contract tab of its tender package. */
export function stepLink(t: Pick<InboxTask, 'packageId' | 'parentPackageId' | 'action'>): string {
  const anchor = `#aksi-${encodeURIComponent(t.action)}`;
  return t.parentPackageId ? `/paket/${encodeURIComponent(t.parentPackageId)}/kontrak${anchor}` : `/paket/${encodeURIComponent(t.packageId)}${anchor}`;
}
