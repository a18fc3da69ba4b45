/**
 * Which generated documents anyone may download without a token (/api/public/packages/{id}/documents/{docId}) and
 * which OCDS links to. One place, one decision per kind (domain/documents/content.ts DOCUMENT_KINDS), with the reason.
 *
 * The rule: UU 14/2008 (Keterbukaan Informasi Publik) Pasal 11 ayat (1) huruf e makes a public body's agreements with
 * third parties information available at any time, and the selection's results are announced publicly in SPSE (the
 * winner announcement, docs/regulation.md §2). A kind is public when it carries the award, the contract
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
  kontrak: {
    reason: 'Ringkasan kontrak yang ditandatangani: perjanjian badan publik dengan pihak ketiga (UU 14/2008 Pasal 11 ayat (1) huruf e)',
    signedOnly: true,
  },
  surat_pesanan: { reason: 'Surat pesanan e-purchasing yang disetujui berlaku sebagai kontrak (Perpres 16/2018 Pasal 28)', signedOnly: true },
  kesepakatan_swakelola: {
    reason: 'Kesepakatan swakelola yang ditandatangani: perjanjian badan publik (UU 14/2008 Pasal 11 ayat (1) huruf e)',
    signedOnly: true,
  },
  spmk: {
    reason:
      'Perintah mulai kerja atas kontrak yang sudah publik; isinya nomor kontrak, penyedia, tanggal mulai dan jangka waktu, yang juga ada di periode kontrak OCDS',
  },
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
 * The two signatures a contract document needs (workflows/definitions/contract/blocks.ts signingStage, completion
 * 'all'): the PPK's and the other party's (provider, or the swakelola team leader), each on the document's hash.
 */
export const CONTRACT_SIGNATURE_ACTIONS = ['sign_contract_ppk', 'sign_contract_penyedia'] as const;

/**
 * The contract document hashes both parties signed. Why not simply "a hash someone signed": the signing stage takes
 * the two signatures in either order, so between them the revision is signed by one party only — still a draft
 * (contract.signedAt is null, the package waits in "Penandatanganan Kontrak"), and a draft the PPK signed and then
 * sent back for revision stays one forever. Neither is a public agreement yet.
 */
export class SignedContractDocuments {
  private readonly parties = new Map<string, Set<string>>();

  /** Records one step; anything but a contract signature with a hash is ignored. */
  add(action: string | null | undefined, documentHash: unknown): void {
    if (!action || !(CONTRACT_SIGNATURE_ACTIONS as readonly string[]).includes(action) || typeof documentHash !== 'string') return;
    const by = this.parties.get(documentHash) ?? new Set<string>();
    by.add(action);
    this.parties.set(documentHash, by);
  }

  /** Whether every party signed exactly this hash. */
  has(sha256: string): boolean {
    const by = this.parties.get(sha256);
    return !!by && CONTRACT_SIGNATURE_ACTIONS.every((a) => by.has(a));
  }
}

/**
 * Whether one stored document is public: its kind is allowlisted and, for a contract document, both parties signed
 * its hash (`signed`: SignedContractDocuments of the contract's steps; an empty set where nothing can be signed).
 */
export function isPublicDocument(doc: DocumentFacts, signed: { has(sha256: string): boolean }): boolean {
  const rule = Object.hasOwn(PUBLIC_DOCUMENT_KINDS, doc.kind) ? PUBLIC_DOCUMENT_KINDS[doc.kind] : undefined;
  if (!rule) return false;
  return !rule.signedOnly || signed.has(doc.sha256);
}

/** The public download path of a document; `packageId` is the procurement package (also for a contract's documents). */
export const publicDocumentPath = (packageId: string, documentId: string) => `/api/public/packages/${packageId}/documents/${encodeURIComponent(documentId)}`;
