/**
 * Pengaduan to the APIP (Perpres 16/2018 Pasal 76–77; domain/complaints/PENGADUAN.md):
 *  - POST /api/packages/{id}/complaints: any signed-in user files a complaint about a package; the reason is computed
 *    here from the package (api/services/complaint-facts.ts), never read from the body; Idempotency-Key as for steps.
 *  - GET /api/packages/{id}/complaints: the caller's own complaints on the package; the package's assigned officers,
 *    the APIP and the admin also see that every other complaint exists and its status — never who filed it or what
 *    it says (the complainant is protected).
 *  - GET /api/complaints, GET /api/complaints/{cid}: the APIP reads every complaint with its filer; anyone else only
 *    their own (another user's complaint answers 404, as if it did not exist).
 *  - POST /api/complaints/{cid}/follow-ups: the APIP records diterima / ditindaklanjuti / diteruskan / ditutup, each
 *    with its time and officer, in the complaint's append-only event chain.
 */
import type { Client } from '@temporalio/client';
import { type Request, Router } from 'express';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { type ComplaintRow, eventsOfComplaints, fileComplaint, getComplaint, listComplaints, recordFollowUp } from '../../db/queries/complaints';
import { getPackageRow, packageTitles } from '../../db/queries/packages';
import { userNames } from '../../db/queries/users';
import { COMPLAINT_REASON_NAMES } from '../../domain/complaints/reason';
import { allowedFollowUps, COMPLAINT_STATUS_NAMES, type FollowUpKind, followUpRefusal } from '../../domain/complaints/status';
import type { PackagesRow } from '../../db/tables';
import { OFFICER_ROLES } from '../../domain/process/definition';
import { textOf } from '../../domain/text';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/middleware';
import type { Role } from '../auth/roles';
import { complaintRouteOf } from '../complaint-pointer';
import { ApiError, parseOr422 } from '../errors';
import { idempotencyKeyOf, idempotent, reply } from '../idempotency';
import { PackageIdParam } from '../schemas';
import { complaintReasonFor } from '../services/complaint-facts';
import { ComplaintIdParam, ComplaintListQuery, FileComplaintBody, FollowUpBody } from './complaint-schemas';

export interface ComplaintRouteDeps {
  db: Knex;
  client: Client;
  keys: KeyProvider;
}

const APIP: Role = 'auditor';
const isApip = (a: Actor) => a.roles.includes(APIP);

const KIND_NAMES: Record<FollowUpKind, string> = {
  diterima: 'Diterima untuk ditangani',
  ditindaklanjuti: 'Ditindaklanjuti',
  diteruskan: 'Diteruskan',
  ditutup: 'Ditutup dengan kesimpulan',
};

/** The role a filer acts in: a vendor as penyedia; a public servant in its first role. */
const filerRoleOf = (a: Actor): Role => (a.roles.includes('penyedia') ? 'penyedia' : a.roles[0]!);

async function loadPackage(db: Knex, raw: unknown) {
  const id = parseOr422(PackageIdParam, raw, 'id paket');
  const row = await getPackageRow(db, id);
  if (!row) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
  return row;
}

/** The officers assigned to the package (the view's effective assignments), the APIP and the admin. */
function seesAllOf(actor: Actor, row: Pick<PackagesRow, 'view'>): boolean {
  if (actor.roles.includes('auditor') || actor.roles.includes('admin')) return true;
  const assignments = (row.view as { assignments?: Partial<Record<Role, string[]>> } | null)?.assignments ?? {};
  return OFFICER_ROLES.some((role) => actor.roles.includes(role) && (assignments[role] ?? []).includes(actor.id));
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A complaint as the APIP (filer and officers named) or its filer (the APIP named by role only) reads it. */
async function present(db: Knex, viewer: 'apip' | 'filer', list: ComplaintRow[]): Promise<Record<string, unknown>[]> {
  if (!list.length) return [];
  const ids = list.map((c) => c.id);
  const eventsOf = await eventsOfComplaints(db, ids);
  const actorIds = [...eventsOf.values()].flatMap((events) => events.map((e) => e.actorId));
  const names = viewer === 'apip' ? await userNames(db, [...list.map((c) => c.filerId), ...actorIds]) : new Map<string, string>();
  const titles = await packageTitles(
    db,
    list.map((c) => c.packageId),
  );
  return list.map((c) => ({
    id: c.id,
    packageId: c.packageId,
    packageTitle: titles.get(c.packageId) ?? null,
    subject: c.subject,
    description: c.description,
    attachmentRef: c.attachmentRef,
    reason: c.reason,
    reasonName: COMPLAINT_REASON_NAMES[c.reason],
    reasonExplanation: textOf((c.reasonBasis as { explanation?: unknown }).explanation),
    status: c.status,
    statusName: COMPLAINT_STATUS_NAMES[c.status],
    conclusion: c.conclusion,
    filedAt: iso(c.filedAt)!,
    updatedAt: iso(c.updatedAt)!,
    closedAt: iso(c.closedAt),
    ...(viewer === 'apip' ? { filer: { id: c.filerId, name: names.get(c.filerId) ?? null, role: c.filerRole } } : {}),
    followUps: (eventsOf.get(c.id) ?? [])
      .filter((e) => e.kind !== 'diajukan')
      .map((e) => ({
        seq: e.seq,
        kind: e.kind,
        kindName: KIND_NAMES[e.kind as FollowUpKind] ?? e.kind,
        at: iso(e.at)!,
        note: e.note,
        details: e.details,
        officer: viewer === 'apip' ? { role: e.actorRole, id: e.actorId, name: names.get(e.actorId) ?? e.actorId } : { role: e.actorRole, name: 'APIP' },
      })),
    ...(viewer === 'apip' ? { allowedFollowUps: [...allowedFollowUps(c.status)] } : {}),
  }));
}

/**
 * What the package's officers see: that a complaint exists and where it stands. Not the reason either: "di luar masa
 * sanggah" on a package with two bidders names the losing one.
 */
const notice = (c: ComplaintRow) => ({
  id: c.id,
  status: c.status,
  statusName: COMPLAINT_STATUS_NAMES[c.status],
  filedAt: iso(c.filedAt)!,
  updatedAt: iso(c.updatedAt)!,
  closedAt: iso(c.closedAt),
});

const newComplaintId = () => `adu-${randomBytes(10).toString('hex')}`;

/** Mounted at /api/packages/:id/complaints. */
export function packageComplaintRoutes(deps: ComplaintRouteDeps): Router {
  const r = Router({ mergeParams: true });
  const { db } = deps;
  const packageIdOf = (req: Request) => (req.params as { id?: unknown }).id;

  r.post('/', idempotent(db, deps.keys), async (req, res) => {
    const row = await loadPackage(db, packageIdOf(req));
    const body = parseOr422(FileComplaintBody, req.body ?? {}, 'pengaduan');
    const actor = req.actor!;
    const computed = await complaintReasonFor(db, row, actor.id);
    const { complaint, created } = await fileComplaint(db, {
      id: newComplaintId(),
      packageId: String(row.id),
      filerId: actor.id,
      filerRole: filerRoleOf(actor),
      subject: body.subject,
      description: body.description,
      attachmentRef: body.attachmentRef ?? null,
      reason: computed.reason,
      reasonBasis: { ...computed.basis, explanation: computed.explanation },
      idempotencyKey: idempotencyKeyOf(req) ?? null,
    });
    // Who filed stays out of the log too: the complaint's id is enough to find it for the APIP.
    req.log.info({ complaintId: complaint.id, packageId: row.id, reason: complaint.reason, created }, 'complaint filed');
    const [shown] = await present(db, isApip(actor) ? 'apip' : 'filer', [complaint]);
    await reply(res, 201, shown);
  });

  r.get('/', async (req, res) => {
    const row = await loadPackage(db, packageIdOf(req));
    const actor = req.actor!;
    const seesAll = seesAllOf(actor, row);
    const [all, mine] = await Promise.all([
      seesAll ? listComplaints(db, { packageId: String(row.id), page: 1, pageSize: 500 }) : Promise.resolve({ data: [] as ComplaintRow[], total: 0 }),
      listComplaints(db, { packageId: String(row.id), filerId: actor.id, page: 1, pageSize: 100 }),
    ]);
    res.json({
      packageId: row.id,
      seesAll,
      notices: all.data.map(notice),
      mine: await present(db, isApip(actor) ? 'apip' : 'filer', mine.data),
      complaintRoute: complaintRouteOf(String(row.id)),
    });
  });

  return r;
}

/** Mounted at /api/complaints. */
export function complaintRoutes(deps: ComplaintRouteDeps): Router {
  const r = Router();
  const { db } = deps;

  r.get('/', async (req, res) => {
    const q = parseOr422(ComplaintListQuery, req.query, 'filter');
    const actor = req.actor!;
    const apip = isApip(actor);
    const list = await listComplaints(db, { ...q, ...(apip ? {} : { filerId: actor.id }) });
    res.json({ data: await present(db, apip ? 'apip' : 'filer', list.data), pagination: { page: q.page, pageSize: q.pageSize, total: list.total } });
  });

  /** The complaint, for the APIP or its filer; for anyone else it does not exist. */
  const readable = async (raw: unknown, actor: Actor) => {
    const id = parseOr422(ComplaintIdParam, raw, 'id pengaduan');
    const c = await getComplaint(db, id);
    if (!c || (!isApip(actor) && c.filerId !== actor.id))
      throw new ApiError(404, 'complaint_not_found', `Pengaduan ${id} tidak ditemukan.`, { complaintId: id });
    return c;
  };

  r.get('/:cid', async (req, res) => {
    const c = await readable(req.params.cid, req.actor!);
    const [shown] = await present(db, isApip(req.actor!) ? 'apip' : 'filer', [c]);
    res.json(shown);
  });

  r.post('/:cid/follow-ups', requireRole(APIP), async (req, res) => {
    const id = parseOr422(ComplaintIdParam, req.params.cid, 'id pengaduan');
    const body = parseOr422(FollowUpBody, req.body ?? {}, 'tindak lanjut');
    const { kind, note, ...details } = body;
    const updated = await recordFollowUp(
      db,
      id,
      { kind, note, details, actorId: req.actor!.id, actorRole: APIP, ...(body.kind === 'ditutup' ? { conclusion: body.conclusion } : {}) },
      (status) => {
        const refusal = followUpRefusal(status, kind);
        if (refusal) throw new ApiError(409, refusal.code, refusal.message, { complaintId: id, status, allowed: [...allowedFollowUps(status)] });
      },
    );
    if (!updated) throw new ApiError(404, 'complaint_not_found', `Pengaduan ${id} tidak ditemukan.`, { complaintId: id });
    req.log.info({ complaintId: id, kind }, 'complaint follow-up recorded');
    const [shown] = await present(db, 'apip', [updated]);
    res.json(shown);
  });

  return r;
}
