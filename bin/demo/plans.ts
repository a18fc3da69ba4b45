/**
 * What the demo does at each step a package offers: for an open action (by id, or `method:id` where a method's
 * payload differs) who acts and with which payload, built from the package's live state. Only the main path of each
 * method is here (no objections or addenda); an action without an entry is left alone, and the package waits there.
 * The stories of ./catalog.ts change a few answers: a 'gagal' tender fails every bid in evaluation and asks for a
 * re-tender. Cancelling and the contract's execution are driven in ./drive.ts and ./execution.ts.
 */
import { EPURCHASING_BY_PP_MAX, PENUNJUKAN_BY_PP_MAX } from '../../domain/evaluation/langsung-thresholds';
import { getPath } from '../../domain/process/predicate';
import { vendorIdOf } from '../../domain/vendor-id';
import type { LiveState } from '../../tests/support/tender-http-driver';
import { DEMO_CONTRACT, DEMO_OFFICERS, DEMO_PLAN, type PackageSpec } from './catalog';

export interface Ctx {
  spec: PackageSpec;
  live: LiveState;
  /** The procurement package's live state, when `live` is its E-Kontrak child. */
  parent?: LiveState;
}
export interface Act {
  as: string;
  payload: Record<string, unknown>;
}
type Handler = (c: Ctx) => Act[];

const { ppk: PPK, pp: PP, paKpa: KPA } = DEMO_OFFICERS;
/** The Pokja member who acts: spread over the three (each one's steps count against the API's per-user limit). */
const pokja = (c: Ctx) => DEMO_OFFICERS.pokja[c.spec.index % DEMO_OFFICERS.pokja.length]!;
const one = (as: string, payload: Record<string, unknown> = {}): Act[] => [{ as, payload }];
/**
 * A Pokja runs the package: a Pokja method, or a Penunjukan Langsung above the Pejabat Pengadaan's limit of its
 * category (Perpres 16/2018 Pasal 12–13; workflows/definitions/langsung-officers.ts). Otherwise the Pejabat Pengadaan.
 */
const runByPokja = (c: Ctx) =>
  DEMO_OFFICERS.pokjaMethods.includes(c.spec.method) ||
  (c.spec.method === 'penunjukan-langsung' && c.spec.hps > PENUNJUKAN_BY_PP_MAX[c.spec.body.category as keyof typeof PENUNJUKAN_BY_PP_MAX]);
/** Who acts for the runner: a Pokja member (spread as `pokja`) or the Pejabat Pengadaan. */
const runner = (c: Ctx) => (runByPokja(c) ? pokja(c) : PP);
/** The head of the UKPBJ's letter assigning the runner. */
const assignRunner = (c: Ctx): Act[] =>
  one(DEMO_OFFICERS.kepalaUkpbj, { letterNumber: ref(c, 'ST-UKPBJ'), members: runByPokja(c) ? DEMO_OFFICERS.pokja : [PP] });
const byPokja =
  (payload: (c: Ctx) => Record<string, unknown> = () => ({})): Handler =>
  (c) =>
    one(pokja(c), payload(c));
const data = (c: Ctx, path: string) => getPath(c.live.data, path);
/** Vendors found in a list of the process data (`by` of each entry). */
const vendorsIn = (c: Ctx, path: string) => ((data(c, path) as { by?: string }[] | undefined) ?? []).map((x) => String(x.by));
const price = (c: Ctx, v: string) => Math.round((c.spec.hps * (c.spec.priceShare[v] ?? 0.9)) / 1000) * 1000;
const eachVendor =
  (payload: (c: Ctx, v: string) => Record<string, unknown>): Handler =>
  (c) =>
    c.spec.vendors.map((v) => ({ as: v, payload: payload(c, v) }));
const ref = (c: Ctx, kind: string) => `${kind}/${c.spec.index + 1}/${c.live.packageId.slice(4, 10).toUpperCase()}`;
const party = (c: Ctx) => c.spec.vendors[0] ?? 'vendor.karya';

const pqCriteria = [
  { id: 'pengalaman', weight: 40 },
  { id: 'tenaga_ahli', weight: 35 },
  { id: 'peralatan', weight: 25 },
];

export const HANDLERS: Record<string, Handler> = {
  // ---- preparation (workflows/definitions/preparation.ts): the head of the UKPBJ assigns, Reviu DPP, co-signature ----
  assign_officers: assignRunner,
  // Penunjukan Langsung offers both assignments in one stage; the head takes the one the package's value allows.
  assign_pejabat_pengadaan: (c) => (runByPokja(c) ? [] : assignRunner(c)),
  assign_pokja: (c) => (runByPokja(c) ? assignRunner(c) : []),
  review_dpp: (c) =>
    one(runner(c), {
      result: 'sesuai',
      notes: 'Spesifikasi teknis/KAK, HPS dan rancangan kontrak sesuai dan dapat dipakai.',
    }),
  cosign_dpp_review: () => one(PPK),
  // ---- announcement, registration, qualification ----
  announce: byPokja(() => ({ note: 'Diumumkan melalui LPSE Kota Tangerang.' })),
  'tender-2file:announce': byPokja(() => ({ evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 70 })),
  'tender-cepat:announce': byPokja(() => ({ reverseAuction: false })),
  'seleksi:announce': byPokja(() => ({ evaluationMethod: 'kualitas_biaya', pqCriteria, pqThreshold: 60, technicalThreshold: 70, technicalWeight: 80 })),
  announce_prequalification: byPokja(),
  // Registration stays open until the bid deadline (issue 13): a vendor registers once, in the first window offering it.
  register: (c) => eachVendor(() => ({}))(c).filter((a) => !vendorsIn(c, 'registrations').includes(a.as)),
  'tender-cepat:register': (c) => eachVendor((_c, v) => ({ sikapRef: `SIKAP-${v}` }))(c).filter((a) => !vendorsIn(c, 'registrations').includes(a.as)),
  submit_qualification: eachVendor((_c, v) => ({ documentRef: `KUALIFIKASI-${v}` })),
  'tender-prakualifikasi:evaluate_qualification': byPokja((c) => ({
    results: vendorsIn(c, 'qualifications').map((vendorId) => ({ vendorId, passed: true })),
  })),
  announce_prequalification_result: byPokja(),
  invite_bidders: byPokja(() => ({ evaluationMethod: 'harga_terendah_ambang_batas', technicalThreshold: 70 })),
  score_qualification: byPokja((c) => ({
    results: vendorsIn(c, 'qualifications').map((vendorId) => ({ vendorId, scores: { pengalaman: 80, tenaga_ahli: 75, peralatan: 70 } })),
  })),
  announce_pq_result: byPokja(),

  // ---- bids and their opening ----
  submit_bid: eachVendor((c, v) => ({ price: price(c, v) })),
  submit_technical_bid: eachVendor((_c, v) => ({ documentRef: `FILE-I-${v}` })),
  submit_price_bid: eachVendor((c, v) => ({ price: price(c, v) })),
  submit_technical: eachVendor((_c, v) => ({ documentRef: `TEKNIS-${v}` })),
  submit_price: eachVendor((c, v) => ({ price: price(c, v), documentRef: `BIAYA-${v}` })),
  open_bids: byPokja(),
  open_technical_bids: byPokja(),
  open_price_bids: byPokja(),
  open_technical: byPokja(),
  open_prices: byPokja(),

  // ---- evaluation and award ----
  evaluate: byPokja((c) => ({
    // The last bidder of a three-way tender fails administration now and then (a disqualified bid); in a 'gagal'
    // story every bid does (the tender fails, Pasal 51(2)c).
    results: vendorsIn(c, 'bids').map((vendorId, i, all) => ({
      vendorId,
      administrasi: c.spec.story !== 'gagal' && !(all.length === 3 && i === 2 && c.spec.index % 2 === 0),
      kualifikasi: true,
      teknis: true,
    })),
  })),
  evaluate_technical: byPokja((c) => ({
    results: vendorsIn(c, 'technicalBids').map((vendorId, i) => ({ vendorId, administrasi: true, kualifikasi: true, technicalScore: 85 - i * 5 })),
  })),
  'seleksi:evaluate_technical': byPokja((c) => ({
    results: vendorsIn(c, 'technicalProposals').map((vendorId, i) => ({ vendorId, technicalScore: 88 - i * 6 })),
  })),
  announce_technical_result: byPokja(),
  // Pembuktian kualifikasi of a prequalification: the PQ passers (pass/fail) or every applicant (seleksi's scores).
  verify_pq_qualifications: byPokja((c) => {
    // `passed` since tender-prakualifikasi v5, `kualifikasi` in packages started before.
    const evaluated = (data(c, 'pqEvaluation.results') as { vendorId: string; passed?: boolean; kualifikasi?: boolean }[] | undefined) ?? [];
    const verdict = (r: (typeof evaluated)[number]) => r.passed ?? r.kualifikasi;
    const passFail = evaluated.some((r) => verdict(r) !== undefined);
    const vendors = passFail ? evaluated.filter((r) => verdict(r)).map((r) => r.vendorId) : [...new Set(vendorsIn(c, 'qualifications'))];
    return { results: vendors.map((vendorId) => ({ vendorId, terbukti: true })) };
  }),
  clarify_prices: byPokja((c) => ({
    results: ((data(c, 'award.priceClarification.pending') as string[] | undefined) ?? []).map((vendorId) => ({ vendorId, wajar: true })),
  })),
  verify_qualification: byPokja((c) => ({ vendorId: String(data(c, 'award.winner.vendorId')), passed: true })),
  decide_award: byPokja(),
  announce_award: byPokja(),
  'seleksi:record_negotiation': byPokja((c) => ({ outcome: 'sepakat', agreedPrice: Math.round(Number(data(c, 'award.winner.price')) * 0.98) })),
  issue_sppbj: (c) => one(PPK, { number: ref(c, 'SPPBJ') }),
  // Pasal 51(2)c, (9): no bid passed the evaluation; announced, open to sanggah, then the Pokja declares the tender
  // failed (cause c) and repeats it as a new package.
  announce_no_passer: byPokja(),
  declare_failure: byPokja(() => ({
    cause: 'c',
    followUp: 'tender_ulang',
    reason: 'Tidak ada penawaran yang memenuhi syarat administrasi; tender diulang sebagai paket baru.',
  })),

  // ---- penunjukan langsung, pengadaan langsung ----
  justify: (c) => one(PPK, { circumstance: 'd', vendorId: party(c), reason: 'Barang hanya dapat disediakan oleh satu distributor resmi di wilayah Banten.' }),
  approve_justification: () => one(KPA, { approved: true }),
  send_invitation: (c) => one(runner(c), { documentRef: ref(c, 'UND') }),
  submit_offer: (c) => one(party(c), { price: price(c, party(c)), qualificationRef: `KUAL-${party(c)}`, offerRef: `PNW-${party(c)}` }),
  // The Pejabat Pengadaan decides alone; a Pokja's decision is collegial (`*_pokja`, a second member agrees in drive.ts).
  'penunjukan-langsung:evaluate_qualification': (c) => (runByPokja(c) ? [] : one(PP, { passed: true, minutesRef: 'BA-KUAL-01' })),
  'penunjukan-langsung:evaluate_qualification_pokja': (c) => (runByPokja(c) ? one(pokja(c), { passed: true, minutesRef: 'BA-KUAL-01' }) : []),
  record_negotiation: (c) => {
    const offered = Number(data(c, 'offer.price') ?? data(c, 'quotation.price') ?? c.spec.hps);
    return one(runner(c), {
      agreed: true,
      agreedPrice: Math.min(offered, c.spec.hps) - 1_000_000,
      technicalNotes: 'Spesifikasi dan jadwal sesuai; harga turun setelah negosiasi.',
    });
  },
  sign_negotiation: (c) => one(party(c), { agree: true }),
  'penunjukan-langsung:decide_award': (c) => (runByPokja(c) ? [] : one(PP, { minutesRef: 'BA-HASIL-PL' })),
  'penunjukan-langsung:decide_award_pokja': (c) => (runByPokja(c) ? one(pokja(c), { minutesRef: 'BA-HASIL-PL' }) : []),
  record_purchase: (c) =>
    one(PP, {
      vendorName: 'Toko Sumber Makmur Tangerang',
      description: String(c.spec.body.title),
      amount: c.spec.hps,
      receiptKind: 'kuitansi',
      receiptNumber: ref(c, 'KW'),
    }),
  accept_receipt: () => one(PPK, { accepted: true, note: 'Barang sesuai pesanan.' }),
  request_quotation: (c) => one(PP, { vendorId: party(c), documentRef: ref(c, 'UND-PL') }),
  submit_quotation: (c) => one(party(c), { price: price(c, party(c)), documentRef: `PNW-${party(c)}` }),
  evaluate_quotation: () => one(PP, { administrasi: true, kualifikasi: true, teknis: true }),

  // ---- e-purchasing, swakelola ----
  submit_cart: (c) => {
    const unitPrice = Math.floor(c.spec.hps / 10 / 1000) * 1000;
    // The Pejabat Pengadaan buys up to its limit, the PPK above (the cart check sends a cart of the wrong buyer back).
    const buyer = c.spec.hps > EPURCHASING_BY_PP_MAX ? PPK : PP;
    return one(buyer, {
      mode: 'langsung',
      vendorId: party(c),
      items: [{ productId: 'kat-demo-001', name: String(c.spec.body.title), quantity: 10, unitPrice }],
    });
  },
  approve_order: (c) => one(PPK, { orderNumber: ref(c, 'SP') }),
  set_type: () => one(KPA, { type: 'I' }),
  form_team: (c) =>
    one(KPA, {
      decreeNumber: ref(c, 'SK-TIM'),
      leaderId: PP,
      persiapan: [{ name: 'Andi Saputra' }],
      pelaksana: [{ name: 'Budi Hartono' }, { name: 'Citra Dewi' }, { name: 'Dedi Kurnia', tenagaAhli: true }],
      pengawas: [{ name: 'Hadi Pranoto' }],
      value: c.spec.hps,
    }),

  // ---- E-Kontrak (the child): draft, performance security, both signatures on the document's hash ----
  draft_contract: (c) => one(PPK, { number: ref(c, 'KONTRAK'), ...DEMO_CONTRACT, plannedProgress: DEMO_PLAN }),
  submit_performance_security: (c) =>
    one(String(vendorIdOf(data(c, 'contract'))), {
      guaranteeNumber: ref(c, 'JP'),
      issuer: 'Bank BJB Cabang Tangerang',
      amount: Number(data(c, 'terms.performanceSecurity.amount')),
      validUntil: `${new Date().getUTCFullYear() + 1}-12-31`,
    }),
  sign_contract_ppk: (c) => one(PPK, { documentHash: contractHash(c) }),
  sign_contract_penyedia: (c) => one(String(vendorIdOf(data(c, 'contract'))), { documentHash: contractHash(c) }),
};

/** The SHA-256 of the contract document to sign (kontrak, surat pesanan or kesepakatan swakelola). */
function contractHash(c: Ctx): string {
  for (const kind of ['kontrak', 'surat_pesanan', 'kesepakatan_swakelola']) {
    const sha = data(c, `documents.${kind}.sha256`);
    if (typeof sha === 'string') return sha;
  }
  return '0'.repeat(64);
}

export function handlerFor(method: string, action: string): Handler | undefined {
  return HANDLERS[`${method}:${action}`] ?? HANDLERS[action];
}
