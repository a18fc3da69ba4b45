/**
 * Sealed bids in state-machine tests (no database, no keys): a STAND-IN for the API's sealing and for the
 * `unsealBids` service. `SealingPackageProcess` is the real engine; a step of a sealed-envelope action has its
 * content validated like the API does, kept in memory under a fresh bid id, and sent to the engine as the envelope
 * `{sealedBid: {id, commitment}}` with the real commitment function; when the package reaches an `unsealBids` stage,
 * the stand-in puts the kept content back in place of each envelope (checking the commitment) and completes it. The
 * real encryption, storage and verification are covered by tests/sealed-bids.test.ts and the workflow tests.
 */
import { Validator } from '@cfworker/json-schema';
import { randomUUID } from 'node:crypto';
import { actionsOf } from '../../domain/process/definition';
import { PackageProcess, type StepCommand } from '../../domain/process/engine';
import { StepRefused } from '../../domain/process/errors';
import { getPath } from '../../domain/process/predicate';
import { commitmentOf } from '../../domain/sealing/commitment';

const kept = new Map<string, { content: Record<string, unknown>; commitment: string }>();
const NONCE = 'state-machine-stand-in';

/** The stand-in `unsealBids`: the real service's result shape, from the kept content. */
export function standInUnseal(data: Record<string, unknown>, args: Record<string, unknown>) {
  const held = (getPath(data, String(args.list)) ?? []) as { by: string; at: number; sealedBid?: { id: string; commitment: string } }[];
  const onlyPath = typeof args.onlyVendorsIn === 'string' ? args.onlyVendorsIn : undefined;
  const only = onlyPath
    ? new Set(((getPath(data, onlyPath) ?? []) as unknown[]).map((x) => (typeof x === 'string' ? x : String((x as { vendorId: string }).vendorId))))
    : undefined;
  const bids: unknown[] = [];
  const rejected: unknown[] = [];
  let opened = 0;
  for (const h of held) {
    if (!h.sealedBid || (only && !only.has(h.by))) {
      bids.push(h);
      continue;
    }
    const k = kept.get(h.sealedBid.id);
    if (k && k.commitment === h.sealedBid.commitment) {
      bids.push({ ...k.content, by: h.by, at: h.at, bidId: h.sealedBid.id, commitment: k.commitment });
      opened += 1;
    } else rejected.push({ vendorId: h.by, bidId: h.sealedBid.id, commitment: h.sealedBid.commitment, reason: k ? 'commitment_mismatch' : 'not_found' });
  }
  return { bids, opened, rejected };
}

function validateContent(action: string, schema: unknown, content: unknown): void {
  const r = new Validator(schema as never, '2020-12', false).validate(content);
  if (!r.valid) throw new StepRefused(422, 'invalid_payload', `Isian untuk '${action}' tidak valid.`, { errors: r.errors.map((e) => e.error) });
}

export class SealingPackageProcess extends PackageProcess {
  override perform(cmd: StepCommand, now: number): void {
    const a = this.envelopeAction(cmd.action);
    const given = (cmd.payload ?? {}) as Record<string, unknown>;
    const payload = a && given.sealedBid === undefined ? this.seal(cmd, a.payload) : cmd.payload;
    super.perform({ ...cmd, payload }, now);
    this.unsealPending(now);
    // A collegial Pokja step became a proposal: a second assigned member agrees so the decision takes effect (2 of 3),
    // as the other drivers do. Tests of the collegial rule itself use the engine's PackageProcess directly.
    const view = this.view();
    const proposal = (view.data.proposals as Record<string, { by: string; votes: { by: string }[] }> | undefined)?.[cmd.action];
    if (proposal && proposal.by === cmd.actor.id) {
      const voted = new Set([proposal.by, ...proposal.votes.map((v) => v.by)]);
      const other = (view.assignments.pokja ?? []).find((id) => !voted.has(id));
      if (other)
        this.perform(
          { action: 'vote_decision', actor: { id: other, name: other, roles: ['pokja'], org: cmd.actor.org }, payload: { action: cmd.action, agree: true } },
          now,
        );
    }
  }

  /** A check of a sealed step validates the content as the API would, then checks the step with an envelope. */
  override check(cmd: StepCommand, now: number): ReturnType<PackageProcess['check']> {
    const a = this.envelopeAction(cmd.action);
    const given = (cmd.payload ?? {}) as Record<string, unknown>;
    if (!a || given.sealedBid !== undefined) return super.check(cmd, now);
    validateContent(cmd.action, a.payload, given);
    return super.check({ ...cmd, payload: { sealedBid: { id: '00000000-0000-0000-0000-000000000000', commitment: '0'.repeat(64) } } }, now);
  }

  override onTimer(now: number): boolean {
    const changed = super.onTimer(now);
    this.unsealPending(now);
    return changed;
  }

  override completeService(node: string, result: unknown, now: number): void {
    super.completeService(node, result, now);
    this.unsealPending(now);
  }

  private envelopeAction(id: string) {
    return this.input.definition.nodes.flatMap((n) => actionsOf(n)).find((x) => x.id === id && x.envelope);
  }

  private seal(cmd: StepCommand, schema: unknown): Record<string, unknown> {
    const content = (cmd.payload ?? {}) as Record<string, unknown>;
    validateContent(cmd.action, schema, content);
    const id = randomUUID();
    const commitment = commitmentOf({ packageId: this.input.packageId, action: cmd.action, vendorId: cmd.actor.id, content, nonce: NONCE });
    kept.set(id, { content, commitment });
    return { sealedBid: { id, commitment } };
  }

  private unsealPending(now: number): void {
    for (let s = this.pendingService(); s?.service === 'unsealBids'; s = this.pendingService()) {
      super.completeService(s.node, standInUnseal(this.state.data, s.args), now);
    }
  }
}
