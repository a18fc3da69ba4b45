/** Building blocks shared by the process definitions: closed payload schemas, guards and cancellation. */
import type { ActionDef, InterruptDef, PatchStamp, Role } from '../../domain/process/definition';

/** A closed payload schema: unknown fields are refused. */
export const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});

export const withNote = closed({ note: { type: 'string', maxLength: 2000 } });

/** Who answered a question and when, on the question itself (versions before issue 16: `answer_questionBy`/`At`). */
export const ANSWER_STAMP: PatchStamp = { by: 'answeredBy', at: 'answeredAt' };

/** A required reason of 10 to 4000 characters (cancelling, refusing, returning, proposing). */
export const withReason = closed({ reason: { type: 'string', minLength: 10, maxLength: 4000 } }, ['reason']);

/** An action of the Pokja that records its payload (a note unless given) at `path`. */
export const pokjaAction = (id: string, name: string, path: string, payload: Record<string, unknown> = withNote): ActionDef => ({
  id,
  name,
  performers: [{ role: 'pokja' }],
  payload,
  effect: { kind: 'set', path },
});

/**
 * A bid's document, sent inside a sealed bid: encrypted with it on arrival and decrypted only after the opening (the
 * package then keeps its name, size and SHA-256; the bytes stay in sealed_bids). Small files only: the API body limit
 * is 100 kB, so real tender files would go through a separate encrypted upload.
 */
export const bidDocument = closed(
  {
    fileName: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' },
    mediaType: { type: 'string', enum: ['application/pdf', 'text/plain', 'application/zip'] },
    contentBase64: { type: 'string', minLength: 4, maxLength: 65536, pattern: '^[A-Za-z0-9+/]+={0,2}$' },
  },
  ['fileName', 'mediaType', 'contentBase64'],
);

/**
 * A Pokja's verdict per vendor: `{results: [{vendorId, ...fields}]}` with 1–500 entries (evaluation, prequalification,
 * price clarification). `fields` are listed in the order the stored definitions show them, `note` included.
 */
export const perVendorResults = (fields: Record<string, unknown>, required: string[]) =>
  closed(
    {
      results: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: closed({ vendorId: { type: 'string', maxLength: 128 }, ...fields }, ['vendorId', ...required]),
      },
    },
    ['results'],
  );

/** The Pokja's note on one vendor's verdict (`note`, as every note in a payload; `catatan` before issue 16). */
export const note = { type: 'string', maxLength: 2000 };

/** Integer rupiah (money is never a float). */
export const rupiah = (description: string) => ({ type: 'integer', minimum: 1, maximum: 1e15, description });

/** The acting vendor registered for this package (an item of data.registrations written by upsertByActor). */
export const registered = {
  when: { op: 'someItem' as const, path: 'registrations', field: 'by', right: { path: '$actor.id' } },
  code: 'not_registered',
  message: 'Penyedia belum mendaftar pada paket ini.',
  status: 403 as const,
};

/**
 * Cancellation (batal) with a reason, by the given officers, at any stage except those listed (contract signing and
 * later). Open windows close and timers stop because the package ends.
 */
export function cancelInterrupt(notAt: string[], roles: Role[] = ['ppk', 'pa_kpa'], to = 'cancelled'): InterruptDef {
  const action: ActionDef = {
    id: 'cancel',
    name: 'Batalkan Paket',
    performers: roles.map((role) => ({ role })),
    payload: withReason,
    effect: { kind: 'set', path: 'cancellation' },
  };
  return { action, notAt, to };
}

/**
 * A Pokja member's vote on a collegial decision (ActionDef.collegial) another member proposed in this stage: the
 * decision takes effect once a majority of the assigned members agreed (SPSE's persetujuan anggota Pokja).
 */
export const voteAction = (decisions: string[]): ActionDef => ({
  id: 'vote_decision',
  name: 'Setujui atau Tolak Usulan Keputusan Pokja',
  performers: [{ role: 'pokja' }],
  payload: closed(
    {
      action: { enum: decisions, description: 'Langkah yang diusulkan anggota Pokja lain' },
      agree: { type: 'boolean', description: 'true: setuju; false: tidak setuju' },
      note: { type: 'string', maxLength: 2000 },
    },
    ['action', 'agree'],
  ),
  effect: { kind: 'vote' },
});

/** The same Pokja action, taken collegially: a proposal that a majority of the members must approve. */
export const collegial = (action: ActionDef): ActionDef => ({ ...action, collegial: true });
