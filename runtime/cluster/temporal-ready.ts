/**
 * Brings the Temporal cluster to the point where the project can run on it: every service answers (`temporal
 * operator cluster health`, the check an operator runs too; "not enough hosts" right after start clears within
 * seconds), the namespace exists, and the package search attributes are registered on it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../search-attributes';
import { resolveTemporalCli } from '../temporal-binaries';

const run = promisify(execFile);

/** Retention of closed workflows' histories on a namespace this launcher creates. */
const RETENTION_SECONDS = 30 * 86_400;

export async function waitForClusterHealth(address: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const cli = resolveTemporalCli();
  const until = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const { stdout } = await run(cli, ['operator', 'cluster', 'health', '--address', address, '--command-timeout', '3s'], { timeout: 10_000 });
      if (/SERVING/.test(stdout) && !/NOT_SERVING/.test(stdout)) return;
      last = stdout.trim();
    } catch (e) {
      last = ((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n').slice(-3).join(' ');
    }
    if (!isAlive()) throw new Error(`layanan Temporal berhenti saat menunggu kesehatan klaster: ${last}`);
    if (Date.now() > until) throw new Error(`klaster Temporal di ${address} belum sehat setelah ${timeoutMs / 1000} s: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The namespace (registered when missing) and its search attributes. Retried while the services still join each
 * other: right after start, history and matching may not yet own their shards and partitions.
 */
export async function prepareNamespace(address: string, namespace: string, timeoutMs: number): Promise<{ created: boolean }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const connection = await Connection.connect({ address, connectTimeout: 5_000 });
    try {
      const created = await ensureNamespace(connection, namespace);
      await ensureSearchAttributes(connection, namespace);
      return { created };
    } catch (e) {
      if (Date.now() > until) throw e;
    } finally {
      await connection.close();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function ensureNamespace(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (e) {
    if ((e as { code?: number }).code !== 5) throw e; // 5 = NOT_FOUND
  }
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION_SECONDS * 1000) });
  } catch (e) {
    if ((e as { code?: number }).code !== 6) throw e; // 6 = ALREADY_EXISTS: registered meanwhile
  }
  return true;
}
