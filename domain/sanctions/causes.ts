/**
 * Why a provider may be put on the blacklist (daftar hitam), each cause with the period it carries and the article
 * that sets it. A closed list: a proposal or decision names one of these ids, never free text, so the period is never
 * the client's to choose (the PA/KPA sets only the decision number and the start; Perpres 16/2018 jo. 12/2021
 * Pasal 78–79). The sanction is imposed by the PA/KPA on the proposal of the Pokja, PP or PPK and published
 * nationally by LKPP (Daftar Hitam Nasional, Pasal 83). Sources and their reading: SANKSI.md next to this file.
 */

export interface SanctionCause {
  id: SanctionCauseId;
  /** Short Indonesian title, as the decision and the public list name it. */
  title: string;
  /** Length of the blacklisting in whole calendar years from the decision's start. */
  years: 1 | 2;
  /** The article that names the act and the article that sets the period. */
  pasal: string;
}

export const SANCTION_CAUSE_IDS = [
  'dokumen_palsu',
  'persekongkolan',
  'kkn',
  'pengunduran_diri',
  'mundur_setelah_sppbj',
  'tidak_melaksanakan_kontrak',
  'gagal_pemeliharaan',
] as const;
export type SanctionCauseId = (typeof SANCTION_CAUSE_IDS)[number];

export const SANCTION_CAUSES: Record<SanctionCauseId, SanctionCause> = {
  dokumen_palsu: {
    id: 'dokumen_palsu',
    title: 'Menyampaikan dokumen atau keterangan palsu/tidak benar',
    years: 2,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (1) huruf a jo. ayat (4); daftar hitam 2 tahun',
  },
  persekongkolan: {
    id: 'persekongkolan',
    title: 'Persekongkolan dengan penyedia lain untuk mengatur harga penawaran',
    years: 2,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (1) huruf b jo. ayat (4); daftar hitam 2 tahun',
  },
  kkn: {
    id: 'kkn',
    title: 'Korupsi, kolusi, dan/atau nepotisme dalam pemilihan penyedia',
    years: 2,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (1) huruf c jo. ayat (4); daftar hitam 2 tahun',
  },
  pengunduran_diri: {
    id: 'pengunduran_diri',
    title: 'Mengundurkan diri dengan alasan yang tidak dapat diterima',
    years: 1,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (1) huruf d; daftar hitam 1 tahun',
  },
  mundur_setelah_sppbj: {
    id: 'mundur_setelah_sppbj',
    title: 'Mengundurkan diri setelah ditetapkan sebagai pemenang (setelah SPPBJ)',
    years: 1,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (2) jo. ayat (5) huruf c; daftar hitam 1 tahun',
  },
  tidak_melaksanakan_kontrak: {
    id: 'tidak_melaksanakan_kontrak',
    title: 'Tidak melaksanakan kontrak atau tidak menyelesaikan pekerjaan (kontrak diputus)',
    years: 1,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (3) jo. ayat (5) huruf d; daftar hitam 1 tahun',
  },
  gagal_pemeliharaan: {
    id: 'gagal_pemeliharaan',
    title: 'Tidak melaksanakan kewajiban dalam masa pemeliharaan',
    years: 1,
    pasal: 'Perpres 16/2018 Pasal 78 ayat (3) huruf a jo. ayat (5) huruf d; daftar hitam 1 tahun',
  },
};

export const isSanctionCause = (x: unknown): x is SanctionCauseId => typeof x === 'string' && (SANCTION_CAUSE_IDS as readonly string[]).includes(x);
