/**
 * /api/auth (api/routes/auth.ts): how the console signs in (public), and the development sign-in "Masuk sebagai",
 * which answers 404 dev_signin_disabled unless the development issuer is the API's verifier (never in production).
 */
import '../../auth/schemas'; // registers DevTokenRequest, DevToken, DevUserList, SignInConfig as components
import { errorResponses, json, PUBLIC_READ, WITH_BODY } from '../common';

const devOnly = 'Hanya di lingkungan pengembangan (penerbit token pengembangan aktif); selain itu 404 `dev_signin_disabled`.';

export const authPaths = {
  '/api/auth/config': {
    get: {
      operationId: 'getSignInConfig',
      security: [],
      summary: 'Publik (tanpa token): cara konsol masuk — pengembangan ("Masuk sebagai") atau OpenID Connect (authorization code + PKCE)',
      description:
        '`mode: development` bila penerbit token pengembangan aktif; `mode: oidc` bila API memverifikasi token penyedia identitas (JWKS_URL, JWT_ISSUER): `authority` = JWT_ISSUER, `clientId` = OIDC_CLIENT_ID, `scope` = OIDC_SCOPE, `audience` = JWT_AUDIENCE. 503 `sign_in_unconfigured` bila tidak keduanya.',
      responses: { 200: { description: 'Cara masuk', content: json('SignInConfig') }, ...errorResponses(...PUBLIC_READ, 503) },
    },
  },
  '/api/auth/dev/users': {
    get: {
      operationId: 'listDevUsers',
      security: [],
      summary: 'Pengembangan: pengguna demo untuk "Masuk sebagai" (id, nama, peran, organisasi; tanpa email)',
      description: `${devOnly} Urut menurut peran (PPK, Pokja, Pejabat Pengadaan, PA/KPA, penyedia, auditor, admin), lalu id.`,
      responses: { 200: { description: 'Pengguna demo', content: json('DevUserList') }, ...errorResponses(...PUBLIC_READ, 404) },
    },
  },
  '/api/auth/dev/token': {
    post: {
      operationId: 'createDevToken',
      security: [],
      summary: 'Pengembangan: token untuk pengguna demo (masa berlaku DEV_TOKEN_TTL_SECONDS, bawaan 1 jam)',
      description: `${devOnly} Klaim (peran, organisasi) dibaca dari tabel pengguna. Pengguna tidak terdaftar: 422 \`unknown_user\` dengan \`details.issues[0].path = "userId"\`. Jawaban tidak disimpan cache (Cache-Control: no-store).`,
      requestBody: { required: true, content: json('DevTokenRequest') },
      responses: { 200: { description: 'Token', content: json('DevToken') }, ...errorResponses(...PUBLIC_READ, ...WITH_BODY, 404) },
    },
  },
  '/api/auth/dev/refresh': {
    post: {
      operationId: 'refreshDevToken',
      summary: 'Pengembangan: token baru untuk pemegang token pengembangan yang masih berlaku, dengan peran terkini dari tabel pengguna',
      description: `${devOnly} Token kedaluwarsa: 401 \`token_expired\`; token lain atau rusak: 401 \`invalid_token\`; pengguna sudah dihapus: 401 \`unknown_user\`. Tanpa badan permintaan.`,
      responses: { 200: { description: 'Token baru', content: json('DevToken') }, ...errorResponses(401, 403, 404, 422, 429) },
    },
  },
};
