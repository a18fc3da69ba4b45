/** @jsxRuntime automatic @jsxImportSource react */
/**
 * One open step of the signed-in user, as a form generated from its JSON Schema (`myActions[].schema`): a section
 * `#aksi-{id}` (the inbox links there) with the step's name and due or closing time, the form, and one submit button.
 * One Idempotency-Key per attempt, so a double click is one step; the button is disabled while the step is sent. A
 * refusal shows the server's message at its field or at the top and the package is read again (nothing changed);
 * an accepted step re-reads the package and says so, with the receipt of a sealed bid. Either outcome is also given
 * to the page (`onOutcome`), which keeps it on screen when the re-read package no longer offers the step, and gives
 * it back (`recent`) when the step's form is drawn again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { ApiFailure } from '../api/client';
import { saveReceipt } from '../bids/receipts';
import type { ApiErrorBody } from '../i18n/errors';
import { formatTimeLeft, formatWib } from '../i18n/format';
import { currentDocument, type StepContext } from './context';
import type { JsonSchemaNode } from './schema-walk';
import { fieldErrors, toErrorSchema } from './server-errors';
import { type Payload, StepForm } from './StepForm';
import { type StepRefused, StepRefusal } from './StepRefusal';
import { type StepOutcome, StepResult } from './StepResult';
import { postStep, type StepAnswer } from './submit';
import { buildUiSchema, initialData } from './ui-schema';

/** An entry of `myActions` on GET /api/packages/{id} (and …/contract). */
export interface MyAction {
  id: string;
  name: string;
  stageId: string;
  stageName: string;
  target: 'package' | 'contract';
  schema: Record<string, unknown>;
  sealed: boolean;
  dueAt: string | null;
  closesAt: string | null;
}

/** The last answer the server gave to one step of this user: accepted (with its receipt) or refused (and why). */
export type StepLast = { kind: 'done'; outcome: StepOutcome } | { kind: 'refused'; refused: StepRefused };

export interface ActionFormProps {
  packageId: string;
  action: MyAction;
  context: StepContext;
  /** Called after the server accepted the step (the page may keep the outcome once the step is no longer open). */
  onDone?: (outcome: StepOutcome, answer: StepAnswer) => void;
  /** Called with every answer of the server, accepted or refused. */
  onOutcome?: (last: StepLast) => void;
  /** The step's last answer kept by the page, shown again when this form is drawn anew. */
  recent?: StepLast;
  packageTitle?: string;
  /** Heading level of the step's name (the page's sections are h2). */
  headingLevel?: 2 | 3;
}

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

function Deadline({ action }: { action: MyAction }) {
  const at = action.closesAt ?? action.dueAt;
  if (!at) return null;
  const left = formatTimeLeft(at);
  return (
    <p className="deadline">
      {action.closesAt ? 'Ditutup' : 'Batas waktu'}: <strong>{formatWib(at)}</strong>{' '}
      <span className={`status ${left.overdue ? 'overdue' : ''}`}>{left.overdue ? `Terlambat: ${left.text.replace(/^terlambat /, '')}` : left.text}</span>
    </p>
  );
}

export function ActionForm({ packageId, action, context, onDone, onOutcome, recent, packageTitle, headingLevel = 3 }: ActionFormProps) {
  const queryClient = useQueryClient();
  const schema = action.schema as JsonSchemaNode;
  const uiSchema = useMemo(() => buildUiSchema(schema, context), [schema, context]);
  const start = useMemo(() => initialData(schema, context), [schema, context]);
  const [formData, setFormData] = useState<Payload>(start);
  const [last, setLast] = useState<StepLast | null>(recent ?? null);
  const refusal = last?.kind === 'refused' ? last.refused : null;
  const outcome = last?.kind === 'done' ? last.outcome : null;
  // One key per attempt: kept across a network failure (the retry is the same step), renewed once the server answered.
  const key = useRef(newKey());
  const headingId = `aksi-${action.id}-judul`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const send = useMutation({
    mutationFn: (payload: Payload) => postStep(packageId, action, payload, key.current),
    onSuccess: (answer, payload) => {
      key.current = newKey();
      const receipt = answer.receipt;
      const kept = receipt ? saveReceipt(packageId, receipt, payload, { step: action.id, packageTitle }) : undefined;
      const o: StepOutcome = { actionId: action.id, actionName: action.name, at: new Date().toISOString(), payload, ...(receipt ? { receipt, kept } : {}) };
      setLast({ kind: 'done', outcome: o });
      setFormData(initialData(schema, context));
      onOutcome?.({ kind: 'done', outcome: o });
      onDone?.(o, answer);
      void queryClient.invalidateQueries();
    },
    onError: (e) => {
      const body: ApiErrorBody = e instanceof ApiFailure ? e.error : { code: 'network_error', message: 'Tidak dapat menghubungi server.' };
      if (!(e instanceof ApiFailure) || e.status !== 0) key.current = newKey();
      const refused: StepLast = { kind: 'refused', refused: { actionId: action.id, actionName: action.name, at: new Date().toISOString(), error: body } };
      setLast(refused);
      onOutcome?.(refused);
      // A refused step changed nothing; the state is read again so the page shows where the package really is.
      void queryClient.invalidateQueries();
    },
  });

  const fields = refusal ? fieldErrors(refusal.error) : {};
  const extraErrors = Object.keys(fields).length ? toErrorSchema(fields) : undefined;
  const document = currentDocument(context);

  return (
    <section id={`aksi-${action.id}`} className="card action" aria-labelledby={headingId} tabIndex={-1}>
      <Heading id={headingId}>{action.name}</Heading>
      <p className="muted">Tahap: {action.stageName}</p>
      <Deadline action={action} />
      {action.sealed && (
        <p className="alert info">
          Isian ini <strong>disegel</strong>: dienkripsi saat diterima server dan tidak dapat dibaca siapa pun, termasuk Pokja, sampai pembukaan penawaran.
          Setelah dikirim Anda menerima tanda terima (id penawaran, komitmen, waktu).
        </p>
      )}
      {refusal && <StepRefusal refused={refusal} />}
      {outcome && <StepResult packageId={packageId} outcome={outcome} packageTitle={packageTitle} />}
      <StepForm
        schema={action.schema}
        uiSchema={uiSchema}
        formData={formData}
        idPrefix={`aksi-${action.id}`}
        formContext={{ document, participants: context.participants }}
        onChange={setFormData}
        onSubmit={(payload) => {
          if (!send.isPending) send.mutate(payload);
        }}
        disabled={send.isPending}
        extraErrors={extraErrors}
      >
        <div className="form-actions">
          {/* The button says the step (action names are imperatives: "Umumkan Tender", "Tanda Tangani Kontrak"). */}
          <button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Mengirim…' : action.sealed ? `${action.name} (tersegel)` : action.name}
          </button>
        </div>
      </StepForm>
    </section>
  );
}
