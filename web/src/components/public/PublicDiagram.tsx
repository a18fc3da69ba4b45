/**
 * The package's process for the public: the BPMN diagram drawn by the console's own viewer (web/src/diagram,
 * bpmn-js in its own lazy chunk, fetched only on this page) from the package's `links.bpmn` (the BPMN of the
 * definition version it runs, no token), and always the stages as a text list: the alternative for screen readers
 * and the fallback when the diagram cannot be drawn.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { StageState } from '../../diagram/ProcessDiagram';
import { fetchPublic } from './public-api';

const BpmnCanvas = lazy(() => import('../../diagram/BpmnCanvas'));

const STATE_LABEL: Record<StageState['state'], string> = { done: 'selesai', current: 'sedang berjalan', todo: 'belum' };

export function PublicDiagram({ bpmnUrl, stages, deadlineText }: { bpmnUrl: string | null; stages: StageState[]; deadlineText?: string }) {
  const xml = useQuery({
    queryKey: ['public-bpmn', bpmnUrl],
    enabled: !!bpmnUrl,
    staleTime: Infinity,
    queryFn: async () => (await fetchPublic(bpmnUrl!)).text(),
  });
  const current = stages.find((s) => s.state === 'current');
  const done = stages.filter((s) => s.state === 'done').map((s) => s.id);
  return (
    <>
      {bpmnUrl && (
        <ul className="legend" aria-hidden="true">
          <li>
            <span className="swatch current" /> Tahap saat ini
          </li>
          <li>
            <span className="swatch done" /> Tahap selesai
          </li>
        </ul>
      )}
      {xml.isError && <p className="alert">Diagram tidak dapat dimuat. Daftar tahap di bawah tetap berlaku.</p>}
      {xml.data && (
        <Suspense fallback={<p className="muted">Memuat diagram…</p>}>
          <BpmnCanvas xml={xml.data} currentStageId={current?.id} completedStageIds={done} deadlineText={deadlineText} />
        </Suspense>
      )}
      {bpmnUrl && xml.isPending && <p className="muted">Memuat diagram…</p>}
      <ol className="public-stages" aria-label="Tahap paket">
        {stages.map((s) => (
          <li key={s.id} className={`stage-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
            {s.name} — <strong>{STATE_LABEL[s.state]}</strong>
            {s.detail ? ` (${s.detail})` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
