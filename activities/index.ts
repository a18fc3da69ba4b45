/** Activities with their dependencies injected (the samples' activities-dependency-injection pattern). */
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { dbSealedBidStore } from '../db/queries/sealed-bids';
import { defaultKeyProvider, type KeyProvider } from '../runtime/crypto/key-provider';
import { startFollowUpPackage } from './follow-up';
import { createDeliverer, type NotifyConfig } from './notify/deliver';
import { writeDailyDigests } from './notify/digest';
import { writeAuditAnchor } from './audit-anchor';
import { recordProgress } from './read-model';
import { outagesAt } from './outages';
import { runNamedService } from './services';
import { contractServices } from './services/contract';
import { documentServices } from './services/documents';
import { reserveWinnerServices } from './services/reserve-winner';
import { sealedBidServices } from './services/sealed-bids';
import { screenSanctioned } from './services/sanction-screen';
import type { Activities } from './types';

export interface ActivityDeps {
  db: Knex;
  /** For services that start follow-up packages; the worker passes a client over its own connection. */
  client: Client;
  taskQueue: string;
  /** Email and webhook delivery; by default from the environment (SMTP_URL, MAIL_FROM). */
  notify?: NotifyConfig;
  /** Opens sealed bids; by default the key ring of the environment (ENCRYPTION_KEYS or the development ring). */
  keys?: KeyProvider;
}

export function notifyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  return { smtpUrl: env.SMTP_URL || undefined, mailFrom: env.MAIL_FROM || 'Pengadaan <noreply@pengadaan.local>' };
}

export function createActivities({ db, client, taskQueue, notify, keys }: ActivityDeps): Activities {
  const withDb = {
    ...documentServices(db),
    ...contractServices(db),
    ...reserveWinnerServices(db),
    ...sealedBidServices(dbSealedBidStore(db), keys ?? defaultKeyProvider()),
  };
  const deliver = createDeliverer(db, notify ?? notifyConfigFromEnv());
  return {
    writeDailyDigests: async ({ at }) => {
      const result = await writeDailyDigests(db, at);
      log.info('daily digests written', result);
      return result;
    },
    writeAuditAnchor: async ({ at }) => {
      const result = await writeAuditAnchor(db, at);
      if (result) log.info('audit anchor written', result);
      return result;
    },
    deliverNotifications: async (input) => {
      const result = await deliver(input);
      log.info('delivered notifications', { ...input, ...result });
      return result;
    },
    recordProgress: async (input) => {
      const result = await recordProgress(db, input, { emailConfigured: Boolean((notify ?? notifyConfigFromEnv()).smtpUrl) });
      // The SDK adds workflowId, runId and activity ids to this entry; the payloads themselves are not logged.
      log.info(result === 'stale' ? 'read model behind the change: asking for the whole view' : 'read model updated', {
        packageId: input.packageId,
        events: input.events.length,
        lastSeq: input.events[input.events.length - 1]?.seq,
        whole: input.view !== undefined,
      });
      return result;
    },
    outagesAt: (input) => outagesAt(db, input),
    // A blacklisted bidder is left out of the services that pick a winner (services/sanction-screen.ts).
    runService: (given) =>
      screenSanctioned(db, given, async (input) =>
        runNamedService(
          {
            ...input,
            startFollowUp: (method, reason) => startFollowUpPackage({ db, client, taskQueue }, input, method, reason),
          },
          withDb,
        ),
      ),
  };
}
