/**
 * The API end of sealed bids. A step whose action is a sealed envelope (`envelope` in the definition, shown as
 * `sealedContent` on the open action) never sends its content to Temporal: the content is validated against the
 * action's schema here, encrypted and stored at once (runtime/crypto/sealed-bid.ts), and the workflow receives only
 * `{sealedBid: {id, commitment}}`. The vendor's receipt carries the commitment and its nonce (for the vendor alone:
 * nowhere else in clear before the opening). If the workflow refuses the step (window closed, not registered), the
 * stored row is deleted again, so a refused bid leaves nothing behind. A bidder may read its own bid back at any time
 * (ownBid): its content, nonce and the exact text the commitment hashes (domain/sealing/COMMITMENT.md).
 *
 * Whether a step is sealed, and its schema, is read from the read model's state of the package (never a workflow
 * query, which waits behind the workflow's work): each step answers only once the read model holds it, so it knows
 * the stage the vendor saw. The workflow stays the judge: a bid it refuses (the window closed meanwhile) is deleted.
 */
import { Validator } from '@cfworker/json-schema';
import { getPackageRow } from '../../db/queries/packages';
import { dbSealedBidStore, type SealedBidStore } from '../../db/queries/sealed-bids';
import type { Knex } from 'knex';
import { actionsOf } from '../../domain/process/definition';
import type { PackageView } from '../../domain/process/engine';
import type { KeyProvider } from '../../runtime/crypto/key-provider';
import { COMMITMENT_SCHEME, commitmentInputOf } from '../../domain/sealing/commitment';
import { openBid, type SealReceipt, sealBid } from '../../runtime/crypto/sealed-bid';
import { getDefinition, listDefinitions } from '../../workflows/definitions';
import { payloadIssues } from '../../domain/process/schema-messages';
import { ApiError } from '../errors';
import { readModelView } from './read-model-view';

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
  listDefinitions().flatMap((d) => d.nodes.flatMap((n) => actionsOf(n)).filter((a) => a.envelope).map((a) => a.id)),
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

export async function prepareStep(
  deps: SealingDeps,
  p: { packageId: string; workflowId: string; action: string; actorId: string; payload: Record<string, unknown> },
  store: SealedBidStore = dbSealedBidStore(deps.db),
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
    const receipt = await sealBid(store, deps.keys, { packageId: p.packageId, action: p.action, vendorId: p.actorId, content: p.payload });
    return {
      payload: { sealedBid: { id: receipt.bidId, commitment: receipt.commitment } },
      receipt,
      settle: (accepted) => (accepted ? store.setStatus(receipt.bidId, 'submitted') : store.remove(receipt.bidId)),
    };
  }
  // A sealed step that is not open now: withhold the content; the workflow refuses the step for its stage.
  if (sealedInDefinition(view, p.action)) return { ...plain, payload: {} };
  return plain;
}

/**
 * The bidder's own bid, decrypted and checked against its commitment, whatever its status: a vendor reads back what
 * it sealed (identity from the verified token, never from the request). Undefined when the bid is not this actor's
 * (or not in this package), so callers answer as they do for anyone else.
 */
export async function ownBid(deps: Pick<SealingDeps, 'db' | 'keys'>, packageId: string, bidId: string, actorId: string, store: SealedBidStore = dbSealedBidStore(deps.db)) {
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
