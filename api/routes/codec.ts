/**
 * The remote codec of the Temporal Web UI and CLI (issue 15 point 10): POST /codec/decode and /codec/encode take and
 * answer `{"payloads": [{"metadata": {"k": base64}, "data": base64}]}` (Payload protobuf as proto JSON, the codec
 * server protocol) and run them through the same AES-256-GCM codec, on the same key ring, as workers and the API
 * (runtime/crypto/payload-codec.ts). Support reads payloads in the UI without the keys leaving this process.
 *
 * Only admins and auditors (APIP) may call it: a decoded history shows every step's content. Sealed bids stay sealed
 * anyway, because their content never enters the history: the workflow only ever gets `{sealedBid: {id, commitment}}`
 * (api/services/seal-bid.ts), so there is nothing to decode (tests/codec-endpoint.test.ts checks it on a real history).
 *
 * Mounted before the app's JSON parser: a payload may be up to Temporal's 2 MB blob limit, a third more as base64,
 * so this router parses with its own limit; otherwise it goes through the same guards as /api (failed-authentication
 * limiter, JSON only, unsafe input refused, bearer token). Nothing of a payload is logged: the actor (pino-http), the
 * operation, how many payloads and the namespace only.
 */
import type { Payload } from '@temporalio/common';
import express, { type Request, type Router } from 'express';
import type pino from 'pino';
import { z } from 'zod';
import { EncryptionCodec } from '../../runtime/crypto/payload-codec';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { authenticate, requireRole } from '../auth/middleware';
import type { TokenVerifier } from '../auth/verifier';
import { codecCors, codecCorsOrigins } from '../codec-cors';
import { ApiError, parseOr422 } from '../errors';
import { rejectUnsafeInput } from '../input-guard';
import { authFailureLimiter, requireJsonBody, type SecurityOptions } from '../security';

/** Temporal refuses payloads over 2 MB (limit.blobSize.error); base64 adds a third, JSON a little. */
export const CODEC_BODY_LIMIT = '4mb';
/** More than the payloads of any one event or history page the UI and CLI send at once. */
export const MAX_CODEC_PAYLOADS = 1000;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(BASE64, { error: 'harus berupa base64' });

export const CodecPayload = z
  .strictObject({
    metadata: z.record(z.string().min(1).max(256), base64).optional().describe('Metadata payload: nilai base64 (mis. encoding)'),
    data: base64.optional().describe('Isi payload, base64'),
    // The proto's external-storage references: this deployment stores no payload outside the history.
    externalPayloads: z.array(z.unknown()).max(0, { error: 'payload eksternal tidak didukung' }).optional(),
  })
  .meta({ id: 'CodecPayload', description: 'Payload Temporal dalam proto JSON (bytes sebagai base64)' });

// Proto JSON leaves an empty list out: the CLI sends `{}` for an event without payloads, and gets `{"payloads": []}`.
export const CodecPayloads = z
  .strictObject({ payloads: z.array(CodecPayload).max(MAX_CODEC_PAYLOADS).default([]) })
  .meta({ id: 'CodecPayloads', description: 'Badan permintaan dan jawaban protokol codec server Temporal' });

type PayloadJson = z.infer<typeof CodecPayload>;

const fromJson = (p: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});

/** The namespace the UI or CLI names (X-Namespace), for the log only, and only when it looks like one. */
function namespaceOf(req: Request): string | undefined {
  const ns = req.headers['x-namespace'];
  return typeof ns === 'string' && /^[A-Za-z0-9._-]{1,255}$/.test(ns) ? ns : undefined;
}

export interface CodecDeps {
  verifier: TokenVerifier;
  keys: KeyProvider;
  logger: pino.Logger;
  security: Pick<SecurityOptions, 'authFailuresPerMin' | 'authFailuresPerCredentialPerMin'>;
  /** Browser origins allowed (the Temporal Web UI); default from CODEC_CORS_ORIGINS (api/codec-cors.ts). */
  corsOrigins?: readonly string[];
}

export function codecRoutes(deps: CodecDeps): Router {
  let codec: Promise<EncryptionCodec> | undefined;
  const codecOf = () => (codec ??= EncryptionCodec.create(deps.keys));
  const r = express.Router();
  r.use(codecCors(deps.corsOrigins ?? codecCorsOrigins()));
  r.use(authFailureLimiter(deps.security, deps.verifier, deps.logger));
  r.use(requireJsonBody);
  r.use(express.json({ limit: CODEC_BODY_LIMIT, strict: true }));
  r.use(rejectUnsafeInput);
  r.use(authenticate(deps.verifier));
  r.use(requireRole('admin', 'auditor'));

  r.post('/decode', async (req, res) => {
    const { payloads } = parseOr422(CodecPayloads, req.body, 'payload codec');
    const c = await codecOf();
    const decoded: Payload[] = [];
    // One at a time, so a refusal names the payload that failed; the reason never quotes its content.
    for (const [index, p] of payloads.entries()) {
      try {
        decoded.push(...(await c.decode([fromJson(p)])));
      } catch (err) {
        const reason = /unknown codec key/.test((err as Error).message) ? 'unknown_key' : 'undecryptable';
        throw new ApiError(
          422,
          'codec_decode_failed',
          reason === 'unknown_key'
            ? `Payload ke-${index} dienkripsi dengan kunci yang tidak ada pada key ring server ini.`
            : `Payload ke-${index} tidak dapat didekripsi: data rusak atau bukan hasil codec ini.`,
          { index, reason },
        );
      }
    }
    req.log?.info({ codec: 'decode', count: payloads.length, namespace: namespaceOf(req) }, 'codec decode');
    res.json({ payloads: decoded.map(toJson) });
  });

  r.post('/encode', async (req, res) => {
    const { payloads } = parseOr422(CodecPayloads, req.body, 'payload codec');
    const encoded = await (await codecOf()).encode(payloads.map(fromJson));
    req.log?.info({ codec: 'encode', count: payloads.length, namespace: namespaceOf(req) }, 'codec encode');
    res.json({ payloads: encoded.map(toJson) });
  });
  return r;
}
