/** Indonesian words for the package's codes: status, category, event types. Unknown codes are made readable. */
import { humanise } from '../../forms/labels';

// Package statuses: the console's one table of their words (web/src/i18n/statuses.ts).
export { statusLabel, statusTone } from '../../i18n/statuses';

const CATEGORY: Record<string, string> = {
  barang: 'Barang',
  pekerjaan_konstruksi: 'Pekerjaan Konstruksi',
  jasa_konsultansi: 'Jasa Konsultansi',
  jasa_lainnya: 'Jasa Lainnya',
};
export const categoryLabel = (c: string) => CATEGORY[c] ?? humanise(c);

/**
 * Every event type the engine emits (domain/process/state.ts EventType), in words an officer used to SPSE reads.
 * tests/console-labels.test.ts fails when the engine emits a type that is missing here.
 */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  package_created: 'Paket dibuat',
  stage_entered: 'Masuk tahap',
  action_performed: 'Langkah dilakukan',
  window_closed: 'Jadwal tahap ditutup',
  task_timed_out: 'Batas waktu tugas lewat',
  gateway_passed: 'Keputusan alur diambil',
  service_completed: 'Proses sistem selesai',
  call_completed: 'Subproses selesai',
  milestone_reached: 'Tonggak tercapai',
  reminder_sent: 'Pengingat tenggat dikirim',
  task_escalated: 'Tugas terlambat dieskalasi ke atasan',
  notice_published: 'Pemberitahuan diumumkan',
  decision_proposed: 'Usulan keputusan Pokja diajukan',
  decision_voted: 'Anggota Pokja menyatakan sikap atas usulan',
  decision_rejected: 'Usulan keputusan Pokja tidak disetujui mayoritas',
  package_ended: 'Paket berakhir',
};
export const eventLabel = (t: string) => EVENT_LABELS[t] ?? humanise(t);
