/**
 * Bidders of one package that are not independent of each other: they share a tax number (NPWP) or a director.
 * Such bidders may be one company bidding twice or colluding companies (persekongkolan, Perpres 16/2018 Pasal 7 and
 * LKPP 12/2021 on indications of collusion), so the Pokja is shown them as flags to examine, not as a verdict.
 *
 * Pure: the caller reads the profiles; this decides what matches and masks the personal data it answers with (only
 * the last 4 digits of an NPWP or NIK ever leave here).
 */

export interface DirectorRecord {
  name: string;
  /** Nomor Induk Kependudukan, 16 digits, when the vendor recorded it. */
  nik?: string | null;
}

export interface VendorProfile {
  vendorId: string;
  /** Digits only, 15 (old format) or 16. */
  npwp: string | null;
  directors: DirectorRecord[];
}

export type SharedItem =
  { kind: 'npwp'; npwp: string; vendors: string[] } | { kind: 'director'; name: string; nik: string | null; matchedBy: 'nik' | 'name'; vendors: string[] };

export interface LinkGroup {
  /** Bidders linked directly or through one another, sorted. */
  vendors: string[];
  /** What links them: each item is shared by at least two of the group's vendors. */
  shared: SharedItem[];
}

/** Only the last 4 digits are shown; the rest becomes '*', on the 16-digit form so the length says nothing. */
export function maskDigits(digits: string): string {
  const d = digits.length === 15 ? `0${digits}` : digits;
  return `${'*'.repeat(Math.max(0, d.length - 4))}${d.slice(-4)}`;
}

/**
 * A 15-digit NPWP and its 16-digit form (a leading 0 for companies, PMK 112/2022) are one number. Anything that is not
 * 15 or 16 digits after dropping separators is not compared (a blank or garbled number must not link everyone).
 */
export function normaliseNpwp(raw: string | null | undefined): string | null {
  const d = (raw ?? '').replace(/[\s.-]/g, '');
  if (!/^[0-9]{15,16}$/.test(d)) return null;
  return d.length === 15 ? `0${d}` : d;
}

function normaliseNik(raw: string | null | undefined): string | null {
  const d = (raw ?? '').replace(/[\s.-]/g, '');
  return /^[0-9]{16}$/.test(d) ? d : null;
}

// Honorifics and degrees written before a name; degrees after it follow a comma and are cut there.
const PREFIX_TITLES = new Set(['h', 'hj', 'ir', 'dr', 'drs', 'dra', 'prof', 'kh', 'tn', 'ny', 'bapak', 'ibu']);

/**
 * A name as compared: "Ir. H. Ahmad Suryadi, S.T., M.T." and "ahmad  suryadi" are one name. Invisible format
 * characters are dropped (a zero-width space must not split a name), accents folded, case ignored.
 */
export function normaliseName(raw: string): string {
  const base = raw
    .normalize('NFKD')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{M}/gu, '')
    .split(',')[0]!
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (base.length > 1 && PREFIX_TITLES.has(base[0]!)) base.shift();
  return base.join(' ');
}

interface DirectorEntry {
  vendorId: string;
  name: string;
  key: string;
  nik: string | null;
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function npwpShares(profiles: VendorProfile[]): SharedItem[] {
  const byNpwp = new Map<string, string[]>();
  for (const p of profiles) {
    const n = normaliseNpwp(p.npwp);
    if (n) byNpwp.set(n, [...(byNpwp.get(n) ?? []), p.vendorId]);
  }
  return [...byNpwp]
    .map(([npwp, vendors]) => ({ kind: 'npwp' as const, npwp: maskDigits(npwp), vendors: sorted(vendors) }))
    .filter((s) => s.vendors.length > 1);
}

/**
 * One director is the same person in two profiles when their NIKs are equal (whatever the spelling of the name), or
 * when the names are equal and at least one profile gave no NIK. Equal names with two different NIKs are two people.
 */
function directorShares(profiles: VendorProfile[]): SharedItem[] {
  const entries: DirectorEntry[] = profiles.flatMap((p) =>
    p.directors.map((d) => ({ vendorId: p.vendorId, name: d.name.trim(), key: normaliseName(d.name), nik: normaliseNik(d.nik) })).filter((d) => d.key !== ''),
  );
  const withNik = new Map<string, DirectorEntry[]>();
  for (const e of entries.filter((x) => x.nik)) withNik.set(e.nik!, [...(withNik.get(e.nik!) ?? []), e]);
  const withoutNik = entries.filter((x) => !x.nik);

  const shares: SharedItem[] = [];
  const attached = new Set<DirectorEntry>();
  for (const [nik, group] of withNik) {
    const names = new Set(group.map((g) => g.key));
    const byName = withoutNik.filter((x) => names.has(x.key));
    byName.forEach((x) => attached.add(x));
    const all = [...group, ...byName];
    shares.push({
      kind: 'director',
      name: group[0]!.name,
      nik: maskDigits(nik),
      matchedBy: byName.length && new Set(group.map((g) => g.vendorId)).size < 2 ? 'name' : 'nik',
      vendors: sorted(all.map((x) => x.vendorId)),
    });
  }
  const byKey = new Map<string, DirectorEntry[]>();
  for (const e of withoutNik.filter((x) => !attached.has(x))) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  for (const group of byKey.values()) {
    shares.push({ kind: 'director', name: group[0]!.name, nik: null, matchedBy: 'name', vendors: sorted(group.map((x) => x.vendorId)) });
  }
  return shares.filter((s) => s.vendors.length > 1);
}

/** The bidders linked by something they share, grouped transitively (A–B by NPWP and B–C by director: one group). */
export function linkedBidders(profiles: VendorProfile[]): LinkGroup[] {
  const shares = [...npwpShares(profiles), ...directorShares(profiles)];
  const parent = new Map<string, string>();
  const find = (v: string): string => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const s of shares) {
    for (const v of s.vendors) if (!parent.has(v)) parent.set(v, v);
    for (const v of s.vendors.slice(1)) parent.set(find(v), find(s.vendors[0]!));
  }
  const groups = new Map<string, LinkGroup>();
  for (const s of shares) {
    const root = find(s.vendors[0]!);
    const g = groups.get(root) ?? { vendors: [], shared: [] };
    g.vendors = sorted([...g.vendors, ...s.vendors]);
    g.shared.push(s);
    groups.set(root, g);
  }
  const label = (x: SharedItem) => `${x.kind} ${x.vendors.join(' ')} ${x.kind === 'npwp' ? x.npwp : x.name}`;
  return [...groups.values()]
    .map((g) => ({ vendors: g.vendors, shared: g.shared.sort((a, b) => label(a).localeCompare(label(b))) }))
    .sort((a, b) => a.vendors[0]!.localeCompare(b.vendors[0]!));
}
