/**
 * "Verifikasi jejak audit" in the browser: recomputes a package's audit entries and every hop of the chain from them
 * to the published head with WebCrypto, trusting none of the server's arithmetic. The hash rules (the server's are in
 * domain/audit/chain.ts, hash version `pengadaan-audit-v2`):
 *
 *   bodyHash = hex(SHA-256(canonicalJson({packageId, workflowId, seqRef, at, actorRef, actorRole, action, stageId, payloadHash})))
 *   hash     = hex(SHA-256(canonicalJson({v: "pengadaan-audit-v2", prevHash, bodyHash})))
 *
 * with canonicalJson as in web/src/bids/verify.ts (sorted keys, JSON.stringify otherwise; tests/audit-public.test.ts
 * pins it to the server's over entries the real read model wrote). A package's entries come with their fields (the
 * actor and the event's seq only as actorRef and seqRef, salted hashes); the chain pages give every entry after them
 * as {pos, v, prevHash, bodyHash, hash}, so each hop is recomputed too — also for entries still sealed, whose fields are not shown. Entries
 * of the first format (v1) cover the actor's bare id and can only be checked for their links here.
 *
 * No DOM API other than `crypto.subtle` and TextEncoder, so the same module runs in the browser and in Node tests.
 */
import { canonicalJson, sha256Hex } from '../bids/verify';

export { canonicalJson, sha256Hex };

export const HASH_VERSION_2 = 'pengadaan-audit-v2';

export interface AuditHead {
  pos: number | null;
  hash: string;
  count: number;
}

export interface PublicEntryV2 {
  pos: number;
  v: 2;
  packageId: string;
  workflowId: string;
  seqRef: string;
  at: number;
  actorRef: string | null;
  actorRole: string | null;
  action: string;
  stageId: string;
  payloadHash: string;
  bodyHash: string;
  prevHash: string;
  hash: string;
}

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

export type PublicEntry = PublicEntryV1 | PublicEntryV2;

export interface ChainLink {
  pos: number;
  v: 1 | 2;
  prevHash: string;
  bodyHash: string | null;
  hash: string;
}

export interface PackageEntriesPage {
  stage: { id: string; name: string };
  sealedStepsUnopened: boolean;
  /** Step id → its name in the definition (display only). */
  actionNames?: Record<string, string>;
  /** Stage id → its name in the definition (display only). */
  stageNames?: Record<string, string>;
  data: PublicEntry[];
  nextAfterPos: number | null;
}

/** Where the public answers come from: the page passes the public API client, tests a plain fetch. */
export interface PublicAuditSource {
  head(): Promise<AuditHead>;
  entries(packageId: string, afterPos: number): Promise<PackageEntriesPage>;
  chain(afterPos: number, limit: number): Promise<{ data: ChainLink[]; nextAfterPos: number | null }>;
}

/** A source over GET requests to /api/public/audit (the answers are taken as given and checked here). */
export function publicAuditSource(getJson: (path: string) => Promise<unknown>): PublicAuditSource {
  return {
    head: async () => (await getJson('/api/public/audit/head')) as AuditHead,
    entries: async (id, afterPos) =>
      (await getJson(`/api/public/audit/packages/${encodeURIComponent(id)}?afterPos=${afterPos}&limit=1000`)) as PackageEntriesPage,
    chain: async (afterPos, limit) =>
      (await getJson(`/api/public/audit/chain?afterPos=${afterPos}&limit=${limit}`)) as { data: ChainLink[]; nextAfterPos: number | null },
  };
}

/** The hashed body of a v2 entry, built member by member so nothing else the answer carries slips in. */
export function bodyOf(e: PublicEntryV2) {
  return {
    packageId: e.packageId,
    workflowId: e.workflowId,
    seqRef: e.seqRef,
    at: e.at,
    actorRef: e.actorRef,
    actorRole: e.actorRole,
    action: e.action,
    stageId: e.stageId,
    payloadHash: e.payloadHash,
  };
}

export const bodyHashOf = (e: PublicEntryV2) => sha256Hex(canonicalJson(bodyOf(e)));
export const linkHash = (prevHash: string, bodyHash: string) => sha256Hex(canonicalJson({ v: HASH_VERSION_2, prevHash, bodyHash }));

/** Why a verification failed, at the first position where it did. */
export type Failure =
  | 'hash_mismatch' // the hash is not the hash of the fields (a field was changed)
  | 'prev_hash_mismatch' // the entry does not follow the one before it (removed, inserted or reordered)
  | 'entry_differs_from_chain' // the package's entry is not the one the chain holds at its position
  | 'entry_not_in_chain' // a package entry the chain pages never reached
  | 'version_regression' // a first-format entry after a v2 one: only written before v2 existed
  | 'chain_incomplete' // the chain pages ended before the head
  | 'head_mismatch'; // the last hop is not the head that was published

/** utuh: recomputed and linked; tertaut: linked only (first format); rusak: where it broke; after it: not checked. */
export type EntryStatus = 'utuh' | 'tertaut' | 'rusak' | 'tidak_diperiksa';

export interface EntryResult {
  entry: PublicEntry;
  status: EntryStatus;
  /** For a v2 entry, the body hash recomputed here. */
  bodyHash?: string;
}

export interface PackageVerification {
  ok: boolean;
  packageId: string;
  head: AuditHead;
  stage: { id: string; name: string } | null;
  sealedStepsUnopened: boolean;
  /** Step id → its name in the definition, for the table (display only, not verified). */
  actionNames: Record<string, string>;
  stageNames: Record<string, string>;
  entries: EntryResult[];
  /** Chain entries recomputed or linked from the package's first entry to the head. */
  linksChecked: number;
  /** Of those, first-format entries only checked for their link. */
  legacyLinks: number;
  brokenAt?: { pos: number; reason: Failure };
}

export interface VerifyOptions {
  pageSize?: number;
  onProgress?: (p: { checked: number; total: number }) => void;
}

/**
 * Verifies one package against the head: every entry of the package, and every hop from its first entry to the head.
 * The head is read after the entries, so it is at or after the last of them.
 */
export async function verifyPackage(source: PublicAuditSource, packageId: string, o: VerifyOptions = {}): Promise<PackageVerification> {
  const pageSize = o.pageSize ?? 1000;
  const entries: PublicEntry[] = [];
  let stage: PackageVerification['stage'] = null;
  let sealedStepsUnopened = false;
  const actionNames: Record<string, string> = {};
  const stageNames: Record<string, string> = {};
  for (let after = 0; ; ) {
    const page = await source.entries(packageId, after);
    stage = page.stage;
    sealedStepsUnopened = page.sealedStepsUnopened;
    Object.assign(actionNames, page.actionNames ?? {});
    Object.assign(stageNames, page.stageNames ?? {});
    entries.push(...page.data);
    if (page.nextAfterPos === null) break;
    after = page.nextAfterPos;
  }
  const head = await source.head();
  const result: PackageVerification = { ok: false, packageId, head, stage, sealedStepsUnopened, actionNames, stageNames, entries: [], linksChecked: 0, legacyLinks: 0 };
  const recomputed = new Map<number, { bodyHash?: string; holds: boolean }>();
  for (const e of entries) {
    if (e.v !== 2) recomputed.set(e.pos, { holds: true });
    else {
      const bodyHash = await bodyHashOf(e);
      recomputed.set(e.pos, { bodyHash, holds: (await linkHash(e.prevHash, bodyHash)) === e.hash });
    }
  }
  const byPos = new Map(entries.map((e) => [e.pos, e]));
  const reached = new Set<number>();
  let broken: PackageVerification['brokenAt'];

  if (entries.length && head.pos !== null) {
    const first = entries[0]!.pos;
    const total = head.pos - first + 1;
    let prev: string | null = null;
    let last: ChainLink | undefined;
    let seenV2 = false;
    let nextOwn = 0; // the package's next entry (in position order) the walk must meet
    walk: for (let after = first - 1; ; ) {
      const page = await source.chain(after, pageSize);
      for (const link of page.data) {
        if (link.pos > head.pos) break walk;
        while (nextOwn < entries.length && reached.has(entries[nextOwn]!.pos)) nextOwn += 1;
        const expected = entries[nextOwn]?.pos;
        if (expected !== undefined && expected < link.pos) broken = { pos: expected, reason: 'entry_not_in_chain' };
        else if (last && link.pos <= last.pos) broken = { pos: link.pos, reason: 'prev_hash_mismatch' };
        else if (prev === null && link.pos !== first) broken = { pos: first, reason: 'entry_not_in_chain' };
        else if (prev !== null && link.prevHash !== prev) broken = { pos: link.pos, reason: 'prev_hash_mismatch' };
        else if (link.v === 1 && seenV2) broken = { pos: link.pos, reason: 'version_regression' };
        else if (link.v === 2 && (link.bodyHash === null || (await linkHash(link.prevHash, link.bodyHash)) !== link.hash)) broken = { pos: link.pos, reason: 'hash_mismatch' };
        else {
          const own = byPos.get(link.pos);
          const mine = recomputed.get(link.pos);
          if (own && mine && !mine.holds) broken = { pos: link.pos, reason: 'hash_mismatch' };
          else if (own && (own.hash !== link.hash || own.prevHash !== link.prevHash || own.v !== link.v || (mine?.bodyHash !== undefined && mine.bodyHash !== link.bodyHash))) {
            broken = { pos: link.pos, reason: 'entry_differs_from_chain' };
          }
        }
        if (broken) break walk;
        if (byPos.has(link.pos)) reached.add(link.pos);
        if (link.v === 2) seenV2 = true;
        else result.legacyLinks += 1;
        result.linksChecked += 1;
        prev = link.hash;
        last = link;
        if (link.pos === head.pos) break walk;
      }
      o.onProgress?.({ checked: result.linksChecked, total });
      if (page.nextAfterPos === null || !page.data.length) break;
      after = page.nextAfterPos;
    }
    o.onProgress?.({ checked: result.linksChecked, total });
    if (!broken) {
      const missing = entries.find((e) => !reached.has(e.pos));
      if (missing) broken = { pos: missing.pos, reason: 'entry_not_in_chain' };
      else if (!last || last.pos !== head.pos) broken = { pos: last ? last.pos : first, reason: 'chain_incomplete' };
      else if (last.hash !== head.hash) broken = { pos: head.pos, reason: 'head_mismatch' };
    }
  }

  result.entries = entries.map((entry) => {
    const bodyHash = recomputed.get(entry.pos)?.bodyHash;
    const status: EntryStatus =
      broken && entry.pos === broken.pos ? 'rusak' : broken && entry.pos > broken.pos ? 'tidak_diperiksa' : reached.has(entry.pos) ? (entry.v === 2 ? 'utuh' : 'tertaut') : 'tidak_diperiksa';
    return { entry, status, ...(bodyHash ? { bodyHash } : {}) };
  });
  result.ok = !broken && entries.length > 0;
  if (broken) result.brokenAt = broken;
  return result;
}
