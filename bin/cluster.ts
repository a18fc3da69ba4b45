/**
 * `bash bin/cluster.sh`: the production-like cluster on this machine (runtime/cluster): PostgreSQL, the four Temporal
 * services as separate processes, two workers, two APIs and the load-balancing proxy in front of them, every process
 * supervised. Options through the environment: DATA_DIR (default .data/cluster-data), DATABASE_URL (an external
 * PostgreSQL instead of the embedded one), PORT (the proxy, default 3000), TEMPORAL_PORT (the frontend, default 7233),
 * TEMPORAL_NAMESPACE, and `--demo` adds the demo users. Ctrl-C stops everything it started, in order, and exits 0.
 */
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';
import { type Cluster, startCluster } from '../runtime/cluster';

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n <= 0 || n > 65_535) throw new Error(`${name} harus nomor port, bukan '${raw}'`);
  return n;
}

async function main() {
  const t0 = Date.now();
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(REPO_ROOT, '.data', 'cluster'));
  let cluster: Cluster | undefined;
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nMenghentikan klaster…');
    await cluster?.stop();
    console.log('Semua layanan klaster berhenti.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // Ports the CLI user knows: the proxy on PORT and the frontend on TEMPORAL_PORT (the CLI's and UI's default 7233).
    cluster = await startCluster({
      dataDir,
      databaseUrl: process.env.DATABASE_URL || undefined,
      namespace: process.env.TEMPORAL_NAMESPACE || undefined,
      ports: { proxy: portFrom('PORT', 3000), frontend: portFrom('TEMPORAL_PORT', 7233) },
      seedDemo: process.argv.includes('--demo'),
      log: (line) => console.error(line),
    });
  } catch (e) {
    console.error(`Klaster gagal dimulai: ${(e as Error).message}`);
    await shutdown(1);
    return;
  }
  if (shuttingDown) return;
  const c = cluster;
  const p = c.processes;
  const pids = (ps: { name: string; pid(): number | undefined }[]) => ps.map((x) => `${x.name}=${x.pid()}`).join(' ');
  console.log(
    `Klaster siap dalam ${((Date.now() - t0) / 1000).toFixed(1)} s (${c.createdSchemas.length ? 'skema Temporal dibuat' : 'skema sudah ada'}): ` +
      `API ${c.apiUrl}, Temporal ${c.temporalAddress} namespace ${c.namespace}`,
  );
  const all = [...(p.postgres ? [p.postgres] : []), p.frontend, p.history, p.matching, p.temporalWorker, ...p.workers, ...p.apis, p.proxy];
  console.log(`  Proses   ${pids(all)}`);
  const ports = c.ports;
  console.log(
    `  Port     proxy ${ports.proxy}, API ${ports.apis.join(' ')}, Temporal frontend ${ports.frontend} (HTTP ${ports.frontendHttp}), ` +
      `history ${ports.history}, matching ${ports.matching}, worker Temporal ${ports.worker}, ` +
      `PostgreSQL ${p.postgres ? ports.postgres : '(DATABASE_URL)'}, ` +
      `metrik worker ${ports.workerMetrics.join(' ')}`,
  );
  console.log(`  Tahap    ${c.timings.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`  Data     ${c.dataDir} (log: ${path.join(c.dataDir, 'logs')})`);
  console.log('Tekan Ctrl-C untuk berhenti.');
}

void main();
