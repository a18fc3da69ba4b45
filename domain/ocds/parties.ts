/**
 * Who appears in a package's releases, as organisations only: the OPD as buyer, the UKPBJ (Pokja) or the Pejabat
 * Pengadaan's unit as procuring entity, providers as tenderers and suppliers. Officers and vendor staff are never named;
 * an account is published as the organisation it belongs to (users.org_id), never by its own name or id.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from './merge';
import { ROLE_ORDER, type PartyRole, slug } from './codes';
import type { OcdsOrg, OcdsPackageSource } from './source';

export interface PartyRef {
  id: string;
  name: string;
}

export function buyerOf(src: OcdsPackageSource): PartyRef {
  return { id: `opd-${slug(src.facts.opd)}`, name: src.facts.opd };
}

/**
 * An account as the organisation that holds it. Every user row has an organisation; an account missing from the
 * users table (a test fixture, an external identity not provisioned yet) gets an opaque id, so its name never leaks.
 */
export function orgOfAccount(src: Pick<OcdsPackageSource, 'orgs'>, userId: string): PartyRef {
  const org: OcdsOrg | undefined = src.orgs[userId];
  if (org) return { id: org.id, name: org.name };
  const opaque = createHash('sha256').update(userId).digest('hex').slice(0, 12);
  return { id: `penyedia-${opaque}`, name: 'Penyedia (organisasi tidak tercatat)' };
}

/**
 * The procuring entity: the organisation of the Pokja (UKPBJ) or, without one, of the Pejabat Pengadaan. When neither
 * is known (swakelola, or accounts without an organisation) the buyer procures itself.
 */
export function procuringEntityOf(src: OcdsPackageSource): PartyRef {
  for (const role of ['pokja', 'pejabat_pengadaan'] as const) {
    const user = src.assignments[role]?.find((u) => src.orgs[u]);
    if (user) return orgOfAccount(src, user);
  }
  return buyerOf(src);
}

/** Collects parties by id with their roles; `list()` gives them in a stable order with roles in codelist order. */
export class PartyList {
  private readonly byId = new Map<string, { ref: PartyRef; roles: Set<PartyRole> }>();

  add(ref: PartyRef, role: PartyRole): PartyRef {
    const entry = this.byId.get(ref.id) ?? { ref, roles: new Set<PartyRole>() };
    entry.roles.add(role);
    this.byId.set(ref.id, entry);
    return { id: entry.ref.id, name: entry.ref.name };
  }

  list(): JsonObject[] {
    return [...this.byId.values()].map(({ ref, roles }) => ({
      id: ref.id,
      name: ref.name,
      roles: ROLE_ORDER.filter((r) => roles.has(r)),
    }));
  }
}
