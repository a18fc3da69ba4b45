/**
 * E-reverse auction of a tender cepat (Perpres 16/2018 Pasal 1(42), 50(11); LKPP 12/2021 §5.4.4 via S8): after the
 * opening, bidders who bid may lower their price in rounds. Each round is a time window; when it closes, a bidder's
 * last offer of the round stands only if it is below that bidder's current price — a price can only go down.
 * Offers from firms without an opened bid are ignored (the window's precondition already refuses them).
 */

export interface Standing {
  vendorId: string;
  price: number;
  /** When this price was offered; the earlier offer wins a tie. */
  at: number;
}

export interface AuctionRound {
  round: number;
  accepted: { vendorId: string; from: number; to: number }[];
  rejected: { vendorId: string; price: number; reason: string }[];
}

export interface AuctionState {
  /** Rounds to run, fixed when the first round closes. */
  roundsTotal: number;
  rounds: AuctionRound[];
  standings: Standing[];
  /** Offers of the round under way (the round's window writes here; emptied when it closes). */
  offers: { by: string; price: number; at: number }[];
  /** Set when the last round has closed. */
  finished?: true;
}

/** Closes one round: applies its offers to the standings and says whether the auction is over. */
export function closeAuctionRound(
  previous: Pick<AuctionState, 'rounds' | 'standings'>,
  offers: { by: string; price: number; at: number }[],
  roundsTotal: number,
): AuctionState {
  const standings = previous.standings.map((s) => ({ ...s }));
  const round: AuctionRound = { round: previous.rounds.length + 1, accepted: [], rejected: [] };
  for (const o of offers) {
    const s = standings.find((x) => x.vendorId === o.by);
    if (!s) round.rejected.push({ vendorId: o.by, price: o.price, reason: 'tidak_ada_penawaran_awal' });
    else if (o.price >= s.price) round.rejected.push({ vendorId: o.by, price: o.price, reason: 'tidak_lebih_rendah' });
    else {
      round.accepted.push({ vendorId: o.by, from: s.price, to: o.price });
      s.price = o.price;
      s.at = o.at;
    }
  }
  const rounds = [...previous.rounds, round];
  return { roundsTotal, rounds, standings, offers: [], ...(rounds.length >= roundsTotal ? { finished: true as const } : {}) };
}

/** The opened bids as the auction's starting standings. */
export const standingsFromBids = (bids: { by: string; price: number; at: number }[]): Standing[] =>
  bids.map((b) => ({ vendorId: b.by, price: b.price, at: b.at }));
