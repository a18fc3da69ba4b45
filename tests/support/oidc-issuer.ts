/**
 * A real OpenID Connect issuer in-process (oidc-provider 9), for tests of the console's production sign-in:
 * authorization code + PKCE for a public client (the console), JWT access tokens for the API as a resource server
 * (resource indicator RFC 8707: audience JWT_AUDIENCE, with the `roles`, `org` and `name` claims the API reads),
 * rotating refresh tokens. The API is pointed at it the way production is: JWKS_URL = `jwksUrl`, JWT_ISSUER = `issuer`.
 *
 * Sign-in is one page, /interaction/{uid}: a form with the user id ("Nama pengguna") and a "Masuk" button, no
 * password (the provider stands for the government's identity service, not under test). Signing in also grants the
 * requested scopes, so no consent page follows. Browser tests fill that form; `signInWithCode` drives the same flow
 * over HTTP for tests without a browser.
 */
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Actor } from '../../api/auth/actor';
import { DEMO_USERS } from '../../db/seed-demo';

export const CONSOLE_CLIENT_ID = 'pengadaan-console';
/** The API as a resource server; absolute URI as RFC 8707 requires. */
export const API_RESOURCE = 'urn:pengadaan:api';

export interface OidcIssuerOptions {
  /** Where the console receives the code (its redirect URIs) and where it may return after sign-out. */
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  /** Who may sign in, with the claims their access tokens carry; default the demo users. */
  users?: Actor[];
  /** The `aud` of access tokens; default the API's JWT_AUDIENCE default. */
  audience?: string;
  clientId?: string;
  accessTokenTtlSeconds?: number;
}

export interface OidcIssuer {
  /** JWT_ISSUER, and the console's `authority`. */
  issuer: string;
  /** JWKS_URL. */
  jwksUrl: string;
  clientId: string;
  audience: string;
  /** The environment an API process needs to trust this issuer. */
  env: Record<string, string>;
  /** Adds or replaces a user (e.g. to change roles between a sign-in and a refresh). */
  setUser(user: Actor): void;
  /**
   * The whole code flow over HTTP, as the console's library does it: authorization request with PKCE (S256), the
   * sign-in form, then the token request with the verifier. Answers the token endpoint's JSON.
   */
  signInWithCode(userId: string, opts?: { redirectUri?: string; scope?: string }): Promise<TokenSet>;
  close(): Promise<void>;
}

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  // No inline script or style: the page works under a strict CSP and with the keyboard alone.
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Masuk — Penyedia Identitas Uji</title></head>
<body><main>
<h1>Masuk ke Pengadaan</h1>
${error ? `<p role="alert" id="login-error">${html(error)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}">
<label for="login">Nama pengguna</label>
<input id="login" name="login" autocomplete="username" required autofocus${error ? ' aria-describedby="login-error"' : ''}>
<button type="submit">Masuk</button>
</form>
</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcIssuer(opts: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  // oidc-provider is ESM only; the project is CommonJS.
  const { default: Provider } = await import('oidc-provider');
  const clientId = opts.clientId ?? CONSOLE_CLIENT_ID;
  const audience = opts.audience ?? 'pengadaan-api';
  const users = new Map((opts.users ?? DEMO_USERS).map((u) => [u.id, { id: u.id, name: u.name, roles: u.roles, org: u.org }]));

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `uji-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none', // a browser app keeps no secret: PKCE instead (required for such clients)
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: opts.redirectUris ?? ['http://127.0.0.1/callback'],
        post_logout_redirect_uris: opts.postLogoutRedirectUris ?? [],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name'] },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 86_400,
      Grant: 86_400,
      IdToken: 3600,
      RefreshToken: 86_400,
      AccessToken: opts.accessTokenTtlSeconds ?? 600,
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // Every token is for the API unless the client asks otherwise, and a refresh keeps that resource.
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience,
            accessTokenTTL: opts.accessTokenTtlSeconds ?? 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The claims the API authorises by (api/auth/verifier.ts), on access tokens only.
    extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId?: string }) => {
      const u = token.kind === 'AccessToken' && token.accountId ? users.get(token.accountId) : undefined;
      return u ? { name: u.name, roles: u.roles, org: u.org } : undefined;
    },
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx: unknown, id: string) => {
      const u = users.get(id);
      return u ? { accountId: id, claims: () => ({ sub: id, name: u.name }) } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Galat</title></head><body><h1>Galat masuk</h1><pre>${html(JSON.stringify(out))}</pre></body></html>`;
    },
  });
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(uid));
      return;
    }
    const login = (await readForm(req)).get('login')?.trim() ?? '';
    if (!users.has(login)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, `Pengguna '${login}' tidak dikenal.`));
      return;
    }
    // Signing in grants what the console asked for, so no consent page follows.
    const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
    const scope = String(details.params.scope ?? 'openid');
    grant.addOIDCScope(scope);
    grant.addResourceScope(API_RESOURCE, 'api');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url?.split('?')[0] ?? '');
    if (!m) return callback(req, res);
    interaction(req, res, m[1]!).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`interaksi gagal: ${err.message}`);
    });
  });

  const jwksUrl = `${issuer}/jwks`;

  async function signInWithCode(userId: string, o: { redirectUri?: string; scope?: string } = {}): Promise<TokenSet> {
    const redirectUri = o.redirectUri ?? (opts.redirectUris ?? ['http://127.0.0.1/callback'])[0]!;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers as object), ...(cookie ? { cookie } : {}) } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
      return res;
    };
    const auth = new URL('/auth', issuer);
    auth.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: o.scope ?? 'openid profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    let res = await send(auth.href);
    let location = res.headers.get('location');
    if (!location?.startsWith('/interaction/')) throw new Error(`authorization request: ${res.status} ${location ?? (await res.text())}`);
    res = await send(location, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: userId }).toString(),
    });
    // Back to the authorization endpoint, which now answers with the code at the redirect URI.
    for (let hops = 0; hops < 5; hops++) {
      location = res.headers.get('location');
      if (!location) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
      if (location.startsWith(redirectUri)) break;
      res = await send(location);
    }
    const back = new URL(location);
    if (back.searchParams.get('state') !== state) throw new Error(`state mismatch: ${back.href}`);
    const code = back.searchParams.get('code');
    if (!code) throw new Error(`no code: ${back.href}`);
    const token = await fetch(new URL('/token', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
    });
    const body = await token.json();
    if (!token.ok) throw new Error(`token request: ${token.status} ${JSON.stringify(body)}`);
    return body as TokenSet;
  }

  return {
    issuer,
    jwksUrl,
    clientId,
    audience,
    env: { JWKS_URL: jwksUrl, JWT_ISSUER: issuer, JWT_AUDIENCE: audience, OIDC_CLIENT_ID: clientId },
    setUser: (u) => users.set(u.id, { id: u.id, name: u.name, roles: u.roles, org: u.org }),
    signInWithCode,
    async close() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
