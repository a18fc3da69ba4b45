/**
 * Notifications: the in-app list per user, and an outbox of email and webhook deliveries written in the same
 * transaction as the reminder event that caused them (keyed by package, event seq and recipient, so retries and
 * replays never add a second row), then delivered by an activity that skips what was already sent.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notifications', (t) => {
    t.string('id', 300).primary(); // `${packageId}:${seq}:${userId}` or `digest:${date}:${userId}`
    t.string('user_id', 128).notNullable();
    t.string('package_id', 64);
    t.integer('seq');
    t.string('kind', 32).notNullable(); // 'reminder' | 'escalation' | 'digest'
    t.string('title', 500).notNullable();
    t.text('body').notNullable();
    t.timestamp('due_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('read_at', { useTz: true });
    t.index(['user_id', 'created_at']);
  });

  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.string('id', 64).primary();
    t.string('url', 2000).notNullable();
    t.string('secret', 200).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('notification_outbox', (t) => {
    t.string('id', 400).primary(); // notification id + channel (+ subscription)
    t.string('package_id', 64);
    t.string('channel', 16).notNullable(); // 'email' | 'webhook'
    t.string('recipient', 2000).notNullable(); // an address, or a webhook subscription id
    t.string('subject', 500).notNullable();
    t.jsonb('payload').notNullable();
    t.string('status', 16).notNullable().defaultTo('pending'); // 'pending' | 'sent'
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.index(['package_id', 'status']);
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.increments('id');
    t.string('outbox_id', 400).notNullable();
    t.string('subscription_id', 64).notNullable();
    t.integer('attempt').notNullable();
    t.integer('status_code');
    t.text('error');
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['outbox_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['webhook_deliveries', 'notification_outbox', 'webhook_subscriptions', 'notifications']) await knex.schema.dropTableIfExists(t);
}
