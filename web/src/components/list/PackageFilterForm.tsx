/**
 * The package list's filters (ListPackagesQuery): text, status, method, stage (from the chosen method's definition),
 * OPD, fiscal year, overdue. Applied on submit, into the URL; "Hapus filter" clears them.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api, call } from '../../api/client';
import type { DefinitionSummary } from '../../api/types';
import { STATUS_LABELS } from './package-list-types';
import { MonitoringFilterNote } from './MonitoringFilterNote';
import { NO_FILTERS, type PackageFilters } from './usePackageListParams';

export function useMethods() {
  return useQuery({
    queryKey: ['process-definitions'],
    queryFn: async () => (await call(api.GET('/api/process-definitions'))).data,
    staleTime: Infinity,
    // One entry per method: the newest definition's name.
    select: (defs) => {
      const byMethod = new Map<string, DefinitionSummary>();
      for (const d of defs) if ((byMethod.get(d.method)?.version ?? -1) < d.version) byMethod.set(d.method, d);
      return [...byMethod.values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
    },
  });
}

export function PackageFilterForm({ value, onApply, filtered }: { value: PackageFilters; onApply: (f: PackageFilters) => void; filtered: boolean }) {
  const [f, setF] = useState(value);
  // Back/forward or a new link changes the URL: the form follows it.
  useEffect(() => setF(value), [JSON.stringify(value)]); // by value: a new object with the same filters changes nothing
  const id = useId();
  const methods = useMethods();
  const definitionId = methods.data?.find((m) => m.method === f.method)?.id;
  const stages = useQuery({
    queryKey: ['process-definition', definitionId],
    enabled: !!definitionId,
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/process-definitions/{id}', { params: { path: { id: definitionId! } } })),
    select: (d) => d.nodes.filter((n) => n.type !== 'exclusiveGateway'),
  });
  const set = <K extends keyof PackageFilters>(k: K, v: PackageFilters[K]) => setF((old) => ({ ...old, [k]: v }));

  return (
    <form
      className="card"
      role="search"
      aria-label="Saring paket"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <MonitoringFilterNote value={f} onClear={(k) => onApply({ ...f, [k]: NO_FILTERS[k] })} />
      <div className="filters">
        <div className="field" style={{ gridColumn: 'span 2' }}>
          <label htmlFor={`${id}-q`}>Cari nama paket</label>
          <input id={`${id}-q`} type="search" maxLength={200} value={f.q} onChange={(e) => set('q', e.target.value)} />
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
          <label htmlFor={`${id}-method`}>Metode pemilihan</label>
          <select id={`${id}-method`} value={f.method} onChange={(e) => setF((old) => ({ ...old, method: e.target.value, stage: '' }))}>
            <option value="">Semua metode</option>
            {methods.data?.map((m) => (
              <option key={m.method} value={m.method}>
                {m.name}
              </option>
            ))}
            {f.method && !methods.data?.some((m) => m.method === f.method) && <option value={f.method}>{f.method}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stage`}>Tahap</label>
          <select
            id={`${id}-stage`}
            value={f.stage}
            disabled={!f.method && !f.stage}
            aria-describedby={`${id}-stage-help`}
            onChange={(e) => set('stage', e.target.value)}
          >
            <option value="">Semua tahap</option>
            {stages.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {f.stage && !stages.data?.some((s) => s.id === f.stage) && <option value={f.stage}>{f.stage}</option>}
          </select>
          <span id={`${id}-stage-help`} className="help">
            {f.method ? 'Tahap metode yang dipilih' : 'Pilih metode dahulu'}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-opd`}>OPD</label>
          <input id={`${id}-opd`} maxLength={300} value={f.opd} onChange={(e) => set('opd', e.target.value)} aria-describedby={`${id}-opd-help`} />
          <span id={`${id}-opd-help`} className="help">
            Nama lengkap OPD
          </span>
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
        <div className="field check">
          <input id={`${id}-late`} type="checkbox" checked={f.overdue} onChange={(e) => set('overdue', e.target.checked)} />
          <label htmlFor={`${id}-late`} style={{ margin: 0 }}>
            Hanya yang terlambat
          </label>
        </div>
        <div className="filter-actions">
          <button type="submit">Terapkan</button>
          {filtered && (
            <button type="button" className="secondary" onClick={() => onApply(NO_FILTERS)}>
              Hapus filter
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
