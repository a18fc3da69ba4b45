/**
 * The bid opening's decryption step: an `unsealBids` service task (activities/services/sealed-bids.ts) that replaces
 * the sealed envelopes in `list` with the verified content and records rejected bids at `reportPath`. Every
 * definition that takes sealed bids puts one right after the moment its bids are opened.
 */
import type { ProcessNode } from '../../domain/process/definition';

export const unsealStage = (id: string, list: string, reportPath: string, next: string, onlyVendorsIn?: string): ProcessNode => ({
  id,
  name: onlyVendorsIn ? 'Dekripsi dan Verifikasi Penawaran (peserta lulus)' : 'Dekripsi dan Verifikasi Penawaran',
  type: 'serviceTask',
  service: 'unsealBids',
  args: { list, ...(onlyVendorsIn ? { onlyVendorsIn } : {}) },
  resultPath: reportPath,
  resultPaths: { bids: list },
  next,
});
