/**
 * Whether `npm start` seeds the demo organisations and users (issue 15 point 2). On a laptop (embedded PostgreSQL,
 * development token issuer) it does, so the console's "Masuk sebagai" has someone to sign in as. Against an
 * installation's own PostgreSQL (DATABASE_URL) or identity provider (JWKS_URL), or in production, it does not: demo
 * accounts with known ids (an admin among them) do not belong in a real user table. There users come from
 * `npm run users` / /api/admin/users, and the demo from `npm run seed-demo`, on purpose.
 */
import type { AppConfig } from './config';

export type DemoSeedDecision = { seed: true } | { seed: false; why: string };

export function demoSeedDecision(cfg: Pick<AppConfig, 'env' | 'databaseUrl' | 'jwksUrl'>): DemoSeedDecision {
  if (cfg.env === 'production') return { seed: false, why: 'produksi' };
  if (cfg.jwksUrl) return { seed: false, why: 'JWKS_URL diatur (penyedia identitas)' };
  if (cfg.databaseUrl) return { seed: false, why: 'DATABASE_URL diatur (PostgreSQL sendiri)' };
  return { seed: true };
}

/** The one line `npm start` prints instead of the demo users in external mode. */
export function noSeedLine(why: string): string {
  const add = 'npm run users -- add <id> --name … --email … --org … --role …';
  return `Mode eksternal (${why}): pengguna demo tidak dibuat. Tambah pengguna: ${add}; demo: npm run seed-demo`;
}
