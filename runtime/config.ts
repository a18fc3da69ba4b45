/**
 * Process configuration from the environment. With no environment at all, everything points at the embedded
 * services that `bin/start.ts` launches; TEMPORAL_ADDRESS and DATABASE_URL switch to external ones.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository: the nearest folder up with a package.json. This file runs from runtime/ under tsx and from
 * dist/runtime/ once compiled (npm run build), and both must find the same data folder, console build and tools.
 */
export const REPO_ROOT = repoRootFrom(__dirname);

function repoRootFrom(dir: string): string {
  for (let d = path.resolve(dir, '..'); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir, '..');
  }
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  dataDir: string;
  port: number;
  /** External PostgreSQL; undefined means the embedded one. */
  databaseUrl?: string;
  embeddedPgPort: number;
  /** External Temporal (TEMPORAL_ADDRESS, with TEMPORAL_NAMESPACE / TLS / API key read by @temporalio/envconfig). */
  temporalAddress?: string;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  taskQueue: string;
  /** Multiplies every process duration (1 = real time); only outside production. */
  timeScale: number;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience: string;
  /**
   * How the console signs people in with the identity provider (JWKS_URL/JWT_ISSUER): its OpenID Connect client id
   * (OIDC_CLIENT_ID, a public client using authorization code + PKCE) and the scopes it asks for (OIDC_SCOPE).
   */
  oidc: { clientId?: string; scope: string };
  /** Whether the API serves the web console (SERVE_CONSOLE=0 for an API-only deployment). */
  serveConsole: boolean;
  /** Lifetime of development tokens from /api/auth/dev/token and `npm run token` (DEV_TOKEN_TTL_SECONDS, default 1 hour). */
  devTokenTtlSeconds: number;
  logLevel: string;
  /** OCDS publication (/api/ocds): the registered ocid prefix, the public base URL, the publisher's name. */
  ocds: OcdsConfig;
}

export interface OcdsConfig {
  ocidPrefix: string;
  baseUrl: string;
  publisherName: string;
  /** The data's licence (OCDS_LICENSE, default CC BY 4.0): `license` of every OCDS package and of the public pages. */
  license: string;
  /** Where the publication policy is read (OCDS_PUBLICATION_POLICY): `publicationPolicy` of every package, when set. */
  publicationPolicy?: string;
}

export const DEFAULT_OCDS_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
const HTTP_URL = /^https?:\/\/[^\s/?#]+([/?#]\S*)?$/;

/**
 * OCID_PREFIX must be the prefix the Open Contracting Partnership registered for the publisher (`ocds-` and 6
 * lowercase letters or digits); the default is a placeholder for development. PUBLIC_BASE_URL is where the API is
 * reached from outside (document links and package URIs in OCDS data).
 */
export function ocdsConfig(env: NodeJS.ProcessEnv = process.env): OcdsConfig {
  const ocidPrefix = env.OCID_PREFIX || 'ocds-pgdn01';
  if (!/^ocds-[a-z0-9]{6}$/.test(ocidPrefix)) {
    throw new Error(`OCID_PREFIX must be ocds- followed by 6 lowercase letters or digits, got '${ocidPrefix}'`);
  }
  const baseUrl = (env.PUBLIC_BASE_URL || `http://localhost:${port(env, 'PORT', 3000)}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(baseUrl)) throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, got '${baseUrl}'`);
  const license = env.OCDS_LICENSE || DEFAULT_OCDS_LICENSE;
  if (!HTTP_URL.test(license)) throw new Error(`OCDS_LICENSE must be an http(s) URL, got '${license}'`);
  const publicationPolicy = env.OCDS_PUBLICATION_POLICY || undefined;
  if (publicationPolicy && !HTTP_URL.test(publicationPolicy)) {
    throw new Error(`OCDS_PUBLICATION_POLICY must be an http(s) URL, got '${publicationPolicy}'`);
  }
  return { ocidPrefix, baseUrl, publisherName: env.OCDS_PUBLISHER || 'LPSE Pengadaan', license, ...(publicationPolicy ? { publicationPolicy } : {}) };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a port number, got '${raw}'`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.NODE_ENV === 'production' || env.APP_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const timeScale = env.TIME_SCALE ? Number(env.TIME_SCALE) : 1;
  if (!(timeScale > 0 && timeScale <= 1)) throw new Error(`TIME_SCALE must be a number in (0, 1], got '${env.TIME_SCALE}'`);
  if (mode === 'production' && timeScale !== 1) {
    throw new Error('TIME_SCALE compresses legal deadlines and is refused in production (NODE_ENV/APP_ENV=production)');
  }
  if (mode === 'production' && !env.JWKS_URL) throw new Error('JWKS_URL is required in production');
  const serveConsole = env.SERVE_CONSOLE !== '0';
  // Without a client id the console served in production could not sign anyone in: fail at start, not at first login.
  if (mode === 'production' && serveConsole && !env.OIDC_CLIENT_ID) {
    throw new Error('OIDC_CLIENT_ID is required in production when the console is served (or SERVE_CONSOLE=0)');
  }
  const devTokenTtlSeconds = env.DEV_TOKEN_TTL_SECONDS ? Number(env.DEV_TOKEN_TTL_SECONDS) : 3600;
  if (!Number.isInteger(devTokenTtlSeconds) || devTokenTtlSeconds < 60 || devTokenTtlSeconds > 30 * 86_400) {
    throw new Error(`DEV_TOKEN_TTL_SECONDS must be whole seconds between 60 and 2592000, got '${env.DEV_TOKEN_TTL_SECONDS}'`);
  }
  return {
    env: mode,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    port: port(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    temporalPort: port(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    taskQueue: env.TASK_QUEUE || 'pengadaan',
    timeScale,
    jwksUrl: env.JWKS_URL || undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || 'pengadaan-api',
    oidc: { clientId: env.OIDC_CLIENT_ID || undefined, scope: env.OIDC_SCOPE || 'openid profile' },
    serveConsole,
    devTokenTtlSeconds,
    logLevel: env.LOG_LEVEL || 'info',
    ocds: ocdsConfig(env),
  };
}

/** The URL of the embedded database, for processes started alongside it (worker and API alone). */
export function databaseUrlOf(cfg: AppConfig): string {
  return cfg.databaseUrl ?? `postgres://postgres:postgres@127.0.0.1:${cfg.embeddedPgPort}/pengadaan`;
}

export function temporalAddressOf(cfg: AppConfig): string {
  return cfg.temporalAddress ?? `127.0.0.1:${cfg.temporalPort}`;
}
