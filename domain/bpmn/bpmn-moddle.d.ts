/**
 * The part of bpmn-moddle 10 that the BPMN export and its tests use. The package ships an ES module with no
 * top-level type entry for the `node` module resolution this project uses, so the surface is declared here.
 */
declare module 'bpmn-moddle' {
  /** An element of the BPMN meta-model; its properties are those of its `$type` in the BPMN 2.0 schema. */
  export interface ModdleElement {
    readonly $type: string;
    id?: string;
    $instanceOf(type: string): boolean;
    get(name: string): unknown;
    set(name: string, value: unknown): void;
    [property: string]: unknown;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Error[];
    references: unknown[];
    elementsById: Record<string, ModdleElement>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
