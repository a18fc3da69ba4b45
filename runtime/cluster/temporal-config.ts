/**
 * Writes the one Temporal configuration file every service of the cluster starts with, from the template kept in
 * this folder (temporal.template.yaml). A placeholder the values do not fill is an error, never left in the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clusterPaths } from './paths';
import type { ClusterPorts } from './ports';
import type { PgServer } from './postgres-server';

export const TEMPORAL_DB = 'temporal';
export const VISIBILITY_DB = 'temporal_visibility';

export function writeTemporalConfig(dir: string, ports: ClusterPorts, pg: PgServer, logLevel = 'info'): string {
  const values: Record<string, string | number> = {
    LOG_LEVEL: logLevel,
    DB_NAME: TEMPORAL_DB,
    VISIBILITY_DB_NAME: VISIBILITY_DB,
    DB_HOST: pg.host,
    DB_PORT: pg.port,
    DB_USER: pg.user,
    DB_PASSWORD: pg.password,
    FRONTEND_PORT: ports.frontend,
    FRONTEND_HTTP_PORT: ports.frontendHttp,
    FRONTEND_MEMBERSHIP_PORT: ports.frontendMembership,
    HISTORY_PORT: ports.history,
    HISTORY_MEMBERSHIP_PORT: ports.historyMembership,
    MATCHING_PORT: ports.matching,
    MATCHING_MEMBERSHIP_PORT: ports.matchingMembership,
    WORKER_PORT: ports.worker,
    WORKER_MEMBERSHIP_PORT: ports.workerMembership,
    DYNAMIC_CONFIG_FILE: clusterPaths.dynamicConfig,
  };
  const text = fs.readFileSync(clusterPaths.configTemplate, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${clusterPaths.configTemplate}: no value for \${${name}}`);
    // Quoted YAML strings in the template: a password with a quote or backslash must not end the string.
    return String(v).replace(/[\\"]/g, (c) => `\\${c}`);
  });
  const file = path.join(dir, 'temporal.yaml');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
