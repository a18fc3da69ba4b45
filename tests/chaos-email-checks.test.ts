/**
 * The fault run's email check (tests/cluster/chaos-checks.ts) on real PostgreSQL: the SMTP sink's list is read after
 * the snapshot, so a row pending in the snapshot is read again before it is judged. Sent since and received once is
 * fine; sent and never received is lost; received twice is a duplicate whatever the row says; still pending now is a
 * note. Before, every row pending in the snapshot was a note, with "1 received" when it went out during the checks.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createDb } from '../db/connection';
import { type CheckResult, checkNotices, noteStillUnsent, type Snapshot } from './cluster/chaos-checks';
import { testServices } from './support/services';
import type { CapturedMail } from './support/smtp-capture';

const tag = `chaosmail-${randomBytes(3).toString('hex')}`;
let db: Knex;

/** A received email for an outbox row, as the SMTP sink captures it (the Message-ID names the row). */
const mail = (rowId: string, to: string): CapturedMail => ({
  to,
  raw: '',
  header: (name) => (name === 'Message-ID' ? `<${Buffer.from(rowId).toString('base64url')}@pengadaan.local>` : ''),
});
const result = (): CheckResult => ({ counts: {}, lost: [], duplicated: [], wrong: [], notes: [] });
const row = (id: string, status: string) => ({
  id,
  recipient: `${id}@contoh.test`,
  status,
  attempts: status === 'sent' ? 1 : 0,
  last_error: null,
  next_attempt_at: null,
  created_at: new Date(),
});

describe('the fault run judges an email by its row now, not as the snapshot saw it', () => {
  before(() => {
    db = createDb(testServices().databaseUrl);
  });
  after(async () => {
    await db('notification_outbox').whereLike('id', `${tag}:%`).delete();
    await db.destroy();
  });

  it('rows pending in the snapshot are read again: sent since is fine, still pending is a note, lost and twice are not', async () => {
    const ids = { fine: `${tag}:fine`, lost: `${tag}:lost`, pending: `${tag}:pending`, twice: `${tag}:twice` };
    await db('notification_outbox').insert(
      Object.entries(ids).map(([k, id]) => ({
        id,
        channel: 'email',
        recipient: `${id}@contoh.test`,
        subject: 'S',
        payload: {},
        status: k === 'pending' ? 'pending' : 'sent',
        attempts: k === 'pending' ? 0 : 1,
        created_at: new Date(),
      })),
    );
    const mails = [ids.fine, ids.pending, ids.twice, ids.twice].map((id) => mail(id, `${id}@contoh.test`));
    const r = result();
    await noteStillUnsent(db, Object.values(ids), mails, r);
    assert.deepEqual(r.lost, [`email ${ids.lost} marked sent, never received by SMTP`]);
    assert.deepEqual(r.duplicated, [`email ${ids.twice} to ${ids.twice}@contoh.test received 2 times`]);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0]!, new RegExp(`^email ${ids.pending} still pending at the end \\(1 received;`));
    assert.equal(r.counts.emailsSentDuringChecks, 3);
  });

  it('the snapshot: a sent row is judged at once, a pending one is left to the second read (no note yet)', () => {
    const sentTwice = `${tag}:s2`;
    const pendingReceived = `${tag}:p1`;
    const snap = {
      events: [],
      users: [],
      notifications: [],
      outbox: [row(sentTwice, 'sent'), row(pendingReceived, 'pending')],
    } as unknown as Snapshot;
    const r = result();
    const mails = [
      mail(sentTwice, `${sentTwice}@contoh.test`),
      mail(sentTwice, `${sentTwice}@contoh.test`),
      mail(pendingReceived, `${pendingReceived}@contoh.test`),
    ];
    const { unsent, later } = checkNotices(snap, mails, r);
    assert.deepEqual(unsent, [pendingReceived]);
    assert.deepEqual(later, []);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(
      r.duplicated.filter((d) => d.startsWith(`email ${sentTwice}`)),
      [`email ${sentTwice} to ${sentTwice}@contoh.test received 2 times`],
    );
    assert.equal(r.counts.emailsReceived, 3);
  });
});
