/**
 * The shapes this page reads from GET /api/packages/{id}, /documents and /api/process-definitions/{id}. Typed here
 * (a subset) because the generated schema.d.ts is being completed alongside (myActions, the vendor view's `actor`).
 */
import type { MyAction } from '../../forms/ActionForm';

export interface LiveStage {
  id: string;
  name: string;
  type: string;
  enteredAt: number;
  closesAt?: number;
  dueAt?: number;
}

export interface PackageView {
  id: string;
  title: string;
  opd: string;
  workUnit?: string;
  category: string;
  method: string;
  fiscalYear: number;
  pagu: number;
  hps: number;
  status: string;
  stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
  definition: { id: string; version: number };
  parentPackageId?: string;
  live: {
    status: string;
    outcome?: string;
    stage: LiveStage;
    definition?: { id: string; version: number; name?: string };
    data: Record<string, unknown>;
  } | null;
  stages: { stageId: string; name: string; enteredAt: string; closesAt: string | null; leftAt: string | null }[];
  timeline: {
    seq: number;
    type: string;
    stageId: string;
    action: string | null;
    actorId: string | null;
    /** Officers' view: the actor's role id. */
    actorRole?: string | null;
    /** A vendor's view: who acted, as a role name (officers' ids are not shown to vendors). */
    actor?: string | null;
    at: string;
  }[];
  myActions?: MyAction[];
}

export interface DocumentItem {
  id: string;
  kind: string;
  revision: number;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
  createdAt: string;
  downloadUrl: string;
}

export interface DefinitionNode {
  id: string;
  name: string;
  type: string;
  actions?: { id: string; name: string }[];
}

export interface DefinitionView {
  id: string;
  version: number;
  name: string;
  nodes: DefinitionNode[];
  interrupts?: { action: { id: string; name: string } }[];
}
