/**
 * Refuses a blacklisted firm's participation steps before they reach the workflow (Perpres 16/2018 Pasal 78;
 * domain/sanctions/enforcement.ts names the steps): 403 `daftar_hitam` with the running decision's number and end.
 * Checked by the firm (the actor's organisation) and the account, at the server's clock.
 */
import type { Knex } from 'knex';
import { activeSanction } from '../../db/queries/sanctions';
import { wibDate } from '../../domain/calendar/working-time';
import { SANCTION_CAUSES } from '../../domain/sanctions/causes';
import { PARTICIPATION_STEPS } from '../../domain/sanctions/enforcement';
import type { Actor } from '../auth/actor';
import { ApiError } from '../errors';

/**
 * The steps a blacklisted firm is offered, without its participation steps: the console and the inbox do not offer
 * "Daftar" or "Kirim Penawaran" that the API would refuse (one query, only for a vendor with such a step on offer).
 */
export async function withoutBarredSteps<T>(db: Knex, actor: Actor, actions: T[], stepOf: (a: T) => string, now = new Date()): Promise<T[]> {
  const barred = (a: T) => PARTICIPATION_STEPS.has(stepOf(a));
  if (!actor.roles.includes('penyedia') || !actions.some(barred)) return actions;
  if (!(await activeSanction(db, [actor.org, actor.id], now))) return actions;
  return actions.filter((a) => !barred(a));
}

export async function refuseBlacklisted(db: Knex, actor: Actor, action: string, now = new Date()): Promise<void> {
  if (!PARTICIPATION_STEPS.has(action) || !actor.roles.includes('penyedia')) return;
  const running = await activeSanction(db, [actor.org, actor.id], now);
  if (!running) return;
  // The period is [from, until): the last day of the sanction is the day before `until`, in WIB.
  const lastDay = wibDate(running.until.getTime() - 1);
  throw new ApiError(
    403,
    'daftar_hitam',
    `Penyedia ini masuk Daftar Hitam berdasarkan keputusan ${running.decisionNumber} sampai dengan ${lastDay} (${SANCTION_CAUSES[running.cause].pasal}); tidak dapat mengikuti pemilihan.`,
    { decisionNumber: running.decisionNumber, until: running.until.toISOString(), cause: running.cause },
  );
}
