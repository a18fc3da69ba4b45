/**
 * Under which licence and by whom the open data is published. The values come from the API (OCDS_LICENSE,
 * OCDS_PUBLISHER, OCDS_PUBLICATION_POLICY): a package's `openData`, or GET /api/public/open-data for the footer,
 * which points to the open-data page until (or unless) that answer is there.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { openDataQuery } from './queries';
import type { PublicOpenData } from './types';

/** What the notice needs: both a package's `openData` and the open-data overview have it. */
type Publication = Pick<PublicOpenData, 'license' | 'publicationPolicy' | 'publisher'>;

/** The licence's name for the well-known URLs, else the URL itself. */
export function licenseName(url: string): string {
  const m = /creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)/i.exec(url);
  if (m) return m[1] === 'publicdomain' ? `CC0 ${m[3]}` : `CC ${m[2]!.toUpperCase()} ${m[3]}`;
  if (/opendatacommons\.org\/licenses\/pddl/i.test(url)) return 'ODC PDDL';
  return url;
}

export function OpenDataNotice({ data }: { data: Publication }) {
  return (
    <p className="open-data-notice">
      Data terbuka diterbitkan oleh {data.publisher.uri ? <a href={data.publisher.uri}>{data.publisher.name}</a> : <strong>{data.publisher.name}</strong>}{' '}
      dengan lisensi{' '}
      <a href={data.license} rel="license">
        {licenseName(data.license)}
      </a>
      {data.publicationPolicy && (
        <>
          {' '}
          (<a href={data.publicationPolicy}>kebijakan publikasi</a>)
        </>
      )}
      .
    </p>
  );
}

/** The footer's notice: the licence and publisher (GET /api/public/open-data), else a link to where they are. */
export function FooterNotice() {
  const meta = useQuery(openDataQuery());
  if (meta.data) return <OpenDataNotice data={meta.data} />;
  return (
    <p className="open-data-notice">
      Data terbuka tanpa data pribadi dan tanpa isi penawaran tersegel: lisensi dan penerbitnya di halaman <Link to="/publik/data-terbuka">Data terbuka</Link>.
    </p>
  );
}
