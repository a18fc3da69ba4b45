/**
 * What the benchmarks that drive a city's mix through the HTTP API share (bench/city-year.ts, bench/history-size.ts):
 * the extra vendor accounts a tender with five sealed bids needs (the demo seed has three vendors, and the API allows a
 * vendor 30 bids a minute), the options of such a tender for tests/support/tender-http-driver.ts `runTender`, and the
 * non-tender packages of the demo seed's mix (bin/demo/catalog.ts) for the demo's driver (bin/demo/drive.ts).
 */
import type { Actor } from '../api/auth/actor';
import { packageSpecs, type PackageSpec } from '../bin/demo/catalog';
import { createDb } from '../db/connection';
import { Api, type Session, type TenderOptions, type UserRef } from '../tests/support/tender-http-driver';

export const NON_TENDER_METHODS = ['penunjukan-langsung', 'pengadaan-langsung-a', 'pengadaan-langsung-b', 'e-purchasing'];
/** The demo Pokja members (db/seed-demo.ts): a tender's team is three of them in turn, so no one member carries every open_bids. */
const POKJA = ['pokja.sari', 'pokja.agus', 'pokja.dewi', 'pokja.yusuf', 'pokja.maya'];
const FISCAL_YEAR = 2026;

/** The benchmark's vendor accounts: `vendor.bench-N` of firm `bench-firm-N`. */
export const benchVendor = (i: number): Actor & { email: string } => ({
  id: `vendor.bench-${i}`,
  name: `PT Penyedia Bench ${i}`,
  roles: ['penyedia'],
  org: `bench-firm-${i}`,
  email: `bench${i}@penyedia.example`,
});

/** Api that also knows the benchmark's vendor accounts by id (runTender calls `as(vendorId)`). */
export class BenchApi extends Api {
  constructor(
    baseUrl: string,
    dataDir: string,
    private readonly extra: Map<string, Actor>,
  ) {
    super(baseUrl, dataDir);
  }

  override as(user: UserRef): Session {
    return super.as(typeof user === 'string' ? (this.extra.get(user) ?? user) : user);
  }
}

/** Vendor accounts in the stack's database, as the demo seed adds its three (organisation, user, NPWP). */
export async function addVendors(pgPortOrUrl: number | string, vendors: (Actor & { email: string })[]): Promise<void> {
  const url = typeof pgPortOrUrl === 'string' ? pgPortOrUrl : `postgres://postgres:postgres@127.0.0.1:${pgPortOrUrl}/pengadaan`;
  const db = createDb(url, { pool: { min: 0, max: 1 } });
  try {
    await db('organisations')
      .insert(vendors.map((v) => ({ id: v.org, name: v.name, kind: 'penyedia' })))
      .onConflict('id')
      .ignore();
    await db('users')
      .insert(vendors.map((v) => ({ id: v.id, name: v.name, roles: v.roles, org_id: v.org, email: v.email })))
      .onConflict('id')
      .ignore();
    await db('vendor_profiles')
      .insert(vendors.map((v, i) => ({ user_id: v.id, npwp: `98${String(i).padStart(7, '0')}411000`, updated_at: db.fn.now() })))
      .onConflict('user_id')
      .ignore();
  } finally {
    await db.destroy();
  }
}

/**
 * The n-th tender of a run: five sealed bids from vendor group n % vendorGroups, 85 % to 97 % of the HPS (none below
 * 80 %, so no price clarification; the cheapest wins), and Pemberian Penjelasan and Upload Penawaran of windowDays
 * instead of the definition's 3 days, so that under load a question and its answer, or five bids sent at once, still
 * fit in their window.
 */
export function fiveBidTender(n: number, vendorGroups: number, windowDays: number): TenderOptions {
  const group = n % vendorGroups;
  return {
    title: `Bench tender ${n + 1} ${Date.now().toString(36)}`,
    pagu: 2_500_000_000,
    hps: 2_400_000_000,
    bids: [0.85, 0.88, 0.91, 0.94, 0.97].map((share, i) => ({ vendor: benchVendor(group * 5 + i).id, price: Math.round(2_400_000_000 * share) })),
    pokja: [0, 1, 2].map((i) => POKJA[(n + i) % POKJA.length]!),
    schedule: { clarificationDays: windowDays, bidSubmissionDays: windowDays },
    stageTimeoutMs: 300_000,
  };
}

/**
 * n non-tender packages of the demo seed's mix (round robin over NON_TENDER_METHODS, so n = 4 is one of each), on the
 * main path to the end: the demo's stories (contract execution, cancellation) are not part of a benchmark. The offer
 * windows of Pengadaan Langsung B (quotationDays, 2) and Penunjukan Langsung (submissionDays, 3) get windowDays too;
 * e-purchasing's 3 days for the PPK's approval are fixed by the catalogue and stay.
 */
export function otherSpecs(n: number, windowDays: number): PackageSpec[] {
  const specs = packageSpecs(n, { seed: 14, fiscalYear: FISCAL_YEAR, methods: NON_TENDER_METHODS });
  for (const s of specs) {
    Object.assign(s, { story: undefined, budget: Infinity });
    const schedule = { 'pengadaan-langsung-b': { quotationDays: windowDays }, 'penunjukan-langsung': { submissionDays: windowDays } }[s.method];
    if (schedule) s.body.schedule = schedule;
  }
  return specs;
}
