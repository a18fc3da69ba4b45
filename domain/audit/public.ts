/**
 * What the public (no sign-in) sees of the audit chain, as pure functions. Two rules decide it:
 *  - no official's user id: a v2 entry is published with its salted `actorRef`, never `actorId` (nor the salt);
 *    its seq only as the salted `seqRef`, since the gaps left by hidden entries in a run of seqs would count them;
 *  - nothing about a package's bids before their opening, not even how many there are: an entry of a sealed step
 *    (`sealedUntil` in the definition, e.g. submit_bid before `opening` exists) is left out of the package's public
 *    entries altogether. A list with "hidden" placeholders would count the bids; instead the chain pages show every
 *    entry of every package in the same bare link form (pos, v, prevHash, bodyHash, hash, no package id), so the
 *    browser still recomputes each hop up to the head — sealed entries included, from their bodyHash — while nothing
 *    names the package a sealed entry belongs to. Once its opening is recorded the entry appears in the package's
 *    list with its fields, and its bodyHash proves they are the ones chained at the time.
 *
 * Hash version 3 (one chain per package, domain/audit/chain.ts) keeps both rules: a v3 link shows prevRef (what its
 * hash covers in place of the package's previous hash), never prevHash, so the chain pages cannot be followed package
 * by package to count one package's sealed entries; the package's entries show prevHash and linkKey (which open
 * prevRef) only once nothing of the package is sealed (`opened`), and then its whole chain is checked from its genesis
 * to its last anchored head (domain/audit/anchor.ts). Before that each v3 entry is recomputed from its fields and
 * prevRef alone.
 */
import type { ProcessDefinition } from '../process/definition';
import { getPath } from '../process/predicate';
import { bodyHashOf, type ChainedEntry, linkKeyOf, type PublicBody, publicBodyOf, prevRefOf } from './chain';

/** A v2 entry in public form: its hashed body (actor as actorRef, seq as seqRef), bodyHash and the chain hashes. */
export interface PublicEntryV2 extends PublicBody {
  pos: number;
  v: 2;
  bodyHash: string;
  prevHash: string;
  hash: string;
}

/**
 * A v3 entry in public form: as v2, but its hash is SHA-256(canonical {v, prevRef, bodyHash}). prevHash (the package's
 * previous entry's hash, or its genesis) and linkKey (prevRef = SHA-256(canonical {v, linkKey, prevHash})) are there
 * only when the package has nothing sealed left.
 */
export interface PublicEntryV3 extends PublicBody {
  pos: number;
  v: 3;
  bodyHash: string;
  prevRef: string;
  hash: string;
  prevHash?: string;
  linkKey?: string;
}

/**
 * A v1 entry in public form. Its hash covers the bare actor id, which is not published, so nobody outside can
 * recompute it: the browser checks only that it links (GET /api/audit/verify checks it in full). Its seq is left out
 * too: gaps in a package's seqs would count the entries left out.
 */
export interface PublicEntryV1 {
  pos: number;
  v: 1;
  packageId: string;
  workflowId: string;
  at: number;
  actorRole: string | null;
  action: string;
  stageId: string;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export type PublicEntry = PublicEntryV1 | PublicEntryV2 | PublicEntryV3;

/**
 * One hop of the chain: enough to recompute a v2 hash (from bodyHash) and to check the link to the entry before; a v3
 * link has prevRef instead of prevHash (null), so its hash is recomputed but its package's previous entry not named.
 */
export interface ChainLink {
  pos: number;
  v: 1 | 2 | 3;
  prevHash: string | null;
  prevRef?: string;
  /** null for v1 entries (their hash is not recomputable without the actor id). */
  bodyHash: string | null;
  hash: string;
}

function v2Body(row: ChainedEntry): PublicBody {
  // The stored reference, as the public must see what the chain covers (the server check recomputes it from the salt).
  return publicBodyOf(row, row.actorRef ?? null);
}

/** A v3 row's link key; a row whose salt was removed gets none that fits, so its hash fails to recompute. */
function linkKeyOrBroken(row: ChainedEntry): string {
  try {
    return linkKeyOf(row.salt);
  } catch {
    return '0'.repeat(64);
  }
}

/** `opened`: nothing of the package is sealed any more, so the entry's link to the one before may be shown. */
export function publicEntryOf(row: ChainedEntry, opened = false): PublicEntry {
  if (row.version === 3) {
    const body = v2Body(row);
    const linkKey = linkKeyOrBroken(row);
    return {
      pos: row.pos,
      v: 3,
      ...body,
      bodyHash: bodyHashOf(body),
      prevRef: prevRefOf(linkKey, row.prevHash),
      hash: row.hash,
      ...(opened ? { prevHash: row.prevHash, linkKey } : {}),
    };
  }
  if (row.version === 2) {
    const body = v2Body(row);
    return { pos: row.pos, v: 2, ...body, bodyHash: bodyHashOf(body), prevHash: row.prevHash, hash: row.hash };
  }
  return {
    pos: row.pos,
    v: 1,
    packageId: row.packageId,
    workflowId: row.workflowId,
    at: row.at,
    actorRole: row.actorRole,
    action: row.action,
    stageId: row.stageId,
    payloadHash: row.payloadHash,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function chainLinkOf(row: ChainedEntry): ChainLink {
  if (row.version === 3) {
    return { pos: row.pos, v: 3, prevHash: null, prevRef: prevRefOf(linkKeyOrBroken(row), row.prevHash), bodyHash: bodyHashOf(v2Body(row)), hash: row.hash };
  }
  return row.version === 2
    ? { pos: row.pos, v: 2, prevHash: row.prevHash, bodyHash: bodyHashOf(v2Body(row)), hash: row.hash }
    : { pos: row.pos, v: 1, prevHash: row.prevHash, bodyHash: null, hash: row.hash };
}

/**
 * Decides which of a package's entries are still sealed, from its definition and its current (sealed-view) data:
 * an entry is sealed while the action it records has a `sealedUntil` path that the data does not hold yet. An action
 * is looked up in the entry's stage first, then anywhere in the definition (a notice of a sealed step). Without a
 * definition or data nothing can be decided, so every vendor's entry is treated as sealed.
 */
export function sealedEntryTest(def: ProcessDefinition | undefined, data: Record<string, unknown> | undefined) {
  if (!def || !data) return (e: { actorRole: string | null; action: string }) => e.actorRole === 'penyedia';
  const byStage = new Map<string, Map<string, string>>();
  const anywhere = new Map<string, string[]>();
  for (const n of def.nodes) {
    if (n.type !== 'userTask' && n.type !== 'timeWindow') continue;
    for (const a of n.actions) {
      if (!a.sealedUntil) continue;
      if (!byStage.has(n.id)) byStage.set(n.id, new Map());
      byStage.get(n.id)!.set(a.id, a.sealedUntil);
      anywhere.set(a.id, [...(anywhere.get(a.id) ?? []), a.sealedUntil]);
    }
  }
  const unopened = (path: string) => getPath(data, path) === undefined;
  return (e: { action: string; stageId: string }): boolean => {
    const here = byStage.get(e.stageId)?.get(e.action);
    if (here) return unopened(here);
    return (anywhere.get(e.action) ?? []).some(unopened);
  };
}

/** Whether the definition has sealed steps whose opening the data does not hold yet (shown as a notice, not a count). */
export function hasUnopenedSealedSteps(def: ProcessDefinition | undefined, data: Record<string, unknown> | undefined): boolean {
  if (!def || !data) return true;
  return def.nodes.some(
    (n) =>
      (n.type === 'userTask' || n.type === 'timeWindow') && n.actions.some((a) => a.sealedUntil !== undefined && getPath(data, a.sealedUntil) === undefined),
  );
}
