/**
 * Request and answer shapes of /api/auth (registered by id, so the OpenAPI document references them as components).
 */
import { z } from 'zod';
import { ROLES } from './roles';

const userId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'id pengguna tidak sah');

export const DevTokenRequest = z.strictObject({ userId: userId.describe('Id pengguna demo') }).meta({ id: 'DevTokenRequest' });

export const SignInConfigSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('development'),
      devUsersUrl: z.string().describe('Daftar pengguna demo untuk "Masuk sebagai"'),
    }),
    z.strictObject({
      mode: z.literal('oidc'),
      authority: z.string().describe('Penerbit OpenID Connect (JWT_ISSUER); endpoint ditemukan lewat /.well-known/openid-configuration'),
      clientId: z.string().describe('Client id konsol (OIDC_CLIENT_ID): klien publik, authorization code + PKCE'),
      scope: z.string().describe('Scope yang diminta (OIDC_SCOPE)'),
      audience: z.string().describe('Audience token akses yang diterima API (JWT_AUDIENCE)'),
    }),
  ])
  .meta({ id: 'SignInConfig', description: 'Cara konsol masuk: pengembangan (penerbit token pengembangan) atau OpenID Connect.' });

export const SignedInUser = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)).min(1),
    org: z.string().describe('Id organisasi (OPD/satuan kerja, atau perusahaan penyedia)'),
  })
  .meta({ id: 'SignedInUser' });

export const DevUserList = z
  .strictObject({
    data: z.array(SignedInUser.extend({ orgName: z.string() })),
  })
  .meta({ id: 'DevUserList', description: 'Pengguna demo (tanpa email).' });

export const DevToken = z
  .strictObject({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.iso.datetime({ offset: true }).describe('Waktu kedaluwarsa (ISO 8601, UTC)'),
    user: SignedInUser,
  })
  .meta({ id: 'DevToken' });
