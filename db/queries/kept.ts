/**
 * Figures that cost a whole year's rows to compute, kept in this process for `maxAgeMs` per key: a request inside
 * that age answers from memory; the first after it still answers at once with the kept value and recomputes it in the
 * background (one recomputation at a time per key). Served figures are then at most about twice maxAgeMs old; 0
 * turns keeping off. A failed computation is never kept.
 */
export class Kept<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T>; refreshing?: boolean }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, maxAgeMs: number, compute: () => Promise<T>): Promise<T> {
    if (maxAgeMs <= 0) return compute();
    const kept = this.entries.get(key);
    const now = this.now();
    if (kept && (now - kept.at < maxAgeMs || kept.refreshing)) return kept.value;
    if (kept) {
      kept.refreshing = true;
      compute().then(
        (v) => this.entries.set(key, { at: this.now(), value: Promise.resolve(v) }),
        () => (kept.refreshing = false),
      );
      return kept.value;
    }
    const value = compute();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

/** Seconds from an environment variable as milliseconds (`fallback` seconds when unset or not a number ≥ 0). */
export function maxAgeMsFrom(raw: string | undefined, fallbackSeconds: number): number {
  const s = Number(raw ?? fallbackSeconds);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : fallbackSeconds * 1000;
}
