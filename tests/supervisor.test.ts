/**
 * The start command's Supervisor on its own, with a fake child and a fake clock: the backoff sequence (1 s doubling
 * to 30 s), its reset after a minute up, failed restarts, the console lines, and that nothing is restarted once stop()
 * was called — during a backoff wait, during a restart, or after a plain stop. The real processes are killed in
 * tests/start-supervise.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ExitStatus, type Supervised, Supervisor } from '../runtime/supervise';

class FakeChild implements Supervised {
  stopped = 0;
  private exit!: (s: ExitStatus) => void;
  readonly exited = new Promise<ExitStatus>((r) => (this.exit = r));
  constructor(readonly n: number) {}
  crash(signal: NodeJS.Signals | null = 'SIGKILL', code: number | null = null) {
    this.exit({ code, signal });
  }
  async stop() {
    this.stopped++;
    this.exit({ code: 0, signal: null });
  }
}

/** A fake clock whose sleeps are recorded; each resolves at once unless `hold` is set. */
function harness(o: { hold?: boolean; start?: (n: number) => Promise<FakeChild> } = {}) {
  let clock = 0;
  const delays: number[] = [];
  const lines: string[] = [];
  const children: FakeChild[] = [];
  let release: (() => void) | undefined;
  let aborted = 0;
  let attempts = 0;
  const sup = new Supervisor<FakeChild>({
    name: 'worker',
    hint: 'log: /tmp/worker.log',
    log: (l) => lines.push(l),
    now: () => clock,
    sleep: (ms, signal) => {
      delays.push(ms);
      if (!o.hold) {
        clock += ms;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        release = () => {
          clock += ms;
          resolve();
        };
        signal.addEventListener('abort', () => {
          aborted++;
          reject(new Error('aborted'));
        });
      });
    },
    start: async () => {
      const n = ++attempts;
      const c = o.start ? await o.start(n) : new FakeChild(n);
      children.push(c);
      return c;
    },
  });
  return {
    sup,
    delays,
    lines,
    children,
    advance: (ms: number) => (clock += ms),
    release: () => release?.(),
    aborted: () => aborted,
    attempts: () => attempts,
  };
}

/** Lets the supervisor's promise chain run until `cond` holds. */
async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`never: ${what}`);
}

describe('Supervisor', () => {
  it('restarts a crashing child after 1, 2, 4, 8, 16, 30, 30 s and logs each crash and restart', async () => {
    const h = harness();
    await h.sup.start();
    h.sup.supervise();
    for (let i = 0; i < 7; i++) {
      h.children.at(-1)!.crash();
      await until(() => h.children.length === i + 2, `restart ${i + 1}`);
    }
    assert.deepEqual(h.delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    assert.equal(h.sup.restarts, 7);
    assert.equal(h.sup.child, h.children[7]);
    assert.equal(h.lines[0], 'worker berhenti tiba-tiba (sinyal SIGKILL) setelah 0 s; dimulai ulang dalam 1 s; log: /tmp/worker.log');
    assert.equal(h.lines[1], 'worker berjalan lagi (dimulai ulang ke-1).');
    assert.match(h.lines.at(-2)!, /dimulai ulang dalam 30 s/);
    assert.equal(h.lines.length, 14);
    await h.sup.stop();
  });

  it('starts the backoff over once the child has stayed up for a minute', async () => {
    const h = harness();
    await h.sup.start();
    h.sup.supervise();
    for (let i = 0; i < 4; i++) {
      h.children.at(-1)!.crash(null, 1);
      await until(() => h.children.length === i + 2, `restart ${i + 1}`);
    }
    assert.deepEqual(h.delays, [1000, 2000, 4000, 8000]);
    h.advance(59_999); // just short of a minute: still the same crash loop
    h.children.at(-1)!.crash(null, 1);
    await until(() => h.children.length === 6, 'restart 5');
    assert.equal(h.delays.at(-1), 16000);
    assert.match(h.lines.at(-2)!, /^worker berhenti tiba-tiba \(kode keluar 1\) setelah 60 s; dimulai ulang dalam 16 s/);
    h.advance(60_000);
    h.children.at(-1)!.crash();
    await until(() => h.children.length === 7, 'restart 6');
    h.children.at(-1)!.crash();
    await until(() => h.children.length === 8, 'restart 7');
    assert.deepEqual(h.delays.slice(-2), [1000, 2000]);
    await h.sup.stop();
  });

  it('a restart that fails is retried with the next delay, and logged', async () => {
    const failing = new Set([2, 3]);
    const h = harness({
      start: async (n) => {
        if (failing.has(n)) throw new Error(`port in use (${n})`);
        return new FakeChild(n);
      },
    });
    await h.sup.start();
    h.sup.supervise();
    h.children[0]!.crash();
    await until(() => h.children.length === 2, 'the restart after two failures');
    assert.equal(h.attempts(), 4);
    assert.deepEqual(h.delays, [1000, 2000, 4000]);
    assert.equal(h.lines[1], 'worker gagal dimulai ulang: port in use (2); dicoba lagi dalam 2 s; log: /tmp/worker.log');
    assert.equal(h.lines[3], 'worker berjalan lagi (dimulai ulang ke-1).');
    await h.sup.stop();
  });

  it('stop() during a backoff wait cuts it short and restarts nothing', async () => {
    const h = harness({ hold: true });
    await h.sup.start();
    h.sup.supervise();
    h.children[0]!.crash();
    await until(() => h.delays.length === 1, 'the backoff wait');
    await h.sup.stop();
    assert.equal(h.aborted(), 1);
    h.release(); // a timer firing late changes nothing
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(h.attempts(), 1);
    assert.equal(h.lines.length, 1);
  });

  it('stop() during a restart stops the instance that was starting', async () => {
    let finish: (() => void) | undefined;
    const h = harness({
      start: (n) => (n === 1 ? Promise.resolve(new FakeChild(n)) : new Promise<FakeChild>((r) => (finish = () => r(new FakeChild(n))))),
    });
    await h.sup.start();
    h.sup.supervise();
    h.children[0]!.crash();
    await until(() => finish !== undefined, 'the restart begins');
    let stopped = false;
    const stopping = h.sup.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(stopped, false, 'stop() waits for the restart in progress');
    finish!();
    await stopping;
    assert.equal(h.children[1]!.stopped, 1);
    assert.equal(h.sup.restarts, 0);
    assert.ok(!h.lines.some((l) => l.includes('berjalan lagi')), h.lines.join('\n'));
  });

  it('a child stopped by stop() is not taken for a crash', async () => {
    const h = harness();
    const first = await h.sup.start();
    h.sup.supervise();
    await h.sup.stop();
    assert.equal(first.stopped, 1);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(h.attempts(), 1);
    assert.deepEqual(h.lines, []);
  });

  it('a child that died between start() and supervise() is restarted', async () => {
    const h = harness();
    await h.sup.start();
    h.children[0]!.crash(null, 2);
    await new Promise((r) => setImmediate(r));
    assert.equal(h.attempts(), 1, 'no restart before supervise()');
    h.sup.supervise();
    await until(() => h.children.length === 2, 'the restart');
    assert.match(h.lines[0]!, /^worker berhenti tiba-tiba \(kode keluar 2\)/);
    await h.sup.stop();
  });
});
