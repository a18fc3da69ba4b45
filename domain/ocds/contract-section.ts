/**
 * A contract (E-Kontrak child package) as it stood after one of its events: a fold over the child's events up to that
 * seq, with the payment rows those events made. Published from its signature on (the `signed` milestone): a draft that
 * was never signed is not a contract yet, and its award shows as cancelled instead.
 *
 * - value: the agreed value (contractBasis) plus every signed addendum's change; period: from the SPMK start date for
 *   the contract's duration (extended by addenda); amendments: the addenda with their reasons;
 * - implementation.transactions: payments net of advance repayment, retention and penalty (what reached the
 *   provider), payer the OPD, payee the provider;
 * - implementation.milestones: the planned cumulative physical progress per period (met, partly met or scheduled by
 *   the accepted progress reports) and the handovers;
 * - documents: the signed contract document (drafts that were replaced are left out), the SPMK; BASTs under
 *   implementation.
 */
import { textOf } from '../text';
import { isPublicDocument, SignedContractDocuments } from '../views/public-documents';
import { CONTRACT_TITLE, CURRENCY, HANDOVER_MILESTONES, isoDate, wibDayStart } from './codes';
import { generatedDocuments, ocdsDocument } from './documents';
import type { JsonObject } from './merge';
import type { PartyRef } from './parties';
import type { OcdsContractSource, OcdsEvent, OcdsOptions } from './source';

const DAY = 86_400_000;
const payloadOf = (e: OcdsEvent) => (e.details?.payload ?? {}) as Record<string, unknown>;

/** Actions that each add one payment (`pembayaran-N` is the N-th; domain/contract/rules.ts). */
export const PAYMENT_ACTIONS = new Set(['pay_advance', 'pay_term', 'pay_final', 'release_retention']);

export interface ContractState {
  signedSeq?: number;
  /** Payments made by the cut. */
  payments: number;
  signedAt?: number;
  ended?: { status: string; outcome: string; at: number };
  number?: string;
  durationDays: number;
  plannedPercent: number[];
  startDate?: number;
  /** Contract document hashes both parties signed (a revision signed by one party only is still a draft). */
  signedHashes: SignedContractDocuments;
  addenda: { seq: number; at: number; number: string; reason: string; valueChange: number; extensionDays: number }[];
  reports: { id: string; period: number; percent: number; acceptedAt?: number }[];
  handovers: { action: string; at: number }[];
}

export function foldContract(c: OcdsContractSource, cut: number): ContractState {
  const s: ContractState = {
    payments: 0,
    durationDays: 0,
    plannedPercent: [],
    signedHashes: new SignedContractDocuments(),
    addenda: [],
    reports: [],
    handovers: [],
  };
  for (const e of c.events) {
    if (e.seq > cut) break;
    if (e.type === 'milestone_reached' && e.details?.milestone === 'signed') {
      s.signedSeq ??= e.seq;
      s.signedAt ??= e.at;
    } else if (e.type === 'package_ended') {
      s.ended = { status: textOf(e.details?.status), outcome: textOf(e.details?.outcome), at: e.at };
    } else if (e.type === 'action_performed') {
      const p = payloadOf(e);
      if (e.action && PAYMENT_ACTIONS.has(e.action)) s.payments++;
      switch (e.action) {
        case 'draft_contract':
          s.number = typeof p.number === 'string' ? p.number : s.number;
          s.durationDays = Number(p.durationDays ?? 0) + s.addenda.reduce((t, a) => t + a.extensionDays, 0);
          s.plannedPercent = Array.isArray(p.plannedProgress) ? p.plannedProgress.map(Number) : [];
          break;
        case 'sign_contract_ppk':
        case 'sign_contract_penyedia':
          s.signedHashes.add(e.action, p.documentHash);
          break;
        case 'issue_spmk':
          s.startDate = typeof p.startDate === 'string' ? wibDayStart(p.startDate) : undefined;
          break;
        case 'sign_addendum': {
          const a = {
            seq: e.seq,
            at: e.at,
            number: textOf(p.number),
            reason: textOf(p.reason),
            valueChange: Number(p.valueChange ?? 0),
            extensionDays: Number(p.extensionDays ?? 0),
          };
          s.addenda.push(a);
          s.durationDays += a.extensionDays;
          break;
        }
        case 'submit_progress_report':
          s.reports.push({ id: `laporan-${s.reports.length + 1}`, period: Number(p.period), percent: Number(p.physicalPercent) });
          break;
        case 'review_progress_report': {
          const r = s.reports.find((x) => x.id === p.reportId);
          if (r && p.decision === 'terima') r.acceptedAt = e.at;
          break;
        }
        case 'accept_receipt':
          // An order's receipt check accepts the whole delivery as one progress report (acceptDelivery).
          s.reports.push({ id: `laporan-${s.reports.length + 1}`, period: 1, percent: 100, acceptedAt: e.at });
          s.handovers.push({ action: e.action, at: e.at });
          break;
        default:
          if (e.action && HANDOVER_MILESTONES[e.action]) s.handovers.push({ action: e.action, at: e.at });
      }
    }
  }
  return s;
}

function contractStatus(s: ContractState): string {
  if (s.signedAt === undefined) return s.ended ? 'cancelled' : 'pending';
  return s.ended ? 'terminated' : 'active';
}

/** Planned cumulative progress per period against the last accepted report of that period. */
function progressMilestones(s: ContractState): JsonObject[] {
  return s.plannedPercent.map((planned, i) => {
    const period = i + 1;
    const accepted = s.reports.filter((r) => r.period === period && r.acceptedAt !== undefined).at(-1);
    const status = !accepted ? 'scheduled' : accepted.percent >= planned ? 'met' : 'partiallyMet';
    return {
      id: `progres-periode-${period}`,
      title: `Progres fisik kumulatif periode ${period}`,
      type: 'delivery',
      description: accepted ? `Rencana ${planned}%, realisasi ${accepted.percent}% (laporan kemajuan diterima).` : `Rencana ${planned}%.`,
      status,
      ...(accepted ? { dateMet: isoDate(accepted.acceptedAt!) } : {}),
    };
  });
}

export function contractSection(
  c: OcdsContractSource,
  s: ContractState,
  cut: number,
  /** `packageId`: the procurement package, whose public page serves this contract's documents. */
  refs: { awardID: string; buyer: PartyRef; supplier: PartyRef; packageId: string },
  opts: OcdsOptions,
  amendmentIds: (seq: number) => { releaseID: string; amendsReleaseID?: string },
): JsonObject {
  const basis = c.facts.contractBasis;
  const value = (basis?.value ?? 0) + s.addenda.reduce((t, a) => t + a.valueChange, 0);
  const start = s.startDate ?? s.signedAt;
  const docs = generatedDocuments(
    c.events.filter((e) => e.seq <= cut),
    c.documents,
    c.definition,
  ).filter((d) => isPublicDocument(d.row, s.signedHashes)); // only what /api/public serves (signed contract revision)
  const isBast = (kind: string) => kind.startsWith('bast');
  const contractDocs = docs.filter((d) => !isBast(d.row.kind)).map((d) => ocdsDocument(d, refs.packageId, opts));
  const bastDocs = docs.filter((d) => isBast(d.row.kind)).map((d) => ocdsDocument(d, refs.packageId, opts));

  const paymentNo = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);
  const transactions = [...c.payments]
    .sort((a, b) => paymentNo(a.paymentId) - paymentNo(b.paymentId))
    .slice(0, s.payments)
    .map((p) => ({
      id: p.paymentId,
      date: isoDate(p.paidAt),
      value: { amount: p.net, currency: CURRENCY },
      payer: { ...refs.buyer },
      payee: { ...refs.supplier },
    }));
  const milestones = [
    ...progressMilestones(s),
    ...s.handovers.map((h, i) => ({
      id: `serah-terima-${i + 1}`,
      title: HANDOVER_MILESTONES[h.action]!,
      type: 'delivery',
      status: 'met',
      dateMet: isoDate(h.at),
    })),
  ];
  const implementation: JsonObject = {
    ...(transactions.length ? { transactions } : {}),
    ...(milestones.length ? { milestones } : {}),
    ...(bastDocs.length ? { documents: bastDocs } : {}),
  };
  const amendments = s.addenda.map((a, i) => ({
    id: `adendum-kontrak-${i + 1}`,
    date: isoDate(a.at),
    rationale: a.reason,
    description:
      `Adendum kontrak ${a.number}: perubahan nilai Rp${a.valueChange.toLocaleString('id-ID')}` +
      (a.extensionDays ? `, perpanjangan waktu ${a.extensionDays} hari kalender.` : '.'),
    ...amendmentIds(a.seq),
  }));
  const title = `${CONTRACT_TITLE[basis?.kind ?? 'kontrak'] ?? 'Kontrak'}${s.number ? ` ${s.number}` : ''}`;
  return {
    id: c.packageId,
    awardID: refs.awardID,
    title,
    status: contractStatus(s),
    ...(start !== undefined && s.durationDays > 0 ? { period: { startDate: isoDate(start), endDate: isoDate(start + s.durationDays * DAY) } } : {}),
    value: { amount: value, currency: CURRENCY },
    ...(s.signedAt !== undefined ? { dateSigned: isoDate(s.signedAt) } : {}),
    ...(contractDocs.length ? { documents: contractDocs } : {}),
    ...(amendments.length ? { amendments } : {}),
    ...(Object.keys(implementation).length ? { implementation } : {}),
  };
}
