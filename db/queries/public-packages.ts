/**
 * Reads for the public transparency endpoints: the procurement package (never a contract child) with its stages,
 * the due times of its open steps (without who must act), its published events and documents and its contract's
 * figures; and the public list, whose extras (winner, contract, progress, next due time, red flags) are read in one
 * batch per page, never per row. Personal data is not selected; sealed bid data is never read.
 */
import type { Knex } from 'knex';
import { getDocument, type StoredDocument } from './documents';
import { publicPackageView, type PublicDocumentInfo, type PublicOpenData } from '../../domain/monitoring/public-view';
import type { RedFlag, Severity as FlagSeverity } from '../../domain/monitoring/red-flags';
import { selectionOf } from '../../domain/monitoring/selection';
import { isPublicDocument, publicDocumentPath } from '../../domain/views/public-documents';
import { contractEvents, mergeTimelines, packageEvents, signedHashesOf, type StoredEvent } from '../../domain/views/public-events';
import type { OcdsConfig } from '../../runtime/config';
import { getDefinition } from '../../workflows/definitions';
import { bulkExportOf, publicationOf } from './public-open-data';
import { listPackages, summaryOf } from './packages';
import { type Clock, pageRedFlags, UNKNOWN_VENDOR, vendorNames } from './red-flags';
import type { ContractsRow, PackagesRow } from '../tables';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A signed contract of a listed package (publicPackagePage reads only those with signed_at). */
interface SignedContractRow extends Pick<ContractsRow, 'package_id' | 'parent_package_id' | 'provider_id' | 'status' | 'value' | 'physical_progress'> {
  signed_at: Date;
}
/** The earliest due time of a package's open steps. */
interface NextDueRow {
  package_id: string;
  due_at: Date;
}

/** Event types the public timeline and the signed-document check read (domain/views/public-events.ts). */
const TIMELINE_TYPES = ['package_created', 'stage_entered', 'window_closed', 'service_completed', 'action_performed', 'milestone_reached', 'package_ended'];

// ---- The list -------------------------------------------------------------------------------------------------

export interface PublicListFilters {
  q?: string;
  opd?: string;
  method?: string;
  status?: string;
  stage?: string;
  fiscalYear?: number;
  sort?: string;
}

const SEVERITY_ORDER: FlagSeverity[] = ['tinggi', 'sedang', 'rendah'];
const flagSummary = (flags: RedFlag[] | undefined) => ({
  count: flags?.length ?? 0,
  highest: SEVERITY_ORDER.find((s) => flags?.some((f) => f.severity === s)) ?? null,
});

/**
 * A page of the public list. The page itself is listPackages (the officers' list and its indexes); everything else
 * is one query per kind of fact for the whole page: winners, contracts and their signature, next due times, flags.
 */
export async function publicPackagePage(db: Knex, f: PublicListFilters, page: number, pageSize: number, clock: Partial<Clock> = {}) {
  const list = await listPackages(db, f, page, pageSize);
  const ids = list.data.map((p) => p.id);
  if (!ids.length) return { data: [], pagination: list.pagination };
  const [awards, contracts, due, flags] = await Promise.all([
    db('packages').whereIn('id', ids).select('id', 'rf_winner_id', 'rf_winner_price', 'rf_award_public'),
    // contracts.signed_at: the first `signed` milestone, kept on the row by the triggers of migration 20261212000101.
    db('contracts')
      .whereIn('parent_package_id', ids)
      .whereNotNull('signed_at')
      .select<SignedContractRow[]>('package_id', 'parent_package_id', 'provider_id', 'status', 'value', 'physical_progress', 'signed_at'),
    db('package_tasks')
      .whereIn('package_id', ids)
      .where('status', 'open')
      .groupBy('package_id')
      .select('package_id')
      .min<{ due_at: string }, NextDueRow[]>({ due_at: 'due_at' }),
    pageRedFlags(db, ids, 'public', clock),
  ]);
  // The signed contract of each package (the latest signed, should a terminated contract have been followed by one).
  const contractOf = new Map<string, SignedContractRow>();
  for (const c of contracts) {
    const kept = contractOf.get(c.parent_package_id);
    if (!kept || kept.signed_at < c.signed_at) contractOf.set(c.parent_package_id, c);
  }
  const awardOf = new Map(awards.map((a) => [a.id, a]));
  // The winner is public from the award announcement (rf_award_public); a direct method announces none, and its
  // provider is public with the signed contract.
  const winnerId = (id: string) => {
    const a = awardOf.get(id);
    if (a?.rf_award_public && a.rf_winner_id) return { vendorId: a.rf_winner_id, price: a.rf_winner_price === null ? null : Number(a.rf_winner_price) };
    const c = contractOf.get(id);
    return c ? { vendorId: c.provider_id, price: null } : undefined;
  };
  const names = await vendorNames(db, [
    ...new Set(
      ids
        .map(winnerId)
        .filter((w) => w !== undefined)
        .map((w) => w.vendorId),
    ),
  ]);
  const dueOf = new Map(due.map((d) => [d.package_id, d.due_at]));

  const data = list.data.map((p) => {
    const w = winnerId(p.id);
    const c = contractOf.get(p.id);
    return {
      id: p.id,
      title: p.title,
      opd: p.opd,
      workUnit: p.workUnit,
      category: p.category,
      method: p.method,
      fiscalYear: p.fiscalYear,
      pagu: Number(p.pagu),
      hps: Number(p.hps),
      status: p.status,
      stage: p.stage,
      schedule: { stageClosesAt: p.stage.closesAt, nextDueAt: iso(dueOf.get(p.id)) },
      winner: w ? { vendor: names.get(w.vendorId) ?? UNKNOWN_VENDOR, price: w.price } : null,
      contract: c ? { status: c.status, value: Number(c.value), signedAt: c.signed_at.toISOString(), physicalProgress: Number(c.physical_progress) } : null,
      redFlags: flagSummary(flags.get(p.id)),
      createdAt: p.createdAt,
      links: { self: `/api/public/packages/${p.id}`, redFlags: `/api/public/packages/${p.id}/red-flags` },
    };
  });
  return { data, pagination: list.pagination };
}

// ---- Documents ------------------------------------------------------------------------------------------------

interface PackageParts {
  children: Pick<PackagesRow, 'id' | 'definition_id' | 'definition_version'>[];
  events: Map<string, StoredEvent[]>;
}

/** The package's contract children and the events the public timeline and the signature check read. */
async function partsOf(db: Knex, id: string): Promise<PackageParts> {
  const children = await db('packages').where({ parent_package_id: id }).orderBy('created_at').select('id', 'definition_id', 'definition_version');
  const rows = await db('package_events')
    .whereIn('package_id', [id, ...children.map((c) => c.id)])
    .whereIn('type', TIMELINE_TYPES)
    .orderBy(['package_id', 'seq'])
    .select('package_id', 'seq', 'type', 'stage_id', 'action', 'at', 'details');
  const events = new Map<string, StoredEvent[]>();
  for (const r of rows) {
    const list = events.get(r.package_id) ?? [];
    list.push({ seq: r.seq, at: r.at.getTime(), type: r.type, stageId: r.stage_id, action: r.action, details: r.details });
    events.set(r.package_id, list);
  }
  return { children, events };
}

/** The public documents of the package and of its contracts (signed contract revisions only), oldest first. */
async function publicDocumentsOf(db: Knex, id: string, parts: PackageParts): Promise<PublicDocumentInfo[]> {
  const childIds = parts.children.map((c) => c.id);
  const signed = signedHashesOf(childIds.flatMap((c) => parts.events.get(c) ?? []));
  const rows = await db('documents')
    .whereIn('package_id', [id, ...childIds])
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'package_id', 'kind', 'title', 'file_name', 'content_type', 'sha256', 'size', 'created_at');
  return rows
    .filter((r) => isPublicDocument({ kind: r.kind, sha256: r.sha256 }, signed))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      fileName: r.file_name,
      contentType: r.content_type,
      sha256: r.sha256,
      size: Number(r.size),
      createdAt: r.created_at.toISOString(),
      contract: r.package_id !== id,
      downloadUrl: publicDocumentPath(id, r.id),
    }));
}

/**
 * One public document of the procurement package `id` (its own or its contract's), with its bytes; undefined when
 * the package is not a procurement package, the document is not one of its public documents, or does not exist.
 */
export async function publicDocument(db: Knex, id: string, documentId: string): Promise<StoredDocument | undefined> {
  const row = await db('packages').whereNull('parent_package_id').where({ id }).first('id');
  if (!row) return undefined;
  const docs = await publicDocumentsOf(db, id, await partsOf(db, id));
  const doc = docs.find((d) => d.id === documentId);
  if (!doc) return undefined;
  const owner = await db('documents').where({ id: doc.id }).first('package_id');
  return owner ? ((await getDocument(db, owner.package_id, doc.id)) ?? undefined) : undefined;
}

// ---- One package ----------------------------------------------------------------------------------------------

/** Links to the package's OCDS data, its year's bulk export, the licence and the publisher. */
export function openDataOf(id: string, fiscalYear: number, ocds: OcdsConfig): PublicOpenData {
  const base = `${ocds.baseUrl}/api/ocds`;
  return {
    ocds: {
      releasePackage: `${base}/releases?packageId=${id}`,
      recordPackage: `${base}/records/${ocds.ocidPrefix}-${id}`,
      bulkExport: bulkExportOf(ocds, fiscalYear),
    },
    ...publicationOf(ocds),
  };
}

/**
 * The process definition (id and version) a procurement package runs, for its public BPMN diagram; undefined when
 * there is no such procurement package. Definitions are data without anything sealed or personal (roles, not people).
 */
export async function publicDefinitionOf(db: Knex, id: string): Promise<{ definitionId: string; version: number } | undefined> {
  const row = await db('packages').whereNull('parent_package_id').where({ id }).first('definition_id', 'definition_version');
  return row ? { definitionId: row.definition_id, version: Number(row.definition_version) } : undefined;
}

export async function publicPackage(db: Knex, id: string, ocds: OcdsConfig) {
  const row = await db('packages').whereNull('parent_package_id').where({ id }).first();
  if (!row) return undefined;
  const [stages, tasks, contract, parts] = await Promise.all([
    db('package_stages').where({ package_id: id }).orderBy('entered_seq').select('stage_id', 'stage_name', 'entered_at', 'closes_at', 'left_at'),
    db('package_tasks').where({ package_id: id, status: 'open' }).orderBy(['due_at', 'action']).select('name', 'due_at'),
    db('contracts')
      .where({ parent_package_id: id })
      .orderBy('updated_at', 'desc')
      .first('package_id', 'status', 'original_value', 'value', 'physical_progress', 'signed_at'),
    partsOf(db, id),
  ]);
  const data = (row.view as { data?: Record<string, unknown> } | null)?.data ?? {};
  const selection = selectionOf(data, row.method);
  const ids = [...(selection.opening?.bids.map((b) => b.vendorId) ?? []), ...(selection.winner ? [selection.winner.vendorId] : [])];
  const [names, documents] = await Promise.all([vendorNames(db, [...new Set(ids)]), publicDocumentsOf(db, id, parts)]);
  const events = mergeTimelines(
    packageEvents(parts.events.get(id) ?? [], getDefinition(row.definition_id, row.definition_version)),
    ...parts.children.map((c) => contractEvents(parts.events.get(c.id) ?? [], getDefinition(c.definition_id, c.definition_version))),
  );
  const s = summaryOf(row);
  return publicPackageView(
    {
      id: s.id,
      title: s.title,
      opd: s.opd,
      workUnit: s.workUnit,
      category: s.category,
      method: s.method,
      fiscalYear: s.fiscalYear,
      pagu: Number(s.pagu),
      hps: Number(s.hps),
      status: s.status,
      stage: s.stage,
      createdAt: s.createdAt,
    },
    stages.map((x) => ({ stageId: x.stage_id, name: x.stage_name, enteredAt: iso(x.entered_at)!, closesAt: iso(x.closes_at), leftAt: iso(x.left_at) })),
    tasks.map((t) => ({ name: t.name, dueAt: iso(t.due_at) })),
    selection,
    (vendorId) => names.get(vendorId) ?? UNKNOWN_VENDOR,
    contract
      ? {
          status: contract.status,
          originalValue: Number(contract.original_value),
          value: Number(contract.value),
          signedAt: iso(contract.signed_at),
          physicalProgress: Number(contract.physical_progress),
        }
      : null,
    { events, documents, openData: openDataOf(id, s.fiscalYear, ocds) },
  );
}
