/**
 * One ECharts chart in a <figure>: the SVG is a picture for sighted users (role="img" with a one-line summary as its
 * name); the caption says where the same figures are as a table, which is the accessible alternative. Resizes with
 * its box; `onSelect` gets the index of the category clicked (a bar or a point), for a link to what lies behind it.
 * Default export so pages load it with React.lazy (ECharts in its own chunk).
 */
import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts-core';

export default function EChart({
  option,
  summary,
  caption,
  height = 320,
  onSelect,
}: {
  option: ChartOption;
  /** A one-sentence description of what the chart shows (its accessible name). */
  summary: string;
  caption: string;
  height?: number;
  onSelect?: (categoryIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg', locale: 'EN', height });
    chart.setOption(option);
    chart.on('click', (p) => {
      if (typeof p.dataIndex === 'number') select.current?.(p.dataIndex);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option, height]);

  return (
    <figure className="chart">
      <div ref={box} className="chart-box" role="img" aria-label={summary} style={{ height }} />
      <figcaption className="help">{caption}</figcaption>
    </figure>
  );
}
