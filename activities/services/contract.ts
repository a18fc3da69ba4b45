/**
 * Services of the hand-off to E-Kontrak: `prepareContract` builds the child process input from the awarding package
 * (who won, at what price), and `flagProviderForSanction` proposes a provider whose contract was terminated for the
 * blacklist (Perpres 16/2018 Pasal 78(5)d; the PA/KPA decides). Both are idempotent: the child's id derives from the
 * parent and the stage, and the sanction row is keyed by the contract package.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { insertPackageRow, startingPackageRow } from '../../db/queries/packages';
import { proposeSanction } from '../../db/queries/sanctions';
import { createHash } from 'node:crypto';
import type { ContractBasis } from '../../domain/contract/ledger';
import { getPath } from '../../domain/process/predicate';
import type { PackageStart } from '../../domain/process/state';
import { textOf } from '../../domain/text';
import { vendorIdOf, vendorKeyOf } from '../../domain/vendor-id';
import { getDefinition } from '../../workflows/definitions';
import { originCalendar } from '../types';
import type { Service } from './index';

const DEFINITION_OF: Record<ContractBasis['kind'], string> = {
  kontrak: 'kontrak',
  surat_pesanan: 'surat-pesanan',
  swakelola: 'pelaksanaan-swakelola',
};

const bad = (message: string) => ApplicationFailure.nonRetryable(`prepareContract: ${message}`, 'BadServiceArgs');

/** The child's id: from the parent and the stage, and for a reserve winner's contract (round > 1) the round too. */
export function contractPackageId(parentPackageId: string, node: string, round = 1): string {
  const key = `${parentPackageId}\n${node}\nkontrak${round > 1 ? `\n${round}` : ''}`;
  return `pkt-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

export function contractServices(db: Knex): Record<string, Service> {
  return {
    /**
     * Args: { kind, providerPath, valuePath, bidPricePath?, securityBasisPath? }: where the awarding package keeps
     * winner, price and (a tender's award) the performance security basis, passed on only when it is the HPS.
     */
    prepareContract: async ({ packageId, node, args, data, origin }): Promise<PackageStart> => {
      const kind = args.kind as ContractBasis['kind'];
      if (!DEFINITION_OF[kind]) throw bad(`unknown kind '${String(args.kind)}'`);
      // `providerPath` is the awarding definition's arg (stages.ts): where its winner is, under whatever key it uses.
      const vendorId = getPath(data, String(args.providerPath));
      const value = getPath(data, String(args.valuePath));
      const bidPrice = args.bidPricePath ? getPath(data, textOf(args.bidPricePath)) : value;
      if (typeof vendorId !== 'string' || !vendorId) throw bad(`no provider at '${String(args.providerPath)}'`);
      if (!Number.isSafeInteger(value) || (value as number) <= 0) throw bad(`no contract value at '${String(args.valuePath)}'`);
      const definition = getDefinition(DEFINITION_OF[kind])!;
      const basis: ContractBasis = {
        kind,
        parentPackageId: packageId,
        // The newest contract version starts (below), which reads `vendorId`: so does a basis prepared from now on.
        vendorId,
        value: value as number,
        bidPrice: Number.isSafeInteger(bidPrice) ? (bidPrice as number) : (value as number),
        ...(args.securityBasisPath && getPath(data, textOf(args.securityBasisPath)) === 'hps' ? { securityBasis: 'hps' as const } : {}),
      };
      // args.roundPath (a tender with reserve winners): the award's round, so a reserve's contract is a new child.
      const contractId = contractPackageId(packageId, node, args.roundPath ? Number(getPath(data, textOf(args.roundPath)) ?? 1) : 1);
      const facts = { ...origin.facts, contractBasis: basis };
      // The contract can be read as soon as the step that awards it answers (the console links to it at once), before
      // its workflow's first write; the same row, whoever writes it first.
      await insertPackageRow(db, startingPackageRow({ packageId: contractId, definition, facts, createdBy: origin.createdBy.id, at: new Date() }));
      return {
        packageId: contractId,
        definitionRef: { id: definition.id, version: definition.version },
        facts,
        // The PPK of the package runs its contract; the PA/KPA is kept for escalation.
        assignments: { ppk: origin.assignments.ppk ?? [], pa_kpa: origin.assignments.pa_kpa ?? [] },
        schedule: {},
        ...originCalendar(origin),
        timeScale: origin.timeScale,
        createdBy: origin.createdBy,
      };
    },

    flagProviderForSanction: async ({ packageId, data, args }) => {
      // A swakelola executor is a government team, another agency or a community body: no provider blacklist.
      if ((data.package as { contractBasis?: ContractBasis }).contractBasis?.kind === 'swakelola') {
        return { status: 'tidak_berlaku', reason: 'Pelaksana swakelola bukan penyedia (Perpres 16/2018 Pasal 78 berlaku bagi penyedia).' };
      }
      const basis = (data.package as { contractBasis?: ContractBasis }).contractBasis;
      const providerId = vendorIdOf(data.contract) ?? vendorIdOf(basis) ?? '';
      // The proposal's record in the contract data (`sanction`) names the vendor as the definition's node says.
      const key = vendorKeyOf(args);
      const termination = data.termination as { reason?: string; by?: string } | undefined;
      const proposedBy = termination?.by ?? 'sistem';
      const signatures = data.signatures as { ppk?: unknown; party?: unknown } | undefined;
      if (basis?.parentPackageId && !(signatures?.ppk && signatures?.party)) {
        // Ended before both signed: the winner did not sign after its SPPBJ (Pasal 78 ayat (2), ayat (5) huruf c), an
        // act of the selection, proposed under the procurement package — the same key the package's own hand-over
        // to the reserve winner proposes (activities/services/reserve-winner.ts), so one act is one proposal.
        const reason = `Pemenang tidak menandatangani kontrak setelah menerima SPPBJ (E-Kontrak ${packageId} diputus sebelum ditandatangani: ${termination?.reason ?? '-'}).`;
        const row = await proposeSanction(db, { packageId: basis.parentPackageId, providerId, cause: 'mundur_setelah_sppbj', reason, proposedBy });
        return {
          [key]: row.providerId,
          status: row.status,
          reason: row.reason,
          sanction: 'daftar_hitam_1_tahun',
          cause: row.cause,
          packageId: row.packageId,
        };
      }
      const reason = termination?.reason ?? 'Tidak menyelesaikan pekerjaan dalam batas pemberian kesempatan (Perpres 16/2018 Pasal 56 ayat 3).';
      // Idempotent per (package, provider, cause): a retried activity finds the proposal it made (db/queries/sanctions.ts).
      const row = await proposeSanction(db, { packageId, providerId, cause: 'tidak_melaksanakan_kontrak', reason, proposedBy });
      return {
        [key]: row.providerId,
        status: row.status,
        reason: row.reason,
        sanction: 'daftar_hitam_1_tahun',
        cause: row.cause,
        packageId: row.packageId,
      };
    },
  };
}
