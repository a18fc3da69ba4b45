/**
 * The flagged packages, most severe first: each with its flags — title, severity, the explanation with its figures,
 * and what triggered it — linking to the package (and its contract tab when there is one).
 */
import { Link } from 'react-router';
import { STATUS_LABELS } from '../list/package-list-types';
import { FlagTrigger } from './FlagTrigger';
import { SEVERITY_LABELS } from './labels';
import type { FlaggedPackage } from './queries';

export function FlaggedPackages({ rows, methodName }: { rows: FlaggedPackage[]; methodName: (m: string) => string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>Paket berindikasi risiko, paling berat lebih dulu, dengan penjelasan dan pemicunya</caption>
        <thead>
          <tr>
            <th scope="col">Paket</th>
            <th scope="col">Indikasi</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.packageId} data-package={p.packageId}>
              <th scope="row" className="title-cell">
                <Link to={p.links.package}>{p.title}</Link>
                <span className="sub">{p.opd}</span>
                <span className="sub">
                  {methodName(p.method)} · {STATUS_LABELS[p.status] ?? p.status}
                </span>
                {p.links.contract && (
                  <span className="sub">
                    <Link to={p.links.contract}>Tab kontrak</Link>
                  </span>
                )}
              </th>
              <td>
                <ul className="mon-flags">
                  {p.flags.map((f) => {
                    const sev = SEVERITY_LABELS[f.severity] ?? { text: f.severity, tone: '' as const };
                    return (
                      <li key={f.code} data-flag={f.code}>
                        <strong>{f.title}</strong> <span className={`status ${sev.tone}`}>Tingkat {sev.text.toLowerCase()}</span>
                        <div>{f.explanation}</div>
                        <div className="help">
                          <FlagTrigger flag={f} pkg={p} />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
