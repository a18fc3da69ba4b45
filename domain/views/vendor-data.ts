/**
 * A package's process data as a vendor (penyedia) may read it: an allowlist, built field by field from the input, so
 * a field nobody listed here is never shown (the rule of domain/monitoring/public-view.ts, for participants).
 *
 * What a participant may know follows the selection's publicity (Perpres 16/2018 and SPSE practice, docs/regulation.md §2):
 * - before a bid list is opened: its own entry only, never another vendor's identity, count or time;
 * - after the opening: who bid (vendor id and company name), the read-out price and time, the opening's rejections,
 *   the corrected prices, ranks and winner, the pass/fail of each evaluation stage, objections once answered;
 * - never: another vendor's itemised prices (rincian), bid document or anything else of its content, evaluators'
 *   notes on others (own notes are shown: they are the reasons the vendor failed), officers' user ids or their notes.
 * An E-Kontrak belongs to its two parties: the provider reads it whole with officers named by role; any other vendor
 * reads nothing of it here.
 */
import { BID_SOURCES } from '../monitoring/selection';
import { actionsOf, type ActionDef, type ProcessDefinition } from '../process/definition';
import { vendorIdOf } from '../vendor-id';

export interface VendorDataContext {
  viewerId: string;
  /** The package's definition (sealed bid lists and opening reports are read from it); undefined: the tender paths. */
  definition?: ProcessDefinition;
  /** Company name of a vendor, where known. */
  vendorName(vendorId: string): string | undefined;
  /** Officer user id → role name (e.g. "Pokja Pemilihan"). */
  officers: ReadonlyMap<string, string>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
/** The object without its undefined fields (so absent stays absent in JSON). */
function compact<T extends Json>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A record an officer's step wrote: only when it happened. */
const when = (v: unknown) => (isObj(v) ? compact({ at: num(v.at) }) : undefined);

/** Where the definition keeps sealed bids, with the action that writes them (its schema lists the content fields). */
function bidLists(def: ProcessDefinition | undefined): Map<string, ActionDef | undefined> {
  const out = new Map<string, ActionDef | undefined>(BID_SOURCES.map((s) => [s.list, undefined]));
  for (const a of def?.nodes.flatMap(actionsOf) ?? []) {
    if ((a.envelope || a.sealedUntil) && 'path' in a.effect) out.set(a.effect.path, a);
  }
  return out;
}

/** Where the definition's openings write their reports (the resultPath of each `unsealBids` service task). */
function openingReports(def: ProcessDefinition | undefined): Set<string> {
  const out = new Set(BID_SOURCES.map((s) => s.report));
  for (const n of def?.nodes ?? []) if (n.type === 'serviceTask' && n.service === 'unsealBids') out.add(n.resultPath);
  return out;
}

function bidEntry(it: Json, action: ActionDef | undefined, ctx: VendorDataContext): Json | undefined {
  const by = str(it.by);
  const mine = by !== undefined && by === ctx.viewerId;
  const sealed = it.sealed === true || it.sealedBid !== undefined;
  if (sealed) {
    if (!mine) return undefined; // another vendor's sealed bid: not even that it exists
    const commitment = str(it.commitment) ?? (isObj(it.sealedBid) ? str(it.sealedBid.commitment) : undefined);
    return compact({ by, at: num(it.at), sealed: true, commitment });
  }
  const base = { by, vendor: by ? ctx.vendorName(by) : undefined, at: num(it.at), price: num(it.price) };
  if (!mine) return compact(base);
  // The vendor's own opened bid: every content field its action's schema names, and what lets it verify the receipt.
  const fields = Object.keys((action?.payload as { properties?: Json } | undefined)?.properties ?? {});
  const content = Object.fromEntries(fields.filter((f) => f !== 'price').map((f) => [f, it[f]]));
  return compact({ ...base, ...content, bidId: str(it.bidId), commitment: str(it.commitment), nonce: str(it.nonce) });
}

function openingReport(v: unknown): Json | undefined {
  if (!isObj(v)) return undefined;
  return compact({
    opened: num(v.opened),
    rejected: list(v.rejected).map((r) => compact({ vendorId: str(r.vendorId), reason: str(r.reason) })),
  });
}

/** Per-vendor verdicts: the pass/fail of each criterion; the note only on the viewer's own line. */
function verdicts(v: unknown, ctx: VendorDataContext): Json[] {
  return list(v).map((r) => {
    const flags = Object.fromEntries(Object.entries(r).filter(([k, x]) => k !== 'vendorId' && typeof x === 'boolean'));
    const own = r.vendorId === ctx.viewerId;
    // The note under the key the package's version wrote (`note`; `catatan` before issue 16's versions).
    return compact({ vendorId: str(r.vendorId), ...flags, note: own ? str(r.note) : undefined, catatan: own ? str(r.catatan) : undefined });
  });
}
const verdictRecord = (v: unknown, ctx: VendorDataContext) => (isObj(v) ? compact({ results: verdicts(v.results, ctx), at: num(v.at) }) : undefined);

function ranked(v: unknown, ctx: VendorDataContext): Json[] {
  return list(v).map((r) =>
    compact({ rank: num(r.rank), vendorId: str(r.vendorId), vendor: str(r.vendorId) ? ctx.vendorName(String(r.vendorId)) : undefined, price: num(r.price) }),
  );
}

function award(v: unknown, ctx: VendorDataContext): Json | undefined {
  if (!isObj(v)) return undefined;
  const winner = isObj(v.winner)
    ? compact({
        vendorId: str(v.winner.vendorId),
        vendor: str(v.winner.vendorId) ? ctx.vendorName(String(v.winner.vendorId)) : undefined,
        price: num(v.winner.price),
      })
    : undefined;
  const pc = isObj(v.priceClarification) ? v.priceClarification : undefined;
  return compact({
    ranking: ranked(v.ranking, ctx),
    winner,
    reserves: Array.isArray(v.reserves) ? ranked(v.reserves, ctx) : undefined,
    failed: list(v.failed).map((f) =>
      compact({
        vendorId: str(f.vendorId),
        price: num(f.price),
        reasons: Array.isArray(f.reasons) ? f.reasons.filter((x): x is string => typeof x === 'string') : undefined,
        note: f.vendorId === ctx.viewerId ? str(f.note) : undefined,
        catatan: f.vendorId === ctx.viewerId ? str(f.catatan) : undefined,
      }),
    ),
    corrections: list(v.corrections).map((c) =>
      compact({ vendorId: str(c.vendorId), offeredPrice: num(c.offeredPrice), correctedPrice: num(c.correctedPrice) }),
    ),
    priceClarification: pc
      ? compact({
          limit: num(pc.limit),
          required: list(pc.required).map((r) => compact({ vendorId: str(r.vendorId), price: num(r.price) })),
          pending: Array.isArray(pc.pending) ? pc.pending.filter((x): x is string => typeof x === 'string') : undefined,
        })
      : undefined,
    // The security the winner must hand in is the winner's business.
    performanceSecurity: winner?.vendorId === ctx.viewerId && isObj(v.performanceSecurity) ? relabel(v.performanceSecurity, ctx) : undefined,
  });
}

/** Objections (or appeals): the viewer's own always; another vendor's once answered; guarantees only one's own. */
function objections(v: unknown, ctx: VendorDataContext): Json[] {
  return list(v).flatMap((o) => {
    const own = o.by === ctx.viewerId;
    const answered = typeof o.upheld === 'boolean';
    if (!own && !answered) return [];
    return [
      compact({
        id: str(o.id),
        by: str(o.by),
        cause: str(o.cause),
        reason: str(o.reason),
        at: num(o.at),
        upheld: bool(o.upheld),
        answer: str(o.answer),
        answeredAt: num(o.answeredAt),
        guarantee:
          own && isObj(o.guarantee)
            ? compact({ number: str(o.guarantee.number), issuer: str(o.guarantee.issuer), amount: num(o.guarantee.amount) })
            : undefined,
        guaranteeStatus: own ? str(o.guaranteeStatus) : undefined,
      }),
    ];
  });
}

const answerResult = (v: unknown) =>
  isObj(v)
    ? compact({
        upheld: bool(v.upheld),
        followUp: str(v.followUp),
        upheldCauses: Array.isArray(v.upheldCauses) ? v.upheldCauses.filter((x): x is string => typeof x === 'string') : undefined,
        at: num(v.at),
      })
    : undefined;

/**
 * A copy of a contract party's own data with every officer's user id replaced by the role name. Used only for the
 * E-Kontrak keys listed in CONTRACT_KEYS, which the provider is a party to.
 */
function relabel(v: unknown, ctx: VendorDataContext): unknown {
  if (Array.isArray(v)) return v.map((x) => relabel(x, ctx));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relabel(x, ctx)]));
  if (typeof v === 'string') return ctx.officers.get(v) ?? v;
  return v;
}

/** What the two parties of an E-Kontrak agreed and recorded (definitions in workflows/definitions/contract). */
const CONTRACT_KEYS = [
  'contract',
  'terms',
  'documents',
  'performanceSecurity',
  'advanceGuarantee',
  'signatures',
  'revisionRequest',
  'spmk',
  'payments',
  'reports',
  'addenda',
  'handover',
  'inspection',
  'repairRequest',
  'repairDone',
  'fho',
  'rating',
  'delivery',
  'declined',
  'receiptProblem',
  'redelivery',
  'sanction',
  'termination',
  // Kontrak kritis: the provider sits in every show cause meeting and must know its test period and target.
  'criticalHandling',
  // Lateness (kontrak v3): the kesempatan addenda with their penalty, the cashed security, the penalty due.
  'lateness',
  'securityCashed',
  'latePenaltyDue',
] as const;

/** The package facts (public: title, OPD, values, the contract basis of an E-Kontrak). */
export function vendorFacts(v: unknown): Json | undefined {
  if (!isObj(v)) return undefined;
  const basis = isObj(v.contractBasis) ? v.contractBasis : undefined;
  return compact({
    title: str(v.title),
    opd: str(v.opd),
    workUnit: str(v.workUnit),
    category: str(v.category),
    pagu: num(v.pagu),
    hps: num(v.hps),
    fiscalYear: num(v.fiscalYear),
    description: str(v.description),
    previousPackageId: str(v.previousPackageId),
    followUpReason: str(v.followUpReason),
    ruleSet: str(v.ruleSet),
    contractBasis: basis
      ? compact({
          kind: str(basis.kind),
          parentPackageId: str(basis.parentPackageId),
          // A basis names its vendor as the contract's version does: vendorId, or providerId before issue 16.
          vendorId: str(basis.vendorId),
          providerId: str(basis.providerId),
          providerName: str(basis.providerName),
          value: num(basis.value),
          bidPrice: num(basis.bidPrice),
          securityBasis: str(basis.securityBasis),
        })
      : undefined,
  });
}

/** The vendor's view of an E-Kontrak's data: whole (officers by role) for its provider, the facts for anyone else. */
export function vendorContractData(data: Json, ctx: VendorDataContext): Json {
  const facts = vendorFacts(data.package);
  const vendor = isObj(data.package) ? vendorIdOf(data.package.contractBasis) : undefined;
  const party = vendor !== undefined && vendor === ctx.viewerId;
  if (!party) return compact({ package: facts });
  return compact({ package: facts, ...Object.fromEntries(CONTRACT_KEYS.map((k) => [k, data[k] === undefined ? undefined : relabel(data[k], ctx)])) });
}

/** The vendor's view of a procurement package's process data. */
export function vendorPackageData(data: Json, ctx: VendorDataContext): Json {
  const out: Json = {
    package: vendorFacts(data.package),
    announcement: when(data.announcement),
    pqAnnouncement: when(data.pqAnnouncement),
    pqRerunAnnouncement: when(data.pqRerunAnnouncement),
    pqResultAnnouncement: when(data.pqResultAnnouncement),
    invitation: when(data.invitation),
    registrations: list(data.registrations)
      .filter((r) => r.by === ctx.viewerId)
      .map((r) => compact({ by: str(r.by), at: num(r.at) })),
    // The clarification's questions and answers reach every participant, without who asked (unless it is the viewer).
    questions: Array.isArray(data.questions)
      ? list(data.questions).map((q) =>
          compact({
            id: str(q.id),
            question: str(q.question),
            at: num(q.at),
            by: q.by === ctx.viewerId ? str(q.by) : undefined,
            answer: str(q.answer),
            // Named by the definition since issue 16 (`answeredAt`); generated from the action id before.
            answeredAt: num(q.answeredAt ?? q.answer_questionAt),
          }),
        )
      : undefined,
    documentAddenda: Array.isArray(data.documentAddenda)
      ? list(data.documentAddenda).map((a) =>
          compact({ id: str(a.id), number: str(a.number), summary: str(a.summary), extensionDays: num(a.extensionDays), stage: str(a.stage), at: num(a.at) }),
        )
      : undefined,
    bidDeadlineExtensionDays: num(data.bidDeadlineExtensionDays),
    opening: when(data.opening),
    technicalOpening: when(data.technicalOpening),
    priceOpening: when(data.priceOpening),
    evaluation: verdictRecord(data.evaluation, ctx),
    technicalEvaluation: verdictRecord(data.technicalEvaluation, ctx),
    pqEvaluation: verdictRecord(data.pqEvaluation, ctx),
    file1Announcement: when(data.file1Announcement),
    award: award(data.award, ctx),
    priceClarifications: Array.isArray(data.priceClarifications)
      ? list(data.priceClarifications).map((c) => compact({ results: verdicts(c.results, ctx), at: num(c.at) }))
      : undefined,
    qualificationCheck: isObj(data.qualificationCheck)
      ? compact({
          vendorId: str(data.qualificationCheck.vendorId),
          passed: bool(data.qualificationCheck.passed),
          lulus: bool(data.qualificationCheck.lulus),
          note: data.qualificationCheck.vendorId === ctx.viewerId ? str(data.qualificationCheck.note) : undefined,
          catatan: data.qualificationCheck.vendorId === ctx.viewerId ? str(data.qualificationCheck.catatan) : undefined,
          at: num(data.qualificationCheck.at),
        })
      : undefined,
    awardDecision: when(data.awardDecision),
    awardAnnouncement: when(data.awardAnnouncement),
    objections: Array.isArray(data.objections) ? objections(data.objections, ctx) : undefined,
    objectionHistory: Array.isArray(data.objectionHistory) ? objections(data.objectionHistory, ctx) : undefined,
    objectionResult: answerResult(data.objectionResult),
    appeals: Array.isArray(data.appeals) ? objections(data.appeals, ctx) : undefined,
    appealResult: answerResult(data.appealResult),
    failure: isObj(data.failure) ? compact({ followUp: str(data.failure.followUp), reason: str(data.failure.reason), at: num(data.failure.at) }) : undefined,
    cancellation: isObj(data.cancellation) ? compact({ reason: str(data.cancellation.reason), at: num(data.cancellation.at) }) : undefined,
    followUp: isObj(data.followUp)
      ? compact({ packageId: str(data.followUp.packageId), method: str(data.followUp.method), reason: str(data.followUp.reason) })
      : undefined,
    sppbj: isObj(data.sppbj) ? compact({ number: str(data.sppbj.number), at: num(data.sppbj.at) }) : undefined,
    contractStart: isObj(data.contractStart) ? compact({ packageId: str(data.contractStart.packageId) }) : undefined,
    contractLink: isObj(data.contractLink) ? compact({ milestone: str(data.contractLink.milestone), status: str(data.contractLink.status) }) : undefined,
  };
  // The award's documents (the SPPBJ) are addressed to the winner.
  const winner = isObj(data.award) && isObj(data.award.winner) ? data.award.winner.vendorId : undefined;
  if (winner === ctx.viewerId && isObj(data.documents)) out.documents = relabel(data.documents, ctx);
  for (const [path, action] of bidLists(ctx.definition)) {
    if (Array.isArray(data[path])) out[path] = list(data[path]).flatMap((it) => bidEntry(it, action, ctx) ?? []);
  }
  for (const path of openingReports(ctx.definition)) out[path] = openingReport(data[path]);
  return compact(out);
}
