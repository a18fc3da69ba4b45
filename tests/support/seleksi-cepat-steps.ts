/**
 * Seleksi (consultancy, prakualifikasi dua file, kualitas dan biaya) and tender cepat: the package facts and inputs,
 * and the scenario steps that bring a seleksi to its technical evaluation and a tender cepat to its opening. Shared by
 * the engine test, the method test, the failure-branch and the sanggah tests of these definitions.
 */
import type { ActorRef, PackageFacts, PackageInput } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';
import type { ScenarioStep } from './scenario';
import { pokja, tenderInput, vendorA, vendorB, vendorC } from './tender-fixture';

export const vendorD: ActorRef = { id: 'vendor-d', name: 'CV Delta', roles: ['penyedia'], org: 'cv-delta' };

export const consultancy: PackageFacts = {
  title: 'Jasa Konsultansi Perencanaan Gedung Puskesmas',
  opd: 'Dinas Kesehatan Kota Tangerang',
  workUnit: 'Bidang Sarana Kesehatan',
  category: 'jasa_konsultansi',
  pagu: 2_000_000_000,
  hps: 1_900_000_000,
  fiscalYear: 2026,
};
export const goods: PackageFacts = { ...consultancy, title: 'Pengadaan Meja Sekolah', category: 'barang', pagu: 800_000_000, hps: 750_000_000 };

export const seleksiInput = (id: string, facts: Partial<PackageFacts> = {}): PackageInput =>
  tenderInput(id, { definition: getDefinition('seleksi')!, facts: { ...consultancy, ...facts } });
export const cepatInput = (id: string): PackageInput => tenderInput(id, { definition: getDefinition('tender-cepat')!, facts: goods });

// ---- seleksi ---------------------------------------------------------------------------------------------------

/** The seleksi's announcement: weighted PQ criteria with a threshold of 60, File I threshold 70, quality weight 80. */
export const seleksiAnnouncement = {
  evaluationMethod: 'kualitas_biaya',
  pqCriteria: [
    { id: 'pengalaman', weight: 40 },
    { id: 'tenaga_ahli', weight: 35 },
    { id: 'peralatan', weight: 25 },
  ],
  pqThreshold: 60,
  technicalThreshold: 70,
  technicalWeight: 80,
};
/** A vendor's PQ result with score `s` on every criterion. */
export const pqScore = (v: ActorRef, s: number) => ({ vendorId: v.id, scores: { pengalaman: s, tenaga_ahli: s, peralatan: s } });

/** Announcement, PQ window, PQ scores (a score below 60 fails), the pembuktian kualifikasi of every applicant. */
export function toShortlist(scores: [ActorRef, number][], vendors = [vendorA, vendorB, vendorC, vendorD]): ScenarioStep[] {
  return [
    { do: 'announce', as: pokja, payload: seleksiAnnouncement },
    ...vendors.flatMap((v): ScenarioStep[] => [
      { do: 'register', as: v },
      { do: 'submit_qualification', as: v, payload: { documentRef: `KUAL-${v.id}` } },
    ]),
    { passDeadline: true },
    { do: 'score_qualification', as: pokja, payload: { results: scores.map(([v, s]) => pqScore(v, s)) } },
    // Pembuktian kualifikasi of every applicant before the shortlist is set (§2.4 row 6).
    { do: 'verify_pq_qualifications', as: pokja, payload: { results: vendors.map((v) => ({ vendorId: v.id, terbukti: true })) } },
  ];
}
/** A shortlist of A, B and C; D scores below the threshold. */
export const shortlistABC: [ActorRef, number][] = [
  [vendorA, 72],
  [vendorB, 81],
  [vendorC, 60],
  [vendorD, 50],
];

/** Each firm's proposal: File I (technical) and File II at `price`. */
export const proposals = (offers: [ActorRef, number][]): ScenarioStep[] =>
  offers.flatMap(([v, price]): ScenarioStep[] => [
    { do: 'submit_technical', as: v, payload: { documentRef: `TEKNIS-${v.id}` } },
    { do: 'submit_price', as: v, payload: { price } },
  ]);

/** The shortlist from `scores` announced, the PQ sanggah over, the proposals in, File I opened. */
export function toTechnicalEvaluation(offers: [ActorRef, number][], scores = shortlistABC): ScenarioStep[] {
  return [
    ...toShortlist(
      scores,
      scores.map(([v]) => v),
    ),
    { expectStage: 'pq_result_announcement' },
    { do: 'announce_pq_result', as: pokja },
    { passDeadline: true },
    { expectStage: 'proposal_submission' },
    ...proposals(offers),
    { passDeadline: true },
    { do: 'open_technical', as: pokja },
  ];
}
export const technical = (scores: [ActorRef, number][]): ScenarioStep => ({
  do: 'evaluate_technical',
  as: pokja,
  payload: { results: scores.map(([v, score]) => ({ vendorId: v.id, technicalScore: score })) },
});

// ---- tender cepat ----------------------------------------------------------------------------------------------

/** Announcement (with or without e-reverse auction), registration with the SIKaP reference, price bids, the deadline. */
export function cepatToOpening(reverseAuction: boolean, bids: [ActorRef, number][]): ScenarioStep[] {
  return [
    { do: 'announce', as: pokja, payload: { reverseAuction } },
    ...bids.map(([v]): ScenarioStep => ({ do: 'register', as: v, payload: { sikapRef: `SIKAP-${v.id}` } })),
    { passDeadline: true },
    ...bids.map(([v, price]): ScenarioStep => ({ do: 'submit_bid', as: v, payload: { price } })),
    { passDeadline: true },
  ];
}
