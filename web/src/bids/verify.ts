/**
 * "Verifikasi penawaran saya": the bidder recomputes its bid's commitment in the browser, from its own copy, and
 * compares it with the commitment the server published. Nothing here trusts the server's arithmetic: the canonical
 * JSON and the SHA-256 (WebCrypto) are done again on this side, following domain/sealing/COMMITMENT.md
 * (scheme `pengadaan-bid-commitment-v1`):
 *
 *   commitment = hex(SHA-256(UTF-8(canonicalJson({v: 1, packageId, action, vendorId, nonce, content}))))
 *
 * where canonicalJson sorts object keys (by UTF-16 code units, as Array.prototype.sort does), drops `undefined`
 * members and writes everything else as JSON.stringify does; the nonce is the base64 text of 32 random bytes, hashed
 * as that text. tests/console-verify.test.ts pins this file against the server's own commitment function, so the
 * two implementations cannot drift apart unnoticed.
 *
 * No DOM or Node API other than `crypto.subtle` and TextEncoder, so the same module runs in the browser and in tests.
 */

export const COMMITMENT_SCHEME = 'pengadaan-bid-commitment-v1';

/** Every member of the hashed object except `content` (what the server's receipt calls `commitmentInput`). */
export interface CommitmentFields {
  v: 1;
  packageId: string;
  action: string;
  vendorId: string;
  /** base64 of the 32 random bytes the server drew for this bid */
  nonce: string;
}

/** JSON with sorted keys and `undefined` members left out: equal values always give the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((v as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined || typeof x === 'function' ? 'null' : canonicalJson(x))).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? 'null';
}

/** The exact text whose SHA-256 is the commitment. */
export function commitmentText(fields: CommitmentFields, content: Record<string, unknown>): string {
  const { v, packageId, action, vendorId, nonce } = fields;
  return canonicalJson({ v, packageId, action, vendorId, nonce, content });
}

/** SHA-256 of a text's UTF-8 bytes, as lowercase hex, with the platform's WebCrypto. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function recomputeCommitment(fields: CommitmentFields, content: Record<string, unknown>): Promise<string> {
  return sha256Hex(commitmentText(fields, content));
}

export interface Verification {
  /** The recomputed hash equals the published one. */
  match: boolean;
  /** What this browser computed from the bidder's own copy. */
  recomputed: string;
  /** What the server published for the bid (GET /api/packages/{id}/bids). */
  published: string;
}

/**
 * Recomputes from the bidder's copy (fields + content) and compares with the published commitment. A copy that
 * names a different package or bid scheme cannot match by construction, so it is compared all the same: the user
 * sees both hashes either way.
 */
export async function verifyCommitment(fields: CommitmentFields, content: Record<string, unknown>, published: string): Promise<Verification> {
  const recomputed = await recomputeCommitment(fields, content);
  return { match: recomputed === published.trim().toLowerCase(), recomputed, published };
}
