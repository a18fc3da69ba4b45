/**
 * OCDS 1.1.5 releases of one package (one contracting process, ocid `${OCID_PREFIX}-${packageId}`), derived from its
 * append-only events: one immutable release per published change.
 *
 * A change is one step and what it set off (an action, the stage it leads to, a notice it sends: `changesOf`). It
 * becomes a release when it is public — the package's creation, the announcement and every later stage of the
 * schedule, an addendum, the opening, an award, the SPPBJ, a cancellation or end; in the contract, the signature,
 * the SPMK, addenda, payments, accepted progress, handovers and the end. Its id is `${ocid}-${first seq}` (contract
 * changes `${ocid}-k${n}-${first seq}` for the n-th contract), its date the change's time, its content the state after
 * it (tender-section.ts, contract-section.ts). Reminders, gateways, service bookkeeping publish nothing.
 *
 * Same events in, same releases out: nothing here reads a clock or the latest view (except the award price, see
 * tender-section.ts). A contract child's data belongs to its parent's ocid; it is published from its signature.
 */
import { TAG_ORDER, type ReleaseTag, isoDate } from './codes';
import { contractSection, foldContract, PAYMENT_ACTIONS } from './contract-section';
import { buildRecord, type JsonObject, type OcdsRecord, type OcdsRelease } from './merge';
import { buyerOf, orgOfAccount, PartyList } from './parties';
import type { OcdsEvent, OcdsOptions, OcdsPackageSource } from './source';
import { awardsOf, type DefinitionFacts, definitionFacts, foldParent, isPublicStage, PREPARATION_STAGES, tenderSection } from './tender-section';
import { findNode } from '../process/definition';
import { vendorIdOf } from '../vendor-id';

export const ocidOf = (prefix: string, packageId: string) => `${prefix}-${packageId}`;

interface Change {
  events: OcdsEvent[];
  first: number;
  last: number;
  at: number;
}

/** Events that only follow from the event before them in the same step (never a change of their own). */
const CONSEQUENCES = new Set(['stage_entered', 'gateway_passed', 'milestone_reached', 'package_ended', 'notice_published']);

/**
 * The changes of an event log: each starts with a cause (a creation, an action, a timer, a service's or child's
 * completion, a reminder) and holds the events it set off (the stages it led to, a notice, the end). The workflow
 * emits a step's events together and the read model stores them in one transaction, so a change is never seen in
 * part; two steps in the same millisecond stay two changes.
 */
export function changesOf(events: readonly OcdsEvent[]): Change[] {
  const out: Change[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const cur = out[out.length - 1];
    // An outage extension (issue 15 point 7) is a notice with a cause of its own: a change, not part of the one before.
    const ownCause = e.type === 'notice_published' && e.action === 'outage_extension';
    if (cur && CONSEQUENCES.has(e.type) && !ownCause) {
      cur.events.push(e);
      cur.last = e.seq;
    } else out.push({ events: [e], first: e.seq, last: e.seq, at: e.at });
  }
  return out;
}

function normalise(tags: Set<ReleaseTag>): ReleaseTag[] {
  if (tags.has('tender') || tags.has('tenderAmendment') || tags.has('tenderCancellation')) tags.delete('tenderUpdate');
  if (tags.has('award')) tags.delete('awardUpdate');
  if (tags.has('contract') || tags.has('contractAmendment') || tags.has('contractTermination')) tags.delete('contractUpdate');
  return TAG_ORDER.filter((t) => tags.has(t));
}

/** Tags of each change of the package itself (empty: the change publishes nothing). */
function parentTags(changes: readonly Change[], facts: DefinitionFacts): ReleaseTag[][] {
  let firstStage: string | undefined;
  let published = false;
  let awards = 0;
  return changes.map((c) => {
    const tags = new Set<ReleaseTag>();
    for (const e of c.events) {
      if (e.type === 'package_created') tags.add('planning');
      else if (e.type === 'stage_entered') {
        // The preparation (assignment, Reviu DPP) is internal to the UKPBJ: the tender is published when the stage
        // after the announcement opens, as foldParent decides (tender-section.ts), not when the Reviu DPP starts.
        if (PREPARATION_STAGES.has(e.stageId)) continue;
        firstStage ??= e.stageId;
        const node = facts.def ? findNode(facts.def, e.stageId) : undefined;
        if (!published && e.stageId !== firstStage) {
          published = true;
          if (node?.type !== 'endEvent') tags.add('tender');
        }
        if (node?.type === 'endEvent') {
          tags.add(node.outcome === 'cancelled' ? 'tenderCancellation' : 'tenderUpdate');
        } else if (published && isPublicStage(facts, e.stageId)) tags.add('tenderUpdate');
      } else if (e.type === 'action_performed') {
        if (e.action === 'publish_addendum') tags.add('tenderAmendment');
        // A perubahan jadwal after the announcement amends the tender (tender.amendments); before it, the Pokja is
        // still setting its jadwal and nothing is published.
        else if (e.action === 'change_schedule' && published) tags.add('tenderAmendment');
        else if (e.action === 'cancel') tags.add('tenderCancellation');
        else if (e.action === 'issue_sppbj') tags.add('awardUpdate');
        else if (e.action && facts.awardActions.has(e.action)) {
          tags.add('award');
          awards++;
        }
      } else if (e.type === 'notice_published' && e.action === 'outage_extension') {
        if (published) tags.add('tenderUpdate'); // the tender period moved (tender-section.ts reads the notice's dueAt)
      } else if (e.type === 'service_completed') {
        const service = e.details?.service;
        if (service === 'unsealBids') tags.add('tenderUpdate');
        else if (service === 'prepareContract') tags.add(awards++ === 0 ? 'award' : 'awardUpdate');
        // The BA Hasil Reviu DPP of the preparation is internal (not a public kind): it publishes nothing.
        else if (service === 'generateDocument' && !PREPARATION_STAGES.has(e.stageId)) tags.add(e.stageId.includes('sppbj') ? 'awardUpdate' : 'tenderUpdate');
      }
    }
    return normalise(tags);
  });
}

/** Tags of each change of a contract: nothing before its signature. */
function contractTags(changes: readonly Change[]): ReleaseTag[][] {
  let signed = false;
  return changes.map((ch) => {
    const tags = new Set<ReleaseTag>();
    for (const e of ch.events) {
      if (e.type === 'milestone_reached' && e.details?.milestone === 'signed' && !signed) {
        signed = true;
        tags.add('contract');
      }
      if (!signed) continue;
      if (e.type === 'package_ended') tags.add('contractTermination');
      else if (e.type === 'service_completed' && e.details?.service === 'generateDocument') {
        tags.add(e.stageId.includes('bast') || e.stageId.includes('pho') || e.stageId.includes('fho') ? 'implementation' : 'contractUpdate');
      } else if (e.type === 'action_performed') {
        if (e.action === 'sign_addendum') tags.add('contractAmendment');
        else if (e.action === 'issue_spmk') tags.add('contractUpdate');
        else if (PAYMENT_ACTIONS.has(e.action ?? '')) tags.add('implementation');
        else if (e.action === 'review_progress_report' && (e.details?.payload as { decision?: string } | undefined)?.decision === 'terima') {
          tags.add('implementation');
        } else if (e.action && ['accept_handover', 'accept_fho', 'accept_receipt'].includes(e.action)) tags.add('implementation');
      }
    }
    return normalise(tags);
  });
}

/** Release ids by change, and the amendment ids an addendum published in a change carries. */
function idsOf(changes: readonly Change[], tags: readonly ReleaseTag[][], idOf: (c: Change) => string) {
  const released = changes.map((c, i) => (tags[i]!.length ? idOf(c) : undefined));
  return (seq: number) => {
    const i = changes.findIndex((c) => c.first <= seq && seq <= c.last);
    const before = released
      .slice(0, Math.max(i, 0))
      .filter((x): x is string => !!x)
      .at(-1);
    return { releaseID: released[i] ?? idOf(changes[i]!), ...(before ? { amendsReleaseID: before } : {}) };
  };
}

/** Every release of the package, its contracts' included, in date order. */
export function buildReleases(src: OcdsPackageSource, opts: OcdsOptions): OcdsRelease[] {
  const ocid = ocidOf(opts.ocidPrefix, src.packageId);
  const facts = definitionFacts(src.definition);
  const header = (id: string, at: number, tag: ReleaseTag[]) => ({ ocid, id, date: isoDate(at), tag, initiationType: 'tender', language: 'id' });
  const related: JsonObject[] | undefined = src.facts.previousPackageId
    ? [
        {
          id: 'proses-sebelumnya',
          relationship: ['unsuccessfulProcess'],
          title: src.facts.followUpReason ? `Paket sebelumnya (${src.facts.followUpReason})` : 'Paket sebelumnya',
          scheme: 'ocid',
          identifier: ocidOf(opts.ocidPrefix, src.facts.previousPackageId),
        },
      ]
    : undefined;

  const out: OcdsRelease[] = [];
  const changes = changesOf(src.events);
  const tags = parentTags(changes, facts);
  const parentId = (c: Change) => `${ocid}-${c.first}`;
  const amendmentIds = idsOf(changes, tags, parentId);
  changes.forEach((c, i) => {
    if (!tags[i]!.length) return;
    const s = foldParent(src, facts, c.last);
    const parties = new PartyList();
    const { planning, tender, buyer } = tenderSection(src, facts, s, parties, opts, amendmentIds);
    const awards = awardsOf(src, s, parties, opts);
    out.push({
      ...header(parentId(c), c.at, tags[i]!),
      parties: parties.list(),
      buyer: { ...buyer },
      planning,
      tender,
      ...(awards.length ? { awards } : {}),
      ...(related ? { relatedProcesses: related } : {}),
    });
  });

  // Contracts: the award each was prepared for is fixed by the events before its hand-off.
  const final = foldParent(src, facts, Number.MAX_SAFE_INTEGER);
  src.contracts.forEach((c, k) => {
    const award = final.awards.find((a) => a.contractIndex === k);
    const providerId = vendorIdOf(c.facts.contractBasis);
    if (!award || !providerId) return;
    const refs = { awardID: award.id, buyer: buyerOf(src), supplier: orgOfAccount(src, providerId), packageId: src.packageId };
    const cChanges = changesOf(c.events);
    const cTags = contractTags(cChanges);
    const childId = (ch: Change) => `${ocid}-k${k + 1}-${ch.first}`;
    const cAmendmentIds = idsOf(cChanges, cTags, childId);
    cChanges.forEach((ch, i) => {
      if (!cTags[i]!.length) return;
      const s = foldContract(c, ch.last);
      out.push({
        ...header(childId(ch), ch.at, cTags[i]!),
        contracts: [contractSection(c, s, ch.last, refs, opts, cAmendmentIds)],
      });
    });
  });
  // Stable: the package's releases before its contracts' at the same instant.
  return out
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => Date.parse(a.date) - Date.parse(b.date) || i - j)
    .map(([r]) => r);
}

/** The record of the package: every release, the compiled release and the versioned history. */
export function buildPackageRecord(src: OcdsPackageSource, opts: OcdsOptions): OcdsRecord {
  return buildRecord(ocidOf(opts.ocidPrefix, src.packageId), buildReleases(src, opts));
}
