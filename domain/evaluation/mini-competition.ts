/**
 * Mini kompetisi in the e-catalogue (Perpres 46/2025 mode, S16; leaderboard S41; docs/regulation.md §2.9): the invited
 * catalogue providers quote within the window, the lowest quote at or below the catalogue price wins, ties go to the
 * earlier quote. A quote above the catalogue price is out (the catalogue price is the ceiling, as the HPS is in a
 * tender, Pasal 26(5)); so is one from a provider who was not invited.
 */
export interface Quote {
  by: string;
  price: number;
  at: number;
}

export interface MiniCompetitionResult {
  ranking: { rank: number; vendorId: string; price: number }[];
  winner?: { vendorId: string; price: number };
  failed: { vendorId: string; price: number; reasons: string[] }[];
}

export function rankMiniCompetition(quotes: Quote[], invited: string[], ceiling: number): MiniCompetitionResult {
  const allowed = new Set(invited);
  const passing: Quote[] = [];
  const failed: MiniCompetitionResult['failed'] = [];
  for (const q of quotes) {
    const reasons: string[] = [];
    if (!allowed.has(q.by)) reasons.push('tidak_diundang');
    if (q.price > ceiling) reasons.push('melebihi_harga_katalog');
    if (reasons.length) failed.push({ vendorId: q.by, price: q.price, reasons });
    else passing.push(q);
  }
  passing.sort((a, b) => a.price - b.price || a.at - b.at);
  const ranking = passing.map((q, i) => ({ rank: i + 1, vendorId: q.by, price: q.price }));
  const first = ranking[0];
  return { ranking, ...(first ? { winner: { vendorId: first.vendorId, price: first.price } } : {}), failed };
}
