/**
 * The PA/KPA's decision on a blacklist proposal (Perpres 16/2018 Pasal 78–79; domain/sanctions/SANKSI.md):
 * `ditetapkan` with the decision number (nomor SK) and the start date — the period comes from the cause, never from
 * the client — or `ditolak` with a reason. Only the PA/KPA assigned to the proposing package decides; a proposal is
 * decided once (a second decision is 409 `sanction_already_decided`).
 *
 * Every decision is appended to the hash-chained audit trail in the same transaction as the row's update, so both are
 * written or neither: an entry of workflow id `sanksi:{id}` and seq 1 (one decision per proposal, so the trail's
 * (workflow_id, seq) key makes a second append impossible), under the package, with the decider, the action
 * `sanksi_ditetapkan` / `sanksi_ditolak` and the SHA-256 of the decision's details (number, cause, period, reason).
 * The chain already proves order and integrity for every entry (domain/audit/chain.ts); a separate table with its own
 * chain would need its own verifier and its own published head.
 */
import type { Knex } from 'knex';
import { appendAudit } from '../../activities/audit';
import { wibDate, wibDateTime } from '../../domain/calendar/working-time';
import type { ProcessEvent } from '../../domain/process/state';
import { SANCTION_CAUSES } from '../../domain/sanctions/causes';
import { sanctionEnd } from '../../domain/sanctions/enforcement';
import { assignedPaKpaOf } from '../../db/queries/packages';
import { type DecisionFields, recordSanctionDecision, type SanctionRow, sanctionForUpdate } from '../../db/queries/sanctions';
import type { Actor } from '../auth/actor';
import { ApiError } from '../errors';

export type Decision = { decision: 'ditetapkan'; decisionNumber: string; startDate: string } | { decision: 'ditolak'; reason: string };

/** How far ahead of today (WIB) a decision may start: a decree is issued to take effect now, not next year. */
export const MAX_START_AHEAD_DAYS = 90;

export async function decideSanction(db: Knex, id: number, actor: Actor, d: Decision, now = Date.now()): Promise<SanctionRow> {
  return db.transaction(async (trx) => {
    const row = await sanctionForUpdate(trx, id);
    if (!row) throw new ApiError(404, 'sanction_not_found', `Usulan sanksi ${id} tidak ditemukan.`);
    const paKpa = (await assignedPaKpaOf(trx, [row.packageId])).get(row.packageId) ?? [];
    if (!paKpa.includes(actor.id)) {
      throw new ApiError(403, 'not_assigned', 'Hanya PA/KPA paket pengusul yang dapat memutuskan usulan sanksi ini (Perpres 16/2018 Pasal 78).', {});
    }
    if (row.status !== 'diusulkan') {
      throw new ApiError(409, 'sanction_already_decided', `Usulan sanksi ini sudah diputuskan: ${row.status}.`, {
        status: row.status,
        decisionNumber: row.decisionNumber,
      });
    }
    let fields: DecisionFields;
    if (d.decision === 'ditetapkan') {
      const cause = SANCTION_CAUSES[row.cause];
      const [y, m, day] = d.startDate.split('-').map(Number);
      const startsAt = wibDateTime(y!, m!, day!);
      const proposedOn = wibDate(row.proposedAt.getTime());
      const latest = wibDate(now + MAX_START_AHEAD_DAYS * 86_400_000);
      if (d.startDate < proposedOn || d.startDate > latest) {
        throw new ApiError(422, 'sanction_start_out_of_range', `Tanggal mulai sanksi harus antara tanggal usulan (${proposedOn}) dan ${latest}.`, {
          issues: [{ path: 'startDate', message: `antara ${proposedOn} dan ${latest}`, code: 'out_of_range' }],
        });
      }
      fields = { status: 'ditetapkan', decisionNumber: d.decisionNumber, startsAt: new Date(startsAt), endsAt: new Date(sanctionEnd(startsAt, cause.years)) };
    } else {
      fields = { status: 'ditolak', decisionReason: d.reason };
    }
    const decided = await recordSanctionDecision(trx, id, fields, actor.id, new Date(now));
    const event: ProcessEvent = {
      seq: 1,
      at: now,
      type: 'action_performed',
      node: 'daftar_hitam',
      action: d.decision === 'ditetapkan' ? 'sanksi_ditetapkan' : 'sanksi_ditolak',
      actor: { id: actor.id, role: 'pa_kpa' },
      details: {
        sanctionId: decided.id,
        providerId: decided.providerId,
        providerOrg: decided.providerOrg,
        cause: decided.cause,
        status: decided.status,
        decisionNumber: decided.decisionNumber,
        startsAt: decided.startsAt?.toISOString() ?? null,
        endsAt: decided.endsAt?.toISOString() ?? null,
        decisionReason: decided.decisionReason,
      },
    };
    await appendAudit(trx, decided.packageId, `sanksi:${decided.id}`, [event]);
    return decided;
  });
}
