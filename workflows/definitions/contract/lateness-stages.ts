/**
 * The end of the contract period without a handover (kontrak v3, pelaksanaan-swakelola v2): the PPK decides, never a
 * timer. Kontrak: grant the pemberian kesempatan by addendum (days, penalty, extended performance security; at most
 * 50 calendar days in all, Perpres 16/2018 Pasal 56) or terminate (the security is cashed and the blacklist proposed,
 * Pasal 78 ayat (5) huruf d). When the extra time ends unfinished the PPK decides again. Swakelola: extend the time
 * (no penalty, no security, no 50-day ceiling: the team is no provider) or stop the work (no blacklist).
 * Rules and process data: domain/contract/lateness.ts; sources: domain/contract/LATENESS.md.
 */
import type { ActionDef, ProcessNode, ScheduleParam } from '../../../domain/process/definition';
import { closed, withReason } from '../common';
import { date, text } from './blocks';

export const LATE_DECISION = 'late_decision';
export const LATE_WINDOW = 'late_execution';

export const latenessParams: Record<string, ScheduleParam> = {
  // Pasal 56 (and the reading of it): the extra time of all grants together is at most 50 calendar days; a
  // package may set a shorter ceiling, never a longer one.
  maxLateDays: { name: 'Batas pemberian kesempatan (keterlambatan)', unit: 'calendarDays', default: 50, min: 1, max: 50 },
  // Assumed: the PPK decides within 5 working days of the period's end (no rule found); only the inbox's due time
  // and its reminders, never a timer that decides.
  lateDecisionDue: { name: 'Keputusan PPK atas keterlambatan', unit: 'workingDays', default: 5, min: 1, max: 20 },
};

/** Construction's maintenance floor: bounded, not fixed, because the legal minimum is not verified (LATENESS.md). */
export const maintenanceFloorParam: Record<string, ScheduleParam> = {
  minMaintenanceDays: { name: 'Masa pemeliharaan paling singkat (konstruksi)', unit: 'calendarDays', default: 180, min: 90, max: 180 },
};

const security = closed(
  {
    guaranteeNumber: text(100, 'Nomor jaminan pelaksanaan (diperpanjang)'),
    issuer: { type: 'string', minLength: 1, maxLength: 300, description: 'Bank / perusahaan asuransi penjamin' },
    amount: { type: 'integer', minimum: 1, maximum: 1e15, description: 'Nilai jaminan (rupiah)' },
    validUntil: date('Masa berlaku sampai (sekurang-kurangnya akhir pemberian kesempatan)'),
  },
  ['guaranteeNumber', 'issuer', 'amount', 'validUntil'],
);

/** The addendum of a pemberian kesempatan; it opens the extra-time window `windowId`. */
export const grantKesempatanTo = (windowId: string): ActionDef => ({
  id: 'grant_kesempatan',
  name: 'Berikan Kesempatan (Adendum)',
  performers: [{ role: 'ppk' }],
  payload: closed(
    {
      addendumNumber: text(100, 'Nomor adendum pemberian kesempatan'),
      days: { type: 'integer', minimum: 1, maximum: 3650, description: 'Tambahan waktu penyelesaian (hari kalender; seluruhnya paling lama 50)' },
      security: { ...security, description: 'Perpanjangan jaminan pelaksanaan (wajib bila kontrak berjaminan)' },
      note: { type: 'string', maxLength: 4000, description: 'Hasil penilaian PPK bahwa penyedia mampu menyelesaikan pekerjaan' },
    },
    ['addendumNumber', 'days'],
  ),
  requires: [{ rule: 'kesempatanAllowed' }],
  effect: { kind: 'apply', reducer: 'grantKesempatan' },
  rule: 'Perpres 16/2018 Pasal 56',
  to: windowId,
});

export const terminateLate: ActionDef = {
  id: 'terminate_late_contract',
  name: 'Putuskan Kontrak (Keterlambatan)',
  performers: [{ role: 'ppk' }],
  payload: withReason,
  effect: { kind: 'apply', reducer: 'terminateContract' },
  rule: 'Perpres 16/2018 Pasal 78 ayat (5) huruf d',
  to: 'termination',
};

/**
 * The PPK's decision at the end of the period, and the extra-time window that returns to it (kontrak: late_execution;
 * surat pesanan: late_delivery, which keep the ids the monitoring counts as late).
 */
export function kesempatanStages(windowActions: ActionDef[], windowId = LATE_WINDOW, windowName = 'Pemberian Kesempatan (Dikenakan Denda)'): ProcessNode[] {
  return [
    {
      id: LATE_DECISION,
      name: 'Keputusan PPK atas Keterlambatan (Pemberian Kesempatan atau Pemutusan)',
      type: 'userTask',
      due: 'lateDecisionDue',
      completion: 'any',
      actions: [grantKesempatanTo(windowId), terminateLate],
      // Only a step leaves this stage; `next` is the graph's default flow and is never taken by a timer.
      next: windowId,
    },
    {
      id: windowId,
      name: windowName,
      type: 'timeWindow',
      durationFrom: 'lateness.windowDays',
      actions: windowActions,
      next: LATE_DECISION,
    },
  ];
}

const extendSwakelola: ActionDef = {
  id: 'extend_swakelola',
  name: 'Perpanjang Waktu Swakelola (Adendum)',
  performers: [{ role: 'ppk' }],
  payload: closed(
    {
      addendumNumber: text(100, 'Nomor adendum'),
      days: { type: 'integer', minimum: 1, maximum: 3650, description: 'Tambahan waktu (hari kalender)' },
      note: { type: 'string', maxLength: 4000 },
    },
    ['addendumNumber', 'days'],
  ),
  effect: { kind: 'apply', reducer: 'extendSwakelola' },
  rule: 'Perpres 16/2018 Pasal 47 dan 49',
  to: LATE_WINDOW,
};

const stopSwakelola: ActionDef = {
  id: 'stop_swakelola',
  name: 'Hentikan Swakelola',
  performers: [{ role: 'ppk' }],
  payload: withReason,
  effect: { kind: 'apply', reducer: 'stopSwakelola' },
  to: 'terminated',
};

/** Swakelola: the PPK extends the time or stops; no penalty, no security, no blacklist. */
export function swakelolaLateStages(windowActions: ActionDef[]): ProcessNode[] {
  return [
    {
      id: LATE_DECISION,
      name: 'Keputusan PPK: Perpanjangan atau Penghentian Swakelola',
      type: 'userTask',
      due: 'lateDecisionDue',
      completion: 'any',
      actions: [extendSwakelola, stopSwakelola],
      next: LATE_WINDOW,
    },
    {
      id: LATE_WINDOW,
      name: 'Perpanjangan Waktu Swakelola (Tanpa Denda)',
      type: 'timeWindow',
      durationFrom: 'lateness.windowDays',
      actions: windowActions,
      next: LATE_DECISION,
    },
  ];
}
