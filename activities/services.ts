/**
 * Service tasks named in process definitions, by name. Each takes the package data and returns the value the
 * definition stores at its result path. They are pure today; decryption of sealed bids will live here, outside the
 * workflow, which is why evaluation is a service task and not workflow code.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { type BidForRanking, type EvaluationResult, rankLowestPrice } from '../domain/evaluation/lowest-price';

type Service = (data: Record<string, unknown>) => unknown;

const SERVICES: Record<string, Service> = {
  rankLowestPrice: (data) => {
    const bids = (data.bids ?? []) as BidForRanking[];
    const results = ((data.evaluation as { results?: EvaluationResult[] } | undefined)?.results ?? []) as EvaluationResult[];
    const hps = (data.package as { hps: number }).hps;
    return rankLowestPrice(bids, results, hps);
  },
};

export function runNamedService(name: string, data: Record<string, unknown>): unknown {
  const service = SERVICES[name];
  if (!service) throw ApplicationFailure.nonRetryable(`unknown service task '${name}'`, 'UnknownService');
  return service(data);
}

export const SERVICE_NAMES = Object.keys(SERVICES);
