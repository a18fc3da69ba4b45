/**
 * The package's process: the BPMN diagram (bpmn-js, loaded lazily in its own chunk, only on pages that draw it) and,
 * always, the list of stages with their state as text — the alternative for screen readers and the fallback when the
 * diagram cannot be drawn. Officers' pages fetch the BPMN by definition (`ProcessDiagram`); the public portal passes
 * its own token-less query to `DiagramView`.
 */
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { bpmnQuery } from '../api/queries';

const BpmnCanvas = lazy(() => import('./BpmnCanvas'));

export interface StageState {
  id: string;
  name: string;
  state: 'done' | 'current' | 'todo';
  /** Entered / left times (WIB text) and the deadline of the current stage. */
  detail?: string;
}

const STATE_LABEL: Record<StageState['state'], string> = { done: 'selesai', current: 'sedang berjalan', todo: 'belum' };

export function ProcessDiagram(p: { definitionId: string; version: number; stages: StageState[]; deadlineText?: string }) {
  const xml = useQuery(bpmnQuery(p.definitionId, p.version));
  return <DiagramView xml={xml} stages={p.stages} deadlineText={p.deadlineText} />;
}

/**
 * The diagram of a BPMN query (absent: the text list only). `stageList`: 'collapsed' keeps the list in a <details>
 * (officers' page), 'open' shows it as a list (public page, where it is also the fallback without a diagram).
 */
export function DiagramView(p: { xml?: UseQueryResult<string>; stages: StageState[]; deadlineText?: string; stageList?: 'collapsed' | 'open' }) {
  const { xml } = p;
  const current = p.stages.find((s) => s.state === 'current');
  const done = p.stages.filter((s) => s.state === 'done').map((s) => s.id);
  const list = (
    <ol className={p.stageList === 'open' ? 'public-stages' : undefined} aria-label={p.stageList === 'open' ? 'Tahap paket' : undefined}>
      {p.stages.map((s) => (
        <li key={s.id} className={`stage-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          {s.name} — <strong>{STATE_LABEL[s.state]}</strong>
          {s.detail ? ` (${s.detail})` : ''}
        </li>
      ))}
    </ol>
  );
  return (
    <>
      {xml && (
        <ul className="legend" aria-hidden="true">
          <li>
            <span className="swatch current" /> Tahap saat ini
          </li>
          <li>
            <span className="swatch done" /> Tahap selesai
          </li>
        </ul>
      )}
      {xml?.isError && <p className="alert">Diagram tidak dapat dimuat. Daftar tahap di bawah tetap berlaku.</p>}
      {xml?.data && (
        <Suspense fallback={<p className="muted">Memuat diagram…</p>}>
          <BpmnCanvas xml={xml.data} currentStageId={current?.id} completedStageIds={done} deadlineText={p.deadlineText} />
        </Suspense>
      )}
      {xml?.isPending && <p className="muted">Memuat diagram…</p>}
      {p.stageList === 'open' ? (
        list
      ) : (
        <details className="stage-list">
          <summary>Daftar tahap sebagai teks</summary>
          {list}
        </details>
      )}
    </>
  );
}
