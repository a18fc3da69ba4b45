/**
 * CORS for the remote codec (/codec, api/routes/codec.ts): the Temporal Web UI runs on another origin and calls the
 * codec from the browser with the user's token, so — unlike the open data (api/cors.ts) — only the origins named in
 * CODEC_CORS_ORIGINS are answered, with credentials allowed. A wildcard is refused: with credentials it would let any
 * site a support officer visits read payloads with that officer's token. Every other origin gets no CORS header at all,
 * so its page can neither send the token (the preflight fails) nor read an answer.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';

/** What the Web UI sends: X-Namespace always, Authorization (and the id token as Authorization-Extras) when it passes the user's token. */
export const CODEC_REQUEST_HEADERS = ['Content-Type', 'X-Namespace', 'Authorization', 'Authorization-Extras'];

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production' || env.APP_ENV === 'production';

/**
 * The origins allowed to call the codec from a browser: CODEC_CORS_ORIGINS (comma list of `scheme://host[:port]`), by
 * default the dev server's Web UI (`http://localhost:` and `http://127.0.0.1:` + TEMPORAL_UI_PORT, 8233) outside
 * production and none in production (name the UI's origin there). Refuses at start what a browser would never send as
 * an Origin (a path, a trailing slash, `*`), so a typo is not a silently closed door.
 */
export function codecCorsOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.CODEC_CORS_ORIGINS?.trim();
  if (!raw) {
    if (isProduction(env)) return [];
    const uiPort = env.TEMPORAL_UI_PORT || '8233';
    return [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`];
  }
  return raw.split(',').map((s) => {
    const origin = s.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new Error(`CODEC_CORS_ORIGINS must list origins like https://temporal-ui.example.go.id (no path, no '*'), got '${origin}'`);
    }
    return origin;
  });
}

/** The CORS middleware for /codec: POST from the allowed origins with credentials; a preflight ends here with 204. */
export function codecCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: ['POST'],
    allowedHeaders: CODEC_REQUEST_HEADERS,
    credentials: true,
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
