/**
 * A tiny, declarative condition language for gateways and action preconditions. Definitions stay data (no code in
 * JSON), and evaluation is pure so it runs inside workflow code.
 *
 * Operands are data paths ('bids', 'award.winner.vendorId'), `$actor.id` / `$actor.org` for the acting user,
 * `$payload.x` for the step's own payload (a signature's document hash against the stored one), or literal values
 * ({ value: 0 }). `count` gives the length of an array path (0 when absent).
 */
export type Operand = { path: string } | { count: string } | { value: unknown };

export type Predicate =
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  | { op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; left: Operand; right: Operand }
  | { op: 'exists'; operand: Operand }
  /** some item of the array at `path` has item[field] equal to `right` */
  | { op: 'someItem'; path: string; field: string; right: Operand };

export interface PredicateContext {
  data: Record<string, unknown>;
  actor?: { id: string; org: string };
  payload?: unknown;
}

export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function resolve(operand: Operand, ctx: PredicateContext): unknown {
  if ('value' in operand) return operand.value;
  if ('count' in operand) {
    const v = getPath(ctx.data, operand.count);
    return Array.isArray(v) ? v.length : 0;
  }
  if (operand.path.startsWith('$actor.')) return getPath(ctx.actor, operand.path.slice('$actor.'.length));
  if (operand.path.startsWith('$payload.')) return getPath(ctx.payload, operand.path.slice('$payload.'.length));
  return getPath(ctx.data, operand.path);
}

function compare(op: 'lt' | 'lte' | 'gt' | 'gte', a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  switch (op) {
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
  }
}

export function evaluate(p: Predicate, ctx: PredicateContext): boolean {
  if ('all' in p) return p.all.every((q) => evaluate(q, ctx));
  if ('any' in p) return p.any.some((q) => evaluate(q, ctx));
  if ('not' in p) return !evaluate(p.not, ctx);
  switch (p.op) {
    case 'eq':
      return resolve(p.left, ctx) === resolve(p.right, ctx);
    case 'ne':
      return resolve(p.left, ctx) !== resolve(p.right, ctx);
    case 'exists': {
      const v = resolve(p.operand, ctx);
      return v !== undefined && v !== null;
    }
    case 'someItem': {
      const arr = getPath(ctx.data, p.path);
      const right = resolve(p.right, ctx);
      return Array.isArray(arr) && arr.some((it) => getPath(it, p.field) === right);
    }
    default:
      return compare(p.op, resolve(p.left, ctx), resolve(p.right, ctx));
  }
}

/** Data paths a predicate reads, for the definition validator. */
export function pathsOf(p: Predicate): string[] {
  const fromOperand = (o: Operand): string[] => ('path' in o ? (o.path.startsWith('$') ? [] : [o.path]) : 'count' in o ? [o.count] : []);
  if ('all' in p) return p.all.flatMap(pathsOf);
  if ('any' in p) return p.any.flatMap(pathsOf);
  if ('not' in p) return pathsOf(p.not);
  if (p.op === 'exists') return fromOperand(p.operand);
  if (p.op === 'someItem') return [p.path, ...fromOperand(p.right)];
  return [...fromOperand(p.left), ...fromOperand(p.right)];
}
