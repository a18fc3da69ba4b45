/**
 * The officers a fixture names (ppk-1, pa-1, ukpbj-1, pokja-1…) as users of the test database, with the roles the
 * fixture gives them. A follow-up package (re-tender, Penunjukan Langsung) starts through the same checks as a create
 * (activities/start-package.ts), which refuse an officer who is not an active user holding that role; a scenario that
 * reaches a follow-up needs its officers to exist, as they would in production. Idempotent; users already there (the
 * same fixture ids another file inserted) are left as they are.
 */
import type { Knex } from 'knex';
import type { PackageInput } from '../../domain/process/state';
import { preparationActors } from './preparation';

const ORG = 'org-fixture-officers';

export async function fixtureOfficersAreUsers(db: Knex, inputs: Pick<PackageInput, 'assignments'>[]): Promise<void> {
  const roles = new Map<string, Set<string>>();
  const add = (id: string, role: string) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
  for (const input of inputs) {
    for (const [role, ids] of Object.entries(input.assignments)) for (const id of ids ?? []) add(id, role);
    // The head and members the preparation assigns (tests/support/preparation.ts), carried by a follow-up.
    const { head, members } = preparationActors(input);
    add(head.id, 'kepala_ukpbj');
    for (const id of members) add(id, 'pokja');
  }
  if (!roles.size) return;
  await db('organisations').insert({ id: ORG, name: 'Organisasi Pejabat Uji', kind: 'opd' }).onConflict('id').ignore();
  await db('users')
    .insert([...roles].map(([id, r]) => ({ id, name: id, roles: [...r].sort(), org_id: ORG })))
    .onConflict('id')
    .ignore();
}
