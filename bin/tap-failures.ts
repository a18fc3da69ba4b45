/**
 * Collects the failing tests from node's TAP output so the test command can repeat them at its end: CI keeps only
 * the last part of a long log, and a failure early in it would otherwise be invisible there.
 */

/** A failing test: its file, its TAP line and the first lines of its YAML block (location, error, stack). */
interface Failure {
  file: string;
  line: string;
  detail: string[];
}

const DETAIL_LINES = 24;

export class TapFailures {
  private readonly found: Failure[] = [];

  /** Reads one file's whole TAP output. */
  read(file: string, tap: string): void {
    let open: Failure | undefined;
    for (const line of tap.split('\n')) {
      if (/^\s*not ok \d+ - /.test(line)) {
        open = { file, line: line.trim(), detail: [] };
        this.found.push(open);
      } else if (open && (/^\s*\.\.\.\s*$/.test(line) || /^\s*(ok|not ok) \d+ /.test(line))) {
        open = undefined;
      } else if (open && open.detail.length < DETAIL_LINES && !/^\s*---\s*$/.test(line)) {
        open.detail.push(line.trim());
      }
    }
  }

  print(): void {
    if (!this.found.length) return;
    console.log(`\n# ${this.found.length} failing tests and suites (repeated from above):`);
    for (const f of this.found) {
      console.log(`# ${f.file}: ${f.line}`);
      for (const d of f.detail) console.log(`#   ${d}`);
    }
  }
}
