/**
 * The package's own part of a release — planning, tender, awards and parties — as it stood after one event: a pure
 * fold over the package's events up to that seq, so the release of a change reads the same whenever it is built.
 *
 * - Planning: the pagu (budget) of the fiscal year, public from creation (the RUP is public).
 * - Tender: the HPS as value, the method, the stages of the schedule (jadwal) as milestones, the bid window as
 *   tenderPeriod (moved by an addendum's extension), the clarification as enquiryPeriod, addenda as amendments.
 * - Tenderers: a sealed bid counts only after an `unsealBids` service completed after it (the opening); an unsealed
 *   offer (penunjukan / pengadaan langsung) once its submission stage is over. Never a price: bids carry none here.
 * - Awards: created by the award announcement (or the award decision where the method announces none, or the
 *   contract hand-off for direct methods), `active` with the SPPBJ, `cancelled` when superseded or when the package
 *   fails. The winner is the bidder whose pembuktian kualifikasi passed last before the award (an event), else the
 *   winner of the ranking in the package's view; the value is its ranked price, then the agreed contract value once
 *   the contract is prepared. A re-ranking after that award could only change the price quoted from the view.
 */
import { actionsOf, findNode, type ProcessDefinition, type ProcessNode } from '../process/definition';
import { unitName } from '../process/schedule-rules';
import { additionalCategories, CURRENCY, isoDate, mainCategory, procurementMethod } from './codes';
import { textOf } from '../text';
import { isPublicDocument } from '../views/public-documents';
import { failureSummary } from '../selection/failure';
import { generatedDocuments, type GeneratedDocument, ocdsDocument } from './documents';

const NO_SIGNATURES: ReadonlySet<string> = new Set();
import type { JsonObject } from './merge';
import { buyerOf, orgOfAccount, type PartyList, type PartyRef, procuringEntityOf } from './parties';
import type { OcdsEvent, OcdsOptions, OcdsPackageSource } from './source';
import { vendorIdOf } from '../vendor-id';

/** The declarations of tender gagal, by the Pokja (collegially) and by the PA/KPA (workflows/definitions/failure.ts). */
export const FAILURE_ACTIONS: ReadonlySet<string> = new Set(['declare_failure', 'declare_failure_pa']);

/** Offers that are not sealed: public once their submission stage is over. */
const UNSEALED_OFFERS = new Set(['submit_offer', 'submit_quotation']);

export interface AwardState {
  id: string;
  seq: number;
  at: number;
  vendorId?: string;
  /** Index of the contract child prepared for this award (prepareContract completions, in order). */
  contractIndex?: number;
  sppbjAt?: number;
  cancelled: boolean;
}

interface StageEntry {
  seq: number;
  stageId: string;
  name: string;
  at: number;
  closesAt?: number;
  leftAt?: number;
  end?: boolean;
}

/** Facts about the definition the fold needs, computed once per package. */
export interface DefinitionFacts {
  def?: ProcessDefinition;
  bidStages: Set<string>;
  enquiryStages: Set<string>;
  vendorStages: Set<string>;
  /** Actions that create an award: the announcement, else the decision, else none (the contract hand-off does). */
  awardActions: Set<string>;
  hasBids: boolean;
}

export function definitionFacts(def: ProcessDefinition | undefined): DefinitionFacts {
  const bidStages = new Set<string>();
  const enquiryStages = new Set<string>();
  const vendorStages = new Set<string>();
  const actionIds = new Set<string>();
  for (const n of def?.nodes ?? []) {
    for (const a of actionsOf(n)) {
      actionIds.add(a.id);
      if (a.envelope || UNSEALED_OFFERS.has(a.id)) bidStages.add(n.id);
      if (a.id === 'ask_question') enquiryStages.add(n.id);
      if (a.performers.some((p) => p.role === 'penyedia')) vendorStages.add(n.id);
    }
  }
  const awardActions = actionIds.has('announce_award')
    ? new Set(['announce_award'])
    : new Set(['decide_award', 'decide_award_pa'].filter((a) => actionIds.has(a)));
  return { def, bidStages, enquiryStages, vendorStages, awardActions, hasBids: bidStages.size > 0 };
}

/** A stage an outsider sees in the schedule: user tasks, windows and ends (not service tasks, gateways, calls). */
export function isPublicStage(facts: DefinitionFacts, stageId: string): boolean {
  if (PREPARATION_STAGES.has(stageId)) return false;
  const node = facts.def ? findNode(facts.def, stageId) : undefined;
  if (!node) return true;
  return node.type === 'userTask' || node.type === 'timeWindow' || node.type === 'endEvent';
}

const payloadOf = (e: OcdsEvent) => (e.details?.payload ?? {}) as Record<string, unknown>;

/** Everything the package's events say, up to a seq. */
export interface ParentState {
  firstStage?: string;
  publishedSeq?: number;
  stages: StageEntry[];
  ended?: { status: string; outcome: string; at: number };
  cancelReason?: string;
  addenda: { seq: number; at: number; number: string; summary: string; extensionDays: number }[];
  /** The Pokja's schedule changes after the announcement (perubahan jadwal), each a tender amendment. */
  scheduleChanges: { seq: number; at: number; stageId: string; changes: Record<string, number>; reason: string }[];
  bidders: { vendorId: string; sealed: boolean; seq: number }[];
  publicBidders: string[];
  hasEnquiries: boolean;
  tenderPeriod?: { startDate?: number; endDate?: number; stageSeq: number };
  enquiryPeriod?: { startDate: number; endDate?: number };
  awards: AwardState[];
  documents: GeneratedDocument[];
  contractsPrepared: number;
  miniCompetition: boolean;
  /** The last tender gagal declared (Pasal 51): its cause letter and follow-up (domain/selection/failure.ts). */
  failure?: { letter: string; followUp?: string };
}

export function foldParent(src: OcdsPackageSource, facts: DefinitionFacts, cut: number): ParentState {
  const s: ParentState = {
    stages: [],
    addenda: [],
    scheduleChanges: [],
    bidders: [],
    publicBidders: [],
    hasEnquiries: false,
    awards: [],
    documents: [],
    contractsPrepared: 0,
    miniCompetition: false,
  };
  let lastQualified: string | undefined;
  const makePublic = (vendorId: string) => {
    if (!s.publicBidders.includes(vendorId)) s.publicBidders.push(vendorId);
  };
  const events = src.events.filter((e) => e.seq <= cut);
  for (const e of events) {
    if (e.type === 'stage_entered') {
      // Any stage entered ends the one before, service tasks included.
      const open = s.stages[s.stages.length - 1];
      if (open && open.leftAt === undefined && !open.end) open.leftAt = e.at;
      // Unsealed offers become public when their submission stage is over.
      for (const b of s.bidders) if (!b.sealed && b.seq < e.seq) makePublic(b.vendorId);
      // The preparation (assignment, Reviu DPP) comes before the announcement and is internal to the UKPBJ.
      if (PREPARATION_STAGES.has(e.stageId)) continue;
      s.firstStage ??= e.stageId;
      if (s.publishedSeq === undefined && e.stageId !== s.firstStage) s.publishedSeq = e.seq;
      const closesAt = typeof e.details?.closesAt === 'number' ? e.details.closesAt : undefined;
      if (facts.bidStages.has(e.stageId)) {
        // An e-purchasing order that opens a bid window is a mini competition among catalogue providers.
        s.miniCompetition = true;
        s.tenderPeriod = { startDate: s.tenderPeriod?.startDate ?? e.at, endDate: closesAt ?? s.tenderPeriod?.endDate, stageSeq: e.seq };
      }
      if (facts.enquiryStages.has(e.stageId) && !s.enquiryPeriod) s.enquiryPeriod = { startDate: e.at, endDate: closesAt };
      if (!isPublicStage(facts, e.stageId)) continue;
      const node = facts.def ? findNode(facts.def, e.stageId) : undefined;
      s.stages.push({
        seq: e.seq,
        stageId: e.stageId,
        name: typeof e.details?.name === 'string' ? e.details.name : e.stageId,
        at: e.at,
        closesAt,
        end: node?.type === 'endEvent',
      });
    } else if (e.type === 'notice_published') {
      // An addendum published in the bid window moves its deadline; the notice carries the new one.
      const dueAt = typeof e.details?.dueAt === 'number' ? e.details.dueAt : undefined;
      const stage = s.stages[s.stages.length - 1];
      if (dueAt !== undefined && stage && facts.bidStages.has(stage.stageId) && s.tenderPeriod) {
        s.tenderPeriod.endDate = dueAt;
        stage.closesAt = dueAt;
      }
    } else if (e.type === 'action_performed') {
      const p = payloadOf(e);
      if (e.action === 'publish_addendum') {
        s.addenda.push({
          seq: e.seq,
          at: e.at,
          number: textOf(p.number),
          summary: textOf(p.summary),
          extensionDays: Number(p.extensionDays ?? 0),
        });
      } else if (e.action === 'change_schedule' && s.publishedSeq !== undefined) {
        // Before the announcement the Pokja is setting its jadwal; after it, a change is an amendment of the tender.
        const changes = Object.fromEntries(
          Object.entries((p.changes ?? {}) as Record<string, unknown>).filter((kv): kv is [string, number] => typeof kv[1] === 'number'),
        );
        s.scheduleChanges.push({ seq: e.seq, at: e.at, stageId: e.stageId, changes, reason: textOf(p.reason) });
      } else if (e.action && FAILURE_ACTIONS.has(e.action) && typeof p.cause === 'string') {
        s.failure = { letter: p.cause, ...(typeof p.followUp === 'string' ? { followUp: p.followUp } : {}) };
      } else if (e.action === 'cancel') {
        s.cancelReason = typeof p.reason === 'string' ? p.reason : undefined;
      } else if (e.action === 'ask_question') {
        s.hasEnquiries = true;
      } else if (e.action === 'verify_qualification' && (p.passed ?? p.lulus) === true && typeof p.vendorId === 'string') {
        // `passed` since issue 16's definition versions, `lulus` in packages started before.
        lastQualified = p.vendorId;
      } else if (e.action === 'issue_sppbj') {
        const award = currentAward(s);
        if (award) award.sppbjAt ??= e.at;
      } else if (e.action && facts.awardActions.has(e.action)) {
        createAward(s, e, lastQualified ?? src.awardData?.winner?.vendorId);
      }
      const sealed = typeof (p as { sealedBid?: unknown }).sealedBid === 'object';
      if (e.actorId && e.actorRole === 'penyedia' && (sealed || (e.action && UNSEALED_OFFERS.has(e.action)))) {
        s.bidders.push({ vendorId: e.actorId, sealed, seq: e.seq });
      }
    } else if (e.type === 'service_completed') {
      const service = e.details?.service;
      if (service === 'unsealBids') {
        for (const b of s.bidders) if (b.sealed && b.seq < e.seq) makePublic(b.vendorId);
      } else if (service === 'replaceWinner') {
        // The winner gave up the award (Perpres 16/2018 Pasal 78): that award ends; the reserve winner's award comes
        // with its own contract hand-off below, which names the supplier.
        for (const a of s.awards) a.cancelled = true;
      } else if (service === 'prepareContract') {
        const index = s.contractsPrepared++;
        const basis = src.contracts[index]?.facts.contractBasis;
        let award = currentAward(s);
        // Direct methods award with the hand-off itself; the contract carries who and for how much.
        if (!award) award = createAward(s, e, vendorIdOf(basis), e.at);
        award.contractIndex = index;
        award.vendorId ??= vendorIdOf(basis);
      }
    } else if (e.type === 'package_ended') {
      s.ended = { status: textOf(e.details?.status), outcome: textOf(e.details?.outcome), at: e.at };
    }
  }
  // Only documents /api/public serves (domain/views/public-documents.ts); none of the package's own is a contract.
  s.documents = generatedDocuments(events, src.documents, facts.def).filter((d) => isPublicDocument(d.row, NO_SIGNATURES));
  return s;
}

const currentAward = (s: ParentState): AwardState | undefined => s.awards.filter((a) => !a.cancelled).at(-1);

function createAward(s: ParentState, e: OcdsEvent, vendorId: string | undefined, activeAt?: number): AwardState {
  for (const a of s.awards) a.cancelled = true; // a new award supersedes any earlier one
  const award: AwardState = { id: `penetapan-${e.seq}`, seq: e.seq, at: e.at, vendorId, sppbjAt: activeAt, cancelled: false };
  s.awards.push(award);
  return award;
}

/** The stages of the preparation prefix (workflows/definitions/preparation.ts), internal to the UKPBJ. */
export const PREPARATION_STAGES: ReadonlySet<string> = new Set(['officer_assignment', 'dpp_review', 'dpp_review_minutes', 'dpp_review_result', 'dpp_revision']);

const stageNameOf = (facts: DefinitionFacts, stageId: string) => (facts.def ? findNode(facts.def, stageId)?.name : undefined) ?? stageId;

/** "Masa pendaftaran menjadi 7 hari kalender", from the definition's parameter (its id when unknown). */
function scheduleValueText(facts: DefinitionFacts, param: string, value: number): string {
  const p = facts.def?.params[param];
  return p ? `${p.name} menjadi ${value} ${unitName(p)}` : `${param} menjadi ${value}`;
}

/** The tender's status: planned before the announcement, active while running, then how the package ended. */
function tenderStatus(s: ParentState): string {
  if (s.ended) {
    if (s.ended.outcome === 'cancelled') return 'cancelled';
    if (s.ended.outcome === 'completed') return 'complete';
    // A contract terminated after it was signed still ended a complete tender.
    return s.ended.status === 'diputus' ? 'complete' : 'unsuccessful';
  }
  return s.publishedSeq === undefined ? 'planned' : 'active';
}

function awardStatus(s: ParentState, a: AwardState): string {
  if (a.cancelled) return 'cancelled';
  if (s.ended && (s.ended.outcome === 'cancelled' || (s.ended.outcome === 'failed' && s.ended.status !== 'diputus'))) return 'cancelled';
  return a.sppbjAt !== undefined ? 'active' : 'pending';
}

function milestoneType(facts: DefinitionFacts, node: ProcessNode | undefined, stageId: string): string | undefined {
  if (node?.type === 'endEvent') return undefined;
  if (facts.vendorStages.has(stageId)) return 'engagement';
  return /award|sppbj|approv|justif/.test(stageId) ? 'approval' : 'assessment';
}

const money = (amount: number) => ({ amount, currency: CURRENCY });

/** Awards whose supplier is known, with their status and value as of the fold. */
export function awardsOf(src: OcdsPackageSource, s: ParentState, parties: PartyList, opts: OcdsOptions): JsonObject[] {
  return s.awards.map((a) => {
    const status = awardStatus(s, a);
    const supplier = a.vendorId ? orgOfAccount(src, a.vendorId) : undefined;
    if (supplier && status !== 'cancelled') parties.add(supplier, 'supplier');
    const basis = a.contractIndex !== undefined ? src.contracts[a.contractIndex]?.facts.contractBasis : undefined;
    const ranked =
      src.awardData?.winner?.vendorId === a.vendorId ? src.awardData?.winner?.price : src.awardData?.ranking?.find((r) => r.vendorId === a.vendorId)?.price;
    const value = basis?.value ?? ranked;
    const docs = s.documents.filter((d) => d.row.kind === 'sppbj' && d.seq > a.seq).map((d) => ocdsDocument(d, src.packageId, opts));
    return {
      id: a.id,
      status,
      date: isoDate(a.at),
      ...(value !== undefined && a.vendorId ? { value: money(value) } : {}),
      ...(supplier ? { suppliers: [supplier as unknown as JsonObject] } : {}),
      ...(docs.length ? { documents: docs } : {}),
    };
  });
}

/** Planning, tender and parties of the package as of the fold. Awards are added by `awardsOf`. */
export function tenderSection(
  src: OcdsPackageSource,
  facts: DefinitionFacts,
  s: ParentState,
  parties: PartyList,
  opts: OcdsOptions,
  amendmentIds: (seq: number) => { releaseID: string; amendsReleaseID?: string },
): { planning: JsonObject; tender: JsonObject; buyer: PartyRef } {
  const buyer = parties.add(buyerOf(src), 'buyer');
  const procuringEntity = parties.add(procuringEntityOf(src), 'procuringEntity');
  const f = src.facts;
  const published = s.publishedSeq !== undefined;
  const tenderers = s.publicBidders.map((v) => parties.add(orgOfAccount(src, v), 'tenderer'));
  // Two accounts of one provider are one tenderer.
  const uniqueTenderers = tenderers.filter((t, i) => tenderers.findIndex((x) => x.id === t.id) === i);

  const milestones = s.stages.map((st) => {
    const node = facts.def ? findNode(facts.def, st.stageId) : undefined;
    const type = milestoneType(facts, node, st.stageId);
    const met = st.end || st.leftAt !== undefined;
    const description = st.end && s.cancelReason && s.ended?.outcome === 'cancelled' ? `Alasan pembatalan: ${s.cancelReason}` : undefined;
    return {
      id: `tahap-${st.seq}`,
      title: st.name,
      ...(type ? { type } : {}),
      ...(description ? { description } : {}),
      ...(st.closesAt !== undefined ? { dueDate: isoDate(st.closesAt) } : {}),
      ...(met ? { dateMet: isoDate(st.leftAt ?? st.at) } : {}),
      status: met ? 'met' : 'scheduled',
    };
  });

  const addendumAmendments = s.addenda.map((a, i) => ({
    seq: a.seq,
    amendment: {
      id: `adendum-${i + 1}`,
      date: isoDate(a.at),
      description: `Adendum Dokumen Pemilihan ${a.number}: ${a.summary}`,
      rationale:
        a.extensionDays > 0
          ? `Batas unggah dokumen penawaran diperpanjang ${a.extensionDays} hari kerja.`
          : 'Perubahan tidak substantif; batas unggah dokumen penawaran tetap.',
      ...amendmentIds(a.seq),
    },
  }));
  // A perubahan jadwal (domain/selection/schedule.ts) amends the tender: which stage, which parameter, to what.
  const scheduleAmendments = s.scheduleChanges.map((c, i) => ({
    seq: c.seq,
    amendment: {
      id: `perubahan-jadwal-${i + 1}`,
      date: isoDate(c.at),
      description: `Perubahan jadwal pada tahap ${stageNameOf(facts, c.stageId)}: ${Object.entries(c.changes)
        .map(([k, v]) => scheduleValueText(facts, k, v))
        .join('; ')}`,
      rationale: c.reason,
      ...amendmentIds(c.seq),
    },
  }));
  const amendments = [...addendumAmendments, ...scheduleAmendments].sort((a, b) => a.seq - b.seq).map((a) => a.amendment);

  const period = (start?: number, end?: number) =>
    start === undefined ? undefined : { startDate: isoDate(start), ...(end !== undefined && end >= start ? { endDate: isoDate(end) } : {}) };
  const tenderPeriod = period(s.tenderPeriod?.startDate, s.tenderPeriod?.endDate);
  const enquiryPeriod = period(s.enquiryPeriod?.startDate, s.enquiryPeriod?.endDate);
  const documents = s.documents.filter((d) => d.row.kind !== 'sppbj').map((d) => ocdsDocument(d, src.packageId, opts));
  const additional = additionalCategories(f.category);

  const status = tenderStatus(s);
  // A failed tender names its cause and Pasal (and the follow-up taken): Pasal 51, published as SPSE does.
  const statusDetails = status === 'unsuccessful' && s.failure ? failureSummary(s.failure.letter, s.failure.followUp) : undefined;
  const tender: JsonObject = {
    id: src.packageId,
    title: f.title,
    ...(f.description ? { description: f.description } : {}),
    status,
    ...(statusDetails ? { statusDetails } : {}),
    procuringEntity: { ...procuringEntity },
    ...(published ? { value: money(f.hps) } : {}),
    procurementMethod: procurementMethod(src.method, s.miniCompetition),
    procurementMethodDetails: src.definitionName,
    mainProcurementCategory: mainCategory(f.category),
    ...(additional ? { additionalProcurementCategories: additional } : {}),
    ...(facts.hasBids ? { submissionMethod: ['electronicSubmission'] } : {}),
    ...(tenderPeriod ? { tenderPeriod } : {}),
    ...(enquiryPeriod ? { enquiryPeriod } : {}),
    ...(facts.enquiryStages.size ? { hasEnquiries: s.hasEnquiries } : {}),
    ...(s.publicBidders.length || (facts.hasBids && s.bidders.length === 0 && s.ended) ? { numberOfTenderers: uniqueTenderers.length } : {}),
    ...(uniqueTenderers.length ? { tenderers: uniqueTenderers.map((t) => ({ ...t })) } : {}),
    ...(documents.length ? { documents } : {}),
    ...(milestones.length ? { milestones } : {}),
    ...(amendments.length ? { amendments } : {}),
  };
  const planning: JsonObject = {
    budget: {
      id: `pagu-${src.packageId}`,
      description: `Pagu anggaran ${f.workUnit}, ${f.opd}, Tahun Anggaran ${f.fiscalYear}`,
      amount: money(f.pagu),
    },
  };
  return { planning, tender, buyer };
}
