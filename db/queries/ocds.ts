/**
 * What OCDS releases need, read from the read model: procurement packages (never a contract child: its data belongs
 * to its parent's ocid) with their events, generated documents' metadata (never the bytes), their contract children
 * with events, documents and payments, and the organisation of every account involved. Sealed bids are never read:
 * bid events carry only the envelope, and prices come from the view's award, which exists only after the opening.
 *
 * Loaded in batches (one query per table for a whole batch of packages), so a fiscal year's export walks the packages
 * by id with a keyset cursor and never holds more than one batch.
 */
import type { Knex } from 'knex';
import type { OcdsContractSource, OcdsDocumentRow, OcdsEvent, OcdsOrg, OcdsPackageSource, OcdsPaymentRow } from '../../domain/ocds/source';
import type { PackageView } from '../../domain/process/engine';
import { getDefinition } from '../../workflows/definitions';
import type { PackagesRow } from '../tables';
import { vendorIdOf } from '../../domain/vendor-id';

const ms = (d: Date | string | number) => (d instanceof Date ? d.getTime() : new Date(d).getTime());

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function eventsOf(db: Knex, ids: readonly string[]): Promise<Map<string, OcdsEvent[]>> {
  if (!ids.length) return new Map();
  const rows = await db('package_events')
    .whereIn('package_id', ids)
    .orderBy(['package_id', 'seq'])
    .select('package_id', 'seq', 'type', 'stage_id', 'action', 'actor_id', 'actor_role', 'at', 'details');
  const out = new Map<string, OcdsEvent[]>();
  for (const r of rows) {
    const list = out.get(r.package_id) ?? [];
    list.push({
      seq: r.seq,
      at: ms(r.at),
      type: r.type,
      stageId: r.stage_id,
      action: r.action,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      details: r.details,
    });
    out.set(r.package_id, list);
  }
  return out;
}

async function documentsOf(db: Knex, ids: readonly string[]): Promise<Map<string, OcdsDocumentRow[]>> {
  if (!ids.length) return new Map();
  const rows = await db('documents')
    .whereIn('package_id', ids)
    .orderBy(['package_id', 'kind', 'revision'])
    .select('package_id', 'id', 'kind', 'revision', 'title', 'content_type', 'sha256');
  const out = new Map<string, OcdsDocumentRow[]>();
  for (const r of rows) {
    const list = out.get(r.package_id) ?? [];
    list.push({ id: r.id, kind: r.kind, revision: r.revision, title: r.title, contentType: r.content_type, sha256: r.sha256 });
    out.set(r.package_id, list);
  }
  return out;
}

async function paymentsOf(db: Knex, ids: readonly string[]): Promise<Map<string, OcdsPaymentRow[]>> {
  if (!ids.length) return new Map();
  const rows = await db('contract_payments')
    .whereIn('package_id', ids)
    .orderBy(['package_id', 'paid_at', 'payment_id'])
    .select('package_id', 'payment_id', 'kind', 'gross', 'net', 'paid_at');
  const out = new Map<string, OcdsPaymentRow[]>();
  for (const r of rows) {
    const list = out.get(r.package_id) ?? [];
    list.push({ paymentId: r.payment_id, kind: r.kind, gross: Number(r.gross), net: Number(r.net), paidAt: ms(r.paid_at) });
    out.set(r.package_id, list);
  }
  return out;
}

/** The organisation of each account: the only thing about a person that OCDS publishes. */
async function orgsOf(db: Knex, userIds: ReadonlySet<string>): Promise<Record<string, OcdsOrg>> {
  if (!userIds.size) return {};
  const rows = await db('users as u')
    .join('organisations as o', 'o.id', 'u.org_id')
    .whereIn('u.id', [...userIds])
    .select<{ user_id: string; org_id: string; org_name: string }[]>('u.id as user_id', 'o.id as org_id', 'o.name as org_name');
  return Object.fromEntries(rows.map((r) => [r.user_id, { id: r.org_id, name: r.org_name }]));
}

/** A package row as the sources read it, once the workflow has written its view (hasView). */
type PackageRow = Pick<PackagesRow, 'id' | 'method' | 'definition_id' | 'definition_version' | 'created_at'> & { view: PackageView };

/** The sources of a batch of procurement packages, in the order of `rows`. */
async function sourcesOf(db: Knex, rows: readonly PackageRow[]): Promise<OcdsPackageSource[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const children = await db('packages')
    .whereIn('parent_package_id', ids)
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'parent_package_id', 'method', 'definition_id', 'definition_version', 'created_at', 'view')
    .then((list) => list.filter(hasView));
  const childIds = children.map((c) => c.id);
  const all = [...ids, ...childIds];
  const [events, documents, payments] = await Promise.all([eventsOf(db, all), documentsOf(db, all), paymentsOf(db, childIds)]);

  const accounts = new Set<string>();
  for (const r of rows) {
    const a = r.view?.assignments ?? {};
    for (const u of [...(a.pokja ?? []), ...(a.pejabat_pengadaan ?? [])]) accounts.add(u);
    for (const e of events.get(r.id) ?? []) if (e.actorRole === 'penyedia' && e.actorId) accounts.add(e.actorId);
    const winner = (r.view?.data?.award as { winner?: { vendorId?: string } } | undefined)?.winner?.vendorId;
    if (winner) accounts.add(winner);
  }
  for (const c of children) {
    const provider = vendorIdOf(c.view?.facts.contractBasis);
    if (provider) accounts.add(provider);
  }
  const orgs = await orgsOf(db, accounts);
  const childrenOf = groupBy(children, (c) => c.parent_package_id!); // selected by parent_package_id: never null

  return rows.map((r): OcdsPackageSource => {
    const view = r.view;
    const award = view.data?.award as OcdsPackageSource['awardData'] | undefined;
    const contracts = (childrenOf.get(r.id) ?? []).map((c): OcdsContractSource => ({
      packageId: c.id,
      definition: getDefinition(c.definition_id, c.definition_version),
      facts: c.view.facts,
      events: events.get(c.id) ?? [],
      documents: documents.get(c.id) ?? [],
      payments: payments.get(c.id) ?? [],
    }));
    return {
      packageId: r.id,
      definition: getDefinition(r.definition_id, r.definition_version),
      definitionName: view.definition?.name ?? r.definition_id,
      method: r.method,
      facts: view.facts,
      assignments: view.assignments ?? {},
      events: events.get(r.id) ?? [],
      documents: documents.get(r.id) ?? [],
      ...(award && (award.winner || award.ranking) ? { awardData: { winner: award.winner, ranking: award.ranking } } : {}),
      contracts,
      orgs,
    };
  });
}

/** A package the workflow has written at least once (the API's first row has no view yet). */
const hasView = <R extends Pick<PackagesRow, 'view'>>(r: R): r is R & { view: PackageView } => !!r.view.facts;

const PACKAGE_COLUMNS = ['id', 'method', 'definition_id', 'definition_version', 'created_at', 'view'] as const;

/** A procurement package's source, or undefined when there is no such package (or it is a contract child). */
export async function ocdsSourceOf(db: Knex, packageId: string): Promise<OcdsPackageSource | undefined> {
  const row = await db('packages')
    .whereNull('parent_package_id')
    .where({ id: packageId })
    .first(...PACKAGE_COLUMNS);
  if (!row || !hasView(row)) return undefined;
  return (await sourcesOf(db, [row]))[0];
}

/** One page of a fiscal year's procurement packages (by id), with the total, for record lists. */
export async function ocdsSourcesPage(db: Knex, fiscalYear: number, page: number, pageSize: number) {
  const base = db('packages').whereNull('parent_package_id').where({ fiscal_year: fiscalYear });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = await base
    .clone()
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .select(...PACKAGE_COLUMNS);
  return { sources: await sourcesOf(db, rows.filter(hasView)), total: Number(count) };
}

/**
 * Every procurement package of a fiscal year, a batch at a time, walking the ids with a keyset cursor (stable and
 * index-friendly however many packages; a package created during the walk appears if its id comes later).
 */
export async function* ocdsSourcesOfYear(db: Knex, fiscalYear: number, batchSize = 100): AsyncGenerator<OcdsPackageSource[]> {
  let after = '';
  for (;;) {
    const rows = await db('packages')
      .whereNull('parent_package_id')
      .where({ fiscal_year: fiscalYear })
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .select(...PACKAGE_COLUMNS);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.id;
    yield await sourcesOf(db, rows.filter(hasView));
    if (rows.length < batchSize) return;
  }
}
