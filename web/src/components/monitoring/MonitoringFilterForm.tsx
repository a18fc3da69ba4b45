/**
 * Fiscal year and OPD, the filters every monitoring page shares (plus the page's own, as children). Applied on
 * submit into the URL. The OPD list is the year's OPDs from the year summary; an OPD typed into the URL that is not
 * in it stays selectable, so a shared link never loses its filter.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { MonitoringFilters } from './useMonitoringFilters';

export function MonitoringFilterForm({
  value,
  opds,
  onApply,
  children,
  label = 'Saring pemantauan',
}: {
  value: MonitoringFilters;
  /** The OPDs of the year (undefined while loading). */
  opds: readonly string[] | undefined;
  onApply: (f: MonitoringFilters) => void;
  children?: ReactNode;
  label?: string;
}) {
  const [f, setF] = useState({ year: String(value.fiscalYear), opd: value.opd });
  useEffect(() => setF({ year: String(value.fiscalYear), opd: value.opd }), [value.fiscalYear, value.opd]);
  const id = useId();
  const yearOk = /^\d{4}$/.test(f.year) && Number(f.year) >= 2000 && Number(f.year) <= 2100;
  return (
    <form
      className="card"
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (yearOk) onApply({ fiscalYear: Number(f.year), opd: f.opd });
      }}
    >
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-year`}>Tahun anggaran</label>
          <input
            id={`${id}-year`}
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            required
            value={f.year}
            aria-invalid={!yearOk}
            aria-describedby={yearOk ? undefined : `${id}-year-error`}
            onChange={(e) => setF((o) => ({ ...o, year: e.target.value }))}
          />
          {!yearOk && (
            <span id={`${id}-year-error`} className="field-error">
              Tahun 2000–2100
            </span>
          )}
        </div>
        <div className="field" style={{ gridColumn: 'span 2' }}>
          <label htmlFor={`${id}-opd`}>OPD</label>
          <select id={`${id}-opd`} value={f.opd} onChange={(e) => setF((o) => ({ ...o, opd: e.target.value }))}>
            <option value="">Semua OPD</option>
            {opds?.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {f.opd && !opds?.includes(f.opd) && <option value={f.opd}>{f.opd}</option>}
          </select>
        </div>
        {children}
        <div className="filter-actions">
          <button type="submit">Terapkan</button>
        </div>
      </div>
    </form>
  );
}
