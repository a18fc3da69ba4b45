/**
 * The package's process for the public: the console's own diagram (web/src/diagram, bpmn-js in its own lazy chunk,
 * fetched only on this page) from the package's `links.bpmn` (the BPMN of the definition version it runs, no token),
 * and always the stages as a text list: the alternative for screen readers and the fallback when the diagram cannot
 * be drawn.
 */
import { useQuery } from '@tanstack/react-query';
import { DiagramView, type StageState } from '../../diagram/ProcessDiagram';
import { fetchPublic } from './public-api';

export function PublicDiagram({ bpmnUrl, stages, deadlineText }: { bpmnUrl: string | null; stages: StageState[]; deadlineText?: string }) {
  const xml = useQuery({
    queryKey: ['public-bpmn', bpmnUrl],
    enabled: !!bpmnUrl,
    staleTime: Infinity,
    queryFn: async () => (await fetchPublic(bpmnUrl!)).text(),
  });
  return <DiagramView xml={bpmnUrl ? xml : undefined} stages={stages} deadlineText={deadlineText} stageList="open" />;
}
