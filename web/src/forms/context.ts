/**
 * What a step form may know about its package to help the user fill it, built from what the signed-in user already
 * reads (the package's live data as the API shows it to them, and its documents): the participating vendors, the
 * items a reference field can point to (open questions, objections, reports), and the current document. The server
 * still judges every value: these only fill selects and defaults.
 */
import type { JsonSchemaNode } from './schema-walk';
import { referencedList } from './schema-walk';

export interface Participant {
  id: string;
  /** Company name, where the view gives it. */
  name?: string;
}

export interface DocumentRef {
  id: string;
  title?: string;
  kind?: string;
  fileName?: string;
  sha256: string;
  createdAt?: string;
}

export interface StepContext {
  /** The package's (or contract's) process data as the API shows it to this user. */
  data: Record<string, unknown>;
  participants: Participant[];
  /** The package's documents; the newest is the one a signature refers to. */
  documents: DocumentRef[];
}

export const EMPTY_CONTEXT: StepContext = { data: {}, participants: [], documents: [] };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Lists of submissions (bids, qualification documents): items written by a vendor with content of their own. */
function isSubmissionList(list: unknown[]): boolean {
  return (
    list.length > 0 && list.every((x) => isObj(x) && str(x.by) && ('price' in x || 'bidId' in x || 'sealed' in x || 'documentRef' in x || 'commitment' in x))
  );
}

/**
 * The vendors taking part: those who submitted something (bids, qualification documents) when anyone has, else
 * those who registered. Names come from any entry of the view that pairs a vendor id with its company name (a
 * vendor's view after the opening), else from `known` (vendor id → company name: what the page read elsewhere, e.g.
 * the package's bidders for its officers), so a select says "PT Karya Beton Nusantara (vendor.karya)".
 */
export function participantsOf(data: Json, known: Readonly<Record<string, string>> = {}): Participant[] {
  const names = new Map<string, string>(Object.entries(known).filter(([, n]) => !!n));
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObj(v)) {
      const id = str(v.vendorId) ?? str(v.by);
      const name = str(v.vendor) ?? str(v.vendorName);
      if (id && name) names.set(id, name);
      Object.values(v).forEach((x) => visit(x, depth + 1));
    }
  };
  visit(data, 0);
  const ids: string[] = [];
  for (const v of Object.values(data)) {
    if (Array.isArray(v) && isSubmissionList(v)) for (const it of v as Json[]) if (!ids.includes(String(it.by))) ids.push(String(it.by));
  }
  if (!ids.length && Array.isArray(data.registrations)) {
    for (const it of data.registrations) if (isObj(it) && str(it.by) && !ids.includes(String(it.by))) ids.push(String(it.by));
  }
  return ids.map((id) => ({ id, ...(names.has(id) ? { name: names.get(id) } : {}) }));
}

export function buildStepContext(data: Json | null | undefined, documents: DocumentRef[] = [], names: Readonly<Record<string, string>> = {}): StepContext {
  const d = data ?? {};
  return { data: d, participants: participantsOf(d, names), documents };
}

/**
 * The value at a dotted path of the package's data (`award.winner`), for a field whose description names where its
 * value comes from: "Calon pemenang yang dibuktikan (award.winner)".
 */
export function dataAt(data: Json, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.')) {
    if (!isObj(v)) return undefined;
    v = v[part];
  }
  return v;
}

/** The document a signature is about: the newest one. */
export function currentDocument(ctx: StepContext): DocumentRef | undefined {
  return [...ctx.documents].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[ctx.documents.length - 1];
}

/**
 * The items a reference field (`questionId` in a form whose other required fields are `answer`) may point to: those
 * of the referenced list that do not yet have those other fields (an unanswered question, an undecided objection).
 */
export function openItems(name: string, siblings: JsonSchemaNode, ctx: StepContext): { id: string; label: string }[] | undefined {
  const ref = referencedList(name, ctx.data);
  if (!ref) return undefined;
  const others = (siblings.required ?? Object.keys(siblings.properties ?? {})).filter((f) => f !== name);
  const open = ref.items.filter((it) => str(it.id) && !others.some((f) => it[f] !== undefined));
  return open.map((it) => ({ id: String(it.id), label: itemLabel(it, ctx) }));
}

/** A short text for an item of a list: its question, reason, summary, or id; and who wrote it (company if known). */
function itemLabel(it: Json, ctx: StepContext): string {
  const text = str(it.question) ?? str(it.reason) ?? str(it.summary) ?? str(it.note);
  const id = String(it.id);
  const by = str(it.by);
  const who = str(it.vendor) ?? (by ? (ctx.participants.find((p) => p.id === by)?.name ?? by) : undefined);
  const base = text ? `${text.length > 90 ? `${text.slice(0, 87)}…` : text}` : id;
  return who && !text?.includes(who) ? `${base} (${who})` : base;
}

export const participantLabel = (p: Participant) => (p.name ? `${p.name} (${p.id})` : p.id);
