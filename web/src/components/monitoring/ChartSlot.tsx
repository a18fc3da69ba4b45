/**
 * A chart loaded lazily: ECharts lives in its own chunk (web/src/charts/EChart.tsx), fetched only when a monitoring
 * page draws a chart. Until then, and if it fails to load, the table below the chart carries the same figures.
 */
import { Component, lazy, type ReactNode, Suspense } from 'react';

const EChart = lazy(() => import('../../charts/EChart'));

class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <p className="muted">Grafik tidak dapat dimuat; angkanya ada pada tabel.</p> : this.props.children;
  }
}

export function ChartSlot(props: React.ComponentProps<typeof EChart>) {
  return (
    <ChartBoundary>
      <Suspense fallback={<p className="muted">Memuat grafik…</p>}>
        <EChart {...props} />
      </Suspense>
    </ChartBoundary>
  );
}
