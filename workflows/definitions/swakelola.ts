/**
 * Swakelola (self-managed work), types I–IV (Perpres 16/2018 Pasal 18(6), 47, 49; spse-domain §1.4, §2.11):
 * the PA/KPA sets the type; Tipe I forms the K/L/PD's own teams (Tim Persiapan, Pelaksana, Pengawas); Tipe II has the
 * PA/KPA sign a cooperation agreement with another K/L/PD and the PPK a contract with its team leader; Tipe III/IV a
 * PPK contract with the leader of the Ormas / Kelompok Masyarakat. The executing team leader then reports physical
 * and financial progress periodically (Pasal 49(1)), the PPK accepts or returns each report, until 100%; the PPK
 * receives the result with a BAST (Pasal 49(2)).
 */
import type { ActionDef, Performer, ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, rupiah, withNote, withReason } from './common';

/**
 * The executing team leader, whoever was named in the team decree or the contract. The system has no team-leader
 * role, so the leader acts with the account they have: an Ormas, community group or other body's leader as a
 * registered non-government party (penyedia), a K/L/PD's own staff as Pejabat Pengadaan or Pokja member (not assigned
 * to this package). The identity check is the `actorIs`.
 */
const leader: Performer[] = (['penyedia', 'pejabat_pengadaan', 'pokja'] as const).map((role) => ({
  role,
  assignedOnly: false,
  actorIs: 'executor.leaderId',
}));

const text = (max: number, description?: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  ...(description ? { description } : {}),
});
const names = { type: 'array', minItems: 1, maxItems: 50, items: closed({ name: text(200) }, ['name']) };

const formTeam: ActionDef = {
  id: 'form_team',
  name: 'Tetapkan Tim Swakelola (SK Tim)',
  performers: [{ role: 'pa_kpa' }],
  payload: closed(
    {
      decreeNumber: text(100, 'Nomor SK Tim Swakelola'),
      leaderId: text(128, 'Id pengguna Ketua Tim Pelaksana'),
      persiapan: names,
      pelaksana: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: closed({ name: text(200), tenagaAhli: { type: 'boolean', description: 'Tenaga ahli (bukan pegawai)' } }, ['name']),
      },
      pengawas: names,
    },
    ['decreeNumber', 'leaderId', 'persiapan', 'pelaksana', 'pengawas'],
  ),
  effect: { kind: 'set', path: 'executor' },
};

const progressReport: ActionDef = {
  id: 'submit_progress',
  name: 'Laporkan Kemajuan Pelaksanaan dan Keuangan',
  performers: leader,
  payload: closed(
    {
      period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Periode laporan (YYYY-MM)' },
      physicalPercent: { type: 'number', minimum: 0, maximum: 100, description: 'Progres fisik kumulatif (%)' },
      financialRealisation: {
        type: 'integer',
        minimum: 0,
        maximum: 1e15,
        description: 'Realisasi keuangan kumulatif (rupiah, bilangan bulat)',
      },
      note: { type: 'string', maxLength: 4000 },
    },
    ['period', 'physicalPercent', 'financialRealisation'],
  ),
  // The current report; review fields are written under it and go with it when the next report replaces it.
  effect: { kind: 'set', path: 'progressReport' },
};

const hasProblems = (path: string) => ({ op: 'gt' as const, left: { count: path }, right: { value: 0 } });

export const swakelola: ProcessDefinition = {
  id: 'swakelola',
  version: 1,
  name: 'Swakelola Tipe I–IV',
  method: 'swakelola',
  description: 'Pengadaan melalui swakelola: penetapan tipe dan tim/kontrak, laporan kemajuan berkala, serah terima hasil.',
  roles: ['pa_kpa', 'ppk', 'penyedia', 'pejabat_pengadaan', 'pokja'],
  assignments: ['ppk', 'pa_kpa'],
  params: {
    // Assumed: monthly reporting (§2.11 W3, Pasal 49(1) says periodic); the due date shown in the leader's inbox.
    reportPeriodDays: { name: 'Periode laporan kemajuan', unit: 'calendarDays', default: 30, min: 1 },
    // Assumed.
    reviewDue: { name: 'Pemeriksaan laporan oleh PPK', unit: 'workingDays', default: 5, min: 1 },
  },
  start: 'planning',
  nodes: [
    {
      id: 'planning',
      name: 'Penetapan Tipe Swakelola',
      type: 'userTask',
      completion: 'any',
      actions: [
        {
          id: 'set_type',
          name: 'Tetapkan Tipe Swakelola',
          performers: [{ role: 'pa_kpa' }],
          payload: closed(
            {
              type: {
                enum: ['I', 'II', 'III', 'IV'],
                description: 'I: K/L/PD sendiri; II: K/L/PD lain; III: Ormas; IV: Kelompok Masyarakat',
              },
              note: { type: 'string', maxLength: 2000 },
            },
            ['type'],
          ),
          effect: { kind: 'set', path: 'swakelola' },
        },
      ],
      next: 'type_gateway',
    },
    {
      id: 'type_gateway',
      name: 'Tipe swakelola?',
      type: 'exclusiveGateway',
      branches: [
        { name: 'Tipe I', when: { op: 'eq', left: { path: 'swakelola.type' }, right: { value: 'I' } }, to: 'team_formation' },
        { name: 'Tipe II', when: { op: 'eq', left: { path: 'swakelola.type' }, right: { value: 'II' } }, to: 'cooperation_agreement' },
      ],
      default: 'contract_signing', // Tipe III and IV
    },
    {
      id: 'team_formation',
      name: 'Pembentukan Tim Persiapan, Pelaksana, dan Pengawas',
      type: 'userTask',
      completion: 'any',
      actions: [formTeam],
      next: 'check_team',
    },
    {
      id: 'check_team',
      name: 'Pemeriksaan Komposisi Tim',
      type: 'serviceTask',
      service: 'checkSwakelolaTeam',
      resultPath: 'teamCheck',
      next: 'team_valid',
    },
    {
      id: 'team_valid',
      name: 'Tim memenuhi syarat?',
      type: 'exclusiveGateway',
      branches: [{ name: 'tidak: perbaiki SK', when: hasProblems('teamCheck.problems'), to: 'team_formation' }],
      default: 'progress_report',
    },
    {
      id: 'cooperation_agreement',
      name: 'Kesepakatan Kerja Sama dengan K/L/PD Pelaksana',
      type: 'userTask',
      completion: 'any',
      actions: [
        {
          id: 'sign_agreement',
          name: 'Tandatangani Kesepakatan Kerja Sama',
          performers: [{ role: 'pa_kpa' }],
          payload: closed(
            {
              agreementNumber: text(100, 'Nomor kesepakatan kerja sama'),
              partnerAgency: text(300, 'K/L/PD pelaksana'),
              note: { type: 'string', maxLength: 2000 },
            },
            ['agreementNumber', 'partnerAgency'],
          ),
          effect: { kind: 'set', path: 'agreement' },
        },
      ],
      next: 'contract_signing',
    },
    {
      id: 'contract_signing',
      name: 'Penandatanganan Kontrak Swakelola (Ketua Tim Pelaksana / Pimpinan Ormas / Ketua Kelompok Masyarakat)',
      type: 'userTask',
      completion: 'all',
      actions: [
        {
          id: 'sign_contract_ppk',
          name: 'Tanda Tangan Kontrak (PPK)',
          performers: [{ role: 'ppk' }],
          payload: closed(
            {
              contractNumber: text(100, 'Nomor kontrak'),
              leaderId: text(128, 'Id pengguna ketua tim pelaksana / pimpinan'),
              leaderName: text(200),
              organisation: text(300, 'K/L/PD lain, Ormas, atau Kelompok Masyarakat'),
              value: rupiah('Nilai kontrak (rupiah)'),
            },
            ['contractNumber', 'leaderId', 'leaderName', 'organisation', 'value'],
          ),
          effect: { kind: 'set', path: 'executor' },
        },
        {
          id: 'sign_contract_leader',
          name: 'Tanda Tangan Kontrak (Ketua Tim Pelaksana)',
          performers: leader,
          payload: withNote,
          effect: { kind: 'set', path: 'executorSignature' },
        },
      ],
      next: 'progress_report',
    },

    // ---- periodic reports (Pasal 49(1)) until 100% ------------------------------------------------------------------
    {
      id: 'progress_report',
      name: 'Laporan Kemajuan Pelaksanaan dan Penggunaan Keuangan',
      type: 'userTask',
      due: 'reportPeriodDays',
      completion: 'any',
      actions: [progressReport],
      next: 'check_progress',
    },
    {
      id: 'check_progress',
      name: 'Pemeriksaan Kewajaran Laporan',
      type: 'serviceTask',
      service: 'checkSwakelolaProgress',
      resultPath: 'progressCheck',
      next: 'progress_valid',
    },
    {
      id: 'progress_valid',
      name: 'Laporan wajar?',
      type: 'exclusiveGateway',
      branches: [{ name: 'tidak: laporkan ulang', when: hasProblems('progressCheck.problems'), to: 'progress_report' }],
      default: 'progress_review',
    },
    {
      id: 'progress_review',
      name: 'Pemeriksaan Laporan Kemajuan oleh PPK',
      type: 'userTask',
      due: 'reviewDue',
      completion: 'any',
      actions: [
        {
          id: 'accept_progress',
          name: 'Terima Laporan',
          performers: [{ role: 'ppk' }],
          payload: withNote,
          effect: { kind: 'set', path: 'progressReport.accepted' },
        },
        {
          id: 'return_progress',
          name: 'Kembalikan Laporan',
          performers: [{ role: 'ppk' }],
          payload: withReason,
          effect: { kind: 'set', path: 'progressReport.returned' },
        },
      ],
      next: 'review_result',
    },
    {
      id: 'review_result',
      name: 'Laporan diterima?',
      type: 'exclusiveGateway',
      branches: [{ name: 'dikembalikan', when: { op: 'exists', operand: { path: 'progressReport.returned' } }, to: 'progress_report' }],
      default: 'record_progress',
    },
    {
      id: 'record_progress',
      name: 'Pencatatan Kemajuan',
      type: 'serviceTask',
      service: 'recordSwakelolaProgress',
      resultPath: 'progressHistory',
      next: 'progress_complete',
    },
    {
      id: 'progress_complete',
      name: 'Progres fisik 100%?',
      type: 'exclusiveGateway',
      branches: [
        {
          name: 'selesai 100%',
          when: { op: 'gte', left: { path: 'progressReport.physicalPercent' }, right: { value: 100 } },
          to: 'handover',
        },
      ],
      default: 'progress_report',
    },
    {
      id: 'handover',
      name: 'Serah Terima Hasil Pekerjaan (BAST)',
      type: 'userTask',
      completion: 'any',
      actions: [
        {
          id: 'sign_bast',
          name: 'Tandatangani BAST',
          performers: [{ role: 'ppk' }],
          payload: closed({ bastNumber: text(100, 'Nomor BAST'), note: { type: 'string', maxLength: 2000 } }, ['bastNumber']),
          effect: { kind: 'set', path: 'bast' },
        },
      ],
      next: 'completed',
    },
    { id: 'completed', name: 'Swakelola Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    { id: 'cancelled', name: 'Swakelola Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
  ],
  // Cancellation until the contract is signed (Tipe II–IV) or the team starts work (Tipe I).
  interrupts: [
    cancelInterrupt(['contract_signing', 'progress_report', 'check_progress', 'progress_review', 'record_progress', 'handover']),
  ],
};
