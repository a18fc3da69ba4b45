/**
 * How many workflow runs a worker keeps in memory between their tasks (WORKER_MAX_CACHED_WORKFLOWS, default 200).
 * The SDK's own default grows with the heap limit (600 per GiB above 200 MiB: about 2,300 on this machine), and a
 * signed E-Kontrak keeps running for months, so over a year a worker would keep every running contract in memory. A
 * run pushed out of the cache is rebuilt from its (compact) history when its next task comes — a timer, a step —
 * which costs a replay, not correctness. Too small a cache costs CPU: with 20, bench/city-year.ts spent 110 ms of
 * worker CPU per step instead of 26 (replays), and the worker's memory hardly fell (543 MB: not the cache's).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 200;

export function maxCachedWorkflowsOf(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKER_MAX_CACHED_WORKFLOWS;
  if (raw === undefined || raw === '') return DEFAULT_MAX_CACHED_WORKFLOWS;
  const n = Number(raw);
  // 0 turns the cache off (every task replays its history); 1 is not allowed by the SDK.
  if (!Number.isInteger(n) || (n !== 0 && n < 2)) throw new Error(`WORKER_MAX_CACHED_WORKFLOWS must be 0 or a whole number ≥ 2, got '${raw}'`);
  return n;
}
