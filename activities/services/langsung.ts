/** Service tasks of the direct methods (Penunjukan Langsung, Pengadaan Langsung). */
import { ApplicationFailure } from '@temporalio/activity';
import { contractFormFor, performanceSecurityFor } from '../../domain/evaluation/contract-terms';
import { hpsExempt } from '../../domain/evaluation/langsung-thresholds';
import { assessNegotiation, type OfficerRecord, type ProviderResponse } from '../../domain/evaluation/negotiation';
import { getPath } from '../../domain/process/predicate';
import type { PackageFacts } from '../../domain/process/state';
import type { Service } from './index';

const stringArg = (args: Record<string, unknown>, name: string): string => {
  const v = args[name];
  if (typeof v !== 'string' || !v) throw ApplicationFailure.nonRetryable(`assessNegotiation needs args.${name}`, 'BadServiceArgs');
  return v;
};

export const services: Record<string, Service> = {
  /**
   * Reads the negotiation minutes (`negotiation.record` by the officer, `negotiation.provider` by the provider) and
   * writes the award: agreed or not, with reasons. args: `offerPath` (where the offer is), `providerPath` (the one
   * provider's id), `contractTerms` (add the contract form and performance security, Pasal 28 and 33).
   * Where Pasal 26(7) needs no HPS (pagu ≤ Rp10 m) the agreed price is held to the pagu, not to an HPS.
   * The performance security is on the agreed (negotiated) price, the contract value (Pasal 33).
   */
  assessNegotiation: ({ data, args }) => {
    const facts = data.package as PackageFacts;
    const offer = getPath(data, stringArg(args, 'offerPath')) as { price?: number } | undefined;
    const providerId = getPath(data, stringArg(args, 'providerPath'));
    const result = assessNegotiation({
      providerId: typeof providerId === 'string' ? providerId : undefined,
      offerPrice: offer?.price,
      hps: facts.hps,
      pagu: facts.pagu,
      hpsExempt: hpsExempt({ pagu: facts.pagu }),
      officer: getPath(data, 'negotiation.record') as OfficerRecord | undefined,
      provider: getPath(data, 'negotiation.provider') as ProviderResponse | undefined,
    });
    if (args.contractTerms !== true || !result.winner) return result;
    return {
      ...result,
      contractForm: contractFormFor(facts.category, result.winner.price),
      performanceSecurity: performanceSecurityFor(facts.category, result.winner.price, facts.hps),
    };
  },
};
