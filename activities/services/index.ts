/**
 * Service tasks named in process definitions, by name. Each gets the package data and the definition's fixed
 * arguments and returns the value the definition stores at its result path. Evaluation lives here, outside the
 * workflow, because decrypting sealed bids will happen here too.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { textOf } from '../../domain/text';
import type { FollowUpResult } from '../follow-up';
import type { RunServiceInput } from '../types';
import { services as epurchasingSwakelola } from './epurchasing-swakelola';
import { services as langsung } from './langsung';
import { services as seleksiCepat } from './seleksi-cepat';
import { services as tenderEvaluation } from './tender-evaluation';
import { services as tenderVariants } from './tender-variants';

export interface ServiceContext extends RunServiceInput {
  /** Starts (once) a package of another method linked to this one; see follow-up.ts. */
  startFollowUp: (method: string, reason: string) => Promise<FollowUpResult>;
}

export type Service = (ctx: ServiceContext) => unknown;

const SERVICES: Record<string, Service> = {
  /** Re-tender or switch of method after a failure (Pasal 51): a new package that links back to this one. */
  startFollowUpPackage: ({ args, startFollowUp }) => {
    const method = textOf(args.method);
    if (!method) throw ApplicationFailure.nonRetryable('startFollowUpPackage needs args.method', 'BadServiceArgs');
    return startFollowUp(method, textOf(args.reason ?? 'tender_ulang'));
  },
  ...tenderEvaluation,
  ...tenderVariants,
  ...seleksiCepat,
  ...langsung,
  ...epurchasingSwakelola,
};

/** Runs a named service; `extra` holds the services that need the database (documents, contract hand-off). */
export async function runNamedService(ctx: ServiceContext, extra: Record<string, Service> = {}): Promise<unknown> {
  const service = SERVICES[ctx.service] ?? extra[ctx.service];
  if (!service) throw ApplicationFailure.nonRetryable(`unknown service task '${ctx.service}'`, 'UnknownService');
  return await service(ctx);
}
