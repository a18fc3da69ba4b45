/**
 * The bidder's own copy of its sealed bids: each receipt the server gave (bid id, commitment, time, nonce, the
 * hashed fields) together with the content the vendor sent, so that after the opening the browser can recompute the
 * commitment without asking the server for anything but the published hash (bids/verify.ts).
 *
 * Kept in localStorage under `pengadaan.receipts` as `{[vendorId]: SavedReceipt[]}`: per signed-in vendor, so two
 * vendors sharing an office computer never see each other's bids, and unlike the session it survives closing the tab
 * (the vendor needs it days later, at the opening). The same record is what "Simpan tanda terima" downloads as a
 * JSON file, and what a file upload reads back on another computer.
 */
import { readSession } from '../auth/token-store';
import { COMMITMENT_SCHEME, type CommitmentFields } from './verify';

const KEY = 'pengadaan.receipts';
/** Marks a downloaded receipt file, so an upload of some other JSON is recognised as such. */
export const RECEIPT_FILE_KIND = 'pengadaan-bid-receipt';

/** The receipt as the step's answer carries it (POST …/tasks/{action} → `receipt`). */
export interface ServerReceipt {
  bidId: string;
  commitment: string;
  receivedAt: string;
  scheme?: string;
  nonce?: string;
  commitmentInput?: CommitmentFields;
}

export interface SavedReceipt {
  kind: typeof RECEIPT_FILE_KIND;
  scheme: string;
  packageId: string;
  bidId: string;
  /** The step (submit_bid, submit_price, …). */
  step: string;
  commitment: string;
  receivedAt: string;
  /** What is hashed besides the content; null when the server gave no nonce (then nothing can be recomputed). */
  commitmentInput: CommitmentFields | null;
  /** The payload the vendor sent, exactly; null when it could not be kept (storage full). */
  content: Record<string, unknown> | null;
  savedAt: string;
  packageTitle?: string;
  /** Where this copy came from: kept when the bid was sent, read from a receipt file, or fetched back from the server. */
  copyFrom?: 'browser' | 'file' | 'server';
}

type Store = Record<string, SavedReceipt[]>;

function readStore(): Store {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Store) : {};
  } catch {
    return {};
  }
}

const vendorId = () => readSession()?.user.id ?? null;

/** The record kept and downloaded for one receipt. */
export function receiptRecord(
  packageId: string,
  receipt: ServerReceipt,
  payload: Record<string, unknown>,
  opts: { step?: string; packageTitle?: string } = {},
): SavedReceipt {
  const me = vendorId();
  // An older answer without `commitmentInput` still names the nonce: the other members are known here.
  const fields =
    receipt.commitmentInput ??
    (receipt.nonce && me ? { v: 1 as const, packageId, action: opts.step ?? 'submit_bid', vendorId: me, nonce: receipt.nonce } : null);
  return {
    kind: RECEIPT_FILE_KIND,
    scheme: receipt.scheme ?? COMMITMENT_SCHEME,
    packageId,
    bidId: receipt.bidId,
    step: fields?.action ?? opts.step ?? 'submit_bid',
    commitment: receipt.commitment,
    receivedAt: receipt.receivedAt,
    commitmentInput: fields,
    content: payload,
    savedAt: new Date().toISOString(),
    ...(opts.packageTitle ? { packageTitle: opts.packageTitle } : {}),
    copyFrom: 'browser',
  };
}

/**
 * Keeps a receipt and the content sent for the signed-in vendor (replacing an earlier copy of the same bid). When the
 * browser's storage is full the receipt is kept without its content, and `false` says the vendor must download the
 * receipt file to be able to verify later.
 */
export function saveReceipt(
  packageId: string,
  receipt: ServerReceipt,
  payload: Record<string, unknown>,
  opts: { step?: string; packageTitle?: string } = {},
): boolean {
  const me = vendorId();
  if (!me) return false;
  const record = receiptRecord(packageId, receipt, payload, opts);
  return putRecord(me, record);
}

function putRecord(me: string, record: SavedReceipt): boolean {
  const store = readStore();
  const mine = (store[me] ?? []).filter((r) => r.bidId !== record.bidId);
  store[me] = [...mine, record];
  try {
    localStorage.setItem(KEY, JSON.stringify(store));
    return true;
  } catch {
    store[me] = [...mine, { ...record, content: null }];
    try {
      localStorage.setItem(KEY, JSON.stringify(store));
    } catch {
      // nothing more can be kept; the download remains
    }
    return false;
  }
}

/** Adds a receipt read from a file (another computer's download) to this browser's copy. */
export function importReceipt(record: SavedReceipt): boolean {
  const me = vendorId();
  return me ? putRecord(me, record) : false;
}

/** The signed-in vendor's kept receipts, newest first. */
export function listReceipts(): SavedReceipt[] {
  const me = vendorId();
  if (!me) return [];
  return [...(readStore()[me] ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

export function removeReceipt(bidId: string): void {
  const me = vendorId();
  if (!me) return;
  const store = readStore();
  store[me] = (store[me] ?? []).filter((r) => r.bidId !== bidId);
  localStorage.setItem(KEY, JSON.stringify(store));
}

/** The receipt file's text ("Simpan tanda terima"). */
export function receiptFileText(r: SavedReceipt): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export const receiptFileName = (r: Pick<SavedReceipt, 'bidId'>) => `tanda-terima-penawaran-${r.bidId}.json`;

/** Offers the receipt as a JSON file download. */
export function downloadReceipt(r: SavedReceipt): void {
  const url = URL.createObjectURL(new Blob([receiptFileText(r)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = receiptFileName(r);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function fieldsOf(v: unknown): CommitmentFields | null {
  if (!isObject(v)) return null;
  const { packageId, action, vendorId: vid, nonce } = v;
  if (typeof packageId !== 'string' || typeof action !== 'string' || typeof vid !== 'string' || typeof nonce !== 'string') return null;
  return { v: 1, packageId, action, vendorId: vid, nonce };
}

/**
 * Reads an uploaded receipt file: this console's download, or the step's answer saved by hand (`{receipt, content}`
 * or `{receipt, payload}`), or the own-bid answer (GET …/bids/{bidId}/own). Throws an Error with an Indonesian
 * message when the file is not one of them.
 */
export function parseReceiptFile(text: string): SavedReceipt {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('Berkas bukan JSON yang sah.');
  }
  if (!isObject(v)) throw new Error('Berkas tidak berisi tanda terima penawaran.');
  const inner = isObject(v.receipt) ? v.receipt : v;
  const content = isObject(v.content) ? v.content : isObject(v.payload) ? v.payload : null;
  const bidId = inner.bidId;
  const commitment = inner.commitment;
  if (typeof bidId !== 'string' || !isHex64(commitment)) throw new Error('Berkas tidak memuat id penawaran dan komitmen (SHA-256).');
  // The hashed fields: as the receipt gives them, or rebuilt from the own-bid answer's members.
  const fields =
    fieldsOf(inner.commitmentInput) ??
    (typeof inner.nonce === 'string'
      ? fieldsOf({ packageId: v.packageId ?? inner.packageId, action: v.step ?? inner.step, vendorId: v.vendorId ?? inner.vendorId, nonce: inner.nonce })
      : null);
  if (!fields) throw new Error('Berkas tidak memuat nonce dan data yang di-hash; komitmen tidak dapat dihitung ulang.');
  if (!content) throw new Error('Berkas tidak memuat isi penawaran yang Anda kirim.');
  return {
    kind: RECEIPT_FILE_KIND,
    scheme: typeof v.scheme === 'string' ? v.scheme : typeof inner.scheme === 'string' ? inner.scheme : COMMITMENT_SCHEME,
    packageId: fields.packageId,
    bidId,
    step: fields.action,
    commitment,
    receivedAt: typeof inner.receivedAt === 'string' ? inner.receivedAt : '',
    commitmentInput: fields,
    content,
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : new Date().toISOString(),
    ...(typeof v.packageTitle === 'string' ? { packageTitle: v.packageTitle } : {}),
    copyFrom: 'file',
  };
}
