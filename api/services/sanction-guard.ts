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
