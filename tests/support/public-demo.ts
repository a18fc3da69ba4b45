/**
 * A stack for the public portal's browser test: tests/support/demo-stack.ts (the real start command filled by
 * `npm run demo`) with one Chromium, and the packages the test looks at chosen from what the public API then
 * answers: the one furthest along (contract, winner or opening published) and one with a published document.
 */
import { startDemoStack } from './demo-stack';
import { BrowserHarness } from './browser';

export interface PublicDocumentRef {
  id: string;
  sha256: string;
  downloadUrl: string;
}

export interface PublicDemoStack {
  baseUrl: string;
  fiscalYear: number;
  browser: BrowserHarness;
  /** Furthest along: a contract, else a winner, else any package. */
  richestPackageId: string;
  /** A package with at least one published document, if the demo got one that far. */
  documentPackageId: string | undefined;
  publicDocuments(id: string): Promise<PublicDocumentRef[]>;
  close(): Promise<void>;
}

const FISCAL_YEAR = 2047;

export async function startPublicDemoStack(label: string, o: { packages?: number } = {}): Promise<PublicDemoStack> {
  const demo = await startDemoStack({ packages: o.packages ?? 16, fiscalYear: FISCAL_YEAR, label });
  let browser: BrowserHarness | undefined;
  const close = async () => {
    await browser?.close().catch(() => {});
    await demo.stop();
  };
  try {
    browser = await BrowserHarness.open({ baseUrl: demo.baseUrl, label });
    const baseUrl = demo.baseUrl;
    const get = async <T>(p: string): Promise<T> => {
      const res = await fetch(baseUrl + p);
      if (!res.ok) throw new Error(`${p} answered ${res.status}`);
      return (await res.json()) as T;
    };
    const publicDocuments = async (id: string) => (await get<{ documents: PublicDocumentRef[] }>(`/api/public/packages/${id}`)).documents;
    const list = await get<{ data: { id: string }[] }>(`/api/public/packages?fiscalYear=${FISCAL_YEAR}&pageSize=100`);
    let richest: { id: string; score: number } = { id: list.data[0]!.id, score: -1 };
    let documentPackageId: string | undefined;
    for (const { id } of list.data) {
      const v = await get<{ award: unknown; contract: unknown; opening: unknown; documents: unknown[] }>(`/api/public/packages/${id}`);
      const score = (v.contract ? 4 : 0) + (v.award ? 2 : 0) + (v.opening ? 1 : 0);
      if (score > richest.score) richest = { id, score };
      if (!documentPackageId && v.documents.length) documentPackageId = id;
    }
    return {
      baseUrl,
      fiscalYear: FISCAL_YEAR,
      browser,
      richestPackageId: richest.id,
      documentPackageId,
      publicDocuments,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
