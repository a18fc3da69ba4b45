/**
 * Which generated documents anyone may download without a token (/api/public/packages/{id}/documents/{docId}) and
 * which OCDS links to. One place, one decision per kind (domain/documents/content.ts DOCUMENT_KINDS), with the reason.
 *
 * The rule: UU 14/2008 (Keterbukaan Informasi Publik) Pasal 11 ayat (1) huruf e makes a public body's agreements with
 * third parties information available at any time, and the selection's results are announced publicly in SPSE (the
 * winner announcement, shared/reference/spse-domain.md §2). A kind is public when it carries the award, the contract
 * or its handover — and a contract only in its signed form. A kind not listed here (a new one included) is not public
 * until someone decides it here: the default is closed.
 *
 * There is no generated PDF for the tender announcement (pengumuman) or the winner announcement (pengumuman
 * pemenang): those are published as the package's public view, its timeline and its OCDS releases, not as files.
 * None of these documents names an official: they say "Pejabat Pembuat Komitmen pada <satuan kerja>" and the
 * provider's company name (domain/documents/content.ts).
 */

export interface PublicKindRule {
  /** Why it is public, for the reader (and the allowlist test). */
  reason: string;
  /** A contract document: public only in the revision both parties signed (earlier drafts stay internal). */
  signedOnly?: boolean;
}

export const PUBLIC_DOCUMENT_KINDS: Readonly<Record<string, PublicKindRule>> = {
  sppbj: { reason: 'Surat penunjukan penyedia: terbit setelah pengumuman pemenang dan masa sanggah, isinya penyedia dan nilai yang sudah diumumkan' },
  kontrak: { reason: 'Ringkasan kontrak yang ditandatangani: perjanjian badan publik dengan pihak ketiga (UU 14/2008 Pasal 11 ayat (1) huruf e)', signedOnly: true },
  surat_pesanan: { reason: 'Surat pesanan e-purchasing yang disetujui berlaku sebagai kontrak (Perpres 16/2018 Pasal 28)', signedOnly: true },
  kesepakatan_swakelola: { reason: 'Kesepakatan swakelola yang ditandatangani: perjanjian badan publik (UU 14/2008 Pasal 11 ayat (1) huruf e)', signedOnly: true },
  spmk: { reason: 'Perintah mulai kerja atas kontrak yang sudah publik; isinya nomor kontrak, penyedia, tanggal mulai dan jangka waktu, yang juga ada di periode kontrak OCDS' },
  bast: { reason: 'Berita acara serah terima: hasil pekerjaan diterima atas kontrak yang publik (Perpres 16/2018 Pasal 57)' },
  bast_pho: { reason: 'Serah terima pertama pekerjaan konstruksi (Perpres 16/2018 Pasal 57)' },
  bast_fho: { reason: 'Serah terima akhir pekerjaan konstruksi (Perpres 16/2018 Pasal 57)' },
};

export const PUBLIC_KIND_LIST = Object.keys(PUBLIC_DOCUMENT_KINDS) as readonly string[];

export interface DocumentFacts {
  kind: string;
  sha256: string;
}

/**
 * Whether one stored document is public: its kind is allowlisted and, for a contract document, its hash is one a
 * party signed (`signedHashes`: the `documentHash` of the contract's sign_* steps).
 */
export function isPublicDocument(doc: DocumentFacts, signedHashes: ReadonlySet<string>): boolean {
  const rule = Object.hasOwn(PUBLIC_DOCUMENT_KINDS, doc.kind) ? PUBLIC_DOCUMENT_KINDS[doc.kind] : undefined;
  if (!rule) return false;
  return !rule.signedOnly || signedHashes.has(doc.sha256);
}

/** The public download path of a document; `packageId` is the procurement package (also for a contract's documents). */
export const publicDocumentPath = (packageId: string, documentId: string) =>
  `/api/public/packages/${packageId}/documents/${encodeURIComponent(documentId)}`;
