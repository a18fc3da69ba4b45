/**
 * The definitions as workflow code finds them: one group of modules loaded when a package of that definition starts or
 * replays, instead of the whole registry. The worker keeps every cached workflow's own copy of the modules it loaded,
 * so importing index.ts into the workflow (every method, every earlier version as JSON, and the validator with zod)
 * made each package in the cache carry all of it: the bundle doubled and so did the worker's memory. index.ts stays
 * what the API and the worker process load (it validates every definition at start-up); validation parses without
 * changing anything (strict objects, no defaults), so a definition found here equals the one index.ts serves
 * (tests/definition-lazy-registry.test.ts checks every id and version).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- on purpose: a module required inside a function is evaluated only then */
import type { ProcessDefinition } from '../../domain/process/definition';

type Group = () => ProcessDefinition[];

const tenderVariants: Group = () => (require('./tender-variants') as typeof import('./tender-variants')).definitions;
const seleksiCepat: Group = () => (require('./seleksi-cepat') as typeof import('./seleksi-cepat')).definitions;
const langsung: Group = () => (require('./langsung') as typeof import('./langsung')).definitions;
const epurchasingSwakelola: Group = () => (require('./epurchasing-swakelola') as typeof import('./epurchasing-swakelola')).definitions;
const contract: Group = () => (require('./contract') as typeof import('./contract')).definitions;

/** Definition id → the group of modules that defines its current versions. */
const GROUPS: Record<string, Group> = {
  'tender-pasca-1file': () => [(require('./tender-pasca-1file') as typeof import('./tender-pasca-1file')).tenderPascaSatuFile],
  'tender-pasca-2file': tenderVariants,
  'tender-prakualifikasi': tenderVariants,
  seleksi: seleksiCepat,
  'tender-cepat': seleksiCepat,
  'penunjukan-langsung': langsung,
  'pengadaan-langsung-a': langsung,
  'pengadaan-langsung-b': langsung,
  'e-purchasing': epurchasingSwakelola,
  swakelola: epurchasingSwakelola,
  kontrak: contract,
  'surat-pesanan': contract,
  'pelaksanaan-swakelola': contract,
};

/** The definition `id` at `version`: from its group, else among the earlier versions kept as JSON. */
export function definitionFor(id: string, version: number): ProcessDefinition | undefined {
  const same = (d: ProcessDefinition) => d.id === id && d.version === version;
  return GROUPS[id]?.().find(same) ?? (require('./retired') as typeof import('./retired')).RETIRED.find(same);
}

/** The ids this file can find (tests/definition-lazy-registry.test.ts checks it covers the whole registry). */
export const LAZY_DEFINITION_IDS: readonly string[] = Object.keys(GROUPS);
