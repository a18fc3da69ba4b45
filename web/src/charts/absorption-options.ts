/**
 * ECharts options for budget absorption: per OPD (pagu, contracted, paid as horizontal bars, OPD names are long)
 * and per month (contracted and paid as bars, paid so far as a line). Inputs are the figures the page already shows
 * in its tables; the options carry no formatter that could print a figure differently from the table.
 */
import { formatRupiah } from '../i18n/format';
import type { ChartOption } from './echarts-core';
import { rupiahShort, SERIES_COLORS } from './money-axis';

export interface MoneyRow {
  label: string;
  pagu?: number;
  contracted: number;
  paid: number;
}

const tooltip = {
  trigger: 'axis' as const,
  axisPointer: { type: 'shadow' as const },
  valueFormatter: (v: unknown) => formatRupiah(typeof v === 'number' ? v : Number(v)),
};
const text = { color: '#1b1f24', fontFamily: 'system-ui, sans-serif' };

/** One row per OPD, largest pagu on top. */
export function opdAbsorptionOption(rows: readonly MoneyRow[]): ChartOption {
  const ordered = [...rows].reverse(); // ECharts draws the first category at the bottom
  return {
    animation: false,
    textStyle: text,
    legend: { top: 0, textStyle: text },
    tooltip,
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => rupiahShort(v), color: '#1b1f24' } },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { width: 220, overflow: 'truncate', color: '#1b1f24' },
    },
    series: [
      { name: 'Pagu', type: 'bar', data: ordered.map((r) => r.pagu ?? 0), itemStyle: { color: SERIES_COLORS.pagu } },
      { name: 'Nilai kontrak', type: 'bar', data: ordered.map((r) => r.contracted), itemStyle: { color: SERIES_COLORS.contracted } },
      { name: 'Dibayar', type: 'bar', data: ordered.map((r) => r.paid), itemStyle: { color: SERIES_COLORS.paid } },
    ],
  };
}

/** One column per month; the line is what was paid up to and including that month. */
export function monthlyAbsorptionOption(rows: readonly MoneyRow[]): ChartOption {
  let sum = 0;
  const cumulative = rows.map((r) => (sum += r.paid));
  return {
    animation: false,
    textStyle: text,
    legend: { top: 0, textStyle: text },
    tooltip,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: '#1b1f24' } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => rupiahShort(v), color: '#1b1f24' } },
    series: [
      { name: 'Nilai kontrak', type: 'bar', data: rows.map((r) => r.contracted), itemStyle: { color: SERIES_COLORS.contracted } },
      { name: 'Dibayar', type: 'bar', data: rows.map((r) => r.paid), itemStyle: { color: SERIES_COLORS.paid } },
      {
        name: 'Dibayar kumulatif',
        type: 'line',
        data: cumulative,
        itemStyle: { color: '#1e6b35' },
        lineStyle: { width: 2, type: 'dashed' },
        symbolSize: 6,
      },
    ],
  };
}
