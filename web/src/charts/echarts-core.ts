/**
 * Apache ECharts with only what the monitoring charts draw: bars and lines on a cartesian grid, a tooltip and a
 * legend, painted as SVG (crisp at any zoom, and no canvas to read back). Importing `echarts` whole would bundle
 * every chart type and the geo code (which can `new Function` a JSON string — the console's CSP forbids eval). This
 * module is imported only by the lazily loaded chart components, so no other page pays for it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export { echarts };
