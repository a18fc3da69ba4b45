/**
 * Collects the failing tests from node's TAP output so the test command can repeat them at its end: CI keeps only
 * the last part of a 40-minute log, and a failure early in it would otherwise be invisible there.
 */
import { Writable } from 'node:stream';

/** A failing test: its TAP line and the first lines of its YAML block (location, error, stack). */
interface Failure {
  line: string;
  detail: string[];
}

const DETAIL_LINES = 24;

export class TapFailures {
  private readonly found: Failure[] = [];
  private open: Failure | undefined;
  private rest = '';

  readonly tap = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      const text = this.rest + chunk.toString('utf8');
      const lines = text.split('\n');
      this.rest = lines.pop() ?? '';
      for (const line of lines) this.read(line);
      done();
    },
  });

  private read(line: string): void {
    if (/^\s*not ok \d+ - /.test(line)) {
      this.open = { line: line.trim(), detail: [] };
      this.found.push(this.open);
      return;
    }
    if (!this.open) return;
    if (/^\s*\.\.\.\s*$/.test(line) || /^\s*(ok|not ok) \d+ /.test(line)) {
      this.open = undefined;
      return;
    }
    if (this.open.detail.length < DETAIL_LINES && !/^\s*---\s*$/.test(line)) this.open.detail.push(line.trimEnd());
  }

  print(): void {
    if (!this.found.length) return;
    console.log(`\n# ${this.found.length} failing tests and suites (repeated from above):`);
    for (const f of this.found) {
      console.log(`# ${f.line}`);
      for (const d of f.detail) console.log(`#   ${d.trim()}`);
    }
  }
}
