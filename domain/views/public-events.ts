/**
 * The public timeline of a package: its published events, built from an allowlist of event types and steps, never by
 * passing events through. What it leaves out on purpose: who acted (every actor id and role), step payloads and notes,
 * registrations and bids (sealed or not: their count is not public before the opening), reminders, escalations,
 * gateways, service bookkeeping, stages an outsider does not see (service tasks, gateways, calls), the winner's
 * decision before its announcement where the method announces it, and everything of a contract before both parties
 * signed it (drafts, performance security) — the same line the OCDS releases draw (domain/ocds/releases.ts).
 */
import { HANDOVER_MILESTONES } from '../ocds/codes';
import { PAYMENT_ACTIONS } from '../ocds/contract-section';
import { definitionFacts, FAILURE_ACTIONS, isPublicStage } from '../ocds/tender-section';
import { failureSummary } from '../selection/failure';
import { findNode, type ProcessDefinition } from '../process/definition';
import { textOf } from '../text';
import { SignedContractDocuments } from './public-documents';

export const PUBLIC_EVENT_KINDS = [
  'created',
  'stage_entered',
  'stage_closed',
  'announcement',
  'addendum',
  'opening',
  'award',
  'sppbj',
  'cancelled',
  'failure',
  'ended',
  'contract_signed',
  'spmk',
  'contract_addendum',
  'payment',
  'handover',
  'contract_terminated',
  'contract_ended',
] as const;
export type PublicEventKind = (typeof PUBLIC_EVENT_KINDS)[number];

export interface PublicEvent {
  at: string;
  kind: PublicEventKind;
  title: string;
  /** The stage the event belongs to (a stage of the contract for contract events). */
  stageId: string | null;
  /** True for an event of the package's contract (E-Kontrak). */
  contract: boolean;
}

/** An event as the read model stores it (package_events); `details` is read here and never copied out. */
export interface StoredEvent {
  seq: number;
  at: number;
  type: string;
  stageId: string;
  action?: string | null;
  details?: Record<string, unknown> | null;
}

/** Announcements a Pokja or official publishes (their own stage, their own title). */
const ANNOUNCEMENTS: Record<string, string> = {
  announce: 'Pengumuman paket',
  announce_prequalification_result: 'Pengumuman hasil prakualifikasi',
  announce_prequalification_rerun: 'Pengumuman ulang prakualifikasi',
  announce_no_passer: 'Pengumuman hasil evaluasi: tidak ada peserta yang lulus',
};

const iso = (ms: number) => new Date(ms).toISOString();
const stageName = (def: ProcessDefinition | undefined, stageId: string) => (def ? findNode(def, stageId)?.name : undefined) ?? stageId;

/** The procurement package's own public events, in order. */
export function packageEvents(events: readonly StoredEvent[], def: ProcessDefinition | undefined): PublicEvent[] {
  const facts = definitionFacts(def);
  const out: PublicEvent[] = [];
  const add = (e: StoredEvent, kind: PublicEventKind, title: string) => out.push({ at: iso(e.at), kind, title, stageId: e.stageId ?? null, contract: false });
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    switch (e.type) {
      case 'package_created':
        add(e, 'created', 'Paket dibuat (rencana pengadaan)');
        break;
      case 'stage_entered': {
        const node = def ? findNode(def, e.stageId) : undefined;
        if (node?.type === 'endEvent') add(e, node.outcome === 'cancelled' ? 'cancelled' : 'ended', `Paket berakhir: ${node.name}`);
        else if (isPublicStage(facts, e.stageId)) add(e, 'stage_entered', `Tahap dimulai: ${stageName(def, e.stageId)}`);
        break;
      }
      case 'window_closed':
        if (isPublicStage(facts, e.stageId)) add(e, 'stage_closed', `Tahap ditutup: ${stageName(def, e.stageId)}`);
        break;
      case 'service_completed':
        if (e.details?.service === 'unsealBids') add(e, 'opening', 'Pembukaan penawaran');
        break;
      case 'action_performed': {
        const a = e.action ?? '';
        if (ANNOUNCEMENTS[a]) add(e, 'announcement', ANNOUNCEMENTS[a]);
        else if (a === 'publish_addendum') add(e, 'addendum', 'Adendum dokumen pemilihan');
        // The award as the method publishes it: the announcement, else the decision (definitionFacts.awardActions).
        else if (facts.awardActions.has(a)) add(e, 'award', a === 'announce_award' ? 'Pengumuman pemenang' : 'Penetapan pemenang');
        else if (a === 'issue_sppbj') add(e, 'sppbj', 'Penerbitan SPPBJ');
        // Tender gagal: the cause from the fixed table (never the officials' free-text reason).
        else if (FAILURE_ACTIONS.has(a)) {
          const p = (e.details?.payload ?? {}) as { cause?: unknown; followUp?: unknown };
          const title = typeof p.cause === 'string' ? failureSummary(p.cause, typeof p.followUp === 'string' ? p.followUp : undefined) : undefined;
          if (title) add(e, 'failure', title);
        }
        break;
      }
    }
  }
  return out;
}

/** A contract child's public events: nothing before its signature, then its execution milestones. */
export function contractEvents(events: readonly StoredEvent[], def: ProcessDefinition | undefined): PublicEvent[] {
  const out: PublicEvent[] = [];
  const add = (e: StoredEvent, kind: PublicEventKind, title: string) => out.push({ at: iso(e.at), kind, title, stageId: e.stageId ?? null, contract: true });
  let signed = false;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type === 'milestone_reached' && e.details?.milestone === 'signed' && !signed) {
      signed = true;
      add(e, 'contract_signed', 'Kontrak ditandatangani');
      continue;
    }
    if (!signed) continue;
    if (e.type === 'package_ended') {
      const node = def ? findNode(def, e.stageId) : undefined;
      add(e, 'contract_ended', `Kontrak berakhir: ${node?.name ?? textOf(e.details?.status)}`);
    } else if (e.type === 'action_performed') {
      const a = e.action ?? '';
      if (a === 'issue_spmk') add(e, 'spmk', 'Penerbitan SPMK / surat perintah pengiriman');
      else if (a === 'sign_addendum' || a === 'grant_kesempatan' || a === 'extend_swakelola') add(e, 'contract_addendum', 'Adendum kontrak');
      else if (PAYMENT_ACTIONS.has(a)) add(e, 'payment', 'Pembayaran kepada penyedia');
      else if (HANDOVER_MILESTONES[a]) add(e, 'handover', HANDOVER_MILESTONES[a]);
      else if (a === 'terminate_contract' || a === 'terminate_late_contract' || a === 'stop_swakelola') add(e, 'contract_terminated', 'Pemutusan kontrak');
    }
  }
  return out;
}

/** The contract document hashes both parties signed (sign_contract_ppk and sign_contract_penyedia on the same hash). */
export function signedHashesOf(events: readonly StoredEvent[]): SignedContractDocuments {
  const out = new SignedContractDocuments();
  for (const e of events) {
    if (e.type === 'action_performed') out.add(e.action, ((e.details?.payload ?? {}) as Record<string, unknown>).documentHash);
  }
  return out;
}

/** Both timelines merged by time (a contract event never precedes the package's event that led to it). */
export function mergeTimelines(...lists: PublicEvent[][]): PublicEvent[] {
  return lists.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : Number(a.contract) - Number(b.contract)));
}
