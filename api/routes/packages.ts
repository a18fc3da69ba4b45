/**
 * /api/packages: create, list, read, and perform a step (a Workflow Update, answered synchronously). Every read answers
 * from the read model (`packages.view`, written in the same transaction as the events): a workflow query would queue
 * behind the workflow's work and fail with no worker, and each step answers only once the read model holds it, so the
 * read model is never behind a caller's own write. The live query stays for support only (GET /{id}/live).
 */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { prepareStep } from '../services/seal-bid';
import { type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { getPackageRow, getPackageSnapshot, listPackages, summaryOf } from '../../db/queries/packages';
import type { PackagesRow } from '../../db/tables';
import type { ActorAction } from '../../domain/process/actor-actions';
import type { PackageView } from '../../domain/process/engine';
import { isVendorOnly, vendorLiveView, vendorPackageDetail, vendorSummary } from '../../domain/views/vendor-view';
import { packageState, performStep, readModelSynced, type StepAnswer } from '../../workflows/package-process';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { noteStep } from '../metrics';
import { idempotencyKeyOf, idempotent, reply } from '../idempotency';
import { CreatePackageBody, ListPackagesQuery, PackageIdParam, TaskBody, TaskIdParam } from '../schemas';
import { createPackage, workflowIdOf } from '../services/create-package';
import { fromTemporalExplained, aboutToRun } from '../temporal-errors';
import { limitRefusal } from '../temporal-limits';
import { whileTemporalAnswers } from '../temporal-reachability';
import { withComplaintPointer } from '../complaint-pointer';
import { definitionOf, myActionsOf, vendorContextOf } from '../services/actor-views';
import { readModelView } from '../services/read-model-view';
import { refuseBlacklisted } from '../services/sanction-guard';
import { checkOfficerAssignment } from '../services/officer-assignment-guard';

/** How long a create waits for the read model to hold the new package before answering without its live state. */
const CREATE_CONFIRM_MS = 15_000;
/** How long the support query (GET /{id}/live) waits for the workflow before saying it is away. */
const LIVE_QUERY_MS = 3_000;
/** A step's answer ahead of the read model should not happen (the update waits for it); one short wait, then as is. */
const READ_MODEL_LAG_MS = 250;

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

  r.post('/', requireRole('ppk'), idempotent(db, deps.keys), async (req, res) => {
    const body = parseOr422(CreatePackageBody, req.body, 'paket');
    const { packageId, workflowId } = await createPackage(deps, req.actor!, body, idempotencyKeyOf(req)).catch((e: unknown) => {
      throw limitRefusal(e) ?? e; // a Temporal limit (rate, blob size) is named, not a 500
    });
    req.log.info({ packageId, workflowId }, 'package created');
    // Wait until the workflow's first events are in the read model, so a GET right after sees the same package; but
    // not for ever (no worker, a failing read-model write): the package exists either way, its live state follows.
    // The update's result is not used: `live` is the read model's row, as every later read answers it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.workflow
        .getHandle(workflowId)
        .executeUpdate(readModelSynced, { updateId: `created:${packageId}` })
        .catch((err: unknown) => req.log.warn({ err, packageId }, 'read model not confirmed after create')),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          req.log.warn({ packageId, waitedMs: CREATE_CONFIRM_MS }, 'read model not confirmed after create: answering without the live state');
          resolve();
        }, CREATE_CONFIRM_MS);
      }),
    ]);
    clearTimeout(timer);
    const row = (await getPackageRow(db, packageId))!; // createPackage wrote it before it started the workflow
    await reply(res, 201, { ...summaryOf(row), live: readModelView(row) });
  });

  r.get('/', async (req, res) => {
    const q = parseOr422(ListPackagesQuery, req.query, 'filter');
    const { page, pageSize, ...filters } = q;
    const list = await listPackages(db, filters, page, pageSize);
    res.json(isVendorOnly(req.actor!.roles) ? { data: list.data.map(vendorSummary), pagination: list.pagination } : list);
  });

  r.get('/:id', async (req, res) => {
    const id = parseOr422(PackageIdParam, String(req.params.id), 'id paket');
    const snapshot = await getPackageSnapshot(db, id);
    if (!snapshot) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
    const { row, history } = snapshot;
    const actor = req.actor!;
    // The state, its stage and its timeline come from one snapshot of the read model; the actor's steps follow from it.
    const view = readModelView(row);
    const target = row.parent_package_id ? 'contract' : 'package';
    const myActions = [...(await myActionsOf(db, actor, row.id, view, target)), ...(await contractActionsOf(deps, actor, row, view))];
    if (isVendorOnly(actor.roles)) {
      const ctx = await vendorContextOf(db, actor, view, row.method);
      const { stages, timeline } = history;
      res.json(vendorPackageDetail({ summary: summaryOf(row), view, viewIsLive: view !== null, stages, timeline, myActions }, definitionOf(view), ctx));
      return;
    }
    res.json({ ...summaryOf(row), live: view, ...history, myActions });
  });

  /**
   * Support only: the workflow's own state through its query, to compare with the read model when something looks
   * stuck. Waits a short while; with Temporal or the worker away it says so (503, Retry-After) instead of waiting.
   */
  r.get('/:id/live', requireRole('admin', 'auditor'), async (req, res) => {
    const row = await loadRow(String(req.params.id));
    const live = await liveStateOf(client, String(row.workflow_id ?? workflowIdOf(row.id)), LIVE_QUERY_MS);
    if (!live) {
      throw new ApiError(503, 'process_unavailable', 'Proses paket sedang tidak dapat dihubungi; coba lagi sebentar lagi.', {
        packageId: row.id,
        readModelSeq: Number(row.last_seq),
      });
    }
    res.json({ packageId: row.id, live, readModelSeq: Number(row.last_seq) });
  });

  r.post('/:id/tasks/:taskId', idempotent(db, deps.keys), async (req, res) => {
    const row = await loadRow(String(req.params.id));
    await performTask(deps, row, req, res);
  });

  return r;
}

/**
 * The live state of a workflow (its query), or null when Temporal or the worker does not answer within `timeoutMs`.
 * For support only: a query queues behind the workflow's work, so no API read depends on it.
 */
export async function liveStateOf(client: Client, workflowId: string, timeoutMs = LIVE_QUERY_MS): Promise<PackageView | null> {
  try {
    return await client.withDeadline(Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).query(packageState));
  } catch {
    return null;
  }
}

/**
 * The actor's steps on the package's E-Kontrak, once it has one, so the package page offers the contract's steps too
 * (a vendor signs its contract from the tender it won). Target 'contract': posted to …/contract/tasks/{id}.
 */
async function contractActionsOf(
  deps: PackageRouteDeps,
  actor: Actor,
  row: Pick<PackagesRow, 'parent_package_id'>,
  view: PackageView | null,
): Promise<ActorAction[]> {
  if (row.parent_package_id) return [];
  const childId = (view?.data as { contractStart?: { packageId?: unknown } } | undefined)?.contractStart?.packageId;
  if (typeof childId !== 'string') return [];
  // The child writes its own row a moment after it starts: until then it offers no step here.
  return myActionsOf(deps.db, actor, childId, readModelView(await getPackageRow(deps.db, childId)), 'contract');
}

/** A step's answer (the new state) as the actor may see it: a vendor gets the vendor view of it. */
async function stateFor(deps: PackageRouteDeps, actor: Actor, row: StepRow, view: PackageView): Promise<unknown> {
  if (!isVendorOnly(actor.roles)) return view;
  const ctx = await vendorContextOf(deps.db, actor, view, String(row.method ?? view.definition.method));
  return vendorLiveView(view, definitionOf(view), ctx, Boolean(row.parent_package_id));
}

/**
 * The package's state after a step the workflow answered with `seq`: the update returns only once the read model
 * holds that step, so one read suffices; should the row still be behind, one short wait, then what is there.
 */
async function stateAfterStep(db: Knex, packageId: string, seq: number): Promise<PackageView> {
  let row = await getPackageRow(db, packageId);
  if (!row || Number(row.last_seq) < seq) {
    await sleep(READ_MODEL_LAG_MS);
    row = await getPackageRow(db, packageId);
  }
  const view = readModelView(row);
  if (!view) {
    // Accepted, but its state cannot be read yet: the same Idempotency-Key gets the same step (Temporal dedupes it).
    throw new ApiError(503, 'state_pending', 'Langkah diterima, tetapi keadaan barunya belum terbaca; ulangi dengan Idempotency-Key yang sama.', {
      packageId,
      seq,
    });
  }
  return view;
}

/** The package row a step reads: the whole row, or (a contract not yet in the read model) its id, workflow and status. */
export type StepRow = Pick<PackagesRow, 'id' | 'workflow_id' | 'status'> & Partial<PackagesRow>;

/**
 * Performs a step as a Workflow Update on the package's workflow and answers with the new state as the read model
 * holds it; refusals become structured 4xx. Shared by the package's steps and its contract's steps.
 */
export async function performTask(deps: PackageRouteDeps, row: StepRow, req: Request, res: Response): Promise<void> {
  const action = parseOr422(TaskIdParam, String(req.params.taskId), 'id langkah');
  noteStep(res, row, action); // counted by definition, action and outcome when answered (api/metrics.ts)
  const { payload } = parseOr422(TaskBody, req.body ?? {}, 'langkah');
  const key = idempotencyKeyOf(req);
  const workflowId = row.workflow_id;
  const log = req.log.child({ packageId: row.id, workflowId, action });
  // A blacklisted firm takes part in no selection (Pasal 78): refused before anything is sealed or sent.
  await refuseBlacklisted(deps.db, req.actor!, action);
  // The head of the UKPBJ's assignment: members checked against the users table (role, not the PPK: Pasal 7).
  await checkOfficerAssignment(deps.db, row, req.actor!, action, payload);
  // A sealed bid is encrypted and stored here; the workflow gets only its id and commitment (services/seal-bid.ts).
  const step = await prepareStep(deps, { packageId: row.id, workflowId, action, actorId: req.actor!.id, payload, idempotencyKey: key });
  try {
    // Only `seq` of the update's result is read: new runs answer a StepAnswer, workflows started before it a whole
    // PackageView (which has `seq` and `status` too, and no `stageId`). The state itself is the read model's.
    // A slow worker keeps the step waiting as before; a server that stops answering ends it with 503
    // temporal_unavailable within seconds (api/temporal-reachability.ts).
    const answer: Pick<StepAnswer, 'seq' | 'status'> = await whileTemporalAnswers(
      deps.client,
      workflowId,
      () =>
        deps.client.workflow.getHandle(workflowId).executeUpdate(performStep, {
          args: [{ action, actor: req.actor!, payload: step.payload }],
          // The same key from the same caller is one update: Temporal answers a duplicate with the first result.
          updateId: key ? `${req.actor!.id}:${key}` : randomUUID(),
        }),
      { packageId: row.id },
    );
    await step.settle(true);
    const view = await stateAfterStep(deps.db, String(row.id), answer.seq);
    log.info({ seq: answer.seq, stage: view.stage.id, ...(step.receipt ? { bidId: step.receipt.bidId } : {}) }, 'step performed');
    const state = (await stateFor(deps, req.actor!, row, view)) as Record<string, unknown>;
    await reply(res, 200, step.receipt ? { ...state, receipt: step.receipt } : state);
  } catch (e) {
    // Refused by the workflow or by a Temporal limit (the update was never admitted): a sealed bid is not kept.
    if (e instanceof WorkflowUpdateFailedError || limitRefusal(e)) await step.settle(false);
    // A sanggah that cannot be one points to the complaint to the APIP (api/complaint-pointer.ts).
    const mapped = withComplaintPointer(await fromTemporalExplained(e, row.id, deps.client, workflowId), action, row.id);
    if (mapped instanceof ApiError && mapped.code === 'package_not_running' && row.status !== 'active') {
      throw withComplaintPointer(
        new ApiError(409, 'package_ended', `Paket sudah selesai dengan status '${row.status}'.`, { status: row.status }),
        action,
        row.id,
      );
    }
    // A package whose starting row is written but whose process had not started when the step came (an E-Kontrak
    // prepared by the award's service task is started a moment later, in the parent's next workflow task): it is about
    // to run, so the caller is told to come back, not that it is not running (409 seen in bench/city-year.ts on
    // draft_contract).
    if (mapped instanceof ApiError && mapped.code === 'package_not_running' && !(Number(row.last_seq) > 0) && (await aboutToRun(deps.client, workflowId))) {
      res.setHeader('Retry-After', '1');
      throw new ApiError(503, 'package_starting', 'Paket sedang dimulai; ulangi sebentar lagi dengan Idempotency-Key yang sama.', { packageId: row.id });
    }
    if (mapped instanceof ApiError) log.info({ code: mapped.code, status: mapped.status }, 'step refused');
    throw mapped;
  }
}
