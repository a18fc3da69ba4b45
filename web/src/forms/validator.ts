/**
 * The validator of every step form: rjsf's `ValidatorType` on @cfworker/json-schema, the library the server judges
 * every payload with (domain/process/engine.ts `validatePayload`, api/services/seal-bid.ts `validateContent`), with
 * the same draft (2020-12) and every error at once — so the form and the server agree by construction, which
 * tests/console-forms.test.ts checks on every action of every definition.
 *
 * Why not rjsf's ajv8 validator: ajv compiles each schema to a function with `new Function`, which the console's
 * Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval', api/console.ts) blocks, so every form stopped at
 * "Isian tidak sah". cfworker interprets the schema instead, and is far smaller in the bundle.
 */
import { type OutputUnit, Validator } from '@cfworker/json-schema';
import {
  createErrorHandler,
  type CustomValidator,
  type ErrorTransformer,
  getDefaultFormState,
  ROOT_SCHEMA_PREFIX,
  type RJSFSchema,
  toErrorSchema,
  type UiSchema,
  unwrapErrorHandler,
  type ValidationData,
  validationDataMerge,
  type ValidatorType,
  withIdRefPrefix,
} from '@rjsf/utils';
import { toRjsfErrors } from './validation-errors';

type Payload = Record<string, unknown>;

const DRAFT = '2020-12';

/** Whether a schema refers to another part of the form's schema (then the root is added to its lookup). */
const hasRef = (schema: unknown) => JSON.stringify(schema)?.includes('"$ref"') ?? false;

export class CfworkerValidator implements ValidatorType<Payload, RJSFSchema> {
  /**
   * One cfworker Validator per schema object: rjsf asks about the same (sub)schemas on every render. A WeakMap, so a
   * form's schemas go when the form does. Schemas are copied first: cfworker marks the objects it reads.
   */
  private compiled = new WeakMap<object, WeakMap<object, Validator> | Validator>();

  private validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
    const withRoot = !!rootSchema && rootSchema !== schema && hasRef(schema);
    const cached = this.compiled.get(schema);
    if (!withRoot && cached instanceof Validator) return cached;
    if (withRoot && cached instanceof WeakMap && cached.has(rootSchema)) return cached.get(rootSchema)!;
    let v: Validator;
    if (withRoot) {
      // As rjsf's ajv validator does: the subschema's `#/…` references point into the form's root schema.
      v = new Validator(structuredClone(withIdRefPrefix(schema)) as never, DRAFT, false);
      v.addSchema(structuredClone(rootSchema) as never, ROOT_SCHEMA_PREFIX);
      const byRoot = cached instanceof WeakMap ? cached : new WeakMap<object, Validator>();
      byRoot.set(rootSchema, v);
      this.compiled.set(schema, byRoot);
    } else {
      v = new Validator(structuredClone(schema) as never, DRAFT, false);
      this.compiled.set(schema, v);
    }
    return v;
  }

  /** cfworker's verdict and output units, or the reason the schema could not be read. */
  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: Payload): { errors?: Result[]; validationError?: Error; valid?: boolean } {
    try {
      const r = this.validatorFor(schema).validate(formData);
      return { errors: r.errors as Result[], valid: r.valid };
    } catch (e) {
      return { validationError: e instanceof Error ? e : new Error(String(e)), valid: false };
    }
  }

  validateFormData(
    formData: Payload | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Payload, RJSFSchema>,
    transformErrors?: ErrorTransformer<Payload, RJSFSchema>,
    uiSchema?: UiSchema<Payload, RJSFSchema>,
  ): ValidationData<Payload> {
    const raw = this.rawValidation<OutputUnit>(schema, formData);
    // A schema cfworker cannot read is one error of its own (never a silent pass).
    let errors = raw.validationError
      ? [{ name: 'schema', property: '', params: {}, message: raw.validationError.message, stack: raw.validationError.message }]
      : toRjsfErrors(raw.errors ?? [], schema, raw.valid !== false);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const result: ValidationData<Payload> = { errors, errorSchema: toErrorSchema<Payload>(errors) };
    if (typeof customValidate !== 'function') return result;
    // As rjsf's own validators do: custom checks see the data with defaults filled in.
    const full = getDefaultFormState<Payload, RJSFSchema>(this, schema, formData, schema, true) as Payload;
    const handler = customValidate(full, createErrorHandler<Payload>(full), uiSchema, result.errorSchema);
    return validationDataMerge<Payload>(result, unwrapErrorHandler<Payload>(handler));
  }

  /** Used by rjsf to choose `if`/`then` branches and `oneOf` options while rendering; a broken schema is never valid. */
  isValid(schema: RJSFSchema, formData: Payload | undefined, rootSchema: RJSFSchema): boolean {
    try {
      return this.validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }

  reset(): void {
    this.compiled = new WeakMap();
  }
}

export const stepValidator = new CfworkerValidator();
