/** A worker alone: polls the package task queue; stateless, so any number can run side by side. */
import { createDb } from '../db/connection';
import { databaseUrlOf, loadConfig, temporalAddressOf } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { onShutdown } from '../runtime/shutdown';
import { connectWorker } from '../runtime/temporal';
import { Client } from '@temporalio/client';
import { ensureDigestSchedule } from '../runtime/digest-schedule';
import { ensureAuditAnchorSchedule } from '../runtime/audit-anchor-schedule';
import { createWorker, installRuntimeLogger } from '../runtime/worker';
import { maxCachedWorkflowsOf } from '../runtime/worker-cache';
import { defaultKeyProvider } from '../runtime/crypto/key-provider';
import { EncryptionCodec } from '../runtime/crypto/payload-codec';
import { ensureSearchAttributes, SearchAttributesMissing } from '../runtime/search-attributes';

/** The worker's exit code when its namespace lacks the search attributes and it may not add them (sysexits EX_CONFIG). */
const EXIT_SEARCH_ATTRIBUTES_MISSING = 78;

async function main() {
  const cfg = loadConfig();
  const logger = createLogger('worker', cfg.logLevel);
  installRuntimeLogger(logger);
  const db = createDb(databaseUrlOf(cfg));
  const { connection, namespace } = await connectWorker({ address: temporalAddressOf(cfg), namespace: cfg.temporalNamespace });
  // Every package workflow upserts its search attributes, and an unregistered one fails the workflow task: on a
  // namespace without them every package would stall. Register them, or refuse to start saying how to.
  try {
    await ensureSearchAttributes(connection, namespace);
  } catch (e) {
    if (!(e instanceof SearchAttributesMissing)) throw e;
    logger.fatal({ namespace, missing: e.missing.map((k) => k.name), conflicting: e.conflicting }, e.message);
    await connection.close();
    await db.destroy();
    process.exit(EXIT_SEARCH_ATTRIBUTES_MISSING);
  }
  // Every payload to and from Temporal is encrypted; the API uses the same key ring and codec.
  const keys = defaultKeyProvider();
  const codec = await EncryptionCodec.create(keys);
  // A bounded cache keeps the worker's memory flat over a year of running contracts (runtime/worker-cache.ts).
  const overrides = { maxCachedWorkflows: maxCachedWorkflowsOf() };
  const worker = await createWorker({ connection, namespace, taskQueue: cfg.taskQueue, db, keys, codec, overrides });
  const running = worker.run();
  logger.info({ taskQueue: cfg.taskQueue, namespace }, 'worker running');
  const scheduler = new Client({ connection, namespace, dataConverter: { payloadCodecs: [codec] } });
  const digest = await ensureDigestSchedule(scheduler, cfg.taskQueue);
  const anchor = await ensureAuditAnchorSchedule(scheduler, cfg.taskQueue);
  logger.info({ digest, anchor }, 'daily digest and audit anchor schedules ensured');
  const finished = running.then(async () => {
    await connection.close();
    await db.destroy();
    logger.info('worker stopped');
  });
  // On a signal, let in-flight tasks finish before exiting.
  onShutdown(async () => {
    worker.shutdown();
    await finished;
  });
  await finished;
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
