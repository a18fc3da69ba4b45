/**
 * Platform outages and the heartbeat that detects them (issue 15 point 7; migration 20261216003001). Declarations are
 * the admin API's (api/routes/outages.ts); detection is here, shared by the API's heartbeat (runtime/heartbeat.ts) and
 * the workflow's check at a closing (activities/outages.ts), so both find the same row for the same gap.
 */
import type { Knex } from 'knex';
import type { OutageNotice } from '../../domain/process/outage';
import type { PlatformOutagesRow } from '../tables';

export interface OutageRow extends OutageNotice {
  source: 'declared' | 'detected';
  declaredBy: string | null;
  createdAt: number;
}

type Db = Knex | Knex.Transaction;

export function outageOf(r: PlatformOutagesRow): OutageRow {
  return {
    id: String(r.id),
    startsAt: r.starts_at.getTime(),
    ...(r.ends_at ? { endsAt: r.ends_at.getTime() } : {}),
    reason: r.reason,
    source: r.source as OutageRow['source'],
    declaredBy: r.declared_by ?? null,
    createdAt: r.created_at.getTime(),
  };
}

/** The notice a package gets: what and when, never who. */
export const noticeOf = (o: OutageRow): OutageNotice => ({
  id: o.id,
  startsAt: o.startsAt,
  ...(o.endsAt !== undefined ? { endsAt: o.endsAt } : {}),
  reason: o.reason,
});

export async function listOutages(db: Db, limit = 200): Promise<OutageRow[]> {
  return (await db('platform_outages').orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit)).map(outageOf);
}

export async function outageById(db: Db, id: string): Promise<OutageRow | undefined> {
  const r = await db('platform_outages')
    .where({ id: Number(id) })
    .first(); // bigint ids read as numbers (db/connection.ts)
  return r ? outageOf(r) : undefined;
}

/**
 * Outages that could touch a stage open from `enteredAt` and closing at `closesAt`: begun by its closing and not
 * ended before it opened (the engine decides with the grace; outages are few, so a bounded list is enough).
 */
export async function outagesAround(db: Db, enteredAt: number, closesAt: number): Promise<OutageNotice[]> {
  const rows = await db('platform_outages')
    .where('starts_at', '<=', new Date(closesAt))
    .where((q) => {
      q.whereNull('ends_at').orWhere('ends_at', '>', new Date(enteredAt));
    })
    .orderBy('starts_at')
    .limit(50);
  return rows.map((r) => noticeOf(outageOf(r)));
}

/**
 * The workflow ids of active packages whose current stage closes between `from` and `to` and was entered before
 * `enteredBefore`: the packages an ended outage may touch (api/services/outage-signal.ts).
 */
export async function packagesClosingAround(db: Db, from: number, to: number, enteredBefore: number): Promise<string[]> {
  const rows: { workflow_id: string }[] = await db('packages')
    .where({ status: 'active' })
    .whereNotNull('stage_closes_at')
    .where('stage_closes_at', '>=', new Date(from))
    .where('stage_closes_at', '<=', new Date(to))
    .where('stage_entered_at', '<', new Date(enteredBefore))
    .select('workflow_id');
  return rows.map((r) => r.workflow_id);
}

/** One transaction at a time decides about gaps, so two detectors never record the same gap twice. */
const DETECT_LOCK = 72_611_301;

/**
 * Called where the platform may just have come back without anyone beating (the workflow's check at a closing, from a
 * worker): when every heartbeat is older than `detectAfterMs`, vendors could not act since the newest one, and still
 * cannot — an ongoing detected outage from that beat, which holds the closing until an API process beats again
 * (beat below ends it). No heartbeat at all (no API process ever ran here): nothing can be said, nothing recorded.
 */
export async function detectOngoing(db: Knex, now: number, detectAfterMs: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [DETECT_LOCK]);
    const newest = await newestBeat(trx);
    if (newest === undefined || now - newest <= detectAfterMs || (await coveredByAnother(trx, newest, now))) return;
    await trx('platform_outages')
      .insert({ starts_at: new Date(newest), ends_at: null, reason: DETECTED_REASON, source: 'detected' })
      .onConflict(db.raw("(starts_at) where source = 'detected'"))
      .ignore();
  });
}

export const DETECTED_REASON = 'Gangguan teknis terdeteksi sistem: layanan tidak dapat diakses';

/**
 * An API process that can serve steps beats: its own row is set to `now`. When the newest beat of every process was
 * more than `detectAfterMs` ago, the gap was an outage: a detected outage from that beat to now is recorded (or the
 * ongoing one a closing recorded meanwhile is ended). Returns that outage, to be signalled to the packages.
 */
export async function beat(db: Knex, processId: string, now: number, detectAfterMs: number): Promise<OutageRow | undefined> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [DETECT_LOCK]);
    const newest = await newestBeat(trx);
    await trx('platform_heartbeats')
      .insert({ process_id: processId, beat_at: new Date(now) })
      .onConflict('process_id')
      .merge();
    // Rows of processes long gone are kept a week (the newest beat is all detection reads).
    await trx('platform_heartbeats')
      .where('beat_at', '<', new Date(now - 7 * 86_400_000))
      .delete();
    if (newest === undefined || now - newest <= detectAfterMs || (await coveredByAnother(trx, newest, now))) return undefined;
    const [row] = await trx('platform_outages')
      .insert({ starts_at: new Date(newest), ends_at: new Date(now), reason: DETECTED_REASON, source: 'detected' })
      .onConflict(db.raw("(starts_at) where source = 'detected'"))
      .merge({ ends_at: trx.raw('coalesce(platform_outages.ends_at, excluded.ends_at)'), updated_at: new Date(now) })
      .returning('*');
    return outageOf(row!); // inserted or merged: one row either way
  });
}

/**
 * Outages never overlap (an overlap would extend a window twice for the same lost time): a gap an admin already
 * declared (or another detection recorded) is not recorded again. The detected outage of this very gap is not "another".
 */
async function coveredByAnother(db: Db, from: number, to: number): Promise<boolean> {
  const other = await db('platform_outages')
    .where('starts_at', '<=', new Date(to))
    .where((q) => {
      q.whereNull('ends_at').orWhere('ends_at', '>', new Date(from));
    })
    .whereNot((q) => {
      q.where({ source: 'detected' }).where('starts_at', new Date(from));
    })
    .first('id');
  return other !== undefined;
}

async function newestBeat(db: Db): Promise<number | undefined> {
  const r = await db('platform_heartbeats').max<{ at: string }, { at: Date | null }[]>({ at: 'beat_at' }).first();
  return r?.at ? new Date(r.at).getTime() : undefined;
}
