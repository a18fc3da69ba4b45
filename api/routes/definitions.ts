/** /api/process-definitions: the BPMN-style definitions a package can run, with their versions. */
import { type Request, Router } from 'express';
import { bpmnXmlOf } from './bpmn-xml';
import type { ProcessDefinition } from '../../domain/process/definition';
import { getDefinition, listDefinitions } from '../../workflows/definitions';
import { z } from 'zod';
import { ApiError, parseOr422 } from '../errors';

// Strict: a repeated or malformed `version` is refused, not read as "latest".
const DefinitionQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });

/** The definition named in the path, at `?version=` if given, or the 404 every definition route answers. */
function definitionOf(req: Request): ProcessDefinition {
  const { version } = parseOr422(DefinitionQuery, req.query, 'filter');
  const id = String(req.params.id);
  const def = getDefinition(id, version);
  if (!def) throw new ApiError(404, 'definition_not_found', `Definisi proses '${id}' tidak ditemukan.`);
  return def;
}

export function definitionRoutes(): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.json({
      data: listDefinitions().map((d) => ({
        id: d.id,
        version: d.version,
        name: d.name,
        method: d.method,
        stages: d.nodes.length,
      })),
    });
  });
  r.get('/:id', (req, res) => {
    res.json(definitionOf(req));
  });
  // BPMN 2.0 XML with diagram interchange, for bpmn-js or any BPMN modeller (Express 5 forwards the rejection).
  r.get('/:id/bpmn', async (req, res) => {
    const def = definitionOf(req);
    // Definitions are fixed for the life of the process: each version is rendered once (bpmn-xml.ts).
    const xml = await bpmnXmlOf(def);
    res.type('application/xml').setHeader('Content-Disposition', `inline; filename="${def.id}-v${def.version}.bpmn"`);
    res.send(xml);
  });
  return r;
}
