/**
 * Swakelola execution as an E-Kontrak (docs/regulation.md §2.11 W2–W5, Perpres 16/2018 Pasal 47, 49): the agreement or
 * contract with the executing team leader, signed on its hash; periodic progress and financial reports accepted or
 * returned by the PPK, with disbursements against accepted progress; handover at 100% with a BAST. No performance
 * security, advance or late penalty: the executor is a government team, another agency or a community body.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import {
  contractParams,
  documentStage,
  draftStage,
  executionStages,
  executor,
  inspectionStages,
  signingStage,
  terminateAction,
  terminationStages,
} from './blocks';

export const pelaksanaanSwakelola: ProcessDefinition = {
  id: 'pelaksanaan-swakelola',
  version: 1,
  name: 'E-Kontrak: Pelaksanaan Swakelola',
  method: 'pelaksanaan_swakelola',
  description: 'Kesepakatan/kontrak swakelola, laporan kemajuan berkala, pencairan dana, dan serah terima hasil.',
  roles: ['ppk', 'penyedia', 'pejabat_pengadaan', 'pokja', 'pa_kpa'],
  assignments: ['ppk'],
  params: { ...contractParams },
  start: 'draft_contract',
  nodes: [
    draftStage('contract_document'),
    documentStage('contract_document', 'Pembuatan Dokumen Kesepakatan Swakelola', 'kesepakatan_swakelola', 'contract_signing', 'contract.revision'),
    signingStage(executor, 'kesepakatan_swakelola', 'Ketua Tim Pelaksana', 'execution'),
    ...executionStages(executor, { advance: false, addenda: true }).map((n) => (n.id === 'execution' ? { ...n, milestone: 'signed' } : n)),
    ...inspectionStages(executor, 'bast_document'),
    documentStage('bast_document', 'Berita Acara Serah Terima Hasil Swakelola', 'bast', 'completed'),
    { id: 'completed', name: 'Swakelola Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    ...terminationStages(),
  ],
  interrupts: [{ action: terminateAction, to: 'termination', notAt: ['inspection', 'repair', 'bast_document', 'termination'] }],
};
