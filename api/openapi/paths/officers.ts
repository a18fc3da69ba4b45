/** GET /api/officers (api/routes/officers.ts): who may be assigned as Pokja or Pejabat Pengadaan. */
import { OfficersQuery } from '../../routes/officers';
import { AUTH_READ, errorResponses, json, queryParams } from '../common';

export const officersPaths = {
  '/api/officers': {
    get: {
      operationId: 'listOfficers',
      summary: 'Daftar pejabat pemilihan yang dapat ditugaskan (Kepala UKPBJ, PPK): id dan nama saja',
      parameters: queryParams(OfficersQuery),
      responses: { 200: { description: 'Daftar pejabat', content: json('OfficerList') }, ...errorResponses(...AUTH_READ) },
    },
  },
};
