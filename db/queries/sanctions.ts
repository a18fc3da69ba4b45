/**
 * The blacklist (daftar hitam) in the database: proposals (usulan), the PA/KPA's decisions, and what a running
 * decision means for a firm. The rules (causes, periods, who decides) are in domain/sanctions; see SANKSI.md.
 * A sanction binds the firm: `provider_org` is the vendor's organisation, looked up when the proposal is made.
 */
import type { Knex } from 'knex';
import { SANCTION_CAUSES, type SanctionCauseId } from '../../domain/sanctions/causes';
import type { ProviderSanctionsRow } from '../tables';

export type SanctionStatus = 'diusulkan' | 'ditetapkan' | 'ditolak';

export interface SanctionRow {
  id: number;
  packageId: string;
  providerId: string;
  /** The firm (organisation id); null when the provider is not a known user (then its id is the key). */
  providerOrg: string | null;
  cause: SanctionCauseId;
  reason: string;
  proposedBy: string;
  proposedAt: Date;
  status: SanctionStatus;
  decisionNumber: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  startsAt: Date | null;
  /** Exclusive end: the sanction runs while startsAt <= t < endsAt. */
  endsAt: Date | null;
  decisionReason: string | null;
}

/** A decision that runs at a given time: what a refusal names. */
export interface RunningSanction {
  id: number;
  decisionNumber: string;
  cause: SanctionCauseId;
  from: Date;
  until: Date;
  packageId: string;
}

export const sanctionOf = (r: ProviderSanctionsRow): SanctionRow => ({
  id: Number(r.id),
  packageId: r.package_id,
  providerId: r.provider_id,
  providerOrg: r.provider_org ?? null,
  cause: r.cause as SanctionCauseId,
  reason: r.reason,
  proposedBy: r.proposed_by,
  proposedAt: r.created_at,
  status: r.status as SanctionStatus,
  decisionNumber: r.decision_number ?? null,
  decidedBy: r.decided_by ?? null,
  decidedAt: r.decided_at ?? null,
  startsAt: r.starts_at ?? null,
  endsAt: r.ends_at ?? null,
  decisionReason: r.decision_reason ?? null,
});

export interface Proposal {
  packageId: string;
  providerId: string;
  cause: SanctionCauseId;
  reason: string;
  proposedBy: string;
}

/**
 * Proposes a provider for the blacklist; idempotent per (package, provider, cause): a repeated proposal (a retried
 * activity, a second officer) returns the row already there, whatever its status, and changes nothing.
 */
export async function proposeSanction(db: Knex, p: Proposal): Promise<SanctionRow> {
  if (!SANCTION_CAUSES[p.cause]) throw new RangeError(`unknown sanction cause '${String(p.cause)}'`);
  const user = await db('users').where({ id: p.providerId }).first('org_id');
  await db('provider_sanctions')
    .insert({
      package_id: p.packageId,
      provider_id: p.providerId,
      provider_org: user?.org_id ?? null,
      cause: p.cause,
      reason: p.reason,
      proposed_by: p.proposedBy,
      status: 'diusulkan',
    })
    .onConflict(['package_id', 'provider_id', 'cause'])
    .ignore();
  const row = await db('provider_sanctions').where({ package_id: p.packageId, provider_id: p.providerId, cause: p.cause }).first();
  return sanctionOf(row!); // inserted just above, or there already
}

export async function getSanction(db: Knex, id: number): Promise<SanctionRow | undefined> {
  const row = await db('provider_sanctions').where({ id }).first();
  return row ? sanctionOf(row) : undefined;
}

/** The proposal, its row locked until the transaction ends (a decision is about to be recorded on it). */
export async function sanctionForUpdate(trx: Knex.Transaction, id: number): Promise<SanctionRow | undefined> {
  const row = await trx('provider_sanctions').where({ id }).forUpdate().first();
  return row ? sanctionOf(row) : undefined;
}

/** What a decision sets on the proposal: the decree's number and period, or the reason of a refusal. */
export type DecisionFields = { status: 'ditetapkan'; decisionNumber: string; startsAt: Date; endsAt: Date } | { status: 'ditolak'; decisionReason: string };

/** Records the PA/KPA's decision on the proposal (locked by sanctionForUpdate) and answers the decided proposal. */
export async function recordSanctionDecision(trx: Knex.Transaction, id: number, d: DecisionFields, decidedBy: string, at: Date): Promise<SanctionRow> {
  const update =
    d.status === 'ditetapkan'
      ? { status: d.status, decision_number: d.decisionNumber, starts_at: d.startsAt, ends_at: d.endsAt }
      : { status: d.status, decision_reason: d.decisionReason };
  const [updated] = await trx('provider_sanctions')
    .where({ id })
    .update({ ...update, decided_by: decidedBy, decided_at: at })
    .returning('*');
  return sanctionOf(updated!); // the caller found the proposal under its lock
}

/**
 * Decisions running at `at` against a firm or provider: `who` is an organisation id or a user id (then its
 * organisation counts too, so every account of a blacklisted firm is refused). The one ending last first.
 */
function runningQuery(db: Knex, at: Date) {
  return db('provider_sanctions').where({ status: 'ditetapkan' }).where('starts_at', '<=', at).where('ends_at', '>', at);
}

/** A row of runningQuery: decided (status ditetapkan, which sets the number and period), so these are set. */
const runningOf = (r: ProviderSanctionsRow): RunningSanction => ({
  id: Number(r.id),
  decisionNumber: r.decision_number!,
  cause: r.cause as SanctionCauseId,
  from: r.starts_at!,
  until: r.ends_at!,
  packageId: r.package_id,
});

export async function activeSanction(db: Knex, who: string | string[], at: Date): Promise<RunningSanction | undefined> {
  // An org or a user id, or several (a caller's org and account in one query).
  const ids = Array.isArray(who) ? who : [who];
  const row = await runningQuery(db, at)
    .where((q) => {
      q.whereIn('provider_org', ids).orWhereIn('provider_id', ids).orWhereIn('provider_org', db('users').whereIn('id', ids).select('org_id'));
    })
    .orderBy('ends_at', 'desc')
    .first();
  return row ? runningOf(row) : undefined;
}

/** For rankings: which of these providers (user ids) are blacklisted at `at`, with the decision that binds each. */
export async function runningSanctionsOf(db: Knex, providerIds: string[], at: Date): Promise<Map<string, RunningSanction>> {
  const out = new Map<string, RunningSanction>();
  if (!providerIds.length) return out;
  const users = await db('users').whereIn('id', providerIds).select('id', 'org_id');
  const orgOf = new Map(users.map((u) => [u.id, u.org_id]));
  const rows = await runningQuery(db, at)
    .where((q) => {
      q.whereIn('provider_id', providerIds).orWhereIn('provider_org', [...new Set(orgOf.values())]);
    })
    .orderBy('ends_at', 'desc');
  for (const id of providerIds) {
    const r = rows.find((x) => x.provider_id === id || (x.provider_org && x.provider_org === orgOf.get(id)));
    if (r) out.set(id, runningOf(r));
  }
  return out;
}

/** A proposal as listSanctions reads it: its row, its package's title, OPD and parent, and the firm's name. */
interface ProposalListRow extends ProviderSanctionsRow {
  package_title: string | null;
  opd: string | null;
  parent_package_id: string | null;
  firm_name: string | null;
}

export interface ProposalListItem extends SanctionRow {
  packageTitle: string | null;
  opd: string | null;
  /** The package the proposal came from, or (a contract) the tender it was awarded in, for the link. */
  parentPackageId: string | null;
  firmName: string | null;
}

/**
 * Proposals and decisions for the officers' list, newest first: the PA/KPA sees those of the packages it is assigned
 * to (only it decides them); the auditor and the admin see all. `status` filters.
 */
export async function listSanctions(
  db: Knex,
  q: { assignedPaKpa?: string; status?: SanctionStatus; id?: number; page: number; pageSize: number },
): Promise<{ data: ProposalListItem[]; pagination: { page: number; pageSize: number; total: number } }> {
  const base = db('provider_sanctions as s').leftJoin('packages as p', 'p.id', 's.package_id');
  if (q.status) base.where('s.status', q.status);
  if (q.id) base.where('s.id', q.id);
  if (q.assignedPaKpa) base.whereRaw(`(p.view -> 'assignments' -> 'pa_kpa') \\? ?`, [q.assignedPaKpa]);
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .leftJoin('organisations as o', 'o.id', 's.provider_org')
    .leftJoin('users as u', 'u.id', 's.provider_id')
    .select<ProposalListRow[]>('s.*', 'p.title as package_title', 'p.opd as opd', 'p.parent_package_id', db.raw('coalesce(o.name, u.name) as firm_name'))
    .orderBy([
      { column: 's.created_at', order: 'desc' },
      { column: 's.id', order: 'desc' },
    ])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    data: rows.map((r) => ({
      ...sanctionOf(r),
      packageTitle: r.package_title ?? null,
      opd: r.opd ?? null,
      parentPackageId: r.parent_package_id ?? null,
      firmName: r.firm_name ?? null,
    })),
    pagination: { page: q.page, pageSize: q.pageSize, total: Number(count) },
  };
}

/** A running decision as publicBlacklist reads it (decided and running at `at`: its number and period are set). */
interface BlacklistDbRow extends Pick<ProviderSanctionsRow, 'id' | 'cause'> {
  decision_number: string;
  starts_at: Date;
  ends_at: Date;
  /** The procurement package (the tender, for a contract's sanction). */
  package_id: string;
  package_title: string | null;
  firm_name: string | null;
  npwp: string | null;
}

export interface PublicBlacklistRow {
  id: number;
  firmName: string;
  npwp: string | null;
  cause: SanctionCauseId;
  decisionNumber: string;
  startsAt: Date;
  endsAt: Date;
  packageId: string;
  packageTitle: string | null;
}

/**
 * The public list (Daftar Hitam): decisions running at `at`, ending soonest last. Proposals and rejections are never
 * public. The firm's NPWP is read from one of its accounts' profiles (the firm's tax number is the same for all).
 */
export async function publicBlacklist(db: Knex, at: Date, q: { page: number; pageSize: number }) {
  const base = db('provider_sanctions as s').where('s.status', 'ditetapkan').where('s.starts_at', '<=', at).where('s.ends_at', '>', at);
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .leftJoin('organisations as o', 'o.id', 's.provider_org')
    .leftJoin('users as u', 'u.id', 's.provider_id')
    .leftJoin('packages as p', 'p.id', 's.package_id')
    .select<BlacklistDbRow[]>(
      's.id',
      's.cause',
      's.decision_number',
      's.starts_at',
      's.ends_at',
      db.raw('coalesce(p.parent_package_id, s.package_id) as package_id'),
      db.raw('coalesce(pp.title, p.title) as package_title'),
      db.raw('coalesce(o.name, u.name) as firm_name'),
      db.raw(`(select vp.npwp from vendor_profiles vp join users vu on vu.id = vp.user_id
               where vu.id = s.provider_id or vu.org_id = s.provider_org order by vu.id = s.provider_id desc limit 1) as npwp`),
    )
    .leftJoin('packages as pp', 'pp.id', 'p.parent_package_id')
    .orderBy([
      { column: 's.starts_at', order: 'desc' },
      { column: 's.id', order: 'desc' },
    ])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    data: rows.map((r): PublicBlacklistRow => ({
      id: Number(r.id),
      firmName: r.firm_name ?? 'Penyedia tidak dikenal',
      npwp: r.npwp ?? null,
      cause: r.cause as SanctionCauseId,
      decisionNumber: r.decision_number,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      packageId: r.package_id,
      packageTitle: r.package_title ?? null,
    })),
    pagination: { page: q.page, pageSize: q.pageSize, total: Number(count) },
  };
}
