/**
 * The API end of sealed bids. A step whose action is a sealed envelope (`envelope` in the definition, shown as
 * `sealedContent` on the open action) never sends its content to Temporal: the content is validated against the
 * action's schema here, encrypted and stored at once (runtime/crypto/sealed-bid.ts), and the workflow receives only
 * `{sealedBid: {id, commitment}}`. The vendor's receipt carries the commitment and its nonce (for the vendor alone:
 * nowhere else in clear before the opening). If the workflow refuses the step (window closed, not registered), the
 * stored row is deleted again, so a refused bid leaves nothing behind. A bidder may read its own bid back at any time
 * (ownBid): its content, nonce and the exact text the commitment hashes (domain/sealing/COMMITMENT.md).
 *
 * Exactly once (issue 15 point 4): a bid sent with an Idempotency-Key is stored once per package, vendor and key, and a
 * retry sends the stored envelope again (sealed-bid-once.ts), so the receipt names the bid the workflow holds. A row
 * stays 'received' until the workflow accepted it; listings leave such rows out. A row the API never confirmed (it
 * died between storing and sending, or before confirming or deleting) is settled by `sweepUnsentBids` once older
 * than UNSENT_BID_AGE_MS: confirmed if the package's events hold its envelope, deleted otherwise.
 *
 * Whether a step is sealed, and its schema, is read from the read model's state of the package (never a workflow
 * query, which waits behind the workflow's work): each step answers only once the read model holds it, so it knows
 * the stage the vendor saw. The workflow stays the judge: a bid it refuses (the window closed meanwhile) is deleted.
 */
import { Validator } from '@cfworker/json-schema';
import { getPackageRow } from '../../db/queries/packages';
import { dbSealedBidStore, markAccepted, type SealedBidStore, sweepUnsentBids } from '../../db/queries/sealed-bids';
import type { Knex } from 'knex';
import { actionsOf } from '../../domain/process/definition';
import type { PackageView } from '../../domain/process/engine';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { COMMITMENT_SCHEME, commitmentInputOf } from '../../domain/sealing/commitment';
import { openBid, type SealReceipt, sealBidRow } from '../../runtime/crypto/sealed-bid';
import { getDefinition, listDefinitions } from '../../workflows/definitions';
import { payloadIssues } from '../../domain/process/schema-messages';
import { ApiError } from '../errors';
import { readModelView } from './read-model-view';
import { type SealedOnce, sealOnce } from './sealed-bid-once';

export interface SealingDeps {
  db: Knex;
  keys: KeyProvider;
}

export interface PreparedStep {
  payload: Record<string, unknown>;
  receipt?: SealReceipt;
  /** After the workflow answered: keep the sealed row (accepted) or delete it (refused). */
  settle(accepted: boolean): Promise<void>;
}

const validators = new Map<string, Validator>();
/** By the schema object itself where there is one: one step id can have different schemas in different stages. */
const bySchema = new WeakMap<object, Validator>();

/** Ids of the steps some definition in the registry seals. */
const SEALED_ACTION_IDS: ReadonlySet<string> = new Set(
  listDefinitions().flatMap((d) =>
    d.nodes
      .flatMap((n) => actionsOf(n))
      .filter((a) => a.envelope)
      .map((a) => a.id),
  ),
);

/** Validates a bid's content against the sealed action's schema, as the engine validates plain payloads (422). */
export function validateContent(schema: unknown, content: unknown, action: string, key: string): void {
  const keyed = schema !== null && typeof schema === 'object';
  let v = keyed ? bySchema.get(schema) : validators.get(key);
  if (!v) {
    v = new Validator(schema as never, '2020-12', false);
    if (keyed) bySchema.set(schema, v);
    else validators.set(key, v);
  }
  const r = v.validate(content);
  if (!r.valid) {
    // In Bahasa Indonesia with the schema's limits, as the engine words its payload errors.
    throw new ApiError(422, 'invalid_payload', `Isian untuk '${action}' tidak valid.`, { errors: payloadIssues(r.errors, schema) });
  }
}

/** The sealed action of that id in the package's current stage, by its definition. */
function sealedActionAt(view: PackageView, action: string) {
  const node = getDefinition(view.definition.id, view.definition.version)?.nodes.find((n) => n.id === view.stage.id);
  return node ? actionsOf(node).find((a) => a.id === action && a.envelope) : undefined;
}

/** Whether the package's definition seals this action anywhere (also when the action is not open now). */
function sealedInDefinition(view: PackageView, action: string): boolean {
  const def = getDefinition(view.definition.id, view.definition.version);
  return !!def?.nodes.some((n) => (n.type === 'userTask' || n.type === 'timeWindow') && n.actions.some((a) => a.id === action && a.envelope));
}

/**
 * How old a 'received' row must be before the sweep settles it. The sweep runs at every sealed step (any package):
 * bids are what leave such rows, so no timer is needed, and a row left by the last bid of a package goes at the next
 * bid anywhere; until then it is in no listing and opened by nobody. The age is long because a request may still be
 * waiting for a worker with its update not yet accepted: should that take longer, `markAccepted` writes the row again.
 * An update admitted before the API died and accepted over half an hour later is covered too: a row is deleted only
 * once its step is no longer open in the package (db/queries/sealed-bids.ts sweepUnsentBids).
 */
export const UNSENT_BID_AGE_MS = 30 * 60_000;

export async function prepareStep(
  deps: SealingDeps,
  p: { packageId: string; workflowId: string; action: string; actorId: string; payload: Record<string, unknown>; idempotencyKey?: string },
): Promise<PreparedStep> {
  const plain: PreparedStep = { payload: p.payload, settle: async () => {} };
  // Most steps are never sealed in any definition: they go straight to the workflow, without asking its state first.
  if (!SEALED_ACTION_IDS.has(p.action)) return plain;
  const view = readModelView(await getPackageRow(deps.db, p.packageId));
  if (!view) {
    // The read model does not hold the package's state yet (it was created a moment ago): whether the step is sealed
    // cannot be told, and its content must not reach the workflow unsealed.
    throw new ApiError(503, 'state_unavailable', 'Status proses paket belum tersedia; coba lagi sebentar lagi.', { packageId: p.packageId });
  }
  // The open actions name a sealed step until someone has taken it once; a window's step stays open after that (the
  // second vendor still bids), so the definition's current stage is asked too.
  const here = sealedActionAt(view, p.action);
  const schema = view.openActions.find((a) => a.id === p.action)?.sealedContent ?? here?.payload;
  if (schema) {
    validateContent(schema, p.payload, p.action, `${view.definition.id}@${view.definition.version}:${p.action}`);
    // Housekeeping first, so it never delays the answer after the workflow's; a failure of it refuses no bid.
    await sweepUnsentBids(deps.db, new Date(Date.now() - UNSENT_BID_AGE_MS)).catch(() => undefined);
    const bid = { packageId: p.packageId, action: p.action, vendorId: p.actorId, content: p.payload };
    const sealed: SealedOnce = p.idempotencyKey ? await sealOnce(deps.db, deps.keys, bid, p.idempotencyKey) : await sealUnkeyed(deps, bid);
    const { row, receipt, macs, reused } = sealed;
    return {
      payload: { sealedBid: { id: row.id, commitment: row.commitment } },
      receipt,
      // A reused row may be held by the workflow from the first attempt although this one was refused (a duplicate
      // update no longer deduplicated): it is not deleted here; the sweep decides by the package's events.
      settle: async (accepted) => {
        if (accepted) await markAccepted(deps.db, row, macs);
        else if (!reused) await dbSealedBidStore(deps.db).remove(row.id);
      },
    };
  }
  // A sealed step that is not open now: withhold the content; the workflow refuses the step for its stage.
  if (sealedInDefinition(view, p.action)) return { ...plain, payload: {} };
  return plain;
}

/** A bid without an Idempotency-Key: sealed and stored as it comes (a retry without a key is a new bid). */
async function sealUnkeyed(deps: SealingDeps, bid: Parameters<typeof sealBidRow>[1]): Promise<SealedOnce> {
  const { row, receipt } = await sealBidRow(deps.keys, bid);
  await dbSealedBidStore(deps.db).insert(row);
  return { row, receipt, reused: false };
}

/**
 * The bidder's own bid, decrypted and checked against its commitment, whatever its status: a vendor reads back what
 * it sealed (identity from the verified token, never from the request). Undefined when the bid is not this actor's
 * (or not in this package), so callers answer as they do for anyone else.
 */
export async function ownBid(
  deps: Pick<SealingDeps, 'db' | 'keys'>,
  packageId: string,
  bidId: string,
  actorId: string,
  store: SealedBidStore = dbSealedBidStore(deps.db),
) {
  const [row] = await store.load([bidId]);
  if (!row || row.packageId !== packageId || row.vendorId !== actorId) return undefined;
  const opened = await openBid(deps.keys, row, { packageId, vendorId: actorId, commitment: row.commitment });
  if (!opened.ok) throw new ApiError(409, 'bid_unverifiable', 'Penawaran tidak dapat diverifikasi.', { bidId, reason: opened.reason });
  return { row, content: opened.content, nonce: opened.nonce };
}

/** GET …/bids/{bidId}/own: everything the bidder needs to recompute its commitment; 404 for anyone else. */
export async function ownBidView(deps: Pick<SealingDeps, 'db' | 'keys'>, packageId: string, bidId: string, actorId: string) {
  const own = await ownBid(deps, packageId, bidId, actorId);
  if (!own) throw new ApiError(404, 'bid_not_found', 'Penawaran Anda dengan id ini tidak ditemukan.', { bidId });
  const { row, content, nonce } = own;
  return {
    bidId: row.id,
    packageId: row.packageId,
    step: row.action,
    vendorId: row.vendorId,
    status: row.status,
    receivedAt: new Date(row.receivedAt).toISOString(),
    scheme: COMMITMENT_SCHEME,
    commitment: row.commitment,
    nonce,
    content,
    canonicalInput: commitmentInputOf({ packageId: row.packageId, action: row.action, vendorId: row.vendorId, content, nonce }),
  };
}
