/**
 * Open data of one package (OCDS 1.1.5, no token): its release package (every published change), its record package
 * (the compiled record) and its fiscal year as one bulk file, with the licence and the publisher the data is
 * published under (all from the package's `openData`).
 */
import { OpenDataNotice } from './OpenDataNotice';
import type { PublicOpenData } from './types';

/** The API gives absolute URLs (PUBLIC_BASE_URL); on this site they are shown as paths, so they work behind any host. */
export const local = (u: string) => {
  try {
    const url = new URL(u, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}` : u;
  } catch {
    return u;
  }
};

export function OpenDataLinks({ data, fiscalYear }: { data: PublicOpenData; fiscalYear: number }) {
  const { ocds } = data;
  return (
    <>
      <p>Data paket ini dalam Open Contracting Data Standard (OCDS) 1.1.5, berformat JSON, tanpa perlu masuk:</p>
      <ul className="open-data">
        <li>
          <a href={local(ocds.releasePackage)} type="application/json">
            Paket rilis OCDS paket ini
          </a>{' '}
          <span className="muted">— setiap perubahan yang diumumkan, satu rilis per perubahan</span>
        </li>
        <li>
          <a href={local(ocds.recordPackage)} type="application/json">
            Paket rekaman OCDS paket ini
          </a>{' '}
          <span className="muted">— rilis terkompilasi dan riwayat setiap nilai</span>
        </li>
        <li>
          <a href={local(ocds.bulkExport.releases)} type="application/json">
            Semua rilis tahun anggaran {fiscalYear}
          </a>{' '}
          · <a href={local(ocds.bulkExport.records)}>semua rekaman tahun anggaran {fiscalYear}</a>{' '}
          <span className="muted">— unduhan besar, satu berkas JSON</span>
        </li>
      </ul>
      <OpenDataNotice data={data} />
    </>
  );
}
