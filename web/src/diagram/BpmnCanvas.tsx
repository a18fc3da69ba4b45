/**
 * The bpmn-js viewer, in its own chunk (imported only by ProcessDiagram through React.lazy, so the inbox and the
 * first load never carry it): draws the definition's BPMN XML, marks completed stages and the current one (canvas
 * markers, styled in diagram.css — CSS files only, the console's CSP allows no <style> elements), and puts the
 * current stage's deadline on the diagram as an overlay.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './diagram.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';

export interface BpmnCanvasProps {
  xml: string;
  currentStageId?: string;
  completedStageIds: string[];
  /** Text of the overlay on the current stage (the deadline in WIB), if any. */
  deadlineText?: string;
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number };
}
interface Overlays {
  add(id: string, overlay: { position: { bottom?: number; left?: number; top?: number; right?: number }; html: HTMLElement }): string;
}
interface Registry {
  get(id: string): unknown;
}

export default function BpmnCanvas({ xml, currentStageId, completedStageIds, deadlineText }: BpmnCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!host.current) return;
    const viewer = new NavigatedViewer({ container: host.current });
    let cancelled = false;
    viewer
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        for (const id of completedStageIds) if (registry.get(id) && id !== currentStageId) canvas.addMarker(id, 'stage-done');
        if (currentStageId && registry.get(currentStageId)) {
          canvas.addMarker(currentStageId, 'stage-current');
          if (deadlineText) {
            const badge = document.createElement('div');
            badge.className = 'stage-deadline';
            badge.textContent = deadlineText;
            viewer.get<Overlays>('overlays').add(currentStageId, { position: { bottom: -6, left: -10 }, html: badge });
          }
        }
        // A whole definition fitted into the box is too small to read: show it at a readable scale around the
        // current stage (the diagram can be panned and zoomed), or whole when the package has ended.
        const current = (currentStageId ? registry.get(currentStageId) : undefined) as { x: number; y: number; width: number; height: number } | undefined;
        if (current) {
          canvas.zoom(0.9);
          const vb = canvas.viewbox();
          canvas.viewbox({
            x: current.x + current.width / 2 - vb.width / 2,
            y: current.y + current.height / 2 - vb.height / 2,
            width: vb.width,
            height: vb.height,
          });
        } else canvas.zoom('fit-viewport', 'auto');
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [xml, currentStageId, completedStageIds, deadlineText]);

  if (failed) return <p className="alert">Diagram tidak dapat digambar. Daftar tahap di bawah tetap berlaku.</p>;
  // The drawing is a picture for sighted users; the stage list next to it is the text alternative.
  return <div ref={host} className="bpmn-canvas" role="region" aria-label="Diagram alur proses paket (daftar tahap sebagai teks ada di bawahnya)" />;
}
