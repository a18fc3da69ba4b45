/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The form part of a step: rjsf renders the action's JSON Schema with the hints of ui-schema.ts, validates it with the
 * server's own validator (validator.ts, @cfworker/json-schema; Indonesian messages), and shows the server's refusals
 * at their fields (`extraErrors`). No network here, so it
 * renders on the server in tests (tests/console-forms.test.ts) exactly as in the browser.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { ReactNode } from 'react';
import type { DocumentRef, Participant } from './context';
import { transformErrors, translateString } from './messages';
import { displaySchema } from './ui-schema';
import { buttonTemplates, ObjectFieldTemplate } from './templates';
import { stepValidator } from './validator';
import { ChoiceWidget, DocumentFileField, DocumentHashWidget, FlagWidget, HashedFileField, MoneyWidget, VerdictWidget } from './widgets';

export type Payload = Record<string, unknown>;

/** What custom widgets read from the form (the document a hash field refers to). */
export interface StepFormContext {
  document?: DocumentRef;
  participants?: Participant[];
}

export interface StepFormProps {
  schema: Record<string, unknown>;
  uiSchema: UiSchema;
  formData: Payload;
  /** Prefix of every control's id; unique per form on the page. */
  idPrefix: string;
  formContext?: StepFormContext;
  onChange?: (data: Payload) => void;
  onSubmit?: (data: Payload) => void;
  disabled?: boolean;
  /** The server's refusal, placed at its fields. */
  extraErrors?: ErrorSchema;
  /** The submit button(s). */
  children?: ReactNode;
}

const widgets = { money: MoneyWidget, choice: ChoiceWidget, documentHash: DocumentHashWidget, flag: FlagWidget, verdict: VerdictWidget };
const fields = { documentFile: DocumentFileField, hashedFile: HashedFileField };
const templates = { ButtonTemplates: buttonTemplates, ObjectFieldTemplate };

/** Drops undefined members (cleared inputs), so the payload holds only what the user filled. */
export function prunePayload<T>(v: T): T {
  if (Array.isArray(v)) return v.map(prunePayload) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, prunePayload(x)]),
    ) as T;
  }
  return v;
}

const ignoreErrors = () => undefined;

export function StepForm(p: StepFormProps) {
  return (
    <Form<Payload, RJSFSchema, StepFormContext>
      schema={displaySchema(p.schema)}
      uiSchema={{ ...p.uiSchema, 'ui:submitButtonOptions': { norender: true } }}
      formData={p.formData}
      formContext={p.formContext ?? {}}
      validator={stepValidator}
      widgets={widgets}
      fields={fields}
      templates={templates}
      idPrefix={p.idPrefix}
      id={`${p.idPrefix}-form`}
      className="step-form"
      transformErrors={transformErrors}
      translateString={translateString}
      extraErrors={p.extraErrors}
      showErrorList="top"
      noHtml5Validate
      focusOnFirstError
      disabled={p.disabled}
      experimental_defaultFormStateBehavior={{
        arrayMinItems: { populate: 'requiredOnly' },
        emptyObjectFields: 'skipEmptyDefaults',
        requiredBooleanDefault: 'skip',
      }}
      onChange={(e: IChangeEvent<Payload>) => p.onChange?.(e.formData ?? {})}
      onSubmit={(e: IChangeEvent<Payload>) => p.onSubmit?.(prunePayload(e.formData ?? {}))}
      // The form shows its own errors (list at the top, each at its field, focus on the first); without a handler rjsf
      // would also log "Form validation failed" to the console, which is no error of the page.
      onError={ignoreErrors}
    >
      {p.children ?? <></>}
    </Form>
  );
}
