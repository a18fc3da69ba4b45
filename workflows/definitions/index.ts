/**
 * The registry of process definitions. Each is validated when this module loads, so a broken definition stops the
 * API and the worker at start-up instead of failing a package halfway.
 */
import type { ProcessDefinition } from '../../domain/process/definition';
import { validateDefinition } from '../../domain/process/validate-definition';
import { definitions as contract } from './contract';
import { definitions as epurchasingSwakelola } from './epurchasing-swakelola';
import { definitions as langsung } from './langsung';
import { definitions as seleksiCepat } from './seleksi-cepat';
import { tenderPascaSatuFile } from './tender-pasca-1file';
import { definitions as tenderVariants } from './tender-variants';

const ALL: ProcessDefinition[] = [
  tenderPascaSatuFile,
  ...tenderVariants,
  ...seleksiCepat,
  ...langsung,
  ...epurchasingSwakelola,
  ...contract,
].map((d) => validateDefinition(d));

export function listDefinitions(): ProcessDefinition[] {
  return ALL;
}

/** The newest version of a definition, or a specific one. */
export function getDefinition(id: string, version?: number): ProcessDefinition | undefined {
  const matches = ALL.filter((d) => d.id === id && (version === undefined || d.version === version));
  return matches.sort((a, b) => b.version - a.version)[0];
}

/** Method code → the definition a new package of that method starts with. */
export function definitionForMethod(method: string): ProcessDefinition | undefined {
  return ALL.filter((d) => d.method === method).sort((a, b) => b.version - a.version)[0];
}
