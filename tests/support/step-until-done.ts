/**
 * A step sent through the HTTP API and resent with the same Idempotency-Key while the stack answers "not yet" (a 5xx,
 * or no answer at all: a process restarting), until it answers 200 or the time is up. Any other 4xx fails at once.
 * For tests that kill processes under a running package (tests/start-supervise.test.ts, tests/cluster/).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { type Api, expectStatus, type LiveState, sleep } from './tender-http-driver';

export async function stepUntilDone(
  a: Api,
  packageId: string,
  as: string,
  action: string,
  payload: Record<string, unknown>,
  o: { key: string; timeoutMs: number; diagnostics?: () => string },
): Promise<LiveState> {
  const until = Date.now() + o.timeoutMs;
  for (;;) {
    let last: string;
    try {
      const res = await a.as(as).step(packageId, action, payload, { idempotencyKey: o.key });
      if (res.status < 500) return expectStatus(res, 200).body;
      last = `${res.status} ${res.text.slice(0, 300)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > until) assert.fail(`${action} by ${as}: not done within ${o.timeoutMs / 1000} s (last: ${last})\n${o.diagnostics?.() ?? ''}`);
    await sleep(200);
  }
}

/** Alive and not a zombie (a child killed but not yet reaped still answers signal 0); signal 0 where there is no /proc. */
export function isAlive(pid: number): boolean {
  if (fs.existsSync('/proc/self')) {
    try {
      return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
