/**
 * Completes a pending service task outside Temporal, for state-machine tests: the real service registry, with
 * follow-up packages recorded instead of started. Of the services that need the database, the real `prepareContract`
 * runs (it builds the E-Kontrak child input; its starting row in the read model is not written here); `generateDocument` is replaced by a
 * stand-in that renders and stores nothing (the real one is covered by the documents and workflow tests).
 * A callActivity (the E-Kontrak child) is completed by hand with `completeContractCall`, with what the workflow would
 * record about the child.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { contractPackageId, contractServices } from '../../activities/services/contract';
import type { GeneratedDocument } from '../../activities/services/documents';
import { runNamedService, type Service } from '../../activities/services';
import type { ContractBasis } from '../../domain/contract/ledger';
import type { PackageProcess } from '../../domain/process/engine';
import type { PackageInput, PackageStart } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';
import type { CallResult } from '../../workflows/package-process';

export interface RecordedFollowUp {
  packageId: string;
  method: string;
  reason: string;
}

/**
 * STATE-MACHINE STAND-IN for `generateDocument`: no PDF is rendered and nothing is stored. It returns a reference of
 * the real result's shape, with a SHA-256 of `packageId` and `kind` (not of any document bytes) and size 0.
 */
const standInDocument: Service = ({ packageId, args }): GeneratedDocument => {
  const kind = String(args.kind);
  return {
    documentId: `${packageId}:${kind}:1`,
    kind,
    revision: 1,
    sha256: createHash('sha256').update(`state-machine stand-in\n${packageId}\n${kind}`).digest('hex'),
    size: 0,
    fileName: `${kind}-${packageId}-r1.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'),
  };
};

/**
 * STATE-MACHINE STAND-IN for the database under `prepareContract`: its one write (the contract's starting row in the
 * read model, covered by the workflow tests) goes nowhere; the input it builds is the real one.
 */
const noReadModel = (() => ({ insert: () => ({ onConflict: () => ({ ignore: async () => undefined }) }) })) as never;

/** The database-backed services available without a database: the real prepareContract, the document stand-in. */
const PURE_EXTRA: Record<string, Service> = { ...contractServices(noReadModel), generateDocument: standInDocument };

export async function completeServiceTask(p: PackageProcess, now: number, followUps: RecordedFollowUp[] = []): Promise<unknown> {
  const s = p.pendingService();
  if (!s) throw new Error(`no service task pending at '${p.currentNode.id}'`);
  const { definition, schedule: _schedule, packageId, ...origin } = p.input;
  const result = await runNamedService(
    {
      packageId,
      node: s.node,
      service: s.service,
      args: s.args,
      data: p.state.data,
      origin: { ...origin, definitionId: definition.id },
      startFollowUp: async (method, reason) => {
        const f = { packageId: `pkt-followup${followUps.length + 1}`, method, reason };
        followUps.push(f);
        return f;
      },
    },
    PURE_EXTRA,
  );
  p.completeService(s.node, result, now);
  return result;
}

/**
 * Completes the pending callActivity as the workflow would once the child reached its milestone (`milestone`) or
 * ended (no milestone): the child's ids come from the pending input. Returns what was recorded.
 */
export function completeContractCall(p: PackageProcess, now: number, result: Pick<CallResult, 'milestone' | 'status' | 'outcome'>): CallResult {
  const call = p.pendingCall();
  assert.ok(call, `no call pending at '${p.currentNode.id}'`);
  const child = call.input as PackageInput;
  const recorded: CallResult = { packageId: child.packageId, workflowId: `paket-${child.packageId}`, ...result };
  p.completeCall(call.node, recorded, now);
  return recorded;
}

export interface ExpectedHandOff {
  /** The child definition: kontrak, surat-pesanan or pelaksanaan-swakelola. */
  definitionId: string;
  providerId: string;
  value: number;
  /** Defaults to `value`. */
  bidPrice?: number;
  /** 'hps' when the award set the performance security on the HPS (a winning bid below 80% of it). */
  securityBasis?: 'hps';
  /** The milestone the package waits for; undefined when it waits for the child to end. */
  waitFor?: string;
}

/**
 * Asserts that the package waits in `contract_execution` for the E-Kontrak child built from its data, and returns the
 * child input. The child's facts are the package's plus the contract basis; its officers the PPK and PA/KPA.
 */
export function assertContractHandOff(p: PackageProcess, expected: ExpectedHandOff): PackageInput {
  assert.equal(p.currentNode.id, 'contract_execution');
  assert.equal(p.state.status, 'active');
  const call = p.pendingCall();
  assert.ok(call, 'a child process is pending');
  assert.equal(call.node, 'contract_execution');
  assert.equal(call.waitFor, expected.waitFor);
  const start = p.state.data.contractStart as PackageStart;
  assert.equal(call.input, start, 'the call starts the input prepared at contractStart');
  assert.equal(start.packageId, contractPackageId(p.input.packageId, 'prepare_contract'));
  // The child names its definition (the current version) and keeps the package's calendar, as the workflow resolves it.
  assert.equal(start.definition, undefined, 'the definition is named, not carried');
  assert.deepEqual(start.definitionRef, { id: expected.definitionId, version: getDefinition(expected.definitionId)!.version });
  const child: PackageInput = { ...start, definition: getDefinition(start.definitionRef.id, start.definitionRef.version)!, calendar: start.calendar! };
  const basis: ContractBasis = {
    kind: { kontrak: 'kontrak', 'surat-pesanan': 'surat_pesanan', 'pelaksanaan-swakelola': 'swakelola' }[expected.definitionId] as ContractBasis['kind'],
    parentPackageId: p.input.packageId,
    // prepareContract names the vendor in the newest contract version's words (domain/vendor-id.ts).
    vendorId: expected.providerId,
    value: expected.value,
    bidPrice: expected.bidPrice ?? expected.value,
    ...(expected.securityBasis ? { securityBasis: expected.securityBasis } : {}),
  };
  assert.deepEqual(child.facts, { ...p.input.facts, contractBasis: basis });
  assert.deepEqual(child.assignments, { ppk: p.input.assignments.ppk ?? [], pa_kpa: p.input.assignments.pa_kpa ?? [] });
  assert.equal(child.createdBy, p.input.createdBy);
  assert.equal(p.nextDeadline(), undefined, 'the hand-off has no deadline of its own');
  return child;
}
