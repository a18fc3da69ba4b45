/**
 * The preparation every tender-family package passes since issue 13 (workflows/definitions/preparation.ts): the head
 * of the UKPBJ assigns the Pokja, a member records the Reviu DPP as "sesuai", the PPK co-signs, and the package waits
 * at its announcement. Three levels, for the three kinds of tests that drive tenders from their start:
 *
 * - `preparePure`: on a PackageProcess (engine tests, no Temporal);
 * - `prepareHandle`: on a running workflow through a Temporal client handle (scenarios, durability);
 * - `prepareHttp`: through the API as the demo users (ukpbj.ratna assigns sari, agus and dewi).
 */
import type { PackageProcess, PackageView } from '../../domain/process/engine';
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { PREPARATION_START } from '../../workflows/definitions/preparation';
import { packageState, performStep } from '../../workflows/package-process';

const PREPARATION_NODES = ['officer_assignment', 'dpp_review', 'dpp_review_minutes', 'dpp_review_result', 'dpp_revision'];
import type { PackageHandle } from './tender-driver';

export const KEPALA_UKPBJ: ActorRef = { id: 'ukpbj-1', name: 'Kepala UKPBJ', roles: ['kepala_ukpbj'], org: 'ukpbj' };
export const DEFAULT_MEMBERS = ['pokja-1', 'pokja-2', 'pokja-3'];
export const DEMO_HEAD = 'ukpbj.ratna';
export const DEMO_MEMBERS = ['pokja.sari', 'pokja.agus', 'pokja.dewi'];

export const ASSIGNMENT_LETTER = '800/001/UKPBJ/2026';
export const REVIEW_SESUAI = { result: 'sesuai', notes: 'Spesifikasi teknis, HPS dan rancangan kontrak sesuai dan dapat dipakai.' };

/** Whether a package on this input starts with the preparation. */
export const startsWithPreparation = (input: Pick<PackageInput, 'definition'>) => input.definition.start === PREPARATION_START;

/** The head and members a preparation of this input uses: its own assignments when given, else the defaults. */
export function preparationActors(input: Pick<PackageInput, 'assignments'>): { head: ActorRef; members: string[]; ppk: ActorRef } {
  const headId = input.assignments.kepala_ukpbj?.[0] ?? KEPALA_UKPBJ.id;
  const members = input.assignments.pokja?.length ? input.assignments.pokja : DEFAULT_MEMBERS;
  const ppkId = input.assignments.ppk?.[0] ?? 'ppk-1';
  return {
    head: { ...KEPALA_UKPBJ, id: headId },
    members,
    ppk: { id: ppkId, name: ppkId, roles: ['ppk'], org: 'dinas' },
  };
}

/** An input with a kepala_ukpbj assigned (tests written before issue 13 name the Pokja but not the head). */
export function withHead<T extends Pick<PackageInput, 'assignments'>>(input: T, head = KEPALA_UKPBJ.id): T {
  return input.assignments.kepala_ukpbj ? input : { ...input, assignments: { ...input.assignments, kepala_ukpbj: [head] } };
}

const member = (id: string): ActorRef => ({ id, name: id, roles: ['pokja'], org: 'ukpbj' });

/** The three steps, in order, as commands. */
export function preparationSteps(input: Pick<PackageInput, 'assignments'>): { action: string; actor: ActorRef; payload: Record<string, unknown> }[] {
  const { head, members, ppk } = preparationActors(input);
  return [
    { action: 'assign_officers', actor: head, payload: { letterNumber: ASSIGNMENT_LETTER, members } },
    { action: 'review_dpp', actor: member(members[0]!), payload: REVIEW_SESUAI },
    { action: 'cosign_dpp_review', actor: ppk, payload: {} },
  ];
}

/** Engine level: performs the preparation on a PackageProcess at `now` (1 minute apart); returns the time after. */
export function preparePure(p: PackageProcess, input: Pick<PackageInput, 'assignments'>, now: number): number {
  let t = now;
  for (const s of preparationSteps(input)) {
    t += 60_000;
    p.perform({ action: s.action, actor: s.actor, payload: s.payload }, t);
  }
  completeMinutes(p, t);
  return t;
}

/**
 * Engine level, for tests that start at the announcement: a package created an hour before `at` and prepared
 * (preparePure), so the steps the test performs from `at` on come after the co-signature.
 */
export function preparedProcess<P extends PackageProcess>(Process: new (input: PackageInput, now: number) => P, input: PackageInput, at: number): P {
  const p = new Process(input, at - 3_600_000);
  if (startsWithPreparation(input)) preparePure(p, input, at - 3_600_000);
  if (PREPARATION_NODES.includes(p.state.current.node)) throw new Error(`${input.packageId} stayed in ${p.state.current.node} after its preparation`);
  return p;
}

/** Without Temporal nobody runs the BA Hasil Reviu DPP service: its result is given here (a stand-in reference). */
export function completeMinutes(p: PackageProcess, now: number): void {
  if (p.state.current.node !== 'dpp_review_minutes') return;
  const round = (p.state.data.dppReview as { round?: number } | undefined)?.round ?? 1;
  p.completeService(
    'dpp_review_minutes',
    { documentId: `doc-ba-reviu-dpp-${round}`, kind: 'ba_reviu_dpp', revision: round, sha256: '0'.repeat(64), size: 1, fileName: 'ba.pdf' },
    now,
  );
}

/** Workflow level: performs the preparation through a Temporal handle; returns the view after the co-signature. */
export async function prepareHandle(handle: PackageHandle, input: Pick<PackageInput, 'assignments' | 'definition'>): Promise<PackageView> {
  if (!startsWithPreparation(input)) return handle.query(packageState);
  for (const s of preparationSteps(input)) {
    await handle.executeUpdate(performStep, { args: [s] }).catch((e: unknown) => {
      const cause = (e as { cause?: { message?: string; details?: unknown } }).cause;
      throw new Error(`preparation step ${s.action} by ${s.actor.id} refused: ${cause?.message ?? String(e)} ${JSON.stringify(cause?.details ?? '')}`);
    });
  }
  // The BA Hasil Reviu DPP is an activity: wait until the package has left the preparation (its announcement).
  for (let i = 0; ; i++) {
    const view = await handle.query(packageState);
    if (!PREPARATION_NODES.includes(view.stage.id)) return view;
    if (i > 600) throw new Error(`the package stayed in ${view.stage.id} after its preparation`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What prepareHttp needs of an HTTP session factory (tests/support/tender-http-driver.ts `Api`). */
export interface HttpActors {
  as(user: string): { do(id: string, taskId: string, payload?: Record<string, unknown>): Promise<unknown> };
}

/** HTTP level: the demo head assigns the demo Pokja, the first member reviews, the PPK co-signs. */
export async function prepareHttp(a: HttpActors, packageId: string, o: { head?: string; members?: string[]; ppk?: string } = {}): Promise<void> {
  const members = o.members ?? DEMO_MEMBERS;
  await a.as(o.head ?? DEMO_HEAD).do(packageId, 'assign_officers', { letterNumber: ASSIGNMENT_LETTER, members });
  await a.as(members[0]!).do(packageId, 'review_dpp', REVIEW_SESUAI);
  await a.as(o.ppk ?? 'ppk.budi').do(packageId, 'cosign_dpp_review', {});
}

/** A POST as a demo user, answering status and body (auth-stack's `request`, bid-stack's `call`). */
export type PostAs = (as: string, path: string, body: unknown) => Promise<{ status: number; body: any }>;

/**
 * The preparation over raw HTTP for the stacks (auth-stack, bid-stack): when the created package waits for its
 * officers' assignment, the demo head assigns the demo Pokja, the Reviu DPP is recorded and co-signed. Throws with
 * the refused answer.
 */
export async function prepareCreated(post: PostAs, packageId: string, stageId: string | undefined, members = DEMO_MEMBERS): Promise<void> {
  if (stageId !== PREPARATION_START) return;
  for (const s of [
    { as: DEMO_HEAD, action: 'assign_officers', payload: { letterNumber: ASSIGNMENT_LETTER, members } },
    { as: members[0]!, action: 'review_dpp', payload: REVIEW_SESUAI },
    { as: 'ppk.budi', action: 'cosign_dpp_review', payload: {} },
  ]) {
    const res = await post(s.as, `/api/packages/${packageId}/tasks/${s.action}`, { payload: s.payload });
    if (res.status !== 200) throw new Error(`preparation ${s.action} by ${s.as} → ${res.status}: ${JSON.stringify(res.body)}`);
  }
}
