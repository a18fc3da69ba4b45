/**
 * The chaos run's checks, after the driver finished and the read model settled: nothing lost, nothing twice.
 *
 *  - per package: the workflow (its live query) and the read model are at the same seq and stage; package_events hold
 *    seq 1..n once each, audit_log one entry per event; the stage each 2xx step answered is in the package's stage
 *    history, and the package is there or later;
 *  - per step (the driver's log against the Temporal history and the read model): a step answered 2xx is one update
 *    `${actor}:${key}` accepted once and succeeded in the history, and one step event (action_performed,
 *    decision_proposed or decision_voted by that actor) in the read model; a step refused (4xx) was not applied; a
 *    step the driver gave up on is reported either way; the history holds no step update the driver did not send;
 *  - every create answered 2xx is one package, and no procurement package exists that the driver did not create;
 *  - notices: each notice event's recipients have their notification and email outbox row, nothing more; each sent
 *    email row reached the SMTP server exactly once (by Message-ID and recipient);
 *  - sealed bids: every envelope in the events has its stored row, confirmed; no other row looks like a real bid;
 *  - the audit chain verifies (GET /api/audit/verify).
 * Each problem is one line with the package id and the evidence (events, rows, history updates) to read it by.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Api } from '../support/tender-http-driver';
import type { CapturedMail } from '../support/smtp-capture';
import type { ChaosHttpLog, LogicalStep } from './chaos-http';
import { historyOf, type WorkflowHistory } from './chaos-history';

export interface CheckResult {
  counts: Record<string, number>;
  lost: string[];
  duplicated: string[];
  /** Other inconsistencies (wrong stage, a step answered wrongly). */
  wrong: string[];
  /** Worth reading, not a failure (a step given up on, a bid row the sweep will settle). */
  notes: string[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const NOTICE_TYPES = ['reminder_sent', 'task_escalated', 'notice_published'];

interface EventRow {
  package_id: string;
  seq: number;
  type: string;
  stage_id: string;
  action: string | null;
  actor_id: string | null;
  details: any;
}

async function pool<T>(items: T[], n: number, f: (x: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await f(items[i++]!);
    }),
  );
}

/** The step event a step leaves: `${actor}|${action}` (a vote: its own action id, whatever it voted on). */
function eventStepKey(e: EventRow): string | undefined {
  if (!e.actor_id) return undefined;
  if (e.type === 'decision_voted') return `${e.actor_id}|vote_decision`;
  if (e.type === 'decision_proposed') return `${e.actor_id}|${e.action}`;
  // A decision that took effect after the votes is the proposer's action, not a step of its own.
  if (e.type === 'action_performed' && !e.details?.approvedBy) return `${e.actor_id}|${e.action}`;
  return undefined;
}

const count = <K>(xs: K[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<K, number>());

/**
 * Everything the checks read from PostgreSQL, in one REPEATABLE READ transaction: packages keep moving while the checks
 * run (windows close, reminders fire), so tables read one after the other would disagree by the events in between.
 */
async function snapshot(db: Knex) {
  return db.transaction(async (trx) => {
    await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const packages: Record<string, any>[] = await trx('packages').select(
      'id',
      'workflow_id',
      'last_seq',
      'stage_id',
      'status',
      'parent_package_id',
      'previous_package_id',
    );
    const events: EventRow[] = await trx('package_events')
      .select('package_id', 'seq', 'type', 'stage_id', 'action', 'actor_id', 'details')
      .orderBy(['package_id', 'seq']);
    const audit: { package_id: string; seq: number }[] = await trx('audit_log').select('package_id', 'seq');
    const stages: { package_id: string; entered_seq: number; stage_id: string }[] = await trx('package_stages').select('package_id', 'entered_seq', 'stage_id');
    const users: { id: string; email: string | null }[] = await trx('users').select('id', 'email');
    const notifications: { id: string }[] = await trx('notifications').select('id');
    const outbox: OutboxRow[] = await trx('notification_outbox')
      .where({ channel: 'email' })
      .select('id', 'recipient', 'status', 'attempts', 'last_error', 'next_attempt_at', 'created_at');
    const bids: BidRow[] = await trx('sealed_bids').select('id', 'package_id', 'vendor_id', 'action', 'status');
    return { packages, events: events.map((e) => ({ ...e, seq: Number(e.seq) })), audit, stages, users, notifications, outbox, bids };
  });
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;
interface OutboxRow {
  id: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
}
interface BidRow {
  id: string;
  package_id: string;
  vendor_id: string;
  action: string;
  status: string;
}

export async function runChecks(o: { db: Knex; client: Client; api: Api; log: ChaosHttpLog; mails: CapturedMail[] }): Promise<CheckResult> {
  const { db } = o;
  const r: CheckResult = { counts: {}, lost: [], duplicated: [], wrong: [], notes: [] };
  const snap = await snapshot(db);
  const { packages, events, audit } = snap;
  const byId = new Map(packages.map((p) => [String(p.id), p]));
  const childOf = new Map(packages.filter((p) => p.parent_package_id).map((p) => [String(p.parent_package_id), String(p.id)]));
  const eventsOf = new Map<string, EventRow[]>();
  for (const e of events) (eventsOf.get(e.package_id) ?? eventsOf.set(e.package_id, []).get(e.package_id)!).push(e);
  const auditOf = count(audit.map((a) => `${a.package_id}#${a.seq}`));
  const stagesOf = new Set(snap.stages.map((s) => `${s.package_id}#${s.entered_seq}#${s.stage_id}`));
  const evidence = (pkg: string) => {
    const ev = (eventsOf.get(pkg) ?? []).map((e) => `${e.seq}:${e.type}${e.action ? `/${e.action}` : ''}${e.actor_id ? `@${e.actor_id}` : ''}[${e.stage_id}]`);
    const p = byId.get(pkg);
    return `read model: last_seq ${p?.last_seq}, stage ${p?.stage_id}, status ${p?.status}; events: ${ev.join(' ')}`;
  };
  r.counts.packages = packages.length;
  r.counts.events = events.length;

  // ---- per package: events 1..n once, one audit entry each (in the snapshot); the workflow is where the read model
  // is, or — when it moved on after the snapshot — the read model catches up with it ----
  const histories = new Map<string, WorkflowHistory>();
  await pool(packages, 6, async (p) => {
    const id = String(p.id);
    const n = Number(p.last_seq);
    const seqs = (eventsOf.get(id) ?? []).map((e) => e.seq);
    const have = new Set(seqs);
    const gaps = Array.from({ length: n }, (_, i) => i + 1).filter((s) => !have.has(s));
    if (gaps.length) r.lost.push(`${id}: events missing from package_events at seq ${gaps.join(',')}; ${evidence(id)}`);
    if (have.size !== seqs.length || seqs.some((s) => s > n)) r.duplicated.push(`${id}: package_events seq repeated or beyond last_seq; ${evidence(id)}`);
    const missingAudit = seqs.filter((s) => !auditOf.has(`${id}#${s}`));
    const twiceAudit = seqs.filter((s) => (auditOf.get(`${id}#${s}`) ?? 0) > 1);
    if (missingAudit.length) r.lost.push(`${id}: no audit entry for seq ${missingAudit.join(',')}`);
    if (twiceAudit.length) r.duplicated.push(`${id}: audit entries repeated for seq ${twiceAudit.join(',')}`);

    // The stage's entry seq as well: a read model whose events were numbered differently from the workflow's (an
    // event written from a workflow task the server then lost) shows here even when the counts agree.
    type Where = { seq: number; stage: { id: string; enteredSeq: number } };
    let live: Where | undefined;
    let stored: Where | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await o.api.as('auditor.rina').get(`/api/packages/${encodeURIComponent(id)}/live`);
      live = res.status === 200 ? res.body.live : undefined;
      stored = (await db('packages').where({ id }).first('view'))?.view as Where | undefined;
      if (live && stored && live.seq === stored.seq && live.stage.id === stored.stage.id && live.stage.enteredSeq === stored.stage.enteredSeq) break;
      await sleep(1_000); // moving on (a window closed): look at both again
    }
    const at = (w?: Where) => (w ? `seq ${w.seq} stage ${w.stage.id} entered at seq ${w.stage.enteredSeq}` : '(none)');
    if (!live) r.wrong.push(`${id}: the workflow did not answer its state query; ${evidence(id)}`);
    else if (live.seq < n) r.duplicated.push(`${id}: the read model (seq ${n}) is ahead of the workflow (seq ${live.seq}); ${evidence(id)}`);
    else if (!stored || live.seq !== stored.seq || live.stage.id !== stored.stage.id || live.stage.enteredSeq !== stored.stage.enteredSeq) {
      r.lost.push(`${id}: workflow at ${at(live)}, read model at ${at(stored)}; ${evidence(id)}`);
    }
    histories.set(id, await historyOf(o.client, String(p.workflow_id)));
  });
  r.counts.auditEntries = audit.length;
  r.counts.historyEvents = [...histories.values()].reduce((s, h) => s + h.events, 0);
  const extraAudit = audit.filter((a) => !byId.has(a.package_id)).length;
  if (extraAudit) r.duplicated.push(`${extraAudit} audit entries of packages the read model does not hold`);

  // ---- steps: the driver's log ↔ the Temporal histories ↔ the read model's step events ----
  const steps = o.log.steps.filter((s) => s.kind !== 'create');
  const targetOf = (s: LogicalStep) => (s.kind === 'contract' ? childOf.get(s.packageId!) : s.packageId);
  const appliedKeys = new Map<string, string[]>(); // target package → `${actor}|${action}` of each applied step
  const known = new Set<string>();
  for (const s of steps) {
    const target = targetOf(s);
    const updateId = `${s.actor}:${s.key}`;
    known.add(updateId);
    const u = target ? histories.get(target)?.updates.get(updateId) : undefined;
    const tries = s.attempts.map((a) => a.status + (a.code ? `/${a.code}` : '')).join(' → ');
    const where = `${target ?? s.packageId} ${s.action} by ${s.actor} key ${s.key} (${tries})`;
    if (u && u.accepted > 1) r.duplicated.push(`${where}: update accepted ${u.accepted} times in the history`);
    const applied = !!u && u.succeeded > 0;
    if (s.outcome === 'applied' && !applied) {
      r.lost.push(`${where}: answered 2xx, but the history holds no successful update ${updateId}; ${target ? evidence(target) : ''}`);
    }
    if (s.outcome === 'refused' && applied) r.wrong.push(`${where}: answered 4xx, yet applied in the history; ${evidence(target!)}`);
    if (s.outcome === 'gave_up' || s.outcome === undefined) {
      r.notes.push(`${where}: no final answer within the retry budget; applied: ${applied ? 'yes' : 'no'}`);
    }
    if (applied && target) (appliedKeys.get(target) ?? appliedKeys.set(target, []).get(target)!).push(`${s.actor}|${s.action}`);
  }
  r.counts.stepsAnswered2xx = steps.filter((s) => s.outcome === 'applied').length;
  r.counts.stepsRefused = steps.filter((s) => s.outcome === 'refused').length;
  r.counts.attempts = o.log.steps.reduce((n, s) => n + s.attempts.length, 0);
  r.counts.stepsRetried = o.log.steps.filter((s) => s.attempts.length > 1).length;
  for (const [pkg, h] of histories) {
    for (const [id, u] of h.updates) {
      if (u.name === 'performStep' && !known.has(id)) {
        r.duplicated.push(`${pkg}: the history holds update ${id} (${u.succeeded ? 'succeeded' : 'failed'}) that the driver never sent`);
      }
    }
    const want = count(appliedKeys.get(pkg) ?? []);
    const got = count((eventsOf.get(pkg) ?? []).map(eventStepKey).filter((k): k is string => !!k));
    for (const k of new Set([...want.keys(), ...got.keys()])) {
      const w = want.get(k) ?? 0;
      const g = got.get(k) ?? 0;
      if (g < w) r.lost.push(`${pkg}: ${w} applied step(s) ${k}, ${g} step event(s) in the read model; ${evidence(pkg)}`);
      if (g > w) r.duplicated.push(`${pkg}: ${g} step event(s) ${k} in the read model, ${w} applied step(s); ${evidence(pkg)}`);
    }
  }
  r.counts.stepEvents = events.filter((e) => eventStepKey(e)).length;

  // ---- the stage each 2xx step answered is in the stage history, and the package is there or later ----
  for (const s of o.log.steps.filter((x) => x.outcome === 'applied' && x.answer?.stageId !== undefined)) {
    const target = s.kind === 'create' ? s.answer!.createdId : targetOf(s);
    if (!target) continue;
    const a = s.answer!;
    if (!stagesOf.has(`${target}#${a.enteredSeq}#${a.stageId}`)) {
      r.lost.push(`${target}: step ${s.action} (${s.key}) answered stage ${a.stageId} entered at seq ${a.enteredSeq}; no such stage row; ${evidence(target)}`);
    }
    if (a.seq !== undefined && Number(byId.get(target)?.last_seq ?? -1) < a.seq) {
      r.lost.push(`${target}: step ${s.action} answered seq ${a.seq}, the read model is at ${byId.get(target)?.last_seq}`);
    }
  }

  // ---- creates: one package per create answered 2xx, and none the driver did not create ----
  const creates = o.log.steps.filter((s) => s.kind === 'create');
  const createdIds = creates.filter((s) => s.outcome === 'applied').map((s) => s.answer?.createdId);
  for (const [id, n] of count(createdIds)) if (!id || n > 1) r.duplicated.push(`create answered ${n} times with package ${id}`);
  for (const id of createdIds) if (id && !byId.has(id)) r.lost.push(`${id}: created (2xx) but not in the read model`);
  const createdSet = new Set(createdIds);
  for (const p of packages) {
    if (!p.parent_package_id && !p.previous_package_id && !createdSet.has(String(p.id))) {
      r.duplicated.push(`${p.id}: a package the driver did not create (${p.status} at ${p.stage_id})`);
    }
  }
  r.counts.creates = createdIds.length;

  const { later, unsent } = checkNotices(snap, o.mails, r);
  await noteStillUnsent(db, unsent, o.mails, r);
  const found = new Set(later.length ? (await db('notification_outbox').whereIn('id', later).select('id')).map((x: { id: string }) => x.id) : []);
  const unknown = later.filter((id) => !found.has(id));
  if (unknown.length) r.duplicated.push(`${unknown.length} emails for outbox rows that do not exist: ${unknown.slice(0, 5).join(', ')}`);
  checkBids(snap, r);

  const verify = await o.api.as('auditor.rina').get('/api/audit/verify');
  r.counts.auditVerified = Number(verify.body?.checked ?? 0);
  if (verify.status !== 200 || verify.body?.ok !== true) r.wrong.push(`audit chain does not verify: ${verify.status} ${verify.text.slice(0, 500)}`);
  return r;
}

/**
 * The emails the snapshot holds unsent, read again now: the received mails are the SMTP sink's live list, read after
 * the snapshot, so a row delivered while the checks ran was pending in it with its email already received (the
 * "1 received, attempts 0, created 16 s ago" notes of earlier runs). A row sent since is checked like one sent before
 * (received exactly once); only a row still unsent now is a note.
 */
export async function noteStillUnsent(db: Knex, unsent: string[], mails: CapturedMail[], r: CheckResult): Promise<void> {
  if (unsent.length === 0) return;
  const now: OutboxRow[] = await db('notification_outbox')
    .whereIn('id', unsent)
    .select('id', 'recipient', 'status', 'attempts', 'last_error', 'next_attempt_at', 'created_at');
  const delivered = count(mails.map((m) => `${rowOfMail(m) ?? '(other)'}→${m.to}`));
  const when = (d: Date | null) => (d ? `${((Date.now() - new Date(d).getTime()) / 1000).toFixed(0)} s ago` : '-');
  let sentSince = 0;
  for (const x of now) {
    const n = delivered.get(`${x.id}→${x.recipient}`) ?? 0;
    if (n > 1) r.duplicated.push(`email ${x.id} to ${x.recipient} received ${n} times`);
    if (x.status === 'sent') {
      sentSince++;
      if (n === 0) r.lost.push(`email ${x.id} marked sent, never received by SMTP`);
      continue;
    }
    r.notes.push(
      `email ${x.id} still ${x.status} at the end (${n} received; created ${when(x.created_at)}, attempts ${x.attempts ?? '?'}, ` +
        `next attempt ${when(x.next_attempt_at)}, last error ${x.last_error ?? '-'})`,
    );
  }
  r.counts.emailsSentDuringChecks = sentSince;
}

/** The outbox row an email was sent for: its Message-ID is derived from the row (activities/notify/deliver.ts). */
function rowOfMail(m: CapturedMail): string | undefined {
  const b64 = /^<([A-Za-z0-9_-]+)@pengadaan\.local>$/.exec(m.header('Message-ID'))?.[1];
  return b64 ? Buffer.from(b64, 'base64url').toString('utf8') : undefined;
}

/**
 * Returns the outbox rows of received emails that the snapshot does not hold (written after it: checked again), and
 * the rows it holds unsent (read again by noteStillUnsent).
 */
export function checkNotices(snap: Snapshot, mails: CapturedMail[], r: CheckResult): { later: string[]; unsent: string[] } {
  const { events, outbox } = snap;
  const users = new Map(snap.users.map((u) => [u.id, u.email]));
  const wantNotes = new Set<string>();
  const wantMail = new Set<string>();
  for (const e of events.filter((x) => NOTICE_TYPES.includes(x.type))) {
    for (const u of (e.details?.recipients as string[] | undefined) ?? []) {
      wantNotes.add(`${e.package_id}:${e.seq}:${u}`);
      if (users.get(u)) wantMail.add(`${e.package_id}:${e.seq}:${u}:email`);
    }
  }
  const notes = new Set(snap.notifications.map((x) => x.id));
  const rows = new Set(outbox.map((x) => x.id));
  for (const id of wantNotes) if (!notes.has(id)) r.lost.push(`notification ${id} missing`);
  for (const id of notes) if (!wantNotes.has(id)) r.duplicated.push(`notification ${id} without its notice event`);
  for (const id of wantMail) if (!rows.has(id)) r.lost.push(`email outbox row ${id} missing`);
  for (const id of rows) if (!wantMail.has(id)) r.duplicated.push(`email outbox row ${id} without its notice event`);
  r.counts.notices = events.filter((x) => NOTICE_TYPES.includes(x.type)).length;
  r.counts.notifications = notes.size;
  r.counts.outboxEmails = outbox.length;

  // One delivery per row and recipient; a row unsent in the snapshot is judged when read again (noteStillUnsent).
  const delivered = count(mails.map((m) => `${rowOfMail(m) ?? '(other)'}→${m.to}`));
  const unsent: string[] = [];
  for (const x of outbox) {
    const n = delivered.get(`${x.id}→${x.recipient}`) ?? 0;
    if (x.status !== 'sent') {
      unsent.push(x.id);
      continue;
    }
    if (n === 0) r.lost.push(`email ${x.id} marked sent, never received by SMTP`);
    if (n > 1) r.duplicated.push(`email ${x.id} to ${x.recipient} received ${n} times`);
  }
  r.counts.emailsReceived = mails.length;
  const unknown = mails.filter((m) => {
    const id = rowOfMail(m);
    return id?.startsWith('pkt-') && !rows.has(id);
  });
  return { later: [...new Set(unknown.map((m) => rowOfMail(m)!))], unsent };
}

function checkBids(snap: Snapshot, r: CheckResult) {
  const { events, bids: rows } = snap;
  const byId = new Map(rows.map((x) => [x.id, x]));
  const envelopes = events
    .filter((e) => e.type === 'action_performed' && e.details?.payload?.sealedBid?.id)
    .map((e) => ({ pkg: e.package_id, seq: e.seq, vendor: e.actor_id, id: String(e.details.payload.sealedBid.id) }));
  const referenced = new Set(envelopes.map((e) => e.id));
  for (const e of envelopes) {
    const row = byId.get(e.id);
    if (!row) r.lost.push(`${e.pkg}: bid ${e.id} of ${e.vendor} (event ${e.seq}) has no stored row`);
    else if (row.status === 'received') r.wrong.push(`${e.pkg}: bid ${e.id} of ${e.vendor} reached the workflow but is still 'received'`);
  }
  for (const x of rows.filter((y) => !referenced.has(y.id))) {
    const line = `${x.package_id}: stored bid ${x.id} of ${x.vendor_id} (${x.action}, ${x.status}) that no event holds`;
    if (x.status === 'received') r.notes.push(`${line} (the sweep deletes it after 30 minutes)`);
    else r.duplicated.push(line);
  }
  const perVendor = count(rows.filter((y) => referenced.has(y.id)).map((y) => `${y.package_id}|${y.vendor_id}|${y.action}`));
  for (const [k, n] of perVendor) if (n > 1) r.notes.push(`${k}: ${n} bids in the package's events (the vendor bid again)`);
  r.counts.sealedBids = rows.length;
  r.counts.sealedBidEvents = envelopes.length;
}
