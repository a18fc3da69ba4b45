/**
 * Swakelola (self-managed work), types I–IV (Perpres 16/2018 Pasal 18(6), 47, 49; docs/regulation.md §1.4, §2.11):
 * the PA/KPA sets the type; Tipe I forms the K/L/PD's own teams (Tim Persiapan, Pelaksana, Pengawas); Tipe II has the
 * PA/KPA sign a cooperation agreement with another K/L/PD and the PPK a contract with its team leader; Tipe III/IV a
 * PPK contract with the leader of the Ormas / Kelompok Masyarakat. The executing team leader then reports physical
 * and financial progress periodically (Pasal 49(1)), the PPK accepts or returns each report, until 100%; the PPK
 * receives the result with a BAST (Pasal 49(2)).
 */
import type { ActionDef, ProcessDefinition } from '../../domain/process/definition';
import { cancelInterrupt, closed, rupiah } from './common';
import { HAND_OFF_STAGES, handOffCall } from './stages';

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
      value: rupiah('Nilai pekerjaan swakelola (rupiah)'),
    },
    ['decreeNumber', 'leaderId', 'persiapan', 'pelaksana', 'pengawas', 'value'],
  ),
  requires: [
    {
      when: { op: 'lte', left: { path: '$payload.value' }, right: { path: 'package.pagu' } },
      code: 'value_over_pagu',
      message: 'Nilai swakelola melebihi pagu anggaran paket.',
    },
  ],
  effect: { kind: 'set', path: 'executor' },
};

const hasProblems = (path: string) => ({ op: 'gt' as const, left: { count: path }, right: { value: 0 } });

export const swakelola: ProcessDefinition = {
  id: 'swakelola',
  version: 2,
  name: 'Swakelola Tipe I–IV',
  method: 'swakelola',
  description: 'Pengadaan melalui swakelola: penetapan tipe dan tim/kontrak, laporan kemajuan berkala, serah terima hasil.',
  roles: ['pa_kpa', 'ppk', 'penyedia', 'pejabat_pengadaan', 'pokja'],
  assignments: ['ppk', 'pa_kpa'],
  params: {
    // Assumed (no rule found, §2.11): due times so the inbox and reminders have one.
    planningDue: { name: 'Penetapan tipe swakelola', unit: 'workingDays', default: 5, min: 1 },
    teamDue: { name: 'Penetapan tim / pelaksana swakelola', unit: 'workingDays', default: 5, min: 1 },
    agreementDue: { name: 'Kesepakatan kerja sama', unit: 'workingDays', default: 10, min: 1 },
  },
  start: 'planning',
  nodes: [
    {
      id: 'planning',
      name: 'Penetapan Tipe Swakelola',
      type: 'userTask',
      due: 'planningDue',
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
      default: 'executor_appointment', // Tipe III and IV
    },
    {
      id: 'team_formation',
      name: 'Pembentukan Tim Persiapan, Pelaksana, dan Pengawas',
      type: 'userTask',
      due: 'teamDue',
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
      default: 'prepare_contract',
    },
    {
      id: 'cooperation_agreement',
      name: 'Kesepakatan Kerja Sama dengan K/L/PD Pelaksana',
      type: 'userTask',
      due: 'agreementDue',
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
      next: 'executor_appointment',
    },
    {
      id: 'executor_appointment',
      name: 'Penetapan Pelaksana dan Nilai Swakelola (Ketua Tim Pelaksana / Pimpinan Ormas / Ketua Kelompok Masyarakat)',
      type: 'userTask',
      due: 'teamDue',
      completion: 'any',
      actions: [
        {
          id: 'appoint_executor',
          name: 'Tetapkan Pelaksana Swakelola',
          performers: [{ role: 'ppk' }],
          payload: closed(
            {
              leaderId: text(128, 'Id pengguna ketua tim pelaksana / pimpinan'),
              leaderName: text(200),
              organisation: text(300, 'K/L/PD lain, Ormas, atau Kelompok Masyarakat'),
              value: rupiah('Nilai kontrak swakelola (rupiah)'),
            },
            ['leaderId', 'leaderName', 'organisation', 'value'],
          ),
          requires: [
            {
              when: { op: 'lte', left: { path: '$payload.value' }, right: { path: 'package.pagu' } },
              code: 'value_over_pagu',
              message: 'Nilai swakelola melebihi pagu anggaran paket.',
            },
          ],
          effect: { kind: 'set', path: 'executor' },
        },
      ],
      next: 'prepare_contract',
    },
    // The agreement, periodic reports (Pasal 49(1)) and the handover with BAST (Pasal 49(2)) run as an E-Kontrak
    // (contract/pelaksanaan-swakelola.ts) with the team leader as the party; the swakelola waits for it to end.
    ...handOffCall('swakelola', { providerPath: 'executor.leaderId', valuePath: 'executor.value' }),
    {
      id: 'contract_result',
      name: 'Hasil pelaksanaan swakelola',
      type: 'exclusiveGateway',
      branches: [{ name: 'selesai', when: { op: 'eq', left: { path: 'contractLink.status' }, right: { value: 'selesai' } }, to: 'completed' }],
      default: 'terminated',
    },
    { id: 'completed', name: 'Swakelola Selesai', type: 'endEvent', outcome: 'completed', status: 'selesai' },
    { id: 'cancelled', name: 'Swakelola Dibatalkan', type: 'endEvent', outcome: 'cancelled', status: 'batal' },
    { id: 'terminated', name: 'Pelaksanaan Swakelola Dihentikan', type: 'endEvent', outcome: 'failed', status: 'diputus' },
  ],
  // Cancellation until the execution starts; after that the agreement has its own termination.
  interrupts: [cancelInterrupt(HAND_OFF_STAGES)],
};
