/**
 * The LPSE admin's outage declarations (api/routes/outages.ts): declared and ended one at a time under one advisory
 * lock, so two admins declaring the same gap cannot both pass the overlap check. Detection is db/queries/outages.ts.
 */
import type { Knex } from 'knex';
import { outageOf, type OutageRow } from './outages';

/** The lock every declaration and end takes first (detection uses another: a detector never waits for an admin). */
const DECLARATION_LOCK = 72611302;

/** Takes the declarations' lock for the rest of the transaction. */
export async function lockDeclarations(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(${DECLARATION_LOCK})`);
}

export interface Declaration {
  startsAt: number;
  endsAt?: number;
  reason: string;
}

/** The declared outage with exactly this start, end and reason (the same declaration sent again), if any. */
export async function sameDeclaration(trx: Knex.Transaction, d: Declaration): Promise<OutageRow | undefined> {
  const row = await trx('platform_outages')
    .where({ source: 'declared', starts_at: new Date(d.startsAt), reason: d.reason })
    .where((w) => {
      if (d.endsAt === undefined) w.whereNull('ends_at');
      else w.where('ends_at', new Date(d.endsAt));
    })
    .first();
  return row ? outageOf(row) : undefined;
}

/** The earliest other outage the period overlaps (an ongoing one reaches to now and beyond), if any. */
export async function overlappingOutage(
  trx: Knex.Transaction,
  startsAt: number,
  endsAt: number | undefined,
  exceptId?: string,
): Promise<OutageRow | undefined> {
  const q = trx('platform_outages')
    .where((w) => {
      w.whereNull('ends_at').orWhere('ends_at', '>', new Date(startsAt));
    })
    .orderBy('starts_at');
  if (endsAt !== undefined) q.where('starts_at', '<', new Date(endsAt));
  if (exceptId) q.whereNot({ id: Number(exceptId) });
  const other = await q.first();
  return other ? outageOf(other) : undefined;
}

export async function insertDeclaration(trx: Knex.Transaction, d: Declaration & { declaredBy: string }): Promise<OutageRow> {
  const [row] = await trx('platform_outages')
    .insert({
      starts_at: new Date(d.startsAt),
      ends_at: d.endsAt === undefined ? null : new Date(d.endsAt),
      reason: d.reason,
      source: 'declared',
      declared_by: d.declaredBy,
    })
    .returning('*');
  if (!row) throw new Error('the declared outage was not returned by its insert');
  return outageOf(row);
}

/**
 * The outage, its row locked until the transaction ends (its end is about to be set). Ids are bigints read as numbers
 * (db/connection.ts refuses one beyond the safe range), so the id from the path is compared as a number.
 */
export async function outageForUpdate(trx: Knex.Transaction, id: string): Promise<OutageRow | undefined> {
  const row = await trx('platform_outages')
    .where({ id: Number(id) })
    .forUpdate()
    .first();
  return row ? outageOf(row) : undefined;
}

export async function endOutage(trx: Knex.Transaction, id: string, endsAt: number, now: number): Promise<OutageRow> {
  const [updated] = await trx('platform_outages')
    .where({ id: Number(id) })
    .update({ ends_at: new Date(endsAt), updated_at: new Date(now) })
    .returning('*');
  if (!updated) throw new Error(`outage ${id} was not returned by its update`);
  return outageOf(updated);
}
