/** The caller's inbox and notifications (api/routes/inbox.ts). */
import { z } from 'zod';
import { AUTH_READ, errorResponses, isoTime, json, pageParams, Pagination, WITH_BODY, WITH_ID } from '../common';

export const TaskList = z
  .strictObject({
    data: z.array(
      z.strictObject({
        packageId: z.string(),
        packageTitle: z.string(),
        opd: z.string(),
        stageId: z.string(),
        stageName: z.string(),
        action: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
        dueAt: isoTime.nullable().describe('Batas waktu bertindak: tenggat tugas, atau saat jendela waktunya ditutup'),
        closesAt: isoTime.nullable().describe('Saat tahap berhenti menerima langkah ini (akhir jendela waktu, batas tugas); null bila tidak ada'),
        overdue: z.boolean(),
        parentPackageId: z.string().optional().describe('Untuk langkah kontrak: paket pemilihan asalnya'),
      }),
    ),
    pagination: Pagination,
  })
  .meta({ id: 'TaskList' });

export const Notification = z
  .strictObject({
    id: z.string(),
    kind: z.string().describe('reminder, escalation, digest, …'),
    packageId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    dueAt: isoTime.nullable(),
    createdAt: isoTime,
    readAt: isoTime.nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationList = z.strictObject({ data: z.array(Notification), pagination: Pagination }).meta({ id: 'NotificationList' });
export const NotificationRead = z.strictObject({ id: z.string(), readAt: isoTime.nullable() }).meta({ id: 'NotificationRead' });

export const inboxPaths = {
  '/api/tasks': {
    get: {
      operationId: 'listMyTasks',
      summary: 'Kotak tugas pemanggil: langkah terbuka yang boleh ia lakukan, tenggat terdekat dulu',
      description:
        'Per paket, tepat langkah yang ditawarkan `myActions` pada detail paket (dan kontraknya) kepada pemanggil sekarang: penyedia terdaftar tetap melihat `submit_bid` sampai jendela penawaran ditutup walau penyedia lain sudah menawar; penyedia yang tidak mendaftar tidak. ' +
        'Pembatalan paket dan pemutusan kontrak (boleh di setiap tahap) bukan tugas dan tidak dicantumkan. Urut `dueAt` terdekat, tanpa tenggat di akhir.',
      parameters: pageParams(100, 20),
      responses: { 200: { description: 'Daftar', content: json('TaskList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/notifications': {
    get: {
      operationId: 'listMyNotifications',
      summary: 'Notifikasi pemanggil (pengingat, eskalasi, ringkasan harian), terbaru dulu',
      parameters: [...pageParams(100, 20), { name: 'unread', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } }],
      responses: { 200: { description: 'Daftar', content: json('NotificationList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/notifications/{id}/read': {
    post: {
      operationId: 'markNotificationRead',
      summary: 'Tandai notifikasi sudah dibaca (hanya milik pemanggil; milik orang lain 404)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9:._@-]+$' } }],
      responses: { 200: { description: 'OK', content: json('NotificationRead') }, ...errorResponses(...AUTH_READ, ...WITH_ID, ...WITH_BODY) },
    },
  },
};
