/** /api/process-definitions: the BPMN-style definitions a package can run, with their versions. */
import { Router } from 'express';
import { getDefinition, listDefinitions } from '../../workflows/definitions';
import { ApiError } from '../errors';

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
    const version = req.query.version === undefined ? undefined : Number(req.query.version);
    const def = getDefinition(String(req.params.id), Number.isInteger(version) ? version : undefined);
    if (!def) throw new ApiError(404, 'definition_not_found', `Definisi proses '${req.params.id}' tidak ditemukan.`);
    res.json(def);
  });
  return r;
}
