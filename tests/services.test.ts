// Boots the local services the way CI does (fresh dir, as root there) and
// checks they answer, stop, and that Postgres keeps its data across restarts.
// Ports are off the defaults so a developer's running stack is not disturbed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startEmbeddedPostgres } from '../runtime/services/embedded-postgres';
import { startTemporalDevServer } from '../runtime/services/temporal-dev-server';

const TEMPORAL_PORT = 17233;
const POSTGRES_PORT = 55439;

// The repo has no @types/pg; type only what this test uses.
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- typed by hand above: only what this test uses
const { Client } = require('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function withPg<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

test('local services start, answer, stop, and Postgres data survives a restart', { timeout: 120_000 }, async (t) => {
  // mkdtemp makes a 0700 dir: as root this also exercises making the data
  // dir traversable for the postgres OS user.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-services-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // Started together (each takes ~1-2 s); allSettled so that one failing
  // still lets us stop the other instead of leaking it.
  const [temporalResult, postgresResult] = await Promise.allSettled([
    startTemporalDevServer({ dataDir, port: TEMPORAL_PORT, headless: true }),
    startEmbeddedPostgres({ dataDir, port: POSTGRES_PORT }),
  ]);
  const temporal = temporalResult.status === 'fulfilled' ? temporalResult.value : undefined;
  const postgres = postgresResult.status === 'fulfilled' ? postgresResult.value : undefined;
  try {
    if (temporalResult.status === 'rejected') throw temporalResult.reason;
    if (postgresResult.status === 'rejected') throw postgresResult.reason;
    assert.ok(temporal && postgres);

    await t.test('temporal dev server answers getSystemInfo', async () => {
      assert.equal(temporal.address, `127.0.0.1:${TEMPORAL_PORT}`);
      assert.equal(temporal.uiUrl, null);
      const connection = await Connection.connect({ address: temporal.address });
      try {
        const info = await connection.workflowService.getSystemInfo({});
        assert.ok(info.serverVersion, 'server reports a version');
      } finally {
        await connection.close();
      }
    });

    await t.test('postgres answers select 1 and keeps a table', async () => {
      assert.equal(postgres.url, `postgres://postgres:postgres@127.0.0.1:${POSTGRES_PORT}/pengadaan`);
      await withPg(postgres.url, async (client) => {
        const { rows } = await client.query('select 1 as one');
        assert.equal(rows[0]?.one, 1);
        await client.query("create table survives_restart (note text); insert into survives_restart values ('kept')");
      });
    });
  } finally {
    await Promise.all([temporal?.stop(), postgres?.stop()]);
  }

  // stop() is idempotent.
  await temporal?.stop();
  await postgres?.stop();

  await t.test('postgres restarted on the same dataDir still has the table', async () => {
    const again = await startEmbeddedPostgres({ dataDir, port: POSTGRES_PORT });
    try {
      await withPg(again.url, async (client) => {
        const { rows } = await client.query('select note from survives_restart');
        assert.deepEqual(rows, [{ note: 'kept' }]);
      });
    } finally {
      await again.stop();
    }
  });
});
