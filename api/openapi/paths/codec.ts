/** POST /codec/decode and /codec/encode (api/routes/codec.ts): the remote codec of the Temporal Web UI and CLI. */
import '../../routes/codec'; // registers CodecPayloads
import { errorResponses, json, WITH_BODY } from '../common';

const namespaceHeader = {
  name: 'X-Namespace',
  in: 'header',
  required: false,
  description: 'Namespace Temporal yang dikirim Web UI dan CLI; satu key ring untuk semua namespace, hanya dicatat di log',
  schema: { type: 'string', maxLength: 255 },
};

/** The shared error answers, but this router's own body limit (api/routes/codec.ts: CODEC_BODY_LIMIT). */
const errors = (): Record<string, unknown> => {
  const all = errorResponses(401, 403, 422, 429, ...WITH_BODY) as Record<string, Record<string, unknown>>;
  return { ...all, 413: { ...all['413'], description: 'Badan permintaan lebih dari 4 MB' } };
};

const operation = (operationId: string, summary: string, answer: string) => ({
  operationId,
  summary,
  description:
    'Protokol codec server Temporal. Hanya admin dan auditor (APIP). CORS dengan kredensial hanya untuk origin di ' +
    'CODEC_CORS_ORIGINS (Web UI Temporal). Isi penawaran tertutup tidak pernah ada di riwayat workflow (hanya id dan ' +
    'komitmennya), jadi tidak dapat dibaca lewat codec ini.',
  parameters: [namespaceHeader],
  requestBody: { required: true, content: json('CodecPayloads') },
  responses: {
    200: { description: answer, content: json('CodecPayloads') },
    // 422 also: codec_decode_failed (details.index, details.reason: unknown_key | undecryptable).
    ...errors(),
  },
});

export const codecPaths = {
  '/codec/decode': {
    post: operation('codecDecode', 'Dekode payload Temporal (Web UI / CLI remote codec) dengan key ring server', 'Payload terdekode'),
  },
  '/codec/encode': {
    post: operation('codecEncode', 'Enkode (enkripsi) payload Temporal seperti worker, untuk Web UI / CLI', 'Payload terenkripsi (binary/encrypted)'),
  },
};
