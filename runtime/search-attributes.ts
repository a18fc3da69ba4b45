/**
 * The search attributes every package workflow carries (issue 15 point 11), so support finds packages in the Temporal
 * UI and CLI: `temporal workflow list --query "Stage='evaluation' AND Opd='Dinas PUPR'"`. This list is the one source
 * of truth: the dev server registers it at start (services/temporal-dev-server.ts), workers and the cluster launcher
 * register it on their namespace (ensureSearchAttributes), the workflow sets it (workflows/search-attributes.ts).
 *
 * The workflow bundle imports this file, so it imports nothing at run time but @temporalio/common (types only besides).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
// `_` is the SDK's decoder of the proto enum (IndexedValueType → 'KEYWORD'), exported under that name only.
import { encodeSearchAttributeIndexedValueType, _ as decodeIndexedValueType, type SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import type { Connection } from '@temporalio/client';

/** The current stage's id, as the read model's `packages.stage_id` and the console's stage links name it. */
export const STAGE = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
/** The current stage's name as officers read it ('Evaluasi Penawaran'): for the UI, where ids mean little. */
export const STAGE_NAME = defineSearchAttributeKey('StageName', SearchAttributeType.KEYWORD);
/** The method code (`tender`, `seleksi`, `pengadaan_langsung`, …), as the API's `method`. */
export const METHOD = defineSearchAttributeKey('Method', SearchAttributeType.KEYWORD);
/** The OPD as the package was created with (`facts.opd`, the read model's `packages.opd`). */
export const OPD = defineSearchAttributeKey('Opd', SearchAttributeType.KEYWORD);
export const FISCAL_YEAR = defineSearchAttributeKey('FiscalYear', SearchAttributeType.INT);
/**
 * The API's package status: `active` while running, then the end's status (`selesai`, `gagal`, `batal`, …). Not named
 * `Status`: the server registers that name but its query parser refuses it ("invalid search attribute: status").
 */
export const STATUS = defineSearchAttributeKey('PackageStatus', SearchAttributeType.KEYWORD);
/** A step someone must take is past its due time, as the monitoring's Terlambat counts it. */
export const OVERDUE = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);

export const PACKAGE_SEARCH_ATTRIBUTES: readonly SearchAttributeKey<SearchAttributeType>[] = [STAGE, STAGE_NAME, METHOD, OPD, FISCAL_YEAR, STATUS, OVERDUE];

/** The type as the CLI spells it (`Keyword`, `Int`, `Bool`): `--search-attribute Name=Type`, `--type`. */
export function cliTypeOf(key: SearchAttributeKey<SearchAttributeType>): string {
  return key.type === 'KEYWORD_LIST' ? 'KeywordList' : key.type.charAt(0) + key.type.slice(1).toLowerCase();
}

/** `temporal server start-dev` flags that register every attribute on the dev server's namespaces. */
export function devServerSearchAttributeFlags(): string[] {
  return PACKAGE_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${cliTypeOf(k)}`]);
}

/** The one-time registration an operator runs when a worker may not register them itself. */
export function registrationCommand(namespace: string, keys: readonly SearchAttributeKey<SearchAttributeType>[] = PACKAGE_SEARCH_ATTRIBUTES): string {
  const flags = keys.map((k) => `--name ${k.name} --type ${cliTypeOf(k)}`).join(' ');
  return `temporal operator search-attribute create --namespace ${namespace} ${flags}`;
}

/** The attributes a namespace lacks, or holds with another type; the workflow's upserts would fail on either. */
export class SearchAttributesMissing extends Error {
  constructor(
    readonly namespace: string,
    readonly missing: readonly SearchAttributeKey<SearchAttributeType>[],
    readonly conflicting: readonly { name: string; registered: string; wanted: string }[],
    cause?: unknown,
  ) {
    const parts = [
      ...(missing.length ? [`missing ${missing.map((k) => `${k.name} (${cliTypeOf(k)})`).join(', ')}`] : []),
      ...conflicting.map((c) => `${c.name} is registered as ${c.registered}, needed ${c.wanted}`),
    ];
    const reason = cause instanceof Error ? ` Registering them was refused: ${cause.message.replace(/\.$/, '')}.` : '';
    super(
      `Temporal namespace '${namespace}' lacks the package search attributes (${parts.join('; ')}).${reason} ` +
        'Workers refuse to start: upserting an unregistered attribute fails the workflow task, which would stall every package. ' +
        (missing.length
          ? `Register them once as the namespace's admin: ${registrationCommand(namespace, missing)} ` +
            `(Temporal Cloud: tcld namespace search-attributes add --namespace ${namespace} ` +
            `${missing.map((k) => `--search-attribute "${k.name}=${cliTypeOf(k)}"`).join(' ')}), ` +
            'or run `npx tsx bin/search-attributes.ts` with TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE and credentials that may.'
          : 'Rename the conflicting attribute in that namespace, or use another namespace.'),
      cause === undefined ? undefined : { cause },
    );
    this.name = 'SearchAttributesMissing';
  }
}

type Operator = Pick<Connection, 'operatorService'>;

/** What the namespace lacks, and what it holds with another type (nothing changed). */
export async function searchAttributesStatus(connection: Operator, namespace: string) {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = { ...(res.systemAttributes ?? {}), ...(res.customAttributes ?? {}) };
  const missing: SearchAttributeKey<SearchAttributeType>[] = [];
  const conflicting: { name: string; registered: string; wanted: string }[] = [];
  for (const key of PACKAGE_SEARCH_ATTRIBUTES) {
    const type = registered[key.name];
    if (type === undefined || type === null) missing.push(key);
    else if (type !== encodeSearchAttributeIndexedValueType(key.type)) {
      conflicting.push({ name: key.name, registered: String(decodeIndexedValueType(type) ?? type), wanted: key.type });
    }
  }
  return { missing, conflicting };
}

/**
 * Registers the attributes the namespace lacks; nothing when it has them all (idempotent, safe from several workers
 * at once). Throws SearchAttributesMissing, naming what is missing and the command to register it, when registering
 * is refused (an API key without the right) or an attribute exists with another type. Takes a client Connection or a
 * worker's NativeConnection: both carry the operator service.
 */
export async function ensureSearchAttributes(connection: Operator, namespace: string): Promise<void> {
  const first = await searchAttributesStatus(connection, namespace);
  if (first.conflicting.length) throw new SearchAttributesMissing(namespace, first.missing, first.conflicting);
  if (!first.missing.length) return;
  let refusal: unknown;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(first.missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
  } catch (e) {
    refusal = e; // another worker may have added them first (ALREADY_EXISTS): the list below decides
  }
  const after = await searchAttributesStatus(connection, namespace);
  if (after.missing.length || after.conflicting.length) {
    throw new SearchAttributesMissing(namespace, after.missing, after.conflicting, refusal ?? new Error('not listed after registering'));
  }
}
