/**
 * Stages of a prequalification shared by tender-prakualifikasi and seleksi (issue 13 point 8; docs/regulation.md §2.4 rows 6
 * and 9; Perpres 16/2018 jo. 12/2021 Pasal 44):
 * - Pembuktian kualifikasi: after the evaluation of the qualification documents and before the result (daftar peserta
 *   or daftar pendek) is set, the Pokja verifies each applicant against the originals, collegially; an applicant whose
 *   documents are not proven fails the prequalification (domain/selection/prequalification-objections.ts).
 * - Masa sanggah prakualifikasi: applicants who submitted qualification documents may object to the result; the Pokja
 *   answers every objection, collegially; an upheld one sends the prequalification back to its evaluation.
 */
import type { ProcessNode } from '../../domain/process/definition';
import type { Predicate } from '../../domain/process/predicate';
import { PQ_RULES } from '../../domain/selection/prequalification-objections';
import { closed, collegial, note, perVendorResults, voteAction } from './common';

export interface PqVerificationFlow {
  /** Whether anyone is to be verified (else straight to `next`). */
  anyone: Predicate;
  /** The rule-book check naming who must be verified (passers of a pass/fail PQ, or every applicant). */
  check: 'pqVerificationCoversPassers' | 'pqVerificationCoversApplicants';
  /** The settlement service that sets the result. */
  next: string;
}

/** Pembuktian kualifikasi (§2.4 row 6), preceded by a gateway that skips it when nobody is to be verified. */
export function pqVerificationStages(flow: PqVerificationFlow): ProcessNode[] {
  return [
    {
      id: 'pq_verification_needed',
      name: 'Ada peserta yang dibuktikan kualifikasinya?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada', when: flow.anyone, to: 'pq_verification' }],
      default: flow.next,
    },
    {
      id: 'pq_verification',
      name: 'Pembuktian Kualifikasi',
      type: 'userTask',
      due: 'pqVerificationDue',
      completion: 'any',
      actions: [
        collegial({
          id: 'verify_pq_qualifications',
          name: 'Simpan Hasil Pembuktian Kualifikasi',
          performers: [{ role: 'pokja' }],
          payload: perVendorResults({ terbukti: { type: 'boolean', description: 'Dokumen kualifikasi sesuai dengan aslinya' }, note }, ['terbukti']),
          requires: [{ rule: flow.check }],
          effect: { kind: 'set', path: 'pqVerification' },
          rule: PQ_RULES.verification,
        }),
        voteAction(['verify_pq_qualifications']),
      ],
      next: flow.next,
    },
  ];
}

/** The masa sanggah prakualifikasi (§2.4 row 9): objections, the Pokja's answer, and the re-evaluation when upheld. */
export function pqObjectionStages(next: string, reevaluate: string): ProcessNode[] {
  return [
    {
      id: 'pq_objection_period',
      name: 'Masa Sanggah Prakualifikasi',
      type: 'timeWindow',
      duration: 'pqObjectionDays',
      resets: ['pqObjections', 'pqObjectionResult'],
      actions: [
        {
          id: 'file_pq_objection',
          name: 'Ajukan Sanggah Prakualifikasi',
          performers: [{ role: 'penyedia' }],
          payload: closed({ reason: { type: 'string', minLength: 10, maxLength: 8000, description: 'Uraian sanggahan atas hasil prakualifikasi' } }, [
            'reason',
          ]),
          requires: [
            {
              when: { op: 'someItem', path: 'qualifications', field: 'by', right: { path: '$actor.id' } },
              code: 'not_an_applicant',
              message: 'Sanggah prakualifikasi hanya dapat diajukan oleh peserta yang menyampaikan dokumen kualifikasi.',
              status: 403,
              rule: PQ_RULES.objectorOnly,
            },
          ],
          effect: { kind: 'append', path: 'pqObjections' },
          oncePerActor: true,
          rule: PQ_RULES.objectionPeriod,
        },
      ],
      next: 'pq_objections_filed',
    },
    {
      id: 'pq_objections_filed',
      name: 'Ada sanggahan prakualifikasi?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ada sanggahan', when: { op: 'gt', left: { count: 'pqObjections' }, right: { value: 0 } }, to: 'pq_objection_answer' }],
      default: next,
    },
    {
      id: 'pq_objection_answer',
      name: 'Jawaban Sanggah Prakualifikasi',
      type: 'userTask',
      due: 'objectionAnswerDue',
      completion: 'any',
      actions: [
        collegial({
          id: 'answer_pq_objections',
          name: 'Jawab Sanggahan Prakualifikasi',
          performers: [{ role: 'pokja' }],
          payload: closed(
            {
              answers: {
                type: 'array',
                minItems: 1,
                maxItems: 500,
                items: closed(
                  {
                    objectionId: { type: 'string', minLength: 1, maxLength: 64 },
                    upheld: { type: 'boolean', description: 'true: diterima (evaluasi kualifikasi ulang); false: ditolak' },
                    answer: { type: 'string', minLength: 10, maxLength: 8000 },
                  },
                  ['objectionId', 'upheld', 'answer'],
                ),
              },
            },
            ['answers'],
          ),
          requires: [{ rule: 'pqObjectionAnswersComplete' }],
          effect: { kind: 'apply', reducer: 'answerPqObjections' },
        }),
        voteAction(['answer_pq_objections']),
      ],
      next: 'pq_objection_outcome',
    },
    {
      id: 'pq_objection_outcome',
      name: 'Sanggahan prakualifikasi diterima?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'diterima: evaluasi kualifikasi ulang',
          when: { op: 'eq', left: { path: 'pqObjectionResult.upheld' }, right: { value: true } },
          to: reevaluate,
        },
      ],
      default: next,
    },
  ];
}
