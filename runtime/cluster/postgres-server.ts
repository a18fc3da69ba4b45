/**
 * The PostgreSQL server the cluster uses: DATABASE_URL's, or the embedded one (runtime/services/embedded-postgres.ts)
 * in <data dir>/postgres. The project's tables live in the URL's database (embedded: `pengadaan`); Temporal's
 * `temporal` and `temporal_visibility` databases are created on the same server with the same credentials.
 */
import type pino from 'pino';
import { startEmbeddedPostgres } from '../services/embedded-postgres';
import type { ExitStatus, Supervised } from '../supervise';
import fs from 'node:fs';
import path from 'node:path';

export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The project's database. */
  projectUrl: string;
}

export function pgServerOf(databaseUrl: string): PgServer {
  const u = new URL(databaseUrl);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`DATABASE_URL must be a postgres:// URL, got '${u.protocol}'`);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    projectUrl: databaseUrl,
  };
}

export interface EmbeddedPg extends Supervised {
  pid(): number | undefined;
  url: string;
}

/** One start of the embedded server (the supervisor calls it again after a crash, on the same folder and port). */
export async function startEmbeddedPg(dataDir: string, port: number, logger: pino.Logger): Promise<EmbeddedPg> {
  const handle = await startEmbeddedPostgres({ dataDir, port, logger });
  // The library keeps the postmaster private; its pid file names it (first line), for kill() and the RSS figures.
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  let gone = false;
  const exited: Promise<ExitStatus> = handle.exited.then((s) => {
    gone = true;
    return s;
  });
  return { url: handle.url, exited, stop: handle.stop, pid: () => (gone || !Number.isInteger(pid) ? undefined : pid) };
}
