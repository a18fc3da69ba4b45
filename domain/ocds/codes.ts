/**
 * Pengadaan terms → OCDS 1.1.5 codelist values (https://standard.open-contracting.org/1.1/en/schema/codelists/), after
 * the mapping table in docs/ocds-mapping.md §2. Closed codelists (method, procurementCategory, tenderStatus, awardStatus,
 * contractStatus, milestoneStatus, releaseTag) are enums in the schema, so a wrong value fails validation.
 */
import { profileOf } from '../../workflows/definitions/profiles';
import type { OcdsProcurementMethod } from '../process/method-profile';
import type { PackageFacts } from '../process/state';

export const CURRENCY = 'IDR';

/**
 * `tender.procurementMethod` of a package, from its method's profile (workflows/definitions/profiles.ts). An unknown
 * method throws (UnknownMethodError) instead of passing as `direct`: a release with a guessed method is worse than none.
 */
export function procurementMethod(method: string, miniCompetition: boolean): OcdsProcurementMethod {
  const { ocds } = profileOf(method);
  return miniCompetition && ocds.withMiniCompetition ? ocds.withMiniCompetition : ocds.procurementMethod;
}

export function mainCategory(category: PackageFacts['category']): 'goods' | 'works' | 'services' {
  return category === 'barang' ? 'goods' : category === 'pekerjaan_konstruksi' ? 'works' : 'services';
}

/** extendedProcurementCategory: consultancy is the one distinction `mainProcurementCategory` cannot make. */
export function additionalCategories(category: PackageFacts['category']): string[] | undefined {
  return category === 'jasa_konsultansi' ? ['consultingServices'] : undefined;
}

/** documentType (open codelist) of each generated document kind. */
export const DOCUMENT_TYPE: Record<string, string> = {
  sppbj: 'awardNotice', // Surat Penunjukan Penyedia Barang/Jasa: the letter of award
  kontrak: 'contractSigned',
  surat_pesanan: 'contractSigned',
  kesepakatan_swakelola: 'contractSigned',
  spmk: 'contractNotice', // Surat Perintah Mulai Kerja: the contract may start
  bast: 'completionCertificate',
  bast_pho: 'completionCertificate',
  bast_fho: 'completionCertificate',
};

export const CONTRACT_TITLE: Record<string, string> = {
  kontrak: 'Kontrak',
  surat_pesanan: 'Surat Pesanan',
  swakelola: 'Kesepakatan Pelaksanaan Swakelola',
};

/** Actions of a contract that complete a delivery: implementation milestones. */
export const HANDOVER_MILESTONES: Record<string, string> = {
  accept_handover: 'Serah terima pekerjaan (BAST/PHO)',
  accept_fho: 'Serah terima akhir pekerjaan (FHO)',
  accept_receipt: 'Penerimaan barang (BAST)',
};

/** Order of tags within a release, as in the releaseTag codelist. */
export const TAG_ORDER = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
] as const;
export type ReleaseTag = (typeof TAG_ORDER)[number];

/** Party roles in a fixed order: `roles` is replaced as a whole when merged, so the same set must read the same. */
export const ROLE_ORDER = ['buyer', 'procuringEntity', 'tenderer', 'supplier'] as const;
export type PartyRole = (typeof ROLE_ORDER)[number];

/** A stable identifier fragment from free text (an OPD name). */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'tanpa-nama'
  );
}

export const isoDate = (ms: number): string => new Date(ms).toISOString();

/** A calendar date of the schedule (YYYY-MM-DD, WIB) as the instant its day starts. */
export function wibDayStart(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const t = Date.parse(`${date}T00:00:00+07:00`);
  return Number.isNaN(t) ? undefined : t;
}
