/**
 * /api/packages/{id}/contract: the E-Kontrak of a package (or the contract package itself): figures, S-curve,
 * payments, progress reports, addenda and documents from the read model, and its steps, which are Workflow Updates on
 * the contract's own workflow with the same conventions as the package's steps.
 */
import { Router } from 'express';
import type { Actor } from '../auth/actor';
import type { Knex } from 'knex';
import { listDocuments } from '../../db/queries/documents';
import { contractPayments, contractPeriods, contractSummaryOf, findContractPackageId, findContractRow } from '../../db/queries/contracts';
import { getPackageRow, summaryOf } from '../../db/queries/packages';
import { workflowIdOf } from '../../domain/process/workflow-id';
import { getUser } from '../../db/queries/users';
import { isVendorOnly, vendorContractView } from '../../domain/views/vendor-view';
import { vendorContractData } from '../../domain/views/vendor-data';
import { myActionsOf, vendorContextOf } from '../services/actor-views';
import { ApiError, parseOr422 } from '../errors';
import { idempotent } from '../idempotency';
import { PackageIdParam } from '../schemas';
import { readModelView } from '../services/read-model-view';
import { type PackageRouteDeps, performTask } from './packages';

export type ContractRouteDeps = PackageRouteDeps;

/** The contract's vendor as people know it: the company (its organisation) besides the account id. */
export interface ContractVendor {
  id: string;
  /** The organisation's name (PT Karya Beton Nusantara); the account's name when it has no organisation row. */
  name: string | null;
  organisationId: string | null;
}

/**
 * Who the vendor is, for the officers and the vendor itself; null for anybody else (another vendor reads the
 * contract's figures only) and before the contract is drafted.
 */
async function vendorOf(db: Knex, vendorId: string | null | undefined, actor: Actor): Promise<ContractVendor | null> {
  if (!vendorId || (isVendorOnly(actor.roles) && actor.id !== vendorId)) return null;
  const user = await getUser(db, vendorId);
  return { id: vendorId, name: user?.orgName ?? user?.name ?? null, organisationId: user?.orgId ?? null };
}

/** The contract package's id for a package id, or 404 with the reason. */
export async function contractPackageOf(db: Knex, rawId: string): Promise<string> {
  const id = parseOr422(PackageIdParam, rawId, 'id paket');
  const own = await getPackageRow(db, id);
  if (!own) throw new ApiError(404, 'package_not_found', `Paket ${id} tidak ditemukan.`, { packageId: id });
  if (own.parent_package_id) return id;
  // The child writes its own first row a moment after it starts; the package's view already names it.
  const started = (own.view as { data?: { contractStart?: { packageId?: string } } } | null)?.data?.contractStart?.packageId;
  const child = (await findContractPackageId(db, id)) ?? started;
  if (!child) throw new ApiError(404, 'contract_not_found', `Paket ${id} belum memiliki kontrak.`, { packageId: id, stage: own.stage_id });
  return child;
}

export function contractRoutes(deps: ContractRouteDeps): Router {
  const { db } = deps;
  const r = Router({ mergeParams: true });
  const idOf = (req: { params: Record<string, unknown> }) => String(req.params.id);

  /**
   * The live data of the contract, as the read model last saw it (addenda, reports, signatures, terms); for a vendor,
   * as the vendor view lets it read it (its own contract whole, officers by role; anybody else's not at all).
   */
  const viewData = async (contractId: string, req: { actor?: Actor }) => {
    const row = await getPackageRow(db, contractId);
    const view = readModelView(row);
    const raw = view?.data ?? {};
    if (!isVendorOnly(req.actor!.roles)) return { row, view, data: raw };
    const ctx = await vendorContextOf(db, req.actor!, view, String(row?.method ?? ''));
    return { row, view, data: vendorContractData(raw, ctx) };
  };

  r.get('/', async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    const actor = req.actor!;
    const [row, figures, sCurve, payments, documents] = await Promise.all([
      getPackageRow(db, contractId),
      findContractRow(db, contractId),
      contractPeriods(db, contractId),
      contractPayments(db, contractId),
      listDocuments(db, contractId).then((docs) => docs.map((d) => ({ ...d, downloadUrl: `/api/packages/${contractId}/documents/${d.id}` }))),
    ]);
    // The read model's state says what the actor may do now (every step answers only once it is there).
    const view = readModelView(row);
    const data = view?.data ?? {};
    const [myActions, vendor] = await Promise.all([myActionsOf(db, actor, contractId, view, 'contract'), vendorOf(db, figures?.provider_id, actor)]);
    if (isVendorOnly(actor.roles)) {
      const ctx = await vendorContextOf(db, actor, view, String(row?.method ?? ''));
      const vendorView = vendorContractView(
        { package: row ? summaryOf(row) : null, contract: figures ? contractSummaryOf(figures) : null, data, sCurve, payments, documents, myActions },
        ctx,
      );
      res.json({ ...vendorView, vendor });
      return;
    }
    res.json({
      package: row ? summaryOf(row) : null,
      contract: figures ? contractSummaryOf(figures) : null,
      vendor,
      terms: data.terms ?? null,
      signatures: data.signatures ?? null,
      sCurve,
      payments,
      addenda: data.addenda ?? [],
      progressReports: data.reports ?? [],
      documents,
      myActions,
    });
  });

  r.get('/payments', async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    res.json({ data: await contractPayments(db, contractId) });
  });

  r.get('/progress', async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    const [{ data }, sCurve, figures] = await Promise.all([viewData(contractId, req), contractPeriods(db, contractId), findContractRow(db, contractId)]);
    res.json({
      physicalProgress: figures ? Number(figures.physical_progress) : 0,
      sCurve,
      reports: data.reports ?? [],
    });
  });

  r.get('/addenda', async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    const { data } = await viewData(contractId, req);
    res.json({ data: data.addenda ?? [] });
  });

  r.get('/documents', async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    const docs = await listDocuments(db, contractId);
    // A vendor lists the documents of its own contract only (the contract's provider); the figures stay public.
    if (isVendorOnly(req.actor!.roles) && (await findContractRow(db, contractId))?.provider_id !== req.actor!.id) {
      res.json({ data: [] });
      return;
    }
    res.json({ data: docs.map((d) => ({ ...d, downloadUrl: `/api/packages/${contractId}/documents/${d.id}` })) });
  });

  /** A step of the contract (draft, signatures, reports, payments, addenda, handover), as on any package. */
  r.post('/tasks/:taskId', idempotent(db, deps.keys), async (req, res) => {
    const contractId = await contractPackageOf(db, idOf(req));
    const row = (await getPackageRow(db, contractId)) ?? { id: contractId, workflow_id: workflowIdOf(contractId), status: 'active' };
    await performTask(deps, row, req, res);
  });

  return r;
}
