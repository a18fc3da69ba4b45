// Response shapes of api/routes/inbox.ts (TaskList, NotificationList in api/openapi/paths/inbox.ts), typed here
// until web/src/api/schema.d.ts carries them.
export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}

export interface InboxTask {
  packageId: string;
  packageTitle: string;
  opd: string;
  stageId: string;
  stageName: string;
  action: string;
  name: string;
  roles: string[];
  dueAt: string | null;
  overdue: boolean;
  /** Present for a contract's step: the tender package the contract belongs to. */
  parentPackageId?: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  packageId: string | null;
  title: string;
  body: string;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATION_KINDS: Record<string, string> = {
  reminder: 'Pengingat',
  escalation: 'Eskalasi',
  digest: 'Ringkasan harian',
};

/** Where a step is taken: the package page, or for a contract's step the contract tab of its tender package. */
export function stepLink(t: Pick<InboxTask, 'packageId' | 'parentPackageId' | 'action'>): string {
  const anchor = `#aksi-${encodeURIComponent(t.action)}`;
  return t.parentPackageId
    ? `/paket/${encodeURIComponent(t.parentPackageId)}/kontrak${anchor}`
    : `/paket/${encodeURIComponent(t.packageId)}${anchor}`;
}
