/**
 * The registry of process definitions. Each is validated when this module loads, so a broken definition stops the
 * API and the worker at start-up instead of failing a package halfway.
 */
import { actionsOf, type ProcessDefinition } from '../../domain/process/definition';
import { validateDefinition } from '../../domain/process/validate-definition';
import { definitions as contract } from './contract';
import { definitions as epurchasingSwakelola } from './epurchasing-swakelola';
import { definitions as langsung } from './langsung';
import { RETIRED } from './retired';
import { definitions as seleksiCepat } from './seleksi-cepat';
import { tenderPascaSatuFile } from './tender-pasca-1file';
import { definitions as tenderVariants } from './tender-variants';

/** Methods a PPK starts a package with. */
const PROCUREMENT: ProcessDefinition[] = [tenderPascaSatuFile, ...tenderVariants, ...seleksiCepat, ...langsung, ...epurchasingSwakelola].map((d) =>
  validateDefinition(d),
);
/** E-Kontrak: started only by an awarding package (callActivity), never created directly. */
const CONTRACT: ProcessDefinition[] = contract.map((d) => validateDefinition(d));
/** Earlier procurement versions that packages still run on; a version still current is not repeated. */
const EARLIER: ProcessDefinition[] = RETIRED.filter((r) => !PROCUREMENT.some((d) => d.id === r.id && d.version === r.version)).map((d) =>
  validateDefinition(d),
);
const ALL = [...PROCUREMENT, ...CONTRACT, ...EARLIER];

/** The definitions new packages start with (and every contract version, which awarding packages pick). */
export function listDefinitions(): ProcessDefinition[] {
  return [...PROCUREMENT, ...CONTRACT];
}

export function listProcurementDefinitions(): ProcessDefinition[] {
  return PROCUREMENT;
}

/** The newest version of a definition, or a specific one. */
export function getDefinition(id: string, version?: number): ProcessDefinition | undefined {
  const matches = ALL.filter((d) => d.id === id && (version === undefined || d.version === version));
  return matches.sort((a, b) => b.version - a.version)[0];
}

/** Method code → the definition a new package of that method starts with. */
export function definitionForMethod(method: string): ProcessDefinition | undefined {
  return PROCUREMENT.filter((d) => d.method === method).sort((a, b) => b.version - a.version)[0];
}

/**
 * Interrupt steps (cancel, terminate_contract) that are nowhere a stage's own step: open at every stage and nobody's
 * task, so inboxes and overdue lists leave them out.
 */
export const INTERRUPT_ONLY_ACTIONS: readonly string[] = (() => {
  const local = new Set(ALL.flatMap((d) => d.nodes.flatMap((n) => actionsOf(n).map((a) => a.id))));
  return [...new Set(ALL.flatMap((d) => (d.interrupts ?? []).map((i) => i.action.id)))].filter((id) => !local.has(id));
})();
