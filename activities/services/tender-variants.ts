/**
 * Service tasks of the tender-variants definitions (tender-pasca-2file, tender-prakualifikasi). They only read the
 * package data and the definition's args; the computations are in domain/evaluation.
 */
import { getPath } from '../../domain/process/predicate';
import { applyBidSecurityRule, type BidSecurity, markBidSecurityFailures } from '../../domain/selection/bid-security';
import { previousRound, provenResults } from '../../domain/selection/prequalification-objections';
import { settlePrequalification, type PrequalificationRound, type QualificationResult } from '../../domain/evaluation/prequalification';
import {
  evaluateFileOne,
  type FileOneOutcome,
  type PriceBid,
  rankTwoFile,
  type SubmittedFile,
  type TechnicalResult,
  type TwoFileMethod,
} from '../../domain/evaluation/two-file';
import type { PackageFacts } from '../../domain/process/state';
import { textOf } from '../../domain/text';
import type { Service } from './index';
import { clarificationRounds } from './tender-evaluation';

interface EvaluationSettings {
  evaluationMethod?: TwoFileMethod;
  technicalWeight?: number;
  technicalThreshold?: number;
}

/**
 * The evaluation method, weight and threshold the Pokja published (at `args.settingsPath`: the announcement of a
 * pascakualifikasi tender, the invitation after a prequalification); the definition's args give the defaults.
 */
function settingsOf(data: Record<string, unknown>, args: Record<string, unknown>) {
  const s = (getPath(data, textOf(args.settingsPath ?? 'announcement')) ?? {}) as EvaluationSettings;
  return {
    method: s.evaluationMethod ?? (args.defaultMethod as TwoFileMethod | undefined) ?? 'harga_terendah_ambang_batas',
    technicalWeight: s.technicalWeight ?? Number(args.defaultTechnicalWeight ?? 70),
    threshold: s.technicalThreshold ?? Number(args.defaultTechnicalThreshold ?? 70),
  };
}

export const services: Record<string, Service> = {
  /** File I of a 2-file tender: who passes administration, qualification and the technical threshold. */
  tenderTwoFileTechnical: ({ data, args }) => {
    const bids = (data.technicalBids ?? []) as (SubmittedFile & { bidSecurity?: BidSecurity })[];
    const recorded = (data.technicalEvaluation as { results?: TechnicalResult[] } | undefined)?.results ?? [];
    // Jaminan penawaran (Pasal 30–31) is part of File I's administrasi: without a sufficient one the bid fails it.
    const { results, lacking } = applyBidSecurityRule(data.package as PackageFacts, bids, recorded);
    return markBidSecurityFailures(evaluateFileOne(bids, results, settingsOf(data, args).threshold), lacking);
  },
  /**
   * File II of a 2-file tender, opened for File I passers only: sistem nilai or harga terendah ambang batas; with
   * args.clarifyLowPrices, prices below 80% of the HPS wait for the clarification task.
   */
  tenderTwoFileRanking: ({ data, args }) => {
    const { method, technicalWeight } = settingsOf(data, args);
    const passed = (data.file1Result as FileOneOutcome | undefined)?.passed ?? [];
    const facts = data.package as PackageFacts;
    return rankTwoFile(
      (data.priceBids ?? []) as PriceBid[],
      passed,
      facts.hps,
      { method, technicalWeight },
      {
        category: facts.category,
        clarifyLowPrices: args.clarifyLowPrices === true,
        clarifications: clarificationRounds(data),
      },
    );
  },
  /** One prequalification round settled: passers, and the round number counted from the previous settlement. */
  tenderPrequalificationCount: ({ data }) => {
    // Unproven applicants (pembuktian kualifikasi) fail; a re-evaluation after an upheld PQ sanggah settles the same round.
    const evaluated = (data.pqEvaluation as { results?: QualificationResult[] } | undefined)?.results ?? [];
    const previous = previousRound(data, data.pqResult as PrequalificationRound | undefined);
    return settlePrequalification((data.qualifications ?? []) as { by: string }[], provenResults(evaluated, data), previous);
  },
};
