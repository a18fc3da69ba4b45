/**
 * BPMN 2.0 XML of a definition version, rendered once per process (a version never changes once loaded) and shared
 * by the routes that serve it (/api/process-definitions/{id}/bpmn, and /api/public/packages/{id}/bpmn without a token). A failed rendering is not kept, so
 * the next request tries again.
 */
import { toBpmnXml } from '../../domain/bpmn/export';
import type { ProcessDefinition } from '../../domain/process/definition';

const rendered = new Map<string, Promise<string>>();

export function bpmnXmlOf(def: ProcessDefinition): Promise<string> {
  const key = `${def.id}@${def.version}`;
  let xml = rendered.get(key);
  if (!xml) {
    xml = toBpmnXml(def).catch((e: unknown) => {
      rendered.delete(key);
      throw e;
    });
    rendered.set(key, xml);
  }
  return xml;
}
