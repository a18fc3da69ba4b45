/**
 * Each outbox row keeps its own next attempt (issue 15 point 6). Before, a package's rows were retried together by the
 * delivery activity's retry policy: one failing channel (SMTP down) held back every other row of the package, and a
 * notice recorded meanwhile waited for that retry (up to 30 minutes). Now a failed row waits for its own time and a
 * new notice is delivered at once (activities/notify/deliver.ts). NULL: due now (every row before this migration).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notification_outbox', (t) => {
    t.timestamp('next_attempt_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notification_outbox', (t) => {
    t.dropColumn('next_attempt_at');
  });
}
