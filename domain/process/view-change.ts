/**
 * What changed in a package's view between two writes of the read model, two levels deep: the view's own fields as
 * whole values, and `data` (the bulk of it, growing with every bid, question and document) key by key. The workflow
 * sends this instead of the whole view (activities/read-model.ts applies it to the stored copy), so a step moves a
 * few hundred bytes instead of the package. Pure and deterministic (it runs in workflow code): values are compared by
 * their JSON, which is what the read model stores.
 */
import type { PackageView } from './engine';

export interface ViewChange {
  /** The seq of the view the change applies to (the read model must hold exactly that one). */
  baseSeq: number;
  seq: number;
  /** View fields (other than `data`) whose value changed; `unset` lists those that became absent. */
  set: Partial<Record<keyof PackageView, unknown>>;
  unset: string[];
  /**
   * `data` key by key; a list that kept its items but changed a few or grew (a bid, a report and its review, a
   * question) sends only those items: `lists[key].at` by index, `lists[key].append` at the end.
   */
  data: { set: Record<string, unknown>; unset: string[]; lists: Record<string, ListChange> };
}

export interface ListChange {
  at: Record<number, unknown>;
  append: unknown[];
}

type Obj = Record<string, unknown>;
const json = (v: unknown) => JSON.stringify(v);

/** The items of `next` that differ from `prev`, when that is less than rewriting it (`prev` is not longer). */
function listChange(prev: unknown, next: unknown): ListChange | undefined {
  if (!Array.isArray(prev) || !Array.isArray(next) || next.length < prev.length) return undefined;
  const at: Record<number, unknown> = {};
  let changed = 0;
  for (let i = 0; i < prev.length; i++) {
    if (json(prev[i]) !== json(next[i])) {
      at[i] = next[i];
      if (++changed * 2 > prev.length) return undefined; // most of it changed: the whole list is as small
    }
  }
  return { at, append: next.slice(prev.length) };
}

function diff(prev: Obj, next: Obj, skip?: string) {
  const set: Obj = {};
  const lists: Record<string, ListChange> = {};
  for (const [k, v] of Object.entries(next)) {
    if (k === skip || v === undefined || json(prev[k]) === json(v)) continue;
    const items = listChange(prev[k], v);
    if (items) lists[k] = items;
    else set[k] = v;
  }
  const unset = Object.keys(prev).filter((k) => k !== skip && prev[k] !== undefined && next[k] === undefined);
  return { set, unset, lists };
}

export function viewChange(prev: PackageView, next: PackageView): ViewChange {
  const top = diff(prev as unknown as Obj, next as unknown as Obj, 'data');
  // The view's own fields are small: whole values keep applying them simple.
  for (const k of Object.keys(top.lists)) top.set[k] = (next as unknown as Obj)[k];
  return { baseSeq: prev.seq, seq: next.seq, set: top.set, unset: top.unset, data: diff(prev.data, next.data) };
}

/** The view after `change`; undefined when `stored` is not the view the change was made against. */
export function applyViewChange(stored: PackageView | null | undefined, change: ViewChange): PackageView | undefined {
  if (!stored || stored.seq !== change.baseSeq) return undefined;
  const data: Obj = { ...stored.data, ...change.data.set };
  for (const [k, { at, append }] of Object.entries(change.data.lists)) {
    const list = stored.data[k];
    if (!Array.isArray(list)) return undefined; // not the view the change was made against
    const items = [...(list as unknown[]), ...append];
    for (const [i, item] of Object.entries(at)) items[Number(i)] = item;
    data[k] = items;
  }
  for (const k of change.data.unset) delete data[k];
  const view: Obj = { ...stored, ...change.set, data };
  for (const k of change.unset) delete view[k];
  return view as unknown as PackageView;
}
