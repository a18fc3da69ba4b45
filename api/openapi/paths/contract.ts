/** /api/packages/{id}/contract: the E-Kontrak of a package, its figures and its steps (api/routes/contract.ts). */
import { z } from 'zod';
import { ActorAction, PackageSummary } from '../../schemas';
import { PackageStatus } from '../../package-status';
import { AUTH_READ, errorResponses, idemHeader, idParam, isoTime, json, rupiah, taskIdParam, WITH_BODY, WITH_ID } from '../common';

const ratio = z.number().nullable().describe('Rasio 0–1, empat desimal');

export const ContractFigures = z
  .strictObject({
    packageId: z.string().describe('Paket kontrak'),
    parentPackageId: z.string().describe('Paket pemilihan asalnya'),
    kind: z.string().describe('kontrak, surat_pesanan, swakelola'),
    number: z.string().nullable(),
    vendorId: z.string().describe('Id akun penyedia kontrak'),
    category: z.string(),
    opd: z.string(),
    fiscalYear: z.number().int(),
    status: PackageStatus,
    stageId: z.string(),
    originalValue: rupiah,
    value: rupiah,
    pagu: rupiah,
    paid: rupiah,
    retentionHeld: rupiah,
    penalty: rupiah,
    physicalProgress: z.number().nullable().describe('Persen 0–100'),
    absorption: z.strictObject({ ofContract: ratio, ofPagu: ratio }),
    updatedAt: isoTime.nullable(),
  })
  .meta({ id: 'ContractFigures' });

export const SCurvePoint = z
  .strictObject({
    period: z.number().int(),
    periodEnd: z.string().nullable().describe('Tanggal akhir periode (YYYY-MM-DD)'),
    plannedPct: z.number(),
    actualPct: z.number().nullable(),
  })
  .meta({ id: 'SCurvePoint' });

export const ContractPayment = z
  .strictObject({
    id: z.string(),
    kind: z.string(),
    gross: rupiah,
    advanceRepayment: rupiah,
    retention: rupiah,
    penalty: rupiah,
    net: rupiah,
    paidAt: isoTime.nullable(),
  })
  .meta({ id: 'ContractPayment' });

export const ContractDocument = z
  .strictObject({
    id: z.string(),
    packageId: z.string(),
    kind: z.string(),
    revision: z.number().int(),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int(),
    createdAt: isoTime,
    downloadUrl: z.string(),
  })
  .meta({ id: 'ContractDocument' });

export const ContractVendor = z
  .strictObject({
    id: z.string().describe('Id akun penyedia (sama dengan contract.vendorId)'),
    name: z.string().nullable().describe('Nama perusahaan penyedia (organisasinya); nama akun bila tidak ada data organisasi'),
    organisationId: z.string().nullable(),
  })
  .meta({ id: 'ContractVendor' });

/** Entries the contract's definition writes into its process data (their fields are the definition's). */
const processEntry = z.record(z.string(), z.unknown());

export const ContractView = z
  .strictObject({
    package: PackageSummary.nullable().describe('Paket kontrak; null sesaat setelah kontrak dimulai'),
    contract: ContractFigures.nullable().describe('null sampai kontrak dirancang'),
    vendor: ContractVendor.nullable().describe(
      'Penyedia kontrak dengan nama perusahaannya, untuk pejabat dan penyedia itu sendiri; null untuk penyedia lain dan sebelum kontrak dirancang',
    ),
    terms: processEntry.nullable().describe('Syarat kontrak (SSKK) dari rancangan'),
    signatures: processEntry.nullable().describe('Tanda tangan atas hash dokumen kontrak'),
    sCurve: z.array(SCurvePoint),
    payments: z.array(ContractPayment),
    addenda: z.array(processEntry),
    progressReports: z.array(processEntry),
    documents: z.array(ContractDocument),
    myActions: z.array(ActorAction).describe('Langkah kontrak yang boleh dilakukan pemanggil sekarang'),
  })
  .meta({ id: 'ContractView', description: 'Tampilan pejabat; penyedia mendapat tampilan penyedia' });

export const ContractPayments = z.strictObject({ data: z.array(ContractPayment) }).meta({ id: 'ContractPayments' });
export const ContractProgress = z
  .strictObject({ physicalProgress: z.number().describe('Persen 0–100'), sCurve: z.array(SCurvePoint), reports: z.array(processEntry) })
  .meta({ id: 'ContractProgress' });
export const ContractAddenda = z.strictObject({ data: z.array(processEntry) }).meta({ id: 'ContractAddenda' });
export const ContractDocuments = z.strictObject({ data: z.array(ContractDocument) }).meta({ id: 'ContractDocuments' });

const read = (operationId: string, summary: string, schema: string) => ({
  get: {
    operationId,
    summary,
    description: 'Untuk paket pemilihan: kontraknya (404 contract_not_found bila belum ada); untuk paket kontrak: dirinya sendiri.',
    parameters: [idParam],
    responses: { 200: { description: 'OK', content: json(schema) }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
  },
});

export const contractPaths = {
  '/api/packages/{id}/contract': read(
    'getContract',
    'Kontrak elektronik (E-Kontrak) paket: nilai, pembayaran, serapan anggaran, kemajuan fisik, kurva S, adendum, dokumen',
    'ContractView',
  ),
  '/api/packages/{id}/contract/payments': read('listContractPayments', 'Pembayaran kontrak (rupiah bulat)', 'ContractPayments'),
  '/api/packages/{id}/contract/progress': read('getContractProgress', 'Laporan kemajuan dan kurva S (rencana vs realisasi per periode)', 'ContractProgress'),
  '/api/packages/{id}/contract/addenda': read('listContractAddenda', 'Adendum kontrak', 'ContractAddenda'),
  '/api/packages/{id}/contract/documents': read('listContractDocuments', 'Dokumen kontrak (PDF) dengan SHA-256', 'ContractDocuments'),
  '/api/packages/{id}/contract/tasks/{taskId}': {
    post: {
      operationId: 'performContractStep',
      summary: 'Lakukan langkah kontrak (rancangan, tanda tangan atas hash dokumen, laporan, pembayaran, adendum, serah terima)',
      parameters: [idParam, taskIdParam, idemHeader],
      requestBody: { required: true, content: json('TaskRequest') },
      responses: {
        200: { description: 'Langkah diterima; keadaan baru kontrak', content: json('StepResult') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409, 503),
      },
    },
  },
};
