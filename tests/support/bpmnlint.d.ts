// bpmnlint ships CommonJS without declarations: the part tests/bpmn-lint.test.ts uses.
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: { extends: string | string[]; rules?: Record<string, string> }; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, { id?: string; message: string; category: 'error' | 'warn' | 'info' }[]>>;
  }
}
declare module 'bpmnlint/lib/resolver/node-resolver' {
  export default class NodeResolver {}
}
