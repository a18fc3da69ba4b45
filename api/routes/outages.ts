/**
 * Platform outages (issue 15 point 7): the LPSE admin declares one (`POST /api/admin/outages`, start, reason, and the
 * end once known: `PATCH /api/admin/outages/{id}`), lists them with who declared them; anyone reads them without who
 * (`GET /api/public/outages`), so a vendor sees why a deadline moved. Outages never overlap (the same lost time would
 * extend a window twice): an overlapping declaration is refused, and the same declaration sent again answers the one
 * stored. Every declaration and end is in the audit chain (pseudo-package `platform-gangguan`). An outage with an end
 * is signalled to the running packages it may affect (api/services/outage-signal.ts); refusals change nothing.
 */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../../activities/audit';
import { endOutage, insertDeclaration, lockDeclarations, outageForUpdate, overlappingOutage, sameDeclaration } from '../../db/queries/outage-declarations';
import { listOutages, type OutageRow } from '../../db/queries/outages';
import type { ProcessEvent } from '../../domain/process/state';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { signalOutage } from '../services/outage-signal';

/** A start a little ahead of the server's clock is the admin's clock, not a future outage. */
export const OUTAGE_CLOCK_SKEW_MS = 60_000;
/** The audit chain's pseudo-package for platform events (declarations are no package's). */
export const OUTAGE_AUDIT_PACKAGE = 'platform-gangguan';

const instant = z.iso.datetime({ offset: true, error: 'harus waktu ISO 8601 dengan zona, misalnya 2026-12-07T08:00:00+07:00' });
export const CreateOutage = z
  .strictObject({
    startsAt: instant.describe('Awal gangguan'),
    endsAt: instant.optional().describe('Akhir gangguan; kosongkan bila masih berlangsung (isi kemudian lewat PATCH)'),
    reason: z.string().trim().min(10, 'alasan minimal 10 karakter').max(2000).describe('Alasan gangguan, diumumkan kepada para pihak'),
  })
  .meta({ id: 'CreateOutageRequest' });
export const EndOutage = z.strictObject({ endsAt: instant.describe('Akhir gangguan') }).meta({ id: 'EndOutageRequest' });
export const OutageIdParam = z.string().regex(/^[1-9][0-9]{0,17}$/, 'id gangguan berupa bilangan bulat positif');

export const outageAnswer = (o: OutageRow) => ({
  id: o.id,
  startsAt: new Date(o.startsAt).toISOString(),
  endsAt: o.endsAt === undefined ? null : new Date(o.endsAt).toISOString(),
  reason: o.reason,
  source: o.source,
  declaredBy: o.declaredBy,
  createdAt: new Date(o.createdAt).toISOString(),
});
export const publicOutageAnswer = (o: OutageRow) => {
  const { declaredBy: _who, createdAt: _created, ...what } = outageAnswer(o);
  return what;
};

function checkPeriod(startsAt: number, endsAt: number | undefined, now: number): void {
  if (startsAt > now + OUTAGE_CLOCK_SKEW_MS || (endsAt !== undefined && endsAt > now + OUTAGE_CLOCK_SKEW_MS)) {
    throw new ApiError(422, 'outage_in_future', 'Gangguan hanya dapat dicatat untuk waktu yang sudah berlalu atau sedang berlangsung.', {
      now: new Date(now).toISOString(),
    });
  }
  if (endsAt !== undefined && endsAt < startsAt) {
    throw new ApiError(422, 'outage_period_invalid', 'Akhir gangguan tidak boleh sebelum awalnya.', {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    });
  }
}

/** Refuses a period that overlaps another outage (an ongoing one reaches to now and beyond). */
async function refuseOverlap(trx: Knex.Transaction, startsAt: number, endsAt: number | undefined, exceptId?: string): Promise<void> {
  const o = await overlappingOutage(trx, startsAt, endsAt, exceptId);
  if (o) {
    throw new ApiError(409, 'outage_overlaps', `Periode ini bertumpang tindih dengan gangguan #${o.id} yang sudah tercatat; ubah gangguan itu bila perlu.`, {
      outage: publicOutageAnswer(o),
    });
  }
}

async function audit(trx: Knex.Transaction, o: OutageRow, seq: number, action: string, actorId: string, at: number): Promise<void> {
  const event: ProcessEvent = {
    seq,
    at,
    type: 'action_performed',
    node: 'gangguan_platform',
    action,
    actor: { id: actorId, role: 'admin' },
    details: publicOutageAnswer(o),
  };
  await appendAudit(trx, OUTAGE_AUDIT_PACKAGE, `gangguan:${o.id}`, [event]);
}

export function outageAdminRoutes(db: Knex, client: Client): Router {
  const r = Router();
  r.use(requireRole('admin'));

  r.get('/', async (_req, res) => {
    res.json({ data: (await listOutages(db)).map(outageAnswer) });
  });

  r.post('/', async (req, res) => {
    const body = parseOr422(CreateOutage, req.body ?? {}, 'gangguan');
    const now = Date.now();
    const startsAt = Date.parse(body.startsAt);
    const endsAt = body.endsAt === undefined ? undefined : Date.parse(body.endsAt);
    checkPeriod(startsAt, endsAt, now);
    const { outage, created } = await db.transaction(async (trx) => {
      // Declarations one at a time: two admins declaring the same gap cannot both pass the overlap check.
      await lockDeclarations(trx);
      // The same declaration sent again (a retry, a double click) answers the outage stored, and changes nothing.
      const same = await sameDeclaration(trx, { startsAt, endsAt, reason: body.reason });
      if (same) return { outage: same, created: false };
      await refuseOverlap(trx, startsAt, endsAt);
      const o = await insertDeclaration(trx, { startsAt, endsAt, reason: body.reason, declaredBy: req.actor!.id });
      await audit(trx, o, 1, 'outage_declared', req.actor!.id, now);
      return { outage: o, created: true };
    });
    const packages = await signalOutage(db, client, outage);
    res.status(created ? 201 : 200).json({ ...outageAnswer(outage), packages });
  });

  r.patch('/:id', async (req, res) => {
    const id = parseOr422(OutageIdParam, String(req.params.id), 'id gangguan');
    const body = parseOr422(EndOutage, req.body ?? {}, 'akhir gangguan');
    const now = Date.now();
    const endsAt = Date.parse(body.endsAt);
    const outage = await db.transaction(async (trx) => {
      await lockDeclarations(trx);
      const current = await outageForUpdate(trx, id);
      if (!current) throw new ApiError(404, 'outage_not_found', `Gangguan #${id} tidak ditemukan.`, { id });
      if (current.endsAt !== undefined) {
        if (current.endsAt === endsAt) return current; // the same end sent again: nothing to change
        throw new ApiError(409, 'outage_already_ended', `Gangguan #${id} sudah berakhir pada ${new Date(current.endsAt).toISOString()}.`, {
          outage: publicOutageAnswer(current),
        });
      }
      checkPeriod(current.startsAt, endsAt, now);
      await refuseOverlap(trx, current.startsAt, endsAt, id);
      const o = await endOutage(trx, id, endsAt, now);
      await audit(trx, o, 2, 'outage_ended', req.actor!.id, now);
      return o;
    });
    // Signalled again on a repeated PATCH too: a package the first one missed gets it, the others change nothing.
    const packages = await signalOutage(db, client, outage);
    res.json({ ...outageAnswer(outage), packages });
  });

  return r;
}

/** GET /api/public/outages: what and when, never who. */
export function publicOutageRoutes(db: Knex): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json({ data: (await listOutages(db)).map(publicOutageAnswer) });
  });
  return r;
}
