/**
 * Reviu DPP that asks for corrections (docs/regulation.md §2.1 P4, assumed loop): in every definition with the preparation,
 * the review `perlu_perbaikan` (recorded, co-signed, its BA generated) returns the documents to the PPK
 * (`dpp_revision`), whose corrections go back to a new review; a second review `sesuai` opens the announcement.
 */
import { getDefinition } from '../workflows/definitions';
import type { ActorRef } from '../domain/process/state';
import { ASSIGNMENT_LETTER, DEFAULT_MEMBERS, KEPALA_UKPBJ, REVIEW_SESUAI, withHead } from './support/preparation';
import { runScenarios, type Scenario, type ScenarioStep } from './support/scenario';
import { pokja, ppk, tenderInput, vendorA } from './support/tender-fixture';

const PERLU_PERBAIKAN = { result: 'perlu_perbaikan', notes: 'HPS belum memuat PPN dan rancangan kontrak tanpa SSKK.' };
const pp: ActorRef = { id: 'pp-1', name: 'Rudi (PP)', roles: ['pejabat_pengadaan'], org: 'ukpbj' };

/** The PPK's justification a Penunjukan Langsung starts with (Pasal 38 ayat (5) huruf d), before its preparation. */
const JUSTIFY: ScenarioStep = {
  do: 'justify',
  as: ppk,
  payload: { circumstance: 'd', vendorId: vendorA.id, reason: 'Pompa hanya dapat diperbaiki dengan suku cadang dari satu distributor resmi.' },
};

/**
 * Definition id, the category its method needs, who runs it, the stage after the preparation, the steps before it and
 * the id of the head's assignment (Penunjukan Langsung assigns by value: ./langsung-officers).
 */
const CASES: { id: string; category?: 'jasa_konsultansi'; officer: 'pokja' | 'pp'; after: string; before?: ScenarioStep[]; assign?: string }[] = [
  { id: 'tender-pasca-1file', officer: 'pokja', after: 'announcement' },
  { id: 'tender-pasca-2file', officer: 'pokja', after: 'announcement' },
  { id: 'tender-prakualifikasi', officer: 'pokja', after: 'pq_announcement' },
  { id: 'seleksi', category: 'jasa_konsultansi', officer: 'pokja', after: 'pq_announcement' },
  { id: 'tender-cepat', officer: 'pokja', after: 'announcement' },
  { id: 'pengadaan-langsung-b', officer: 'pp', after: '' },
  { id: 'penunjukan-langsung', officer: 'pp', after: 'invitation', before: [JUSTIFY], assign: 'assign_pejabat_pengadaan' },
];

const scenarios: Scenario[] = CASES.map((c) => {
  const def = getDefinition(c.id)!;
  const base = withHead(tenderInput(`pkt-dpp-${c.id}`, { definition: def }));
  const input = {
    ...base,
    facts: {
      ...base.facts,
      fiscalYear: 2059,
      ...(c.category ? { category: c.category } : {}),
      ...(c.officer === 'pp' ? { pagu: 150_000_000, hps: 140_000_000 } : {}),
    },
  };
  const reviewer = c.officer === 'pp' ? pp : pokja;
  const members = c.officer === 'pp' ? [pp.id] : DEFAULT_MEMBERS;
  return {
    name: `${c.id}: Reviu DPP perlu perbaikan → perbaikan oleh PPK → reviu ulang sesuai`,
    input,
    preparation: false,
    steps: [
      ...(c.before ?? []),
      { do: c.assign ?? 'assign_officers', as: KEPALA_UKPBJ, payload: { letterNumber: ASSIGNMENT_LETTER, members } },
      { do: 'review_dpp', as: reviewer, payload: PERLU_PERBAIKAN },
      { do: 'cosign_dpp_review', as: ppk },
      { expectStage: 'dpp_revision' },
      { refuse: 'revise_dpp', as: reviewer, payload: { summary: 'Perbaikan oleh bukan PPK.' }, status: 403 },
      { do: 'revise_dpp', as: ppk, payload: { summary: 'HPS memuat PPN 11%; SSKK dilampirkan pada rancangan kontrak.' } },
      { expectStage: 'dpp_review' },
      { do: 'review_dpp', as: reviewer, payload: REVIEW_SESUAI },
      { do: 'cosign_dpp_review', as: ppk },
      ...(c.after ? [{ expectStage: c.after }] : []),
    ],
  };
});

runScenarios('Reviu DPP with corrections in every prepared definition (docs/regulation.md §2.1 P4)', scenarios);
