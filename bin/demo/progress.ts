/**
 * Progress on stderr: a bar redrawn in place on a terminal, or a plain line now and then when stderr is a file or a
 * pipe (logs, CI), so the output stays readable either way. stdout is left for the summary.
 */
export interface Counts {
  done: number;
  created: number;
  steps: number;
  errors: number;
}

export class Progress {
  private last = 0;
  private lastLine = '';
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly plainEveryMs = 2_000,
  ) {
    this.tty = !!out.isTTY;
  }

  update(c: Counts, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < (this.tty ? 100 : this.plainEveryMs)) return;
    const text = `${c.done}/${this.total} paket selesai · ${c.created} dibuat · ${c.steps} langkah · ${c.errors} galat`;
    if (!force && text === this.lastLine) return;
    this.last = now;
    this.lastLine = text;
    if (this.tty) {
      const width = 28;
      const filled = this.total ? Math.round((c.done / this.total) * width) : width;
      this.out.write(`\r\x1b[2K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}`);
    } else {
      this.out.write(`demo: ${text}\n`);
    }
  }

  finish(c: Counts): void {
    this.update(c, true);
    if (this.tty) this.out.write('\n');
  }
}
