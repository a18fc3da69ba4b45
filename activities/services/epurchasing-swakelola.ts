/**
 * Service tasks of the e-purchasing and swakelola definitions. Each reads the package data and returns what the
 * definition stores at the node's result path; the arithmetic is in domain/evaluation (pure, unit-tested).
 */
import { type Cart, type CartCheck, checkCart, type CompetitionResult, composeOrder, type Negotiation } from '../../domain/evaluation/e-purchasing-order';
import { type Quote, rankMiniCompetition } from '../../domain/evaluation/mini-competition';
import { appendAccepted, checkProgress, checkTeam, type ProgressReport, type TeamDecree } from '../../domain/evaluation/swakelola';
import { EPURCHASING_BY_PP_MAX } from '../../domain/evaluation/langsung-thresholds';
import { vendorIdOf, vendorKeyOf } from '../../domain/vendor-id';
import type { Service } from './index';

/** The Pejabat Pengadaan's e-purchasing limit, unless the definition says. */
const DEFAULT_PP_LIMIT = EPURCHASING_BY_PP_MAX;

export const services: Record<string, Service> = {
  checkEpurchasingCart: ({ data, args, origin }) => {
    const cart = data.cart as Cart;
    const ppIds = origin.assignments.pejabat_pengadaan ?? [];
    const ppkIds = origin.assignments.ppk ?? [];
    return checkCart(cart, {
      pagu: origin.facts.pagu,
      ppLimit: typeof args.ppLimit === 'number' ? args.ppLimit : DEFAULT_PP_LIMIT,
      // An officer holding both posts on this package acts as PPK, who has no ceiling.
      byPejabatPengadaan: ppIds.includes(cart.by) && !ppkIds.includes(cart.by),
    });
  },

  rankMiniCompetition: ({ data }) => {
    const cart = data.cart as Cart;
    const ceiling = (data.cartCheck as CartCheck).total;
    return rankMiniCompetition(
      (data.quotes ?? []) as Quote[],
      (cart.invited ?? []).map((i) => vendorIdOf(i) ?? ''),
      ceiling,
    );
  },

  // args.vendorKey: the key the order names its vendor under (e-purchasing v5: vendorId; no arg: v4's providerId).
  composeEpurchasingOrder: ({ data, args }) =>
    composeOrder(
      data.cart as Cart,
      data.cartCheck as CartCheck,
      data.negotiation as Negotiation | undefined,
      data.competition as CompetitionResult | undefined,
      vendorKeyOf(args),
    ),

  checkSwakelolaTeam: ({ data, origin }) => checkTeam(data.executor as TeamDecree, origin.assignments.ppk ?? []),

  checkSwakelolaProgress: ({ data, origin }) => {
    // Tipe II–IV: the contract value, when within the pagu; Tipe I: the pagu.
    const value = (data.executor as { value?: number } | undefined)?.value;
    const budget = value !== undefined ? Math.min(value, origin.facts.pagu) : origin.facts.pagu;
    return checkProgress(data.progressReport as ProgressReport, (data.progressHistory ?? []) as ProgressReport[], budget);
  },

  recordSwakelolaProgress: ({ data }) =>
    appendAccepted((data.progressHistory ?? []) as ProgressReport[], data.progressReport as ProgressReport & Record<string, unknown>),
};
