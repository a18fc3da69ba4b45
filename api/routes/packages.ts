/** /api/packages: create, list, read, and perform a step (a Workflow Update, answered synchronously). */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { prepareStep } from '../services/seal-bid';
import { type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { getPackageRow, getPackageSnapshot, listPackages, summaryOf } from '../../db/queries/packages';
import type { ActorAction } from '../../domain/process/actor-actions';
import type { PackageView } from '../../domain/process/engine';
import { isVendorOnly, vendorLiveView, vendorPackageDetail, vendorSummary } from '../../domain/views/vendor-view';
import { packageState, performStep, readModelSynced } from '../../workflows/package-process';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { idempotencyKeyOf, idempotent, reply } from '../idempotency';
import { CreatePackageBody, ListPackagesQuery, PackageIdParam, TaskBody, TaskIdParam } from '../schemas';
import { createPackage, workflowIdOf } from '../services/create-package';
import { fromTemporal } from '../temporal-errors';
import { withComplaintPointer } from '../complaint-pointer';
import { definitionOf, myActionsOf, vendorContextOf } from '../services/actor-views';
import { refuseBlacklisted } from '../services/sanction-guard';
import { checkOfficerAssignment } from '../services/officer-assignment-guard';

/** How long a create waits for the read model to hold the new package before answering without its live state. */
const CREATE_CONFIRM_MS = 15_000;

export interface PackageRouteDeps {
  db: Knex;
  client: Client;
  keys: KeyProvider;
  taskQueue: string;
  timeScale: number;
}

export function packageRoutes(deps: PackageRouteDeps): Router {
  const r = Router();
  const { db, client } = deps;

  const loadRow = async (rawId: string) => {
    const id = parseOr422(PackageIdParam, rawId, 'id paket');
    const row = await getPackageRow(db, id);
    if (!row) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    return row;
  };

  const liveState = (id: string) => liveStateOf(client, workflowIdOf(id));

  r.post('/', requireRole('ppk'), idempotent(db, deps.keys), async (req, res) => {
    const body = parseOr422(CreatePackageBody, req.body, 'paket');
    const { packageId, workflowId } = await createPackage(deps, req.actor!, body, idempotencyKeyOf(req));
    req.log.info({ packageId, workflowId }, 'package created');
    // Wait until the workflow's first events are in the read model, so a GET right after sees the same package; but
    // not for ever (no worker, a failing read-model write): the package exists either way, its live state follows.
    let timer: NodeJS.Timeout | undefined;
    const live = await Promise.race([
      client.workflow
        .getHandle(workflowId)
        .executeUpdate(readModelSynced, { updateId: `created:${packageId}` })
        .catch((err: unknown) => {
          req.log.warn({ err, packageId }, 'read model not confirmed after create');
          return null;
        }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          req.log.warn({ packageId, waitedMs: CREATE_CONFIRM_MS }, 'read model not confirmed after create: answering without the live state');
          resolve(null);
        }, CREATE_CONFIRM_MS);
      }),
    ]);
    clearTimeout(timer);
    const row = await getPackageRow(db, packageId);
    await reply(res, 201, { ...summaryOf(row), live });
  });

  r.get('/', async (req, res) => {
    const q = parseOr422(ListPackagesQuery, req.query, 'filter');
    const { page, pageSize, ...filters } = q;
    const list = await listPackages(db, filters, page, pageSize);
    res.json(isVendorOnly(req.actor!.roles) ? { data: list.data.map(vendorSummary), pagination: list.pagination } : list);
  });

  r.get('/:id', async (req, res) => {
    const id = parseOr422(PackageIdParam, String(req.params.id), 'id paket');
    // The read model and the workflow are asked at once (a package that does not exist costs one failed query).
    const [snapshot, live] = await Promise.all([getPackageSnapshot(db, id), liveState(id)]);
    if (!snapshot) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    const { row, history } = snapshot;
    const actor = req.actor!;
    // Without the workflow, the read model's copy of its state still tells what the actor may do.
    const view = live ?? ((row.view as PackageView | null) || null);
    const target = row.parent_package_id ? 'contract' : 'package';
    const myActions = [...(await myActionsOf(db, actor, row.id, view, target)), ...(await contractActionsOf(deps, actor, row, view))];
    if (isVendorOnly(actor.roles)) {
      const ctx = await vendorContextOf(db, actor, view, row.method);
      const { stages, timeline } = history;
      res.json(vendorPackageDetail({ summary: summaryOf(row), view, viewIsLive: live !== null, stages, timeline, myActions }, definitionOf(view), ctx));
      return;
    }
    res.json({ ...summaryOf(row), live, ...history, myActions });
  });

  r.post('/:id/tasks/:taskId', idempotent(db, deps.keys), async (req, res) => {
    const row = await loadRow(String(req.params.id));
    await performTask(deps, row, req, res);
  });

  return r;
}

/** The live state of a workflow (its query), or null when Temporal or the worker is away. */
export async function liveStateOf(client: Client, workflowId: string): Promise<PackageView | null> {
  try {
    return await client.workflow.getHandle(workflowId).query(packageState);
  } catch {
    return null; // the read model still answers when Temporal or the worker is away
  }
}

/**
 * The actor's steps on the package's E-Kontrak, once it has one, so the package page offers the contract's steps too
 * (a vendor signs its contract from the tender it won). Target 'contract': posted to …/contract/tasks/{id}.
 */
async function contractActionsOf(deps: PackageRouteDeps, actor: Actor, row: Record<string, any>, view: PackageView | null): Promise<ActorAction[]> {
  if (row.parent_package_id) return [];
  const childId = (view?.data as { contractStart?: { packageId?: unknown } } | undefined)?.contractStart?.packageId;
  if (typeof childId !== 'string') return [];
  const child = await getPackageRow(deps.db, childId);
  const childView = (await liveStateOf(deps.client, (child?.workflow_id as string | undefined) ?? workflowIdOf(childId))) ?? ((child?.view as PackageView | null) || null);
  return myActionsOf(deps.db, actor, childId, childView, 'contract');
}

/** A step's answer (the new state) as the actor may see it: a vendor gets the vendor view of it. */
async function stateFor(deps: PackageRouteDeps, actor: Actor, row: Record<string, any>, view: PackageView): Promise<unknown> {
  if (!isVendorOnly(actor.roles)) return view;
  const ctx = await vendorContextOf(deps.db, actor, view, String(row.method ?? view.definition.method));
  return vendorLiveView(view, definitionOf(view), ctx, Boolean(row.parent_package_id));
}

/**
 * Performs a step as a Workflow Update on the package's workflow and answers with the new state; refusals become
 * structured 4xx. Shared by the package's steps and its contract's steps.
 */
export async function performTask(deps: PackageRouteDeps, row: Record<string, any>, req: Request, res: Response): Promise<void> {
  const action = parseOr422(TaskIdParam, String(req.params.taskId), 'id langkah');
  const { payload } = parseOr422(TaskBody, req.body ?? {}, 'langkah');
  const key = idempotencyKeyOf(req);
  const workflowId = row.workflow_id as string;
  const log = req.log.child({ packageId: row.id, workflowId, action });
  // A blacklisted firm takes part in no selection (Pasal 78): refused before anything is sealed or sent.
  await refuseBlacklisted(deps.db, req.actor!, action);
  // The head of the UKPBJ's assignment: members checked against the users table (role, not the PPK: Pasal 7).
  await checkOfficerAssignment(deps.db, row, req.actor!, action, payload);
  // A sealed bid is encrypted and stored here; the workflow gets only its id and commitment (services/seal-bid.ts).
  const step = await prepareStep(deps, { packageId: row.id, workflowId, action, actorId: req.actor!.id, payload });
  try {
    const view = await deps.client.workflow.getHandle(workflowId).executeUpdate(performStep, {
      args: [{ action, actor: req.actor!, payload: step.payload }],
      // The same key from the same caller is one update: Temporal answers a duplicate with the first result.
      updateId: key ? `${req.actor!.id}:${key}` : randomUUID(),
    });
    await step.settle(true);
    log.info({ seq: view.seq, stage: view.stage.id, ...(step.receipt ? { bidId: step.receipt.bidId } : {}) }, 'step performed');
    const state = (await stateFor(deps, req.actor!, row, view)) as Record<string, unknown>;
    await reply(res, 200, step.receipt ? { ...state, receipt: step.receipt } : state);
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) await step.settle(false);
    // A sanggah that cannot be one points to the complaint to the APIP (api/complaint-pointer.ts).
    const mapped = withComplaintPointer(fromTemporal(e, row.id), action, row.id);
    if (mapped instanceof ApiError && mapped.code === 'package_not_running' && row.status !== 'active') {
      throw withComplaintPointer(new ApiError(409, 'package_ended', `Paket sudah selesai dengan status '${row.status}'.`, { status: row.status }), action, row.id);
    }
    if (mapped instanceof ApiError) log.info({ code: mapped.code, status: mapped.status }, 'step refused');
    throw mapped;
  }
}
