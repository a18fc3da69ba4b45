/** /api/method-options (api/routes/method-options.ts): the methods the create form may offer, and why not the others. */
import { MethodOptionsQuery } from '../../routes/method-options';
import { AUTH_READ, errorResponses, json, queryParams } from '../common';

export const methodOptionsPaths = {
  '/api/method-options': {
    get: {
      operationId: 'getMethodOptions',
      summary: 'Metode pemilihan yang boleh untuk jenis dan nilai (HPS) paket, dengan aturan yang memutuskannya, dan parameter jadwal tiap metode (pejabat)',
      description:
        'Pemeriksaan yang sama dengan POST /api/packages (aturan yang berlaku hari ini, WIB, jam server), sehingga formulir dan server tidak pernah berbeda. Tiap metode: `allowed`, `reasons` (aturan yang menolak beserta pasalnya), `params` (kunci `schedule` dengan bawaan, minimum dan maksimum). Yang diizinkan lebih dulu. HPS melebihi pagu: 422 dengan `issues[].path = "hps"`.',
      parameters: queryParams(MethodOptionsQuery),
      responses: { 200: { description: 'Pilihan metode', content: json('MethodOptions') }, ...errorResponses(...AUTH_READ) },
    },
  },
};
