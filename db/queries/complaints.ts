/**
 * Reads and writes of complaints to the APIP (migration 20261213000601). A complaint and its events are written in
 * one transaction; follow-ups lock the complaint's row, so two APIP officers recording at once get a clean order
 * (and a closed complaint refuses the second). Events are chained per complaint (domain/complaints/chain.ts).
 */
import type { Knex } from 'knex';
import { complaintEventHash, COMPLAINT_GENESIS } from '../../domain/complaints/chain';
import type { ComplaintReason, SanggahPeriod } from '../../domain/complaints/reason';
import type { ComplaintStatus, FollowUpKind } from '../../domain/complaints/status';
import type { ComplaintEventsRow, ComplaintsRow } from '../tables';

export interface ComplaintRow {
  id: string;
  packageId: string;
  filerId: string;
  filerRole: string;
  subject: string;
  description: string;
  attachmentRef: string | null;
  reason: ComplaintReason;
  reasonBasis: Record<string, unknown>;
  status: ComplaintStatus;
  conclusion: string | null;
  filedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface ComplaintEventRow {
  seq: number;
  kind: string;
  at: Date;
  actorId: string;
  actorRole: string;
  note: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const rowOf = (r: ComplaintsRow): ComplaintRow => ({
  id: r.id,
  packageId: r.package_id,
  filerId: r.filer_id,
  filerRole: r.filer_role,
  subject: r.subject,
  description: r.description,
  attachmentRef: r.attachment_ref ?? null,
  reason: r.reason as ComplaintReason,
  reasonBasis: r.reason_basis,
  status: r.status as ComplaintStatus,
  conclusion: r.conclusion ?? null,
  filedAt: r.filed_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at ?? null,
});

const eventOf = (r: ComplaintEventsRow): ComplaintEventRow => ({
  seq: Number(r.seq),
  kind: r.kind,
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  note: r.note ?? null,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

interface NewEvent {
  kind: string;
  actorId: string;
  actorRole: string;
  note: string | null;
  details: Record<string, unknown>;
}

async function appendEvent(trx: Knex.Transaction, complaintId: string, at: Date, e: NewEvent): Promise<void> {
  const last = await trx('complaint_events').where({ complaint_id: complaintId }).orderBy('seq', 'desc').first('seq', 'hash');
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? COMPLAINT_GENESIS;
  // Milliseconds, as the timestamptz gives them back, so a stored event verifies.
  const hash = complaintEventHash(prevHash, {
    complaintId,
    seq,
    kind: e.kind,
    at: at.getTime(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    note: e.note,
    details: e.details,
  });
  await trx('complaint_events').insert({
    complaint_id: complaintId,
    seq,
    kind: e.kind,
    at,
    actor_id: e.actorId,
    actor_role: e.actorRole,
    note: e.note,
    details: JSON.stringify(e.details),
    prev_hash: prevHash,
    hash,
  });
}

/** What filing writes: the row's own fields, and the filer's Idempotency-Key (one complaint per key). */
export type NewComplaint = Pick<
  ComplaintRow,
  'id' | 'packageId' | 'filerId' | 'filerRole' | 'subject' | 'description' | 'attachmentRef' | 'reason' | 'reasonBasis'
> & { idempotencyKey: string | null };

/**
 * Files a complaint with its first event. With an Idempotency-Key already used by this filer the earlier complaint
 * is returned instead (`created: false`), also when two retries race (the unique key decides).
 */
export async function fileComplaint(db: Knex, c: NewComplaint): Promise<{ complaint: ComplaintRow; created: boolean }> {
  const existing = async () =>
    c.idempotencyKey ? await db('complaints').where({ filer_id: c.filerId, idempotency_key: c.idempotencyKey }).first() : undefined;
  const before = await existing();
  if (before) return { complaint: rowOf(before), created: false };
  const at = new Date();
  try {
    await db.transaction(async (trx) => {
      await trx('complaints').insert({
        id: c.id,
        package_id: c.packageId,
        filer_id: c.filerId,
        filer_role: c.filerRole,
        subject: c.subject,
        description: c.description,
        attachment_ref: c.attachmentRef,
        reason: c.reason,
        reason_basis: JSON.stringify(c.reasonBasis),
        status: 'diajukan',
        filed_at: at,
        updated_at: at,
        idempotency_key: c.idempotencyKey,
      });
      await appendEvent(trx, c.id, at, { kind: 'diajukan', actorId: c.filerId, actorRole: c.filerRole, note: null, details: { reason: c.reason } });
    });
  } catch (e) {
    const raced = (e as { code?: string }).code === '23505' ? await existing() : undefined;
    if (raced) return { complaint: rowOf(raced), created: false };
    throw e;
  }
  return { complaint: (await getComplaint(db, c.id))!, created: true };
}

export async function getComplaint(db: Knex, id: string): Promise<ComplaintRow | undefined> {
  const r = await db('complaints').where({ id }).first();
  return r ? rowOf(r) : undefined;
}

export async function complaintEvents(db: Knex, id: string): Promise<ComplaintEventRow[]> {
  return (await db('complaint_events').where({ complaint_id: id }).orderBy('seq')).map(eventOf);
}

/** The events of each of the complaints among `ids`, in order, by complaint id (a complaint without events is absent). */
export async function eventsOfComplaints(db: Knex, ids: string[]): Promise<Map<string, ComplaintEventRow[]>> {
  const rows = await db('complaint_events').whereIn('complaint_id', ids).orderBy(['complaint_id', 'seq']);
  const eventsOf = new Map<string, ComplaintEventRow[]>();
  for (const r of rows) eventsOf.set(r.complaint_id, [...(eventsOf.get(r.complaint_id) ?? []), eventOf(r)]);
  return eventsOf;
}

export interface ComplaintFilter {
  filerId?: string;
  packageId?: string;
  status?: ComplaintStatus;
  page: number;
  pageSize: number;
}

export async function listComplaints(db: Knex, f: ComplaintFilter): Promise<{ data: ComplaintRow[]; total: number }> {
  const base = db('complaints');
  if (f.filerId) base.where({ filer_id: f.filerId });
  if (f.packageId) base.where({ package_id: f.packageId });
  if (f.status) base.where({ status: f.status });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .orderBy([
      { column: 'filed_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { data: rows.map(rowOf), total: Number(count) };
}

export interface FollowUp {
  kind: FollowUpKind;
  actorId: string;
  actorRole: string;
  note: string;
  details: Record<string, unknown>;
  conclusion?: string;
}

/**
 * Records an APIP follow-up under a row lock: `check` sees the current status and may refuse (it throws); the event
 * is appended and the status set in the same transaction.
 */
export async function recordFollowUp(db: Knex, id: string, f: FollowUp, check: (status: ComplaintStatus) => void): Promise<ComplaintRow | undefined> {
  const found = await db.transaction(async (trx) => {
    const row = await trx('complaints').where({ id }).forUpdate().first('status');
    if (!row) return false;
    check(row.status as ComplaintStatus);
    const at = new Date();
    await appendEvent(trx, id, at, { kind: f.kind, actorId: f.actorId, actorRole: f.actorRole, note: f.note, details: f.details });
    await trx('complaints')
      .where({ id })
      .update({
        status: f.kind,
        updated_at: at,
        ...(f.kind === 'ditutup' ? { closed_at: at, conclusion: f.conclusion ?? null } : {}),
      });
    return true;
  });
  return found ? getComplaint(db, id) : undefined;
}

/** Whether the package ever entered `stageId`, and whether it has left it (the read model's stage rows). */
export async function stagePassage(db: Knex, packageId: string, stageId: string): Promise<SanggahPeriod> {
  const rows = await db('package_stages').where({ package_id: packageId, stage_id: stageId }).select('left_at');
  if (!rows.length) return 'belum_dibuka';
  return rows.some((r) => r.left_at === null) ? 'terbuka' : 'sudah_ditutup';
}
