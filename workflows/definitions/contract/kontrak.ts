/**
 * E-Kontrak for goods, works, consultancy and other services (docs/regulation.md §2.10, §5): started by the awarding package
 * after the SPPBJ. Draft (SSKK) and contract document → performance security above Rp200 m → signatures of the PPK and
 * the provider on the document's hash → SPMK → execution with progress reports, advance, term payments and addenda →
 * late window with penalty → handover request at 100% → inspection and BAST → final payment; construction adds
 * PHO, the maintenance period, FHO and the retention release 14 working days after maintenance → rating → selesai.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import { closed } from '../common';
import {
  contractParams,
  date,
  documentStage,
  draftStage,
  executionStages,
  finalPaymentStage,
  inspectionStages,
  provider,
  ratingStage,
  signingStage,
  text,
  terminateAction,
  terminationStages,
} from './blocks';

const isConstruction = { op: 'eq' as const, left: { path: 'package.category' }, right: { value: 'pekerjaan_konstruksi' } };

export const kontrak: ProcessDefinition = {
  id: 'kontrak',
  version: 1,
  name: 'E-Kontrak: Pelaksanaan Kontrak',
  method: 'kontrak',
  description: 'Kontrak elektronik dari rancangan sampai serah terima, pembayaran, dan penilaian kinerja penyedia.',
  roles: ['ppk', 'penyedia', 'pa_kpa'],
  assignments: ['ppk'],
  params: {
    ...contractParams,
    securityDue: { name: 'Penyerahan jaminan pelaksanaan', unit: 'workingDays', default: 5, min: 1 },
    spmkDue: { name: 'Penerbitan SPMK', unit: 'workingDays', default: 5, min: 1 },
    // Pasal 35: the maintenance guarantee (retention) is returned 14 working days after the maintenance period.
    retentionReleaseDays: { name: 'Pengembalian retensi setelah masa pemeliharaan', unit: 'workingDays', default: 14, min: 1 },
  },
  start: 'draft_contract',
  nodes: [
    draftStage('contract_document'),
    documentStage('contract_document', 'Pembuatan Dokumen Kontrak', 'kontrak', 'security_needed', 'contract.revision'),
    {
      id: 'security_needed',
      name: 'Perlu jaminan pelaksanaan?',
      type: 'exclusiveGateway',
      branches: [
        {
          // A redraft does not ask again for a security already handed in.
          name: 'nilai > Rp200 juta, belum diserahkan',
          when: {
            all: [
              { op: 'eq', left: { path: 'terms.performanceSecurity.required' }, right: { value: true } },
              { not: { op: 'exists', operand: { path: 'performanceSecurity' } } },
            ],
          },
          to: 'performance_security',
        },
      ],
      default: 'contract_signing',
    },
    {
      id: 'performance_security',
      name: 'Penyerahan Jaminan Pelaksanaan',
      type: 'userTask',
      due: 'securityDue',
      completion: 'any',
      actions: [
        {
          id: 'submit_performance_security',
          name: 'Serahkan Jaminan Pelaksanaan',
          performers: provider,
          payload: closed(
            {
              guaranteeNumber: text(100),
              issuer: { type: 'string', minLength: 1, maxLength: 300, description: 'Bank / perusahaan asuransi penjamin' },
              amount: { type: 'integer', minimum: 1, maximum: 1e15, description: 'Nilai jaminan (rupiah)' },
              validUntil: date('Masa berlaku sampai'),
            },
            ['guaranteeNumber', 'issuer', 'amount', 'validUntil'],
          ),
          requires: [{ rule: 'performanceSecuritySufficient' }],
          effect: { kind: 'set', path: 'performanceSecurity' },
        },
      ],
      next: 'contract_signing',
    },
    signingStage(provider, 'kontrak', 'Penyedia', 'spmk'),
    {
      id: 'spmk',
      name: 'Penerbitan SPMK / Surat Perintah Pengiriman',
      type: 'userTask',
      milestone: 'signed',
      due: 'spmkDue',
      completion: 'any',
      actions: [
        {
          id: 'issue_spmk',
          name: 'Terbitkan SPMK',
          performers: [{ role: 'ppk' }],
          payload: closed({ number: text(100), startDate: date('Tanggal mulai kerja') }, ['number', 'startDate']),
          effect: { kind: 'set', path: 'spmk' },
        },
      ],
      next: 'spmk_document',
    },
    documentStage('spmk_document', 'Pembuatan Dokumen SPMK', 'spmk', 'execution'),
    ...executionStages(provider, { advance: true, addenda: true }),
    ...inspectionStages(provider, 'handover_kind'),
    {
      id: 'handover_kind',
      name: 'Pekerjaan konstruksi?',
      type: 'exclusiveGateway',
      branches: [{ name: 'konstruksi: PHO', when: isConstruction, to: 'pho_document' }],
      default: 'bast_document',
    },
    documentStage('pho_document', 'Berita Acara Serah Terima Pertama (PHO)', 'bast_pho', 'final_payment'),
    documentStage('bast_document', 'Berita Acara Serah Terima (BAST)', 'bast', 'final_payment'),
    finalPaymentStage('maintenance_needed'),
    {
      id: 'maintenance_needed',
      name: 'Ada masa pemeliharaan?',
      type: 'exclusiveGateway',
      branches: [{ name: 'ya', when: { op: 'eq', left: { path: 'terms.maintenance' }, right: { value: true } }, to: 'maintenance_period' }],
      default: 'rating',
    },
    // The maintenance period is a term of the contract (SSKK), set in the draft (default 180 days, §2.10 K12).
    { id: 'maintenance_period', name: 'Masa Pemeliharaan', type: 'timeWindow', durationFrom: 'contract.maintenanceDays', actions: [], next: 'fho' },
    {
      id: 'fho',
      name: 'Serah Terima Akhir (FHO)',
      type: 'userTask',
      due: 'inspectionDue',
      completion: 'any',
      actions: [
        {
          id: 'accept_fho',
          name: 'Terima Serah Terima Akhir',
          performers: [{ role: 'ppk' }],
          payload: closed({ bastNumber: text(100), note: { type: 'string', maxLength: 2000 } }, ['bastNumber']),
          effect: { kind: 'set', path: 'fho' },
        },
      ],
      next: 'fho_document',
    },
    documentStage('fho_document', 'Berita Acara Serah Terima Akhir (FHO)', 'bast_fho', 'retention_period'),
    {
      id: 'retention_period',
      name: 'Tenggang Pengembalian Retensi',
      type: 'timeWindow',
      duration: 'retentionReleaseDays',
      actions: [],
      next: 'retention_release',
    },
    {
      id: 'retention_release',
      name: 'Pengembalian Retensi',
      type: 'userTask',
      due: 'paymentDue',
      completion: 'any',
      actions: [
        {
          id: 'release_retention',
          name: 'Kembalikan Retensi',
          performers: [{ role: 'ppk' }],
          payload: closed({ note: { type: 'string', maxLength: 2000 } }),
          effect: { kind: 'apply', reducer: 'releaseRetention' },
        },
      ],
      next: 'rating',
    },
    ratingStage('completed'),
    { id: 'completed', name: 'Kontrak Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    ...terminationStages(),
  ],
  interrupts: [
    {
      action: terminateAction,
      to: 'termination',
      notAt: [
        'inspection',
        'repair',
        'handover_kind',
        'pho_document',
        'bast_document',
        'final_payment',
        'maintenance_needed',
        'maintenance_period',
        'fho',
        'fho_document',
        'retention_period',
        'retention_release',
        'rating',
        'termination',
      ],
    },
  ],
};
