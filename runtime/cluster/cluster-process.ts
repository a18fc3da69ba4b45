/**
 * A supervised member of the cluster (runtime/supervise.ts): a crash is logged and restarted with backoff, as an
 * orchestrator would, and the handle lets a test kill it (it comes back by itself), stop it (it stays down until
 * start(), e.g. to restart PostgreSQL) and count its restarts.
 */
import { type ExitStatus, type Supervised, Supervisor } from '../supervise';

export interface ClusterProcess {
  readonly name: string;
  pid(): number | undefined;
  /** Default SIGKILL; resolves when the process has exited (the supervisor then restarts it). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and keeps it down until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Restarts after crashes, over this handle's life (start() after stop() is not counted). */
  restarts(): number;
}

export interface Member extends Supervised {
  pid(): number | undefined;
}

export class SupervisedProcess<T extends Member> implements ClusterProcess {
  private supervisor: Supervisor<T> | undefined;
  private earlierRestarts = 0;
  /** Set once the whole cluster shuts down: a child that exits from then on is not restarted (see startChild). */
  private quiet = false;

  constructor(
    readonly name: string,
    private readonly launch: () => Promise<T>,
    private readonly log: (line: string) => void,
    private readonly hint?: string,
  ) {}

  /** The running instance, if any. */
  get current(): T | undefined {
    return this.supervisor?.child;
  }

  pid(): number | undefined {
    return this.supervisor?.child?.pid();
  }

  async start(): Promise<void> {
    if (this.supervisor) return;
    const s = new Supervisor<T>({
      name: this.name,
      hint: this.hint,
      log: this.log,
      // While the cluster shuts down, an exit is expected (Ctrl-C reaches some children directly): it must not
      // look like a crash, so its `exited` is held back until stop() ends the supervisor.
      start: async () => {
        const child = await this.launch();
        const exited = child.exited.then((st) => (this.quiet ? new Promise<ExitStatus>(() => undefined) : st));
        return Object.assign(Object.create(child) as T, { exited });
      },
    });
    this.supervisor = s;
    try {
      await s.start();
    } catch (e) {
      this.supervisor = undefined;
      throw e;
    }
    s.supervise();
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.supervisor?.child;
    const pid = child?.pid();
    if (!child || pid === undefined) return;
    process.kill(pid, signal);
    await child.exited;
  }

  async stop(): Promise<void> {
    const s = this.supervisor;
    if (!s) return;
    this.supervisor = undefined;
    this.earlierRestarts += s.restarts;
    await s.stop();
  }

  /** No more restarts from now on; the process itself is stopped by stop(). */
  quiesce(): void {
    this.quiet = true;
  }

  restarts(): number {
    return this.earlierRestarts + (this.supervisor?.restarts ?? 0);
  }
}
