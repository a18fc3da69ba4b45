/** The vendors taking part in a package and their profiles (NPWP, directors), for the bidder-links check. */
import type { Knex } from 'knex';
import type { VendorProfile } from '../../domain/integrity/vendor-links';

export interface Bidder {
  vendorId: string;
  name: string | null;
  org: string | null;
  profile: VendorProfile | null;
}

/**
 * Every vendor who acted on the package as a penyedia (registered, asked, bid, was invited), from its events: the
 * read model keeps who acted in which role, so no sealed bid content is needed to know who took part.
 */
export async function biddersOf(db: Knex, packageId: string): Promise<Bidder[]> {
  const ids = (
    await db('package_events').where({ package_id: packageId, actor_role: 'penyedia' }).whereNotNull('actor_id').distinct('actor_id').orderBy('actor_id')
  ).map((r) => r.actor_id as string);
  if (!ids.length) return [];
  const [users, profiles, directors] = await Promise.all([
    db('users').whereIn('id', ids).select('id', 'name', 'org_id'),
    db('vendor_profiles').whereIn('user_id', ids).select('user_id', 'npwp'),
    db('vendor_directors').whereIn('user_id', ids).orderBy(['user_id', 'name']).select('user_id', 'name', 'nik'),
  ]);
  const userOf = new Map(users.map((u) => [u.id, u]));
  const npwpOf = new Map(profiles.map((p) => [p.user_id, p.npwp]));
  return ids.map((id) => ({
    vendorId: id,
    name: userOf.get(id)?.name ?? null,
    org: userOf.get(id)?.org_id ?? null,
    profile: npwpOf.has(id)
      ? {
          vendorId: id,
          npwp: npwpOf.get(id)!,
          directors: directors.filter((d) => d.user_id === id).map((d) => ({ name: d.name, nik: d.nik })),
        }
      : null,
  }));
}
