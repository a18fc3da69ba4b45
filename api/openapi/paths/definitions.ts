/** /api/process-definitions: the definitions a package can run, and their BPMN export (api/routes/definitions.ts). */
import { z } from 'zod';
import { AUTH_READ, errorResponses, json, WITH_ID } from '../common';
import { ROLES } from '../../auth/roles';

export const DefinitionList = z
  .strictObject({
    data: z.array(z.strictObject({ id: z.string(), version: z.number().int(), name: z.string(), method: z.string(), stages: z.number().int() })),
  })
  .meta({ id: 'DefinitionList' });

// Every role the API knows (the head of the UKPBJ included, issue 13): one list, so the document cannot lag behind it.
const roleName = z.enum(ROLES);

/**
 * The top level of a definition exactly; its nodes are described by their common fields (the node kinds, their
 * actions with JSON-Schema payloads, gateways and timers are in domain/process/definition.ts).
 */
export const ProcessDefinition = z
  .strictObject({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    method: z.string(),
    description: z.string().optional(),
    roles: z.array(roleName),
    assignments: z.array(roleName).describe('Peran pejabat yang wajib ditugaskan saat paket dibuat'),
    params: z
      .record(
        z.string(),
        z.strictObject({
          name: z.string(),
          unit: z.string().describe('Satuan durasi (hari kalender, hari kerja, jam, …)'),
          default: z.number(),
          min: z.number(),
          max: z.number().optional().describe('Batas atas yang boleh dipilih Pokja'),
          fixed: z.string().optional().describe('Aturan yang menetapkan nilainya (tidak dapat diubah), mis. masa sanggah'),
          endOnWorkingTime: z.boolean().optional(),
        }),
      )
      .describe('Parameter jadwal dengan nilai bawaan, batas bawah dan atasnya, atau aturan yang menetapkannya'),
    start: z.string(),
    nodes: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          type: z.enum(['userTask', 'timeWindow', 'serviceTask', 'callActivity', 'exclusiveGateway', 'endEvent']),
          actions: z
            .array(z.object({ id: z.string(), name: z.string() }).loose())
            .optional()
            .describe('Langkah tahap (userTask, timeWindow), isiannya sebagai JSON Schema'),
        })
        .loose(),
    ),
    interrupts: z
      .array(
        z.object({
          action: z.object({ id: z.string(), name: z.string() }).loose(),
          notAt: z.array(z.string()),
          to: z.string().optional().describe('Tujuan; tanpa ini langkah tidak memotong tahap (perubahan jadwal)'),
          onlyAt: z.array(z.string()).optional().describe('Tahap-tahap tempat langkah ini boleh dilakukan'),
        }),
      )
      .optional(),
    reminders: z.strictObject({ beforeWorkingDays: z.array(z.number().int()), escalate: z.boolean() }).optional(),
  })
  .meta({ id: 'ProcessDefinition' });

const definitionId = { name: 'id', in: 'path', required: true, description: 'Id definisi, mis. tender-pasca-1file', schema: { type: 'string' } };
const version = {
  name: 'version',
  in: 'query',
  required: false,
  description: 'Versi tertentu; tanpa ini versi terbaru',
  schema: { type: 'integer', minimum: 1, maximum: 1_000_000 },
};

export const definitionsPaths = {
  '/api/process-definitions': {
    get: {
      operationId: 'listProcessDefinitions',
      summary: 'Daftar definisi proses',
      responses: { 200: { description: 'Daftar', content: json('DefinitionList') }, ...errorResponses(...AUTH_READ) },
    },
  },
  '/api/process-definitions/{id}': {
    get: {
      operationId: 'getProcessDefinition',
      summary: 'Definisi proses',
      parameters: [definitionId, version],
      responses: { 200: { description: 'Definisi', content: json('ProcessDefinition') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/process-definitions/{id}/bpmn': {
    get: {
      operationId: 'getProcessDefinitionBpmn',
      summary: 'Definisi proses sebagai BPMN 2.0 XML dengan diagram (BPMNDI), siap dibuka di bpmn-js',
      parameters: [definitionId, version],
      responses: {
        200: { description: 'BPMN 2.0 XML', content: { 'application/xml': { schema: { type: 'string' } } } },
        ...errorResponses(...AUTH_READ, ...WITH_ID),
      },
    },
  },
};
