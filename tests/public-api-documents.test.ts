/**
 * Which contract revision is public (domain/views/public-documents.ts): only one both parties signed. The signing
 * stage takes the PPK's and the provider's signatures in either order, so between them — the package still in
 * "Penandatanganan Kontrak", contract.signedAt null — the revision carries one signature and is still a draft; and a
 * revision the PPK signed and then sent back for revision stays a draft for good. Both the public document list
 * (signedHashesOf over the read model's events) and the OCDS contract section (foldContract) read it the same way.
 * The end-to-end form (a real e-purchasing order signed by the PPK only, then by the provider) is in
 * tests/public-api.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldContract } from '../domain/ocds/contract-section';
import type { OcdsContractSource } from '../domain/ocds/source';
import { isPublicDocument, SignedContractDocuments } from '../domain/views/public-documents';
import { signedHashesOf, type StoredEvent } from '../domain/views/public-events';

const R1 = '1'.repeat(64);
const R2 = '2'.repeat(64);
const SPPBJ = '3'.repeat(64);

let seq = 0;
const step = (action: string, payload: Record<string, unknown> = {}): StoredEvent => ({
  seq: ++seq,
  at: Date.UTC(2045, 0, 1) + seq * 60_000,
  type: 'action_performed',
  stageId: action.startsWith('sign_') ? 'contract_signing' : 'draft_contract',
  action,
  details: { payload },
});
const sign = (who: 'ppk' | 'penyedia', hash: string) => step(`sign_contract_${who}`, { documentHash: hash });
const kontrak = (sha256: string) => ({ kind: 'kontrak', sha256 });

/** Public per signedHashesOf (the public list) and per foldContract (OCDS): both must agree. */
function publicBoth(events: StoredEvent[], doc: { kind: string; sha256: string }): [boolean, boolean] {
  const viaList = isPublicDocument(doc, signedHashesOf(events));
  const viaOcds = isPublicDocument(doc, foldContract({ events: events } as OcdsContractSource, Number.MAX_SAFE_INTEGER).signedHashes);
  return [viaList, viaOcds];
}

describe('a contract revision is public only when both parties signed it', () => {
  test('signed by the PPK only (the package waits for the provider): not public', () => {
    assert.deepEqual(publicBoth([step('draft_contract'), sign('ppk', R1)], kontrak(R1)), [false, false]);
  });

  test('signed by the provider only: not public', () => {
    assert.deepEqual(publicBoth([step('draft_contract'), sign('penyedia', R1)], kontrak(R1)), [false, false]);
  });

  test('signed by both, in either order: public; the same for a Surat Pesanan and a swakelola agreement', () => {
    assert.deepEqual(publicBoth([sign('penyedia', R1), sign('ppk', R1)], kontrak(R1)), [true, true]);
    assert.deepEqual(publicBoth([sign('ppk', R1), sign('penyedia', R1)], { kind: 'surat_pesanan', sha256: R1 }), [true, true]);
    assert.deepEqual(publicBoth([sign('ppk', R1), sign('penyedia', R1)], { kind: 'kesepakatan_swakelola', sha256: R1 }), [true, true]);
  });

  test('r1 signed by the PPK, sent back, r2 signed by both: r2 is public, r1 stays a draft', () => {
    const events = [
      step('draft_contract'),
      sign('ppk', R1),
      step('revise_draft', { reason: 'Salah nomor' }),
      step('draft_contract'),
      sign('ppk', R2),
      sign('penyedia', R2),
    ];
    assert.deepEqual(publicBoth(events, kontrak(R2)), [true, true]);
    assert.deepEqual(publicBoth(events, kontrak(R1)), [false, false]);
  });

  test('two signatures of one party on two revisions do not add up; other steps with a hash do not count', () => {
    assert.deepEqual(publicBoth([sign('ppk', R1), sign('penyedia', R2)], kontrak(R1)), [false, false]);
    assert.deepEqual(publicBoth([sign('ppk', R1), sign('ppk', R1)], kontrak(R1)), [false, false]);
    assert.deepEqual(publicBoth([sign('ppk', R1), step('sign_addendum', { documentHash: R1 })], kontrak(R1)), [false, false]);
  });

  test('kinds that need no signature are public as they are; an unlisted kind never', () => {
    assert.equal(isPublicDocument({ kind: 'sppbj', sha256: SPPBJ }, new SignedContractDocuments()), true);
    assert.equal(isPublicDocument({ kind: 'ba_evaluasi', sha256: R1 }, signedHashesOf([sign('ppk', R1), sign('penyedia', R1)])), false);
  });
});
