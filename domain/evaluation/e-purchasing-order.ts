/**
 * E-purchasing (Katalog Elektronik) cart and order arithmetic (docs/regulation.md §2.9). Pure, so the service tasks that
 * call it and the unit tests share one implementation. Money is integer rupiah; sums use BigInt so a huge cart cannot
 * round silently.
 *
 * Rules:
 * - A cart stays within the package's pagu (budget ceiling).
 * - A Pejabat Pengadaan runs e-purchasing only up to Rp200 m; above that it is the PPK's (Perpres 16/2018 Pasal 11,
 *   12; §1.2). The limit comes from the definition (service args), so a later Perpres changes data, not code.
 * - A negotiated price is at most the catalogue price (Perpres 46/2025 negotiation mode, S16); the Surat Pesanan is
 *   the contract (Pasal 28(6)).
 */
import { type VendorKey, vendorIdOf } from '../vendor-id';

export type EpurchasingMode = 'langsung' | 'negosiasi' | 'mini_kompetisi';

export interface CartItem {
  productId: string;
  quantity: number;
  unitPrice: number;
}

/** The vendor: `vendorId`; an order of e-purchasing v4 or earlier says `providerId` (read both with vendorIdOf). */
type Named = { vendorId?: string; providerId?: string };

export interface Cart extends Named {
  mode: EpurchasingMode;
  invited?: Named[];
  items: CartItem[];
  by: string;
}

export interface Problem {
  code: string;
  message: string;
}

export interface CartCheck {
  /** Catalogue total: sum of quantity × unit price. */
  total: number;
  problems: Problem[];
}

export interface CartLimits {
  pagu: number;
  /** The most a Pejabat Pengadaan may order (Pasal 12). */
  ppLimit: number;
  /** Whether the cart was submitted by the package's Pejabat Pengadaan (not its PPK). */
  byPejabatPengadaan: boolean;
}

const rp = (n: number | bigint) => `Rp${BigInt(n).toLocaleString('id-ID')}`;

export function checkCart(cart: Cart, limits: CartLimits): CartCheck {
  const problems: Problem[] = [];
  const sum = cart.items.reduce((acc, it) => acc + BigInt(it.quantity) * BigInt(it.unitPrice), 0n);
  // Above the pagu the total is flagged anyway, so a total beyond 2^53 losing precision here cannot be acted on.
  const total = Number(sum);

  const seen = new Set<string>();
  for (const it of cart.items) {
    if (seen.has(it.productId)) {
      problems.push({ code: 'produk_ganda', message: `Produk '${it.productId}' muncul lebih dari sekali di keranjang.` });
    }
    seen.add(it.productId);
  }
  if (sum > BigInt(limits.pagu)) {
    problems.push({ code: 'melebihi_pagu', message: `Total keranjang ${rp(sum)} melebihi pagu ${rp(limits.pagu)}.` });
  }
  if (limits.byPejabatPengadaan && sum > BigInt(limits.ppLimit)) {
    problems.push({
      code: 'melebihi_batas_pejabat_pengadaan',
      message: `Pejabat Pengadaan hanya melakukan e-purchasing sampai ${rp(limits.ppLimit)}; ` + 'di atasnya oleh PPK (Perpres 16/2018 Pasal 11, 12).',
    });
  }
  if (cart.mode === 'mini_kompetisi') {
    const invited = new Set((cart.invited ?? []).map(vendorIdOf));
    if (invited.size < 2) {
      problems.push({ code: 'peserta_kurang', message: 'Mini kompetisi memerlukan sedikitnya dua penyedia katalog yang berbeda.' });
    }
  }
  return { total, problems };
}

/** The negotiation record as the definition writes it: the buyer's proposal, the provider's counter, who agreed. */
export interface Negotiation {
  proposal?: { price: number };
  counter?: { price: number };
  providerAccepted?: unknown;
  buyerAccepted?: unknown;
}

export interface CompetitionResult {
  winner?: { vendorId: string; price: number };
}

export interface Order extends Named {
  mode: EpurchasingMode;
  items: CartItem[];
  catalogueTotal: number;
  /** The price on the Surat Pesanan. */
  total?: number;
  problems: Problem[];
}

/**
 * The order the PPK approves: who supplies, at what price, from the cart and the mode's outcome. The vendor goes under
 * `key`, the one the definition's hand-off reads (e-purchasing v5: vendorId; v4 and earlier: providerId).
 */
export function composeOrder(
  cart: Cart,
  check: CartCheck,
  negotiation: Negotiation | undefined,
  competition: CompetitionResult | undefined,
  key: VendorKey = 'vendorId',
): Order {
  const base = { mode: cart.mode, items: cart.items, catalogueTotal: check.total };
  const vendor = (id: string | undefined) => (id === undefined ? {} : { [key]: id });
  if (cart.mode === 'mini_kompetisi') {
    const w = competition?.winner;
    if (!w) return { ...base, problems: [{ code: 'tanpa_pemenang', message: 'Mini kompetisi belum menghasilkan pemenang.' }] };
    return { ...base, ...vendor(w.vendorId), total: w.price, problems: [] };
  }
  const cartVendor = vendor(vendorIdOf(cart));
  if (cart.mode === 'langsung') return { ...base, ...cartVendor, total: check.total, problems: [] };

  // Negotiation: the buyer accepted the provider's counter, or the provider accepted the buyer's proposal.
  const price =
    negotiation?.buyerAccepted !== undefined
      ? negotiation.counter?.price
      : negotiation?.providerAccepted !== undefined
        ? negotiation.proposal?.price
        : undefined;
  if (price === undefined) {
    const problems = [{ code: 'tanpa_kesepakatan', message: 'Belum ada harga yang disepakati.' }];
    return { ...base, ...cartVendor, problems };
  }
  if (price > check.total) {
    return {
      ...base,
      ...cartVendor,
      problems: [
        {
          code: 'melebihi_harga_katalog',
          message: `Harga negosiasi ${rp(price)} melebihi harga katalog ${rp(check.total)}; negosiasi dilanjutkan.`,
        },
      ],
    };
  }
  return { ...base, ...cartVendor, total: price, problems: [] };
}
