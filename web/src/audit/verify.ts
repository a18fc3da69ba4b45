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
 * Since hash version 3 (`pengadaan-audit-v3`, server: domain/audit/chain.ts, anchor.ts) every package has its own
 * chain, and periodic anchors chain the packages' heads:
 *
 *   hash       = hex(SHA-256(canonicalJson({v: "pengadaan-audit-v3", prevRef, bodyHash})))
 *   prevRef    = hex(SHA-256(canonicalJson({v: "pengadaan-audit-prev-v3", linkKey, prevHash})))
 *   genesis    = hex(SHA-256(canonicalJson({v: "pengadaan-audit-genesis-v3", packageId})))   (the first entry's prevHash)
 *   anchor     = hex(SHA-256(canonicalJson({v: "pengadaan-audit-anchor-v1", seq, at, prevHash, headsHash})))
 *   headsHash  = hex(SHA-256(canonicalJson([{pos, hash}, …] by pos)))
 *
 * Each v3 entry is recomputed from its fields and prevRef. Once nothing of the package is sealed its entries carry
 * prevHash and linkKey: then the package's chain is followed from its genesis entry by entry, its last anchored head
 * found in that anchor, and the anchors followed to the last one published. v1/v2 entries are walked through the old
 * global chain to its last entry (`head.legacy`), v3 links skipped.
 *
 * No DOM API other than `crypto.subtle` and TextEncoder, so the same module runs in the browser and in Node tests.
 */
import { canonicalJson, sha256Hex } from '../bids/verify';

export { canonicalJson, sha256Hex };

export const HASH_VERSION_2 = 'pengadaan-audit-v2';
export const HASH_VERSION_3 = 'pengadaan-audit-v3';

export interface AuditHead {
  pos: number | null;
  hash: string;
  count: number;
  /** The last entry of the old global chain (v1/v2). */
  legacy?: { pos: number; hash: string } | null;
  /** The last anchor of the per-package chains. */
  anchor?: { seq: number; at: number; hash: string } | null;
}

/** A v3 entry: a v2 entry's fields, chained within its package through a blinded previous hash. */
export interface PublicEntryV3 extends Omit<PublicEntryV2, 'v' | 'prevHash'> {
  v: 3;
  prevRef: string;
  /** Only once nothing of the package is sealed. */
  prevHash?: string;
  linkKey?: string;
}

export interface Anchor {
  seq: number;
  at: number;
  prevHash: string;
  headsHash: string;
  hash: string;
  heads: { pos: number; hash: string }[];
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

export type PublicEntry = PublicEntryV1 | PublicEntryV2 | PublicEntryV3;

export interface ChainLink {
  pos: number;
  v: 1 | 2 | 3;
  /** null for v3 links (prevRef instead) */
  prevHash: string | null;
  prevRef?: string;
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
  /** The package's head in the last anchor holding it; only once nothing of it is sealed. */
  anchoredHead?: { anchor: number; pos: number; hash: string } | null;
  data: PublicEntry[];
  nextAfterPos: number | null;
}

/** Where the public answers come from: the page passes the public API client, tests a plain fetch. */
export interface PublicAuditSource {
  head(): Promise<AuditHead>;
  entries(packageId: string, afterPos: number): Promise<PackageEntriesPage>;
  chain(afterPos: number, limit: number): Promise<{ data: ChainLink[]; nextAfterPos: number | null }>;
  anchors(afterSeq: number, limit: number): Promise<{ data: Anchor[]; nextAfterSeq: number | null }>;
}

/** A source over GET requests to /api/public/audit (the answers are taken as given and checked here). */
export function publicAuditSource(getJson: (path: string) => Promise<unknown>): PublicAuditSource {
  return {
    head: async () => (await getJson('/api/public/audit/head')) as AuditHead,
    entries: async (id, afterPos) =>
      (await getJson(`/api/public/audit/packages/${encodeURIComponent(id)}?afterPos=${afterPos}&limit=1000`)) as PackageEntriesPage,
    chain: async (afterPos, limit) =>
      (await getJson(`/api/public/audit/chain?afterPos=${afterPos}&limit=${limit}`)) as { data: ChainLink[]; nextAfterPos: number | null },
    anchors: async (afterSeq, limit) =>
      (await getJson(`/api/public/audit/anchors?afterSeq=${afterSeq}&limit=${limit}`)) as { data: Anchor[]; nextAfterSeq: number | null },
  };
}

/** The hashed body of a v2 entry, built member by member so nothing else the answer carries slips in. */
export function bodyOf(e: PublicEntryV2 | PublicEntryV3) {
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

export const bodyHashOf = (e: PublicEntryV2 | PublicEntryV3) => sha256Hex(canonicalJson(bodyOf(e)));
export const linkHash = (prevHash: string, bodyHash: string) => sha256Hex(canonicalJson({ v: HASH_VERSION_2, prevHash, bodyHash }));
export const linkHashV3 = (prevRef: string, bodyHash: string) => sha256Hex(canonicalJson({ v: HASH_VERSION_3, prevRef, bodyHash }));
export const prevRefOf = (linkKey: string, prevHash: string) => sha256Hex(canonicalJson({ v: 'pengadaan-audit-prev-v3', linkKey, prevHash }));
export const packageGenesis = (packageId: string) => sha256Hex(canonicalJson({ v: 'pengadaan-audit-genesis-v3', packageId }));
export const headsHashOf = (heads: Anchor['heads']) =>
  sha256Hex(canonicalJson([...heads].sort((a, b) => a.pos - b.pos).map((h) => ({ pos: h.pos, hash: h.hash }))));
export const anchorHashOf = (a: Pick<Anchor, 'seq' | 'at' | 'prevHash' | 'headsHash'>) =>
  sha256Hex(canonicalJson({ v: 'pengadaan-audit-anchor-v1', seq: a.seq, at: a.at, prevHash: a.prevHash, headsHash: a.headsHash }));

/** Why a verification failed, at the first position where it did. */
export type Failure =
  | 'hash_mismatch' // the hash is not the hash of the fields (a field was changed)
  | 'prev_hash_mismatch' // the entry does not follow the one before it (removed, inserted or reordered)
  | 'entry_differs_from_chain' // the package's entry is not the one the chain holds at its position
  | 'entry_not_in_chain' // a package entry the chain pages never reached
  | 'version_regression' // a first-format entry after a v2 one: only written before v2 existed
  | 'chain_incomplete' // the chain pages ended before the head
  | 'head_mismatch' // the last hop is not the head that was published
  | 'anchor_mismatch'; // the package's anchored head, or an anchor after it, does not hold up to the last anchor published

/**
 * utuh: recomputed and linked; tertaut: linked only (first format); dihitung_ulang: recomputed, its link to the
 * package's previous entry not shown yet (sealed steps unopened); rusak: where it broke; after it: not checked.
 */
export type EntryStatus = 'utuh' | 'tertaut' | 'dihitung_ulang' | 'rusak' | 'tidak_diperiksa';

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
  /** v3: 'linked' (followed from the package's genesis), 'sealed' (recomputed only, links shown after the opening), 'none'. */
  packageChain: 'linked' | 'sealed' | 'none';
  /** v3, linked: the anchor holding the package's head, and the last anchor reached from it (the published one). */
  anchored?: { from: number; to: number; pos: number };
  brokenAt?: { pos: number; reason: Failure };
}

export interface VerifyOptions {
  pageSize?: number;
  onProgress?: (p: { checked: number; total: number }) => void;
}

/**
 * Verifies one package against the head: every entry of the package; its v1/v2 entries through every hop of the old
 * global chain to that chain's last entry; its v3 entries recomputed, and once nothing of it is sealed its own chain
 * from its genesis and its anchored head through the anchors to the last one. The head is read after the entries, so
 * it is at or after the last of them.
 */
export async function verifyPackage(source: PublicAuditSource, packageId: string, o: VerifyOptions = {}): Promise<PackageVerification> {
  const entries: PublicEntry[] = [];
  // set by every page; the loop reads at least one
  let stage: PackageVerification['stage'];
  let sealedStepsUnopened: boolean;
  let anchoredHead: PackageEntriesPage['anchoredHead'];
  const actionNames: Record<string, string> = {};
  const stageNames: Record<string, string> = {};
  for (let after = 0; ;) {
    const page = await source.entries(packageId, after);
    stage = page.stage;
    sealedStepsUnopened = page.sealedStepsUnopened;
    anchoredHead = page.anchoredHead ?? null;
    Object.assign(actionNames, page.actionNames ?? {});
    Object.assign(stageNames, page.stageNames ?? {});
    entries.push(...page.data);
    if (page.nextAfterPos === null) break;
    after = page.nextAfterPos;
  }
  const head = await source.head();
  const result: PackageVerification = {
    ok: false,
    packageId,
    head,
    stage,
    sealedStepsUnopened,
    actionNames,
    stageNames,
    entries: [],
    linksChecked: 0,
    legacyLinks: 0,
    packageChain: 'none',
  };
  const recomputed = new Map<number, { bodyHash?: string; holds: boolean }>();
  for (const e of entries) {
    if (e.v === 1) recomputed.set(e.pos, { holds: true });
    else {
      const bodyHash = await bodyHashOf(e);
      const hash = e.v === 3 ? await linkHashV3(e.prevRef, bodyHash) : await linkHash(e.prevHash, bodyHash);
      recomputed.set(e.pos, { bodyHash, holds: hash === e.hash });
    }
  }
  const reached = new Set<number>();
  const legacy = entries.filter((e): e is PublicEntryV1 | PublicEntryV2 => e.v !== 3);
  const current = entries.filter((e): e is PublicEntryV3 => e.v === 3);
  // An older server's head has no `legacy`: its head is then the old chain's.
  const legacyHead = head.legacy ?? (head.pos === null ? null : { pos: head.pos, hash: head.hash });
  let broken = legacy.length ? await walkLegacy(source, legacy, recomputed, legacyHead, reached, result, o) : undefined;
  if (!broken && current.length) broken = await checkPackageChain(source, packageId, current, recomputed, anchoredHead, head, reached, result);

  result.entries = entries.map((entry) => {
    const bodyHash = recomputed.get(entry.pos)?.bodyHash;
    const status: EntryStatus =
      broken && entry.pos === broken.pos
        ? 'rusak'
        : broken && entry.pos > broken.pos
          ? 'tidak_diperiksa'
          : !reached.has(entry.pos)
            ? 'tidak_diperiksa'
            : entry.v === 1
              ? 'tertaut'
              : entry.v === 3 && result.packageChain === 'sealed'
                ? 'dihitung_ulang'
                : 'utuh';
    return { entry, status, ...(bodyHash ? { bodyHash } : {}) };
  });
  result.ok = !broken && entries.length > 0;
  if (broken) result.brokenAt = broken;
  return result;
}

type Broken = PackageVerification['brokenAt'];

/** The package's v1/v2 entries: every hop of the old global chain from the first of them to its last entry. */
async function walkLegacy(
  source: PublicAuditSource,
  entries: (PublicEntryV1 | PublicEntryV2)[],
  recomputed: Map<number, { bodyHash?: string; holds: boolean }>,
  target: { pos: number; hash: string } | null,
  reached: Set<number>,
  result: PackageVerification,
  o: VerifyOptions,
): Promise<Broken> {
  if (!target) return { pos: entries[0]!.pos, reason: 'chain_incomplete' };
  const pageSize = o.pageSize ?? 1000;
  const byPos = new Map(entries.map((e) => [e.pos, e]));
  const first = entries[0]!.pos;
  const total = target.pos - first + 1;
  let broken: Broken;
  let prev: string | null = null;
  let last: ChainLink | undefined;
  let seenV2 = false;
  let nextOwn = 0; // the package's next entry (in position order) the walk must meet
  walk: for (let after = first - 1; ;) {
    const page = await source.chain(after, pageSize);
    for (const link of page.data) {
      if (link.pos > target.pos) break walk;
      if (link.v === 3) continue; // a per-package entry: not a hop of the old chain
      while (nextOwn < entries.length && reached.has(entries[nextOwn]!.pos)) nextOwn += 1;
      const expected = entries[nextOwn]?.pos;
      if (expected !== undefined && expected < link.pos) broken = { pos: expected, reason: 'entry_not_in_chain' };
      else if (last && link.pos <= last.pos) broken = { pos: link.pos, reason: 'prev_hash_mismatch' };
      else if (prev === null && link.pos !== first) broken = { pos: first, reason: 'entry_not_in_chain' };
      else if (prev !== null && link.prevHash !== prev) broken = { pos: link.pos, reason: 'prev_hash_mismatch' };
      else if (link.v === 1 && seenV2) broken = { pos: link.pos, reason: 'version_regression' };
      else if (link.v === 2 && (link.bodyHash === null || link.prevHash === null || (await linkHash(link.prevHash, link.bodyHash)) !== link.hash)) {
        broken = { pos: link.pos, reason: 'hash_mismatch' };
      } else {
        const own = byPos.get(link.pos);
        const mine = recomputed.get(link.pos);
        if (own && mine && !mine.holds) broken = { pos: link.pos, reason: 'hash_mismatch' };
        else if (
          own &&
          (own.hash !== link.hash || own.v !== link.v || own.prevHash !== link.prevHash || (mine?.bodyHash !== undefined && mine.bodyHash !== link.bodyHash))
        ) {
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
      if (link.pos === target.pos) break walk;
    }
    o.onProgress?.({ checked: result.linksChecked, total });
    if (page.nextAfterPos === null || !page.data.length) break;
    after = page.nextAfterPos;
  }
  o.onProgress?.({ checked: result.linksChecked, total });
  if (broken) return broken;
  const missing = entries.find((e) => !reached.has(e.pos));
  if (missing) return { pos: missing.pos, reason: 'entry_not_in_chain' };
  if (!last || last.pos !== target.pos) return { pos: last ? last.pos : first, reason: 'chain_incomplete' };
  if (last.hash !== target.hash) return { pos: target.pos, reason: 'head_mismatch' };
  return undefined;
}

/**
 * The package's v3 entries: each recomputed from its fields and prevRef; when their links are shown (nothing sealed),
 * followed from the package's genesis, and the package's anchored head found in its anchor, the anchors then followed
 * to the last one published.
 */
async function checkPackageChain(
  source: PublicAuditSource,
  packageId: string,
  entries: PublicEntryV3[],
  recomputed: Map<number, { bodyHash?: string; holds: boolean }>,
  anchoredHead: PackageEntriesPage['anchoredHead'],
  head: AuditHead,
  reached: Set<number>,
  result: PackageVerification,
): Promise<Broken> {
  const linked = entries.every((e) => e.prevHash !== undefined && e.linkKey !== undefined);
  result.packageChain = linked ? 'linked' : 'sealed';
  let prev = await packageGenesis(packageId);
  for (const e of entries) {
    if (!recomputed.get(e.pos)?.holds) return { pos: e.pos, reason: 'hash_mismatch' };
    if (linked) {
      if ((await prevRefOf(e.linkKey!, e.prevHash!)) !== e.prevRef) return { pos: e.pos, reason: 'hash_mismatch' };
      if (e.prevHash !== prev) return { pos: e.pos, reason: 'prev_hash_mismatch' };
      prev = e.hash;
    }
    reached.add(e.pos);
    result.linksChecked += 1;
  }
  if (!linked || !anchoredHead) return undefined;
  // The anchored head is the package's entry at that position, and the anchors hold from there to the last one.
  const mismatch: Broken = { pos: anchoredHead.pos, reason: 'anchor_mismatch' };
  if (entries.find((e) => e.pos === anchoredHead.pos)?.hash !== anchoredHead.hash || !head.anchor) return mismatch;
  let last: Anchor | undefined;
  for (let after = anchoredHead.anchor - 1; ;) {
    const page = await source.anchors(after, 100);
    for (const a of page.data) {
      if (a.seq > head.anchor.seq) break;
      const expectedSeq = last ? last.seq + 1 : anchoredHead.anchor;
      if (a.seq !== expectedSeq || (last && a.prevHash !== last.hash)) return mismatch;
      if ((await headsHashOf(a.heads)) !== a.headsHash || (await anchorHashOf(a)) !== a.hash) return mismatch;
      if (!last && !a.heads.some((h) => h.pos === anchoredHead.pos && h.hash === anchoredHead.hash)) return mismatch;
      last = a;
    }
    if (!last || last.seq >= head.anchor.seq || page.nextAfterSeq === null || !page.data.length) break;
    after = page.nextAfterSeq;
  }
  if (!last || last.seq !== head.anchor.seq || last.hash !== head.anchor.hash) return mismatch;
  result.anchored = { from: anchoredHead.anchor, to: last.seq, pos: anchoredHead.pos };
  return undefined;
}
