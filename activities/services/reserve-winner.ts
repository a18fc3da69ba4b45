/**
 * Service `replaceWinner`: the winner of a tender gives up the award — withdrew before the SPPBJ (data.withdrawal,
 * Perpres 16/2018 Pasal 78 ayat (1) huruf d) or let the E-Kontrak end unsigned after it (ayat (2): withdrawing after
 * the SPPBJ, before signing; docs/regulation.md §2.2 row 16 treats not signing the same way) — and the award passes to the
 * next reserve winner (pemenang cadangan 1, then 2; the ranking keeps them in award.reserves, domain/evaluation/award.ts).
 *
 * The sanctions of Pasal 78 ayat (5) huruf b/c, each time:
 * - the bid security, where the bid carried one, is recorded as cashed (dicairkan) in the replacement entry;
 * - a blacklist of 1 year is proposed (db/queries/sanctions.ts; the PA/KPA decides, Pasal 79 ayat (2)–(3)), idempotent
 *   per (package, provider, cause), so a retried activity proposes once.
 * The result is deterministic in the package data: the new award (round + 1, `replaced` grows) and the entry.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { proposeSanction } from '../../db/queries/sanctions';
import type { AwardCore } from '../../domain/evaluation/award';
import { performanceSecurityFor } from '../../domain/evaluation/contract-terms';
import type { PackageFacts } from '../../domain/process/state';
import { BID_SECURITY_FORFEIT_RULE, type BidSecurity } from '../../domain/selection/bid-security';
import type { SanctionCauseId } from '../../domain/sanctions/causes';
import type { Service } from './index';

export interface Replacement {
  vendorId: string;
  /** The round the vendor lost: 1 the winner, 2 reserve 1, 3 reserve 2. */
  round: number;
  when: 'sebelum_sppbj' | 'setelah_sppbj';
  reason: string;
  /** Pasal 78 ayat (5): the bid security cashed when the bid carried one. */
  bidSecurity: ({ forfeited: true } & BidSecurity) | { forfeited: false };
  sanction: { cause: SanctionCauseId; status: string; rule: string };
  /** The next reserve winner, absent when none is left. */
  next?: string;
}

export type ReplacedAward = AwardCore & { round?: number; replaced?: Replacement[] };

const bad = (message: string) => ApplicationFailure.nonRetryable(`replaceWinner: ${message}`, 'BadServiceArgs');

export function reserveWinnerServices(db: Knex): Record<string, Service> {
  return {
    replaceWinner: async ({ packageId, data, origin }) => {
      const award = data.award as ReplacedAward | undefined;
      const winner = award?.winner;
      if (!award || !winner) throw bad('no winner to replace');
      const round = award.round ?? 1;
      const withdrawal = data.withdrawal as { reason?: string; by?: string } | undefined;
      const link = data.contractLink as { packageId?: string; status?: string } | undefined;
      const before = withdrawal !== undefined;
      const cause: SanctionCauseId = before ? 'pengunduran_diri' : 'mundur_setelah_sppbj';
      const reason = before
        ? `Pemenang mengundurkan diri sebelum SPPBJ: ${withdrawal.reason ?? ''}`.trim()
        : `Pemenang tidak menandatangani kontrak setelah menerima SPPBJ (E-Kontrak ${link?.packageId ?? '-'} berakhir: ${link?.status ?? '-'}).`;
      // Pasal 79 ayat (2): proposed by the Pokja for ayat (5) huruf b; ayat (3): by the PPK for huruf c.
      const assigned = (data.assignments ?? origin?.assignments ?? {}) as Record<string, string[] | undefined>;
      const proposedBy = (before ? assigned.pokja?.[0] : assigned.ppk?.[0]) ?? 'sistem';
      const row = await proposeSanction(db, { packageId, providerId: winner.vendorId, cause, reason, proposedBy });

      // The bid security came with the bid (1 file, tender cepat) or with File I (2 file, prakualifikasi).
      const bids = [...((data.bids ?? []) as unknown[]), ...((data.technicalBids ?? []) as unknown[])] as { by?: string; bidSecurity?: BidSecurity }[];
      const bid = bids.find((x) => x.by === winner.vendorId && x.bidSecurity);
      const [next, ...rest] = award.reserves ?? [];
      const facts = data.package as PackageFacts;
      const entry: Replacement = {
        vendorId: winner.vendorId,
        round,
        when: before ? 'sebelum_sppbj' : 'setelah_sppbj',
        reason,
        bidSecurity: bid?.bidSecurity ? { forfeited: true, ...bid.bidSecurity } : { forfeited: false },
        sanction: { cause, status: row.status, rule: `${BID_SECURITY_FORFEIT_RULE}; daftar hitam 1 tahun` },
        ...(next ? { next: next.vendorId } : {}),
      };
      const { winner: _w, performanceSecurity: _p, ...kept } = award;
      const newAward: ReplacedAward = {
        ...kept,
        ...(next
          ? { winner: { vendorId: next.vendorId, price: next.price }, performanceSecurity: performanceSecurityFor(facts.category, next.price, facts.hps) }
          : {}),
        reserves: rest,
        round: round + 1,
        replaced: [...(award.replaced ?? []), entry],
      };
      return { award: newAward, ...entry };
    },
  };
}
