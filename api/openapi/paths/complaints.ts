/** Pengaduan to the APIP (api/routes/complaints.ts; Perpres 16/2018 Pasal 76–77). */
import { COMPLAINT_ID_PATTERN, ComplaintListQuery } from '../../routes/complaint-schemas';
import { AUTH_READ, errorResponses, idemHeader, idParam, json, queryParams, WITH_BODY, WITH_ID } from '../common';

const complaintIdParam = { name: 'cid', in: 'path', required: true, description: 'Id pengaduan', schema: { type: 'string', pattern: COMPLAINT_ID_PATTERN } };

export const complaintsPaths = {
  '/api/packages/{id}/complaints': {
    post: {
      operationId: 'fileComplaint',
      summary: 'Ajukan pengaduan kepada APIP atas paket (setiap pengguna masuk); alasannya dihitung server dari keadaan paket',
      description:
        'Alasan (di_luar_masa_sanggah, metode_tanpa_sanggah, bukan_peserta, lainnya) dihitung dari metode, tahap dan penawaran pengadu; `reason` dari klien ditolak (422). Identitas pengadu hanya terlihat oleh APIP.',
      parameters: [idParam, idemHeader],
      requestBody: { required: true, content: json('FileComplaintRequest') },
      responses: { 201: { description: 'Pengaduan tercatat', content: json('Complaint') }, ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID) },
    },
    get: {
      operationId: 'getPackageComplaints',
      summary: 'Pengaduan atas paket: milik sendiri; pejabat paket, APIP dan admin juga melihat keberadaan dan status semua pengaduan (tanpa pengadu)',
      parameters: [idParam],
      responses: { 200: { description: 'Pengaduan paket', content: json('PackageComplaints') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/complaints': {
    get: {
      operationId: 'listComplaints',
      summary: 'Daftar pengaduan: semua untuk APIP (dengan pengadu), milik sendiri untuk pengguna lain',
      parameters: queryParams(ComplaintListQuery),
      responses: { 200: { description: 'Pengaduan', content: json('ComplaintList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/complaints/{cid}': {
    get: {
      operationId: 'getComplaint',
      summary: 'Satu pengaduan dengan tindak lanjutnya (APIP atau pengadunya; selain itu 404)',
      parameters: [complaintIdParam],
      responses: { 200: { description: 'Pengaduan', content: json('Complaint') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/complaints/{cid}/follow-ups': {
    post: {
      operationId: 'recordComplaintFollowUp',
      summary: 'Catat tindak lanjut APIP: diterima, ditindaklanjuti (audit/reviu/…), diteruskan (APH/LKPP), ditutup dengan kesimpulan',
      parameters: [complaintIdParam],
      requestBody: { required: true, content: json('ComplaintFollowUpRequest') },
      responses: {
        200: { description: 'Pengaduan dengan tindak lanjut baru', content: json('Complaint') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409),
      },
    },
  },
};
