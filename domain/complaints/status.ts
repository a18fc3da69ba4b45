/**
 * Pengaduan (complaint) to the APIP, Perpres 16/2018 Pasal 76–77 (see PENGADUAN.md next to this file): the states a
 * complaint goes through and the follow-ups the APIP records. Pure: shared by the API and its tests.
 *
 * - diajukan: filed by a user, not yet handled;
 * - diterima: the APIP registered it for handling;
 * - ditindaklanjuti: the APIP works on it (audit, reviu, klarifikasi, pemantauan), one note per follow-up;
 * - diteruskan: handed on to the law enforcers (APH) or LKPP, still open until the APIP records a conclusion;
 * - ditutup: closed with a conclusion; nothing follows.
 */
export const COMPLAINT_STATUSES = ['diajukan', 'diterima', 'ditindaklanjuti', 'diteruskan', 'ditutup'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_STATUS_NAMES: Record<ComplaintStatus, string> = {
  diajukan: 'Diajukan',
  diterima: 'Diterima APIP',
  ditindaklanjuti: 'Ditindaklanjuti',
  diteruskan: 'Diteruskan',
  ditutup: 'Ditutup',
};

/** What the APIP records; each kind moves the complaint to the status of the same name. */
export const FOLLOW_UP_KINDS = ['diterima', 'ditindaklanjuti', 'diteruskan', 'ditutup'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** How the APIP followed a complaint up (Pasal 76(2): audit, reviu, pemantauan, evaluasi). */
export const FOLLOW_UP_ACTIVITIES = ['audit', 'reviu', 'klarifikasi', 'pemantauan', 'evaluasi'] as const;
export type FollowUpActivity = (typeof FOLLOW_UP_ACTIVITIES)[number];

/** Where a complaint is handed on: the law enforcers (aparat penegak hukum) or LKPP. */
export const FORWARD_TARGETS = ['aph', 'lkpp'] as const;
export type ForwardTarget = (typeof FORWARD_TARGETS)[number];
export const FORWARD_TARGET_NAMES: Record<ForwardTarget, string> = { aph: 'Aparat Penegak Hukum (APH)', lkpp: 'LKPP' };

/** The APIP's conclusion when it closes a complaint. */
export const CONCLUSIONS = ['terbukti', 'tidak_terbukti', 'tidak_dapat_ditindaklanjuti'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_NAMES: Record<Conclusion, string> = {
  terbukti: 'Terbukti ada penyimpangan',
  tidak_terbukti: 'Tidak terbukti',
  tidak_dapat_ditindaklanjuti: 'Tidak dapat ditindaklanjuti (bukti tidak faktual/kredibel/autentik)',
};

/** Which follow-ups each status allows: a closed complaint takes none; notes may repeat while it is worked on. */
const NEXT: Record<ComplaintStatus, readonly FollowUpKind[]> = {
  diajukan: ['diterima', 'ditindaklanjuti', 'diteruskan', 'ditutup'],
  diterima: ['ditindaklanjuti', 'diteruskan', 'ditutup'],
  ditindaklanjuti: ['ditindaklanjuti', 'diteruskan', 'ditutup'],
  diteruskan: ['ditindaklanjuti', 'diteruskan', 'ditutup'],
  ditutup: [],
};

export function allowedFollowUps(status: ComplaintStatus): readonly FollowUpKind[] {
  return NEXT[status];
}

/** The follow-up's refusal in Bahasa Indonesia, or undefined when `kind` may follow `status`. */
export function followUpRefusal(status: ComplaintStatus, kind: FollowUpKind): { code: string; message: string } | undefined {
  if (status === 'ditutup') return { code: 'complaint_closed', message: 'Pengaduan sudah ditutup; tidak ada tindak lanjut lagi.' };
  if (!NEXT[status].includes(kind)) {
    return { code: 'invalid_follow_up', message: `Tindak lanjut '${kind}' tidak dapat dicatat pada pengaduan berstatus '${COMPLAINT_STATUS_NAMES[status]}'.` };
  }
  return undefined;
}
