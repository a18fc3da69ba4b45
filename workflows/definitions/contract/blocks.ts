/**
 * Stages shared by the E-Kontrak definitions (docs/regulation.md §2.10, §5): the draft and its document, signatures on the
 * document's hash, the execution window with progress reports, payments and addenda, the late window, inspection and
 * termination. Each definition composes them with its own party (provider, executing team leader) and its own end.
 */
import type { ActionDef, Performer, ProcessNode, ScheduleParam } from '../../../domain/process/definition';
import { closed, rupiah, withNote, withReason } from '../common';

export const text = (max: number, description?: string) => ({ type: 'string', minLength: 1, maxLength: max, ...(description ? { description } : {}) });
export const date = (description: string) => ({ type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) dokumen yang ditandatangani' };
const percent = (description: string) => ({ type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01, description });

/** The provider named in the contract (a vendor account). */
export const provider: Performer[] = [{ role: 'penyedia', actorIs: 'contract.providerId' }];

/**
 * The executing team leader of a swakelola: a non-government party's leader (penyedia account) or the K/L/PD's own
 * staff (Pejabat Pengadaan or Pokja account, not assigned to the package). The identity check is the `actorIs`.
 */
export const executor: Performer[] = (['penyedia', 'pejabat_pengadaan', 'pokja'] as const).map((role) => ({
  role,
  assignedOnly: false,
  actorIs: 'contract.providerId',
}));

export const contractParams: Record<string, ScheduleParam> = {
  // Assumed: the SSKK is entered within 5 working days of the SPPBJ (no rule found; docs/regulation.md §2.10 K1).
  draftDue: { name: 'Penyusunan rancangan kontrak', unit: 'workingDays', default: 5, min: 1 },
  signingDue: { name: 'Penandatanganan kontrak', unit: 'workingDays', default: 5, min: 1 },
  // Pasal 56(2): extra time (pemberian kesempatan) of at most 50 days, after which the contract may be terminated.
  maxLateDays: { name: 'Batas pemberian kesempatan (keterlambatan)', unit: 'calendarDays', default: 50, min: 1 },
  // Assumed: 7 working days to inspect (old SSUK practice, §2.10 K10).
  inspectionDue: { name: 'Pemeriksaan hasil pekerjaan', unit: 'workingDays', default: 7, min: 1 },
  paymentDue: { name: 'Pembayaran', unit: 'workingDays', default: 7, min: 1 },
  ratingDue: { name: 'Penilaian kinerja penyedia', unit: 'workingDays', default: 5, min: 1 },
  // Assumed: defects are repaired and handed over again within 7 working days (old SSUK practice, like inspection).
  repairDue: { name: 'Perbaikan hasil pekerjaan', unit: 'workingDays', default: 7, min: 1 },
};

/** The draft contract (SSKK): number, period, planned S-curve, the provider's status that sets the advance ceiling. */
export const draftStage = (next: string): ProcessNode => ({
  id: 'draft_contract',
  name: 'Penyusunan Rancangan Kontrak (SSKK)',
  type: 'userTask',
  due: 'draftDue',
  completion: 'any',
  resets: ['signatures'],
  actions: [
    {
      id: 'draft_contract',
      name: 'Susun Rancangan Kontrak',
      performers: [{ role: 'ppk' }],
      payload: closed(
        {
          number: text(100, 'Nomor kontrak / SPK / Surat Pesanan / kesepakatan'),
          durationDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Jangka waktu pelaksanaan (hari kalender)' },
          plannedProgress: {
            type: 'array',
            minItems: 1,
            maxItems: 120,
            items: percent('Rencana kemajuan fisik kumulatif per periode (%)'),
            description: 'Kurva S rencana: kemajuan kumulatif pada akhir tiap periode; yang terakhir 100',
          },
          periodDays: { type: 'integer', minimum: 1, maximum: 366, description: 'Panjang satu periode laporan (hari), bawaan 30' },
          maintenanceDays: {
            type: 'integer',
            minimum: 1,
            maximum: 3650,
            description: 'Masa pemeliharaan (hari kalender; pekerjaan konstruksi), bawaan 180 (contoh bersumber 6 bulan, §2.10 K12)',
          },
          smallBusiness: { type: 'boolean', description: 'Penyedia usaha kecil (uang muka s.d. 30%)' },
          multiYear: { type: 'boolean', description: 'Kontrak tahun jamak (uang muka s.d. 15%)' },
        },
        ['number', 'durationDays', 'plannedProgress'],
      ),
      requires: [{ rule: 'plannedProgressValid' }],
      effect: { kind: 'apply', reducer: 'draftContract' },
    },
  ],
  next,
});

/** Generates a document from the package data; its id and SHA-256 land at `documents.<kind>`. */
export const documentStage = (id: string, name: string, kind: string, next: string, revisionPath?: string): ProcessNode => ({
  id,
  name,
  type: 'serviceTask',
  service: 'generateDocument',
  args: { kind, ...(revisionPath ? { revisionPath } : {}) },
  resultPath: `documents.${kind}`,
  next,
});

/** A signature binds the signer to the document's hash: a redrafted document cannot be signed with an old hash. */
const signature = (id: string, name: string, performers: Performer[], path: string, documentKind: string): ActionDef => ({
  id,
  name,
  performers,
  payload: closed({ documentHash: sha256 }, ['documentHash']),
  requires: [
    {
      when: { op: 'eq', left: { path: '$payload.documentHash' }, right: { path: `documents.${documentKind}.sha256` } },
      code: 'document_changed',
      message: 'Dokumen telah berubah: tanda tangani dokumen versi terbaru (hash tidak cocok).',
      status: 409,
    },
  ],
  effect: { kind: 'set', path },
});

/**
 * Signatures of the PPK and the party in either order (completion 'all'); the PPK may send the draft back instead.
 * Entering the next stage reaches the milestone 'signed', which the awarding package waits for.
 */
export const signingStage = (party: Performer[], documentKind: string, partyName: string, next: string, extra: ActionDef[] = []): ProcessNode => ({
  id: 'contract_signing',
  name: 'Penandatanganan Kontrak Elektronik',
  type: 'userTask',
  due: 'signingDue',
  completion: 'all',
  actions: [
    signature('sign_contract_ppk', 'Tanda Tangan Kontrak (PPK)', [{ role: 'ppk' }], 'signatures.ppk', documentKind),
    signature('sign_contract_penyedia', `Tanda Tangan Kontrak (${partyName})`, party, 'signatures.party', documentKind),
    {
      id: 'revise_draft',
      name: 'Ubah Rancangan Kontrak',
      performers: [{ role: 'ppk' }],
      payload: withReason,
      effect: { kind: 'set', path: 'revisionRequest' },
      to: 'draft_contract',
    },
    ...extra,
  ],
  next,
});

export const submitProgress = (party: Performer[]): ActionDef => ({
  id: 'submit_progress_report',
  name: 'Ajukan Laporan Kemajuan',
  performers: party,
  payload: closed(
    {
      period: { type: 'integer', minimum: 1, maximum: 240, description: 'Periode laporan ke-' },
      physicalPercent: percent('Kemajuan fisik kumulatif (%)'),
      evidence: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: closed({ name: text(300, 'Nama berkas bukti'), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } }, ['name', 'sha256']),
      },
      note: { type: 'string', maxLength: 4000 },
    },
    ['period', 'physicalPercent', 'evidence'],
  ),
  requires: [{ rule: 'progressReportValid' }],
  effect: { kind: 'apply', reducer: 'submitProgressReport' },
});

export const reviewProgress: ActionDef = {
  id: 'review_progress_report',
  name: 'Periksa Laporan Kemajuan',
  performers: [{ role: 'ppk' }],
  payload: closed({ reportId: text(64), decision: { enum: ['terima', 'kembalikan'] }, note: { type: 'string', maxLength: 4000 } }, ['reportId', 'decision']),
  requires: [{ rule: 'reportPending' }],
  effect: { kind: 'apply', reducer: 'reviewProgressReport' },
};

export const payTerm: ActionDef = {
  id: 'pay_term',
  name: 'Bayar Termin (Prestasi Pekerjaan)',
  performers: [{ role: 'ppk' }],
  payload: closed({ grossAmount: rupiah('Nilai prestasi yang dibayar, sebelum potongan'), note: { type: 'string', maxLength: 2000 } }, ['grossAmount']),
  requires: [{ rule: 'termPaymentAllowed' }],
  effect: { kind: 'apply', reducer: 'payTerm' },
};

export const payAdvance: ActionDef = {
  id: 'pay_advance',
  name: 'Bayar Uang Muka',
  performers: [{ role: 'ppk' }],
  payload: closed({ amount: rupiah('Uang muka'), guaranteeNumber: text(100, 'Nomor jaminan uang muka'), guaranteeAmount: rupiah('Nilai jaminan uang muka') }, [
    'amount',
    'guaranteeNumber',
    'guaranteeAmount',
  ]),
  requires: [{ rule: 'advanceAllowed' }],
  effect: { kind: 'apply', reducer: 'payAdvance' },
};

export const signAddendum: ActionDef = {
  id: 'sign_addendum',
  name: 'Tetapkan Adendum Kontrak',
  performers: [{ role: 'ppk' }],
  payload: closed(
    {
      number: text(100, 'Nomor adendum'),
      valueChange: { type: 'integer', minimum: -1e15, maximum: 1e15, description: 'Perubahan nilai (rupiah; negatif untuk pengurangan)' },
      extensionDays: { type: 'integer', minimum: 0, maximum: 3650, description: 'Tambahan waktu (hari kalender)' },
      reason: text(4000, 'Alasan (perbedaan kondisi lapangan, keadaan kahar, ...)'),
    },
    ['number', 'valueChange', 'extensionDays', 'reason'],
  ),
  requires: [{ rule: 'addendumWithinCap' }],
  effect: { kind: 'apply', reducer: 'addendum' },
};

export const requestHandover = (party: Performer[]): ActionDef => ({
  id: 'request_handover',
  name: 'Ajukan Serah Terima Pekerjaan',
  performers: party,
  payload: withNote,
  requires: [{ rule: 'handoverReady' }],
  effect: { kind: 'apply', reducer: 'requestHandover' },
  to: 'inspection',
});

/**
 * Execution: a window as long as the contract period (`contract.durationDays`, moved by addenda) in which the work is
 * reported, checked and paid. When it closes without a handover request the contract is late.
 */
export const executionStages = (party: Performer[], opts: { advance: boolean; addenda: boolean }): ProcessNode[] => {
  const common = [submitProgress(party), reviewProgress, payTerm, requestHandover(party)];
  return [
    {
      id: 'execution',
      name: 'Pelaksanaan Kontrak',
      type: 'timeWindow',
      durationFrom: 'contract.durationDays',
      actions: [...(opts.advance ? [payAdvance] : []), ...common, ...(opts.addenda ? [signAddendum] : [])],
      next: 'late_execution',
    },
    {
      // Pasal 56: the provider may be given time to finish, with a penalty of 1‰ per day (Pasal 79(4)); after that
      // the contract is terminated.
      id: 'late_execution',
      name: 'Pemberian Kesempatan (Terlambat, Dikenakan Denda)',
      type: 'timeWindow',
      duration: 'maxLateDays',
      actions: common,
      next: 'termination',
    },
  ];
};

/** Inspection of the handed-over work; defects go back to the party and come again. */
export const inspectionStages = (party: Performer[], next: string): ProcessNode[] => [
  {
    id: 'inspection',
    name: 'Pemeriksaan Hasil Pekerjaan',
    type: 'userTask',
    due: 'inspectionDue',
    completion: 'any',
    actions: [
      {
        id: 'accept_handover',
        name: 'Terima Hasil Pekerjaan',
        performers: [{ role: 'ppk' }],
        payload: closed({ bastNumber: text(100, 'Nomor BAST'), note: { type: 'string', maxLength: 2000 } }, ['bastNumber']),
        effect: { kind: 'set', path: 'inspection' },
      },
      {
        id: 'return_for_repair',
        name: 'Kembalikan untuk Perbaikan',
        performers: [{ role: 'ppk' }],
        payload: withReason,
        effect: { kind: 'set', path: 'repairRequest' },
        to: 'repair',
      },
    ],
    next,
  },
  {
    id: 'repair',
    name: 'Perbaikan Hasil Pekerjaan',
    type: 'userTask',
    due: 'repairDue',
    completion: 'any',
    actions: [
      { id: 'resubmit_handover', name: 'Ajukan Kembali Serah Terima', performers: party, payload: withNote, effect: { kind: 'set', path: 'repairDone' } },
    ],
    next: 'inspection',
  },
];

export const finalPaymentStage = (next: string): ProcessNode => ({
  id: 'final_payment',
  name: 'Pembayaran Akhir',
  type: 'userTask',
  due: 'paymentDue',
  completion: 'any',
  actions: [
    {
      id: 'pay_final',
      name: 'Bayar Sisa Nilai Kontrak',
      performers: [{ role: 'ppk' }],
      payload: withNote,
      requires: [{ rule: 'finalPaymentOpen' }],
      effect: { kind: 'apply', reducer: 'payFinal' },
    },
  ],
  next,
});

export const ratingStage = (next: string): ProcessNode => ({
  id: 'rating',
  name: 'Penilaian Kinerja Penyedia',
  type: 'userTask',
  due: 'ratingDue',
  completion: 'any',
  actions: [
    {
      id: 'rate_provider',
      name: 'Nilai Kinerja Penyedia',
      performers: [{ role: 'ppk' }],
      payload: closed(
        {
          quality: { type: 'integer', minimum: 1, maximum: 4, description: 'Kualitas dan kuantitas (1 buruk – 4 sangat baik)' },
          cost: { type: 'integer', minimum: 1, maximum: 4, description: 'Biaya' },
          time: { type: 'integer', minimum: 1, maximum: 4, description: 'Waktu' },
          service: { type: 'integer', minimum: 1, maximum: 4, description: 'Layanan' },
          note: { type: 'string', maxLength: 2000 },
        },
        ['quality', 'cost', 'time', 'service'],
      ),
      effect: { kind: 'set', path: 'rating' },
    },
  ],
  next,
});

/**
 * Termination (pemutusan) by the PPK with a reason, possible until the handover request; the provider is proposed for
 * the blacklist (Pasal 78(5)d) by the service, then the contract ends as 'diputus'.
 */
export const terminateAction: ActionDef = {
  id: 'terminate_contract',
  name: 'Putuskan Kontrak',
  performers: [{ role: 'ppk' }],
  payload: withReason,
  effect: { kind: 'set', path: 'termination' },
};

export const terminationStages = (): ProcessNode[] => [
  {
    id: 'termination',
    name: 'Pemutusan Kontrak dan Usulan Daftar Hitam',
    type: 'serviceTask',
    service: 'flagProviderForSanction',
    resultPath: 'sanction',
    next: 'terminated',
  },
  { id: 'terminated', name: 'Kontrak Diputus', type: 'endEvent', outcome: 'failed', status: 'diputus' },
];
