/**
 * Server error codes → what the console tells the user, in Bahasa Indonesia. The server's own message (already
 * Indonesian, and specific: which rule, which limit) is shown under this title; a code not listed here shows the
 * server's message alone, so a new refusal never appears as a bare code.
 */
const TITLES: Record<string, string> = {
  // request shape and identity
  validation_failed: 'Isian belum benar',
  invalid_payload: 'Isian belum benar',
  malformed_json: 'Permintaan rusak',
  unsafe_input: 'Isian memuat karakter yang tidak diizinkan',
  payload_too_large: 'Berkas atau isian terlalu besar',
  unsupported_media_type: 'Jenis isian tidak didukung',
  unauthenticated: 'Silakan masuk terlebih dahulu',
  invalid_token: 'Sesi tidak sah; silakan masuk lagi',
  token_expired: 'Sesi berakhir; silakan masuk lagi',
  conflicting_roles: 'Akun ini tidak boleh dipakai',
  forbidden_role: 'Peran Anda tidak berwenang untuk langkah ini',
  not_assigned: 'Anda tidak ditugaskan pada paket ini',
  rate_limited: 'Terlalu banyak permintaan; tunggu sebentar',
  // the process
  wrong_stage: 'Langkah ini bukan untuk tahap saat ini',
  window_closed: 'Batas waktu tahap ini sudah lewat',
  package_ended: 'Paket sudah selesai',
  package_not_running: 'Paket tidak sedang berjalan',
  step_pending: 'Langkah belum terkonfirmasi; coba lagi',
  package_starting: 'Paket sedang dimulai; coba lagi sebentar lagi',
  not_registered: 'Anda belum mendaftar pada paket ini',
  not_a_bidder: 'Anda bukan peserta yang memasukkan penawaran',
  document_changed: 'Dokumen sudah berubah; periksa hash terbaru',
  idempotency_key_reused: 'Permintaan ganda dengan isi berbeda',
  invalid_schedule: 'Jadwal tidak sesuai ketentuan',
  method_not_allowed: 'Metode pemilihan tidak diizinkan untuk paket ini',
  unknown_method: 'Metode pemilihan tidak dikenal',
  invalid_assignment: 'Penugasan pejabat tidak sah',
  value_over_pagu: 'Nilai melebihi pagu',
  bid_sealed: 'Penawaran masih tersegel sampai pembukaan',
  daftar_hitam: 'Penyedia masuk Daftar Hitam',
  sanction_already_decided: 'Usulan sanksi ini sudah diputuskan',
  sanction_start_out_of_range: 'Tanggal mulai sanksi di luar rentang',
  // not found
  not_found: 'Halaman atau data tidak ditemukan',
  package_not_found: 'Paket tidak ditemukan',
  contract_not_found: 'Kontrak belum ada',
  document_not_found: 'Dokumen tidak ditemukan',
  bid_not_found: 'Penawaran tidak ditemukan',
  sanction_not_found: 'Usulan sanksi tidak ditemukan',
  // the server side
  internal_error: 'Terjadi kesalahan pada server',
  process_unavailable: 'Layanan proses sedang tidak tersedia; coba lagi sebentar',
  temporal_unavailable: 'Layanan proses sedang tidak dapat dihubungi; coba lagi sebentar',
  database_unavailable: 'Basis data sedang tidak dapat dihubungi; coba lagi sebentar',
  network_error: 'Tidak dapat menghubungi server; periksa jaringan Anda',
};

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Text compared without case, surrounding punctuation or repeated spaces: "Penugasan pejabat tidak sah." = title. */
const comparable = (s: string) =>
  s
    .toLocaleLowerCase('id-ID')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:!?—-]+|[\s.,;:!?—-]+$/g, '');

/**
 * A heading for the refusal, and the server's specific message under it — left out when it only repeats the heading
 * (equal to it, or contained in it), so an alert never says the same thing twice.
 */
export function describeError(e: ApiErrorBody): { title: string; message: string } {
  const title = TITLES[e.code];
  const message = (e.message ?? '').trim();
  if (!title) return { title: message || 'Permintaan ditolak', message: '' };
  const m = comparable(message);
  return { title, message: m && !comparable(title).includes(m) ? message : '' };
}

/**
 * The form fields a refusal concerns, as dotted paths (`price`, `schedule.bidSubmissionDays`): from zod-style
 * `details.issues[].path`, or `details.field` / `details.fields`.
 */
export function fieldsOf(e: ApiErrorBody): Record<string, string> {
  const out: Record<string, string> = {};
  const d = e.details ?? {};
  const issues = Array.isArray(d.issues) ? (d.issues as { path?: unknown; message?: unknown }[]) : [];
  for (const i of issues) {
    const path = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : '';
    if (path) out[path.replace(/^payload\./, '')] = typeof i.message === 'string' ? i.message : e.message;
  }
  if (typeof d.field === 'string') out[d.field.replace(/^payload\./, '')] = e.message;
  if (Array.isArray(d.fields)) for (const f of d.fields) if (typeof f === 'string') out[f.replace(/^payload\./, '')] = e.message;
  return out;
}
