/**
 * Request and answer schemas of the complaint routes (api/routes/complaints.ts), registered as OpenAPI components.
 * Requests are strict: a client that sends a `reason` (the server computes it) or a status is refused with 422.
 */
import { z } from 'zod';
import { COMPLAINT_REASONS } from '../../domain/complaints/reason';
import { COMPLAINT_STATUSES, CONCLUSIONS, FOLLOW_UP_ACTIVITIES, FOLLOW_UP_KINDS, FORWARD_TARGETS } from '../../domain/complaints/status';

export const COMPLAINT_ID_PATTERN = '^adu-[a-z0-9]{8,40}$';
export const ComplaintIdParam = z.string().regex(new RegExp(COMPLAINT_ID_PATTERN), 'id pengaduan tidak sah');

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** Line breaks and tabs allowed (descriptions and notes). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const NO_CONTROL_BUT_BREAKS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** Printable text: no control characters (descriptions and notes may break lines and use tabs). */
const line = (min: number, max: number) => z.string().trim().min(min).max(max).regex(NO_CONTROL, 'tidak boleh memuat karakter kendali');
const text = (min: number, max: number) => z.string().trim().min(min).max(max).regex(NO_CONTROL_BUT_BREAKS, 'tidak boleh memuat karakter kendali');

export const FileComplaintBody = z
  .strictObject({
    subject: line(5, 200).describe('Pokok pengaduan'),
    description: text(20, 8000).describe('Uraian pengaduan dengan bukti yang faktual, kredibel, dan autentik (Pasal 77)'),
    attachmentRef: line(1, 500).optional().describe('Rujukan lampiran bukti (nomor/alamat dokumen), opsional'),
  })
  .meta({ id: 'FileComplaintRequest', description: 'Pengaduan kepada APIP; alasannya dihitung oleh server dari keadaan paket.' });

const note = text(10, 8000).describe('Catatan APIP');
export const FollowUpBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('diterima'), note }),
    z.strictObject({
      kind: z.literal('ditindaklanjuti'),
      activity: z.enum(FOLLOW_UP_ACTIVITIES).describe('audit, reviu, klarifikasi, pemantauan, evaluasi'),
      note,
    }),
    z.strictObject({ kind: z.literal('diteruskan'), to: z.enum(FORWARD_TARGETS).describe('aph: Aparat Penegak Hukum; lkpp: LKPP'), note }),
    z.strictObject({ kind: z.literal('ditutup'), conclusion: z.enum(CONCLUSIONS), note }),
  ])
  .meta({ id: 'ComplaintFollowUpRequest', description: 'Tindak lanjut APIP atas pengaduan' });

export const ComplaintListQuery = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  packageId: z
    .string()
    .regex(/^pkt-[a-z0-9]{8,40}$/, 'id paket tidak sah')
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const Officer = z.strictObject({
  role: z.string(),
  name: z.string().describe('Nama petugas APIP (untuk APIP), atau "APIP" (untuk pengadu)'),
  id: z.string().optional().describe('Hanya untuk APIP'),
});

export const ComplaintFollowUp = z
  .strictObject({
    seq: z.number().int(),
    kind: z.enum(FOLLOW_UP_KINDS),
    kindName: z.string(),
    at: z.string().describe('ISO 8601'),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    officer: Officer,
  })
  .meta({ id: 'ComplaintFollowUp' });

export const Complaint = z
  .strictObject({
    id: z.string(),
    packageId: z.string(),
    packageTitle: z.string().nullable(),
    subject: z.string(),
    description: z.string(),
    attachmentRef: z.string().nullable(),
    reason: z.enum(COMPLAINT_REASONS),
    reasonName: z.string(),
    reasonExplanation: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    statusName: z.string(),
    conclusion: z.enum(CONCLUSIONS).nullable(),
    filedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    filer: z.strictObject({ id: z.string(), name: z.string().nullable(), role: z.string() }).optional().describe('Hanya untuk APIP'),
    followUps: z.array(ComplaintFollowUp),
    allowedFollowUps: z.array(z.enum(FOLLOW_UP_KINDS)).optional().describe('Hanya untuk APIP'),
  })
  .meta({ id: 'Complaint', description: 'Pengaduan lengkap: untuk pengadu sendiri dan APIP (identitas pengadu hanya untuk APIP)' });

export const ComplaintNotice = z
  .strictObject({
    id: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    statusName: z.string(),
    filedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({
    id: 'ComplaintNotice',
    description: 'Keberadaan dan status pengaduan, tanpa pengadu, isi dan alasannya (alasan seperti di_luar_masa_sanggah mempersempit siapa pengadunya)',
  });

export const PackageComplaints = z
  .strictObject({
    packageId: z.string(),
    seesAll: z.boolean().describe('true: pejabat paket, APIP, admin (notices berisi semua pengaduan paket)'),
    notices: z.array(ComplaintNotice),
    mine: z.array(Complaint),
    complaintRoute: z.string(),
  })
  .meta({ id: 'PackageComplaints' });

export const ComplaintList = z
  .strictObject({
    data: z.array(Complaint),
    pagination: z.strictObject({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }),
  })
  .meta({ id: 'ComplaintList' });
