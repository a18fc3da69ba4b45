/**
 * The second Pokja vote the HTTP test stacks add after a collegial step (issue 13 point 3: a Pokja decision takes
 * effect once a majority of the assigned members agreed): when `POST …/tasks/<action>` answered 200 and left the
 * caller's own proposal waiting, the next member still to vote (the vote step's assignees) agrees. Tests of the
 * one-member refusal itself call the API directly (tests/collegial-*.test.ts).
 */
const STEP_PATH = /^(\/api\/packages\/[^/?]+(?:\/contract)?)\/tasks\/([^/?]+)$/;

export interface PendingVote {
  voter: string;
  path: string;
  body: { payload: { action: string; agree: true } };
}

export function pendingVote(method: string, path: string, status: number, live: any, callerId: string | undefined): PendingVote | undefined {
  const m = method.toUpperCase() === 'POST' && status === 200 ? STEP_PATH.exec(path) : null;
  if (!m || !callerId || m[2] === 'vote_decision') return undefined;
  const action = decodeURIComponent(m[2]!);
  const proposal = live?.data?.proposals?.[action] as { by?: string } | undefined;
  if (!proposal || proposal.by !== callerId) return undefined;
  const voters = ((live.openActions ?? []) as { id: string; assignees?: string[] }[]).find((a) => a.id === 'vote_decision')?.assignees ?? [];
  const voter = voters.find((v) => v !== callerId);
  return voter ? { voter, path: `${m[1]}/tasks/vote_decision`, body: { payload: { action, agree: true } } } : undefined;
}
