/**
 * The S-curve of a contract: planned against actual cumulative physical progress per period, drawn with uPlot. This
 * module is only ever imported lazily (React.lazy in the E-Kontrak page), so uPlot and its stylesheet live in their
 * own chunk and no other page pays for them. The canvas is a picture for sighted users; the page always shows the
 * same figures as a table (the accessible alternative), and the figure names what it shows in its caption.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatPercent } from '../i18n/format';
import type { SCurvePoint } from './s-curve-data';

const PLANNED = '#0b5394';
const ACTUAL = '#a34d00';

export default function SCurveChart({ points, label }: { points: readonly SCurvePoint[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    // Both curves start at 0% at the start of the contract (period 0), as an S-curve is drawn.
    const reported = points.some((p) => p.actualPct !== null);
    const all = [{ period: 0, plannedPct: 0, actualPct: reported ? 0 : null }, ...points];
    const data: uPlot.AlignedData = [all.map((p) => p.period), all.map((p) => p.plannedPct), all.map((p) => p.actualPct)];
    const width = () => Math.max(280, Math.min(900, el.clientWidth));
    const chart = new uPlot(
      {
        width: width(),
        height: 300,
        scales: { x: { time: false }, y: { range: [0, 100] } },
        axes: [
          { label: 'Periode', values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')), stroke: '#1b1f24' },
          { label: 'Kemajuan kumulatif (%)', values: (_u, ticks) => ticks.map((t) => `${t}%`), stroke: '#1b1f24' },
        ],
        series: [
          { label: 'Periode' },
          { label: 'Rencana', stroke: PLANNED, width: 2, dash: [8, 4], points: { show: true }, value: (_u, v) => formatPercent(v) },
          {
            label: 'Realisasi',
            stroke: ACTUAL,
            width: 3,
            points: { show: true, size: 8 },
            value: (_u, v) => (v === null ? '—' : formatPercent(v)),
            spanGaps: false,
          },
        ],
        legend: { live: true },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: 300 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points]);

  return (
    <figure className="s-curve" style={{ margin: 0 }}>
      <div ref={box} aria-hidden="true" />
      <figcaption className="help">{label}</figcaption>
    </figure>
  );
}
