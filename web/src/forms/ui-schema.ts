/**
 * The uiSchema and the starting data of a step form, derived from the action's JSON Schema and what the page knows
 * (StepContext), by field name and shape only — never by step id — so a step added to a definition gets a usable
 * form without new code:
 * - labels, help and option labels from labels.ts;
 * - integer money fields show the amount as rupiah under the input;
 * - `vendorId` is a select of the package's participants (named by company when the page knows it), preselected
 *   when its description names the data it refers to (`(award.winner)`); a reference (`questionId`, `objectionId`,
 *   `reportId`) a select of the open items it may point to;
 * - `documentHash` is filled with the current document's SHA-256 and read-only, so the signer sees what they sign;
 * - arrays of per-vendor results start with one item per participant, arrays of answers one per open item;
 * - an uploaded file (`{fileName, mediaType, contentBase64}`) or a hashed file (`{name, sha256}`) is a file input.
 */
import type { UiSchema } from '@rjsf/utils';
import { currentDocument, dataAt, openItems, participantLabel, type StepContext } from './context';
import { dataPathOf, fieldText } from './labels';
import { isFileObject, isHashedFileObject, isMoney, isObjectSchema, type JsonSchemaNode } from './schema-walk';

export interface ChoiceOption {
  value: string;
  label: string;
}

function choicesFor(name: string, parent: JsonSchemaNode, ctx: StepContext): ChoiceOption[] | undefined {
  if (name === 'vendorId' && ctx.participants.length) return ctx.participants.map((p) => ({ value: p.id, label: participantLabel(p) }));
  const open = openItems(name, parent, ctx);
  return open?.length ? open.map((o) => ({ value: o.id, label: o.label })) : undefined;
}

function fieldUi(name: string, s: JsonSchemaNode, parent: JsonSchemaNode, ctx: StepContext): UiSchema {
  const text = fieldText(name, s);
  const required = (parent.required ?? []).includes(name);
  const ui: UiSchema = { 'ui:title': text.label };
  if (text.help) ui['ui:description'] = text.help;
  if (text.options && Array.isArray(s.enum)) {
    ui['ui:enumNames'] = text.options.map((o) => o.label);
    ui['ui:placeholder'] = '— pilih —';
  }
  if (s.type === 'boolean') {
    // A required verdict is chosen explicitly (no silent "false"); an optional flag is a checkbox.
    if (required) {
      ui['ui:widget'] = 'verdict';
      ui['ui:enumNames'] = text.options!.map((o) => o.label);
    } else {
      ui['ui:widget'] = 'flag';
      ui['ui:label'] = false; // the checkbox carries its label beside it
    }
    return ui;
  }
  if (isFileObject(s)) return { ...ui, 'ui:field': 'documentFile' };
  if (isHashedFileObject(s)) return { ...ui, 'ui:field': 'hashedFile' };
  if (isMoney(name, s)) ui['ui:widget'] = 'money';
  if (name === 'documentHash' && currentDocument(ctx)) {
    ui['ui:readonly'] = true;
    ui['ui:widget'] = 'documentHash';
  }
  const choices = s.type === 'string' && !s.enum ? choicesFor(name, parent, ctx) : undefined;
  if (choices) {
    ui['ui:widget'] = 'choice';
    ui['ui:options'] = { choices };
  }
  if (typeof s.maxLength === 'number' && s.maxLength > 300 && !s.pattern) ui['ui:widget'] = 'textarea';
  if (isObjectSchema(s)) Object.assign(ui, objectUi(s, ctx));
  if (s.type === 'array' && s.items) {
    const { 'ui:title': itemTitle, ...itemUi } = fieldUi(singular(name), s.items, { required: [] }, ctx);
    // An object item is titled by ObjectFieldTemplate (its number, its vendor); a plain value keeps a label.
    ui.items = isObjectSchema(s.items) ? itemUi : { ...itemUi, 'ui:title': itemTitle };
    // Item titles are numbered by the array template; the item's own title would repeat on every item.
    ui['ui:options'] = { orderable: false, ...(ui['ui:options'] as object | undefined) };
  }
  if (isObjectSchema(s) && typeof s.additionalProperties === 'object') {
    ui.additionalProperties = fieldUi('value', s.additionalProperties, { required: [] }, ctx);
  }
  return ui;
}

/** The label of one item of a list field (`results` → one result). */
function singular(name: string): string {
  return name.replace(/ies$/, 'y').replace(/s$/, '');
}

function objectUi(s: JsonSchemaNode & { properties: Record<string, JsonSchemaNode> }, ctx: StepContext): UiSchema {
  const ui: UiSchema = {};
  for (const [k, v] of Object.entries(s.properties)) ui[k] = fieldUi(k, v, s, ctx);
  return ui;
}

/** The uiSchema of a whole step payload. */
export function buildUiSchema(schema: JsonSchemaNode, ctx: StepContext): UiSchema {
  return isObjectSchema(schema) ? objectUi(schema, ctx) : {};
}

type Json = Record<string, unknown>;

/** The data a form starts with: the current document's hash, one result per participant, one answer per open item. */
export function initialData(schema: JsonSchemaNode, ctx: StepContext): Json {
  const out: Json = {};
  if (!isObjectSchema(schema)) return out;
  for (const [k, s] of Object.entries(schema.properties)) {
    if (k === 'documentHash') {
      const doc = currentDocument(ctx);
      if (doc) out[k] = doc.sha256;
    } else if (k === 'vendorId' && s.type === 'string') {
      // The vendor the description points at in the data (the current candidate: "(award.winner)") is chosen already.
      const path = dataPathOf(s.description);
      const at = path ? dataAt(ctx.data, path) : undefined;
      const id = typeof at === 'string' ? at : at && typeof at === 'object' ? (at as Json).vendorId : undefined;
      if (typeof id === 'string' && id) out[k] = id;
    } else if (s.type === 'string' && !s.enum) {
      // A reference with exactly one possible target (the one open question) is chosen already.
      const open = openItems(k, schema, ctx);
      if (open?.length === 1) out[k] = open[0]!.id;
    } else if (s.type === 'array' && isObjectSchema(s.items)) {
      const items = s.items;
      const max = s.maxItems ?? Infinity;
      if (items.properties.vendorId && ctx.participants.length) {
        out[k] = ctx.participants.slice(0, max).map((p) => ({ vendorId: p.id }));
        continue;
      }
      const ref = Object.keys(items.properties).find((f) => /Id$/.test(f) && f !== 'vendorId');
      const open = ref ? openItems(ref, items, ctx) : undefined;
      if (ref && open?.length) out[k] = open.slice(0, max).map((o) => ({ [ref]: o.id }));
    }
  }
  return out;
}

/**
 * The schema the form renders: the same constraints without `title`/`description` annotations, whose words the
 * uiSchema carries (rjsf would otherwise print the description a second time under a label made from it).
 * Annotations do not take part in validation, so the form judges exactly as the original schema.
 */
export function displaySchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(displaySchema) as T;
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => !((k === 'description' || k === 'title') && typeof v === 'string'))
      .map(([k, v]) => [k, displaySchema(v)]),
  ) as T;
}
