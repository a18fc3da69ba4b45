/**
 * What triggered a red flag, as a link to where it can be checked: the stage of the package (its timeline), the
 * contract tab, or the packages it compares with (e.g. the OPD's other awards for a repeat winner). A flag read from
 * figures alone says so; its explanation carries the figures.
 */
import { Link } from 'react-router';
import { FigureLink } from './FigureLink';
import type { FlaggedPackage, MonitoredRedFlag } from './queries';

export function FlagTrigger({ flag, pkg }: { flag: MonitoredRedFlag; pkg: FlaggedPackage }) {
  const t = flag.trigger;
  if (t.kind === 'stage' && t.stageName) {
    return (
      <>
        Pemicu: tahap <Link to={`${pkg.links.package}#riwayat`}>{t.stageName}</Link>
      </>
    );
  }
  if (t.kind === 'contract') {
    const to = pkg.links.contract ?? `${pkg.links.package}/kontrak`;
    return (
      <>
        Pemicu: <Link to={to}>kontrak{t.stageName ? `, tahap ${t.stageName}` : ''}</Link>
      </>
    );
  }
  if (t.filter) {
    return (
      <>
        Pemicu: angka di atas; <FigureLink filter={t.filter}>paket pembanding{t.filter.opd ? ` di ${t.filter.opd}` : ''}</FigureLink>
      </>
    );
  }
  return <>Pemicu: angka di atas</>;
}
