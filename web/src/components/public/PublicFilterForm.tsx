/**
 * Filters of the public list: text, OPD, method, status, fiscal year. Applied on submit into the URL (one request per
 * search, not per keystroke); "Hapus filter" clears them.
 */
import { useEffect, useId, useState } from 'react';
import { STATUS_LABELS } from '../list/package-list-types';
import { METHOD_LABELS } from './labels';
import { EMPTY_FILTERS, type PublicFilters } from './usePublicListParams';

export function PublicFilterForm({ value, onApply, filtered }: { value: PublicFilters; onApply: (f: PublicFilters) => void; filtered: boolean }) {
  const [f, setF] = useState(value);
  // Back/forward or a new link changes the URL: the form follows it.
  useEffect(() => setF(value), [JSON.stringify(value)]); // by value: a new object with the same filters changes nothing
  const id = useId();
  const set = <K extends keyof PublicFilters>(k: K, v: PublicFilters[K]) => setF((old) => ({ ...old, [k]: v }));
  return (
    <form
      className="card"
      role="search"
      aria-label="Cari paket pengadaan"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <div className="filters">
        <div className="field wide">
          <label htmlFor={`${id}-q`}>Cari nama paket</label>
          <input id={`${id}-q`} type="search" maxLength={200} value={f.q} onChange={(e) => set('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-opd`}>OPD</label>
          <input id={`${id}-opd`} maxLength={300} value={f.opd} onChange={(e) => set('opd', e.target.value)} aria-describedby={`${id}-opd-help`} />
          <span id={`${id}-opd-help`} className="help">
            Nama lengkap OPD, mis. Dinas Pendidikan
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-method`}>Metode pemilihan</label>
          <select id={`${id}-method`} value={f.method} onChange={(e) => set('method', e.target.value)}>
            <option value="">Semua metode</option>
            {Object.entries(METHOD_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
            {f.method && !METHOD_LABELS[f.method] && <option value={f.method}>{f.method}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={f.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Semua status</option>
            {Object.entries(STATUS_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>Tahun anggaran</label>
          <input
            id={`${id}-year`}
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={f.fiscalYear}
            onChange={(e) => set('fiscalYear', e.target.value)}
          />
        </div>
        <div className="filter-actions">
          <button type="submit">Cari</button>
          {filtered && (
            <button type="button" className="secondary" onClick={() => onApply(EMPTY_FILTERS)}>
              Hapus filter
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
