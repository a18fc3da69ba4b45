/** /api/packages: create, list, read, and perform a step (a Workflow Update, answered synchronously). */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { prepareStep } from '../services/seal-bid';
import { type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { getPackageHistory, getPackageRow, listPackages, summaryOf } from '../../db/queries/packages';
import type { PackageView } from '../../domain/process/engine';
import { packageState, performStep, readModelSynced } from '../../workflows/package-process';
import { requireRole } from '../auth/middleware';
import { ApiError, parseOr422 } from '../errors';
import { idempotencyKeyOf, idempotent, reply } from '../idempotency';
import { CreatePackageBody, ListPackagesQuery, PackageIdParam, TaskBody, TaskIdParam } from '../schemas';
import { createPackage, workflowIdOf } from '../services/create-package';
import { fromTemporal } from '../temporal-errors';

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

  const liveState = async (id: string): Promise<PackageView | null> => {
    try {
      return await client.workflow.getHandle(workflowIdOf(id)).query(packageState);
    } catch {
      return null; // the read model still answers when Temporal or the worker is away
    }
  };

  r.post('/', requireRole('ppk'), idempotent(db), async (req, res) => {
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
    res.json(await listPackages(db, filters, page, pageSize));
  });

  r.get('/:id', async (req, res) => {
    const row = await loadRow(String(req.params.id));
    const [history, live] = await Promise.all([getPackageHistory(db, row.id), liveState(row.id)]);
    res.json({ ...summaryOf(row), live, ...history });
  });

  r.post('/:id/tasks/:taskId', idempotent(db), async (req, res) => {
    const row = await loadRow(String(req.params.id));
    await performTask(deps, row, req, res);
  });

  return r;
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
    await reply(res, 200, step.receipt ? { ...view, receipt: step.receipt } : view);
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) await step.settle(false);
    const mapped = fromTemporal(e, row.id);
    if (mapped instanceof ApiError && mapped.code === 'package_not_running' && row.status !== 'active') {
      throw new ApiError(409, 'package_ended', `Paket sudah selesai dengan status '${row.status}'.`, { status: row.status });
    }
    if (mapped instanceof ApiError) log.info({ code: mapped.code, status: mapped.status }, 'step refused');
    throw mapped;
  }
}
