/** GET /api/packages/{id}/schedule (api/routes/schedule.ts, which owns PackageSchedule): the Pokja's schedule. */
import '../../routes/schedule';
import { AUTH_READ, errorResponses, idParam, json, WITH_ID } from '../common';

export const schedulePaths = {
  '/api/packages/{id}/schedule': {
    get: {
      operationId: 'getPackageSchedule',
      summary: 'Jadwal paket: parameter jadwal, batasnya atau aturan yang menetapkannya, tahap, dan riwayat perubahan jadwal',
      description:
        'Untuk pejabat yang ditugaskan pada paket, APIP dan admin. Nilai: perubahan jadwal Pokja (data.schedule), nilai saat paket dibuat, atau bawaan definisi. 409 bila status proses belum tersedia.',
      parameters: [idParam],
      responses: { 200: { description: 'Jadwal', content: json('PackageSchedule') }, ...errorResponses(...AUTH_READ, ...WITH_ID, 409) },
    },
  },
};
