/**
 * Conflict of interest in the data itself (Perpres 16/2018 Pasal 7):
 * - a vendor account holds no other role (the same rule as conflictingRoles() in api/auth/roles.ts, which the token
 *   verifier applies), so no seed, import or hand-written UPDATE can create one;
 * - vendor profiles (NPWP, directors with their NIK) let the Pokja see bidders of one package that share a tax number
 *   or a director (domain/integrity/vendor-links.ts). NPWP and NIK are personal data: stored as digits only, answered
 *   masked to their last 4 digits.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // `roles <@ {penyedia}` also accepts a duplicated 'penyedia'; any other role next to it fails.
  await knex.raw(`
    alter table users add constraint users_penyedia_no_other_role
      check (not ('penyedia' = any (roles)) or roles <@ array['penyedia']::text[])
  `);

  await knex.schema.createTable('vendor_profiles', (t) => {
    t.string('user_id', 128).primary().references('users.id').onDelete('CASCADE');
    // 15 digits (old format) or 16 (NIK-based, PMK 112/2022); the comparison pads the old one with a leading 0.
    t.string('npwp', 16).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['npwp']);
  });
  await knex.raw(`alter table vendor_profiles add constraint vendor_profiles_npwp_digits check (npwp ~ '^[0-9]{15,16}$')`);

  await knex.schema.createTable('vendor_directors', (t) => {
    t.string('user_id', 128).notNullable().references('vendor_profiles.user_id').onDelete('CASCADE');
    t.string('name', 300).notNullable(); // as written in the deed (akta); normalised when compared, not when stored
    t.string('nik', 16); // optional: a director named without a NIK is still compared by name
    t.primary(['user_id', 'name']);
    t.index(['nik']);
  });
  await knex.raw(`alter table vendor_directors add constraint vendor_directors_nik_digits check (nik is null or nik ~ '^[0-9]{16}$')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('vendor_directors');
  await knex.schema.dropTableIfExists('vendor_profiles');
  await knex.raw('alter table users drop constraint if exists users_penyedia_no_other_role');
}
