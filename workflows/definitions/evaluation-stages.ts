/**
 * Stages between a tender's price ranking and the award decision, shared by the tender definitions:
 * - klarifikasi kewajaran harga: when the ranking found passing prices below 80% of the HPS, the Pokja records for
 *   each whether it is reasonable (wajar), and the ranking runs again with those records (Pasal 33(3);
 *   docs/regulation.md §4.2). It loops until no such price is left unclarified, so a bid the Pokja left out is asked about again;
 * - pembuktian kualifikasi (§2.2 row 7): the Pokja verifies the current winner's qualification; a failure hands the
 *   award to the next in rank (a reserve winner) and asks again, and with nobody left the tender fails.
 * Also the unit-price lines (rincian) a bid may carry for the arithmetic correction.
 */
import type { ProcessNode, ScheduleParam } from '../../domain/process/definition';
import { closed, perVendorResults, note } from './common';

/** Unit-price lines of a bid (closed items): the corrected total is Σ quantity × unitPrice (koreksi aritmatik). */
export const rincianSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 1000,
  description: 'Rincian harga satuan; total terkoreksi = Σ volume × harga satuan (koreksi aritmatik)',
  items: closed(
    {
      description: { type: 'string', minLength: 1, maxLength: 500, description: 'Uraian pekerjaan/barang' },
      quantity: { type: 'number', exclusiveMinimum: 0, maximum: 1e9, description: 'Volume' },
      unitPrice: { type: 'integer', minimum: 0, maximum: 1e15, description: 'Harga satuan (rupiah, bilangan bulat)' },
    },
    ['description', 'quantity', 'unitPrice'],
  ),
};

/** Due times of the two Pokja tasks (both assumed: §2.2 row 7 gives a day for the verification). */
export const evaluationStageParams: Record<string, ScheduleParam> = {
  priceClarificationDue: { name: 'Klarifikasi kewajaran harga', unit: 'workingDays', default: 2, min: 1, max: 10 },
  qualificationVerificationDue: { name: 'Pembuktian kualifikasi', unit: 'workingDays', default: 1, min: 1, max: 5 },
};

/** Data the evaluation writes that a new evaluation round must not inherit (stale clarifications, checks). */
export const EVALUATION_ROUND_DATA = ['priceClarifications', 'qualificationCheck'];

/**
 * After the ranking service `ranking` (which writes `award` with `priceClarification.pending`): the clarification
 * loop, then `next` once nothing is pending.
 */
export function priceClarificationStages(ranking: string, next: string): ProcessNode[] {
  return [
    {
      id: 'price_clarification_needed',
      name: 'Ada harga di bawah 80% HPS yang belum diklarifikasi?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'perlu klarifikasi',
          when: { op: 'gt', left: { count: 'award.priceClarification.pending' }, right: { value: 0 } },
          to: 'price_clarification',
        },
      ],
      default: next,
    },
    {
      id: 'price_clarification',
      name: 'Klarifikasi Kewajaran Harga (Penawaran di Bawah 80% HPS)',
      type: 'userTask',
      due: 'priceClarificationDue',
      completion: 'any',
      actions: [
        {
          id: 'clarify_prices',
          name: 'Simpan Hasil Klarifikasi Kewajaran Harga',
          performers: [{ role: 'pokja' }],
          payload: perVendorResults({ wajar: { type: 'boolean', description: 'Harga dinilai wajar' }, note }, ['wajar']),
          // Each round is kept; the ranking takes the latest record per vendor.
          effect: { kind: 'append', path: 'priceClarifications' },
        },
      ],
      next: ranking,
    },
  ];
}

/**
 * From `winner_found` (the award has a winner?) through the verification loop to `passed`; with nobody left, `failed`.
 * Without `verify` (a prequalified tender verified its bidders in the prequalification, §2.4 row 6) only the gateway.
 */
export function qualificationVerificationStages(passed: string, failed: string, verify = true): ProcessNode[] {
  const winnerFound: ProcessNode = {
    id: 'winner_found',
    name: 'Ada penawaran yang lulus?',
    type: 'exclusiveGateway',
    branches: [
      {
        name: verify ? 'ada calon pemenang' : 'ada pemenang',
        when: { op: 'exists', operand: { path: 'award.winner' } },
        to: verify ? 'qualification_verification' : passed,
      },
    ],
    default: failed,
  };
  if (!verify) return [winnerFound];
  return [
    winnerFound,
    {
      id: 'qualification_verification',
      name: 'Pembuktian Kualifikasi',
      type: 'userTask',
      due: 'qualificationVerificationDue',
      completion: 'any',
      actions: [
        {
          id: 'verify_qualification',
          name: 'Simpan Hasil Pembuktian Kualifikasi',
          performers: [{ role: 'pokja' }],
          payload: closed(
            {
              vendorId: { type: 'string', maxLength: 128, description: 'Calon pemenang yang dibuktikan (award.winner)' },
              // The label and the options' words come from the description (web/src/forms/labels.ts), as `lulus` had them.
              passed: { type: 'boolean', description: 'Hasil pembuktian kualifikasi: true = lulus; false = gugur' },
              note,
            },
            ['vendorId', 'passed'],
          ),
          requires: [
            {
              when: { op: 'eq', left: { path: '$payload.vendorId' }, right: { path: 'award.winner.vendorId' } },
              code: 'not_current_candidate',
              message: 'Pembuktian kualifikasi dilakukan terhadap calon pemenang saat ini.',
              status: 409,
            },
          ],
          effect: { kind: 'set', path: 'qualificationCheck' },
        },
      ],
      next: 'qualification_result',
    },
    {
      id: 'qualification_result',
      name: 'Lulus pembuktian kualifikasi?',
      type: 'exclusiveGateway',
      branches: [{ name: 'lulus', when: { op: 'eq', left: { path: 'qualificationCheck.passed' }, right: { value: true } }, to: passed }],
      default: 'next_candidate',
    },
    {
      id: 'next_candidate',
      name: 'Penetapan Calon Pemenang Berikutnya (Pemenang Cadangan)',
      type: 'serviceTask',
      service: 'advanceQualificationCandidate',
      resultPath: 'award',
      next: 'winner_found',
    },
  ];
}
