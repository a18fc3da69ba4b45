/**
 * Red flags of one package as the public sees them (GET /api/public/packages/{id}/red-flags: computed only from what
 * is public at the package's stage): title, severity and the explanation with its numbers. A flag is a reason to
 * look closer, not a finding — the page says so.
 */
import type { components } from '../../api/schema';
import { SEVERITY } from './labels';

type RedFlag = components['schemas']['RedFlag'];

export function PublicRedFlags({ flags }: { flags: RedFlag[] }) {
  if (!flags.length) return <p>Tidak ada indikasi risiko dari data yang sudah diumumkan.</p>;
  return (
    <>
      <p className="muted">Indikasi risiko adalah tanda untuk diperiksa lebih lanjut, bukan kesimpulan adanya pelanggaran.</p>
      <ul className="flag-list">
        {flags.map((f) => {
          const sev = SEVERITY[f.severity] ?? { text: f.severity, tone: '' as const };
          return (
            <li key={f.code} className="card" data-flag={f.code}>
              <h3>
                {f.title} <span className={`status ${sev.tone}`}>Tingkat {sev.text.toLowerCase()}</span>
              </h3>
              <p>{f.explanation}</p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
