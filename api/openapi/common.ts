/**
 * Building blocks shared by the path files of the OpenAPI document: component references, the error responses each
 * operation can answer, and the parameters many operations take, with the same limits the routes enforce.
 */
import { z } from 'zod';

export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
export const json = (id: string) => ({ 'application/json': { schema: ref(id) } });

/** Why each error status is answered, the same for every operation (the `code` in the body says which case). */
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Permintaan rusak: JSON tidak sah, Idempotency-Key tidak sah, atau parameter path yang tidak dapat didekode',
  401: 'Tanpa token atau token tidak sah (header WWW-Authenticate: Bearer)',
  403: 'Peran tidak berwenang atau tidak ditugaskan pada paket; `user_inactive`: akun dinonaktifkan admin (tokennya tidak lagi diterima)',
  404: 'Tidak ditemukan',
  409:
    'Bukan tahap saat ini, jendela waktu sudah ditutup, atau paket sudah selesai; ' +
    '`process_limit_reached`: proses paket dihentikan server Temporal pada batas riwayatnya (`details.limit`, mis. limit.historyCount.error)',
  413: 'Badan permintaan lebih dari 100 kB; `process_limit_reached`: data proses melampaui batas ukuran Temporal (`details.limit` = limit.blobSize.error)',
  415: 'Badan permintaan bukan application/json, atau pengkodeannya tidak didukung',
  422: 'Isian tidak valid (validation_failed, unsafe_input, atau aturan domain), dengan rinciannya',
  429:
    'Terlalu banyak permintaan: autentikasi gagal per IP, atau pengajuan penawaran per pengguna, dalam satu menit; ' +
    '`process_limit_reached`: putaran proses paket sudah menerima jumlah langkah maksimum (`details.limit` = history.maxTotalUpdates)',
  503:
    'Layanan belum dapat mengonfirmasi; ulangi nanti (untuk langkah: dengan Idempotency-Key yang sama); ' +
    '`process_busy`: batas sementara Temporal (`details.limit`, mis. history.maxInFlightUpdates, frontend.namespaceRPS); ' +
    '`database_unavailable`: PostgreSQL tidak dapat dihubungi (setiap operasi); `temporal_unavailable`: server Temporal tidak ' +
    'menjawab (langkah dan pembuatan paket; bacaan tetap dijawab dari read model); dijawab dalam 5 detik',
};
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const retryAfter = (required: true) => ({
  'Retry-After': {
    description: 'Detik sebelum mencoba lagi',
    required,
    schema: { type: 'integer', minimum: 1 },
  },
});

/** The documented error responses of an operation, each with the Error body; 429 and 503 with Retry-After. */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, unknown> {
  return Object.fromEntries(
    [...new Set(statuses)]
      .sort((a, b) => a - b)
      .map((s) => [
        String(s),
        {
          description: ERROR_DESCRIPTIONS[s],
          // The rate limiters and every 503 (api/errors.ts) send Retry-After.
          ...(s === 429 || s === 503 ? { headers: retryAfter(true) } : {}),
          content: json('Error'),
        },
      ]),
  );
}

/**
 * The statuses every operation of a kind can answer. Every /api request passes the input guard (422 unsafe_input on
 * any query or body) and the failed-authentication limiter (429); authenticated ones can fail authentication (401)
 * or be refused a token whose roles do not fit (403); path parameters can be undecodable (400) or invalid (422); and
 * any of them can find PostgreSQL away (503 database_unavailable, api/dependency-errors.ts).
 */
export const PUBLIC_READ: ErrorStatus[] = [422, 429, 503];
export const AUTH_READ: ErrorStatus[] = [401, 403, 422, 429, 503];
/** An operation that takes a JSON body: malformed (400), too large (413), not JSON (415). */
export const WITH_BODY: ErrorStatus[] = [400, 413, 415];
/** An operation with a path parameter that names something: undecodable (400), unknown (404). */
export const WITH_ID: ErrorStatus[] = [400, 404];

export const PACKAGE_ID_PATTERN = '^pkt-[a-z0-9]{8,40}$';
export const TASK_ID_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
export const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Id paket',
  schema: { type: 'string', pattern: PACKAGE_ID_PATTERN },
};
export const taskIdParam = {
  name: 'taskId',
  in: 'path',
  required: true,
  description: 'Id langkah (aksi) pada definisi proses',
  schema: { type: 'string', pattern: TASK_ID_PATTERN },
};
export const idemHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Permintaan yang diulang dengan kunci yang sama (per pengguna) mendapat jawaban pertama lagi',
  schema: { type: 'string', minLength: 8, maxLength: 200, pattern: '^[A-Za-z0-9._:-]{8,200}$' },
};
/** page and pageSize as the routes parse them (`z.coerce.number().int().min(1)…`). */
export const pageParams = (maxPageSize: number, defaultPageSize: number) => [
  { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 } },
  { name: 'pageSize', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: maxPageSize, default: defaultPageSize } },
];
export const fiscalYearQuery = {
  name: 'fiscalYear',
  in: 'query',
  required: true,
  description: 'Tahun anggaran',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
};

/** One query parameter per property of a zod object schema, with the limits that schema enforces. */
export function queryParams(schema: z.ZodObject): Array<Record<string, unknown>> {
  type Obj = { properties: Record<string, unknown>; required?: string[] };
  const top = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Obj & {
    $ref?: string;
    $defs?: Record<string, Obj>;
  };
  // A schema registered with `.meta({ id })` comes back as a $ref to itself in $defs.
  const s = top.$ref ? top.$defs![top.$ref.replace('#/$defs/', '')]! : top;
  // A property that is itself a registered schema (PackageStatus) refers to it here as `#/$defs/<id>`; every such id is
  // also a component of the document (components.ts takes the whole registry), so refer to the component.
  const toComponent = (p: unknown) => JSON.parse(JSON.stringify(p).replace(/"#\/\$defs\//g, '"#/components/schemas/')) as unknown;
  return Object.entries(s.properties).map(([name, p]) => ({ name, in: 'query', required: s.required?.includes(name) ?? false, schema: toComponent(p) }));
}

/** Fields every response schema uses. */
export const isoTime = z.iso.datetime({ offset: true }).describe('Waktu ISO 8601 (UTC)');
export const rupiah = z.number().int().describe('Rupiah, bilangan bulat');
export const Pagination = z
  .strictObject({ page: z.number().int().min(1), pageSize: z.number().int().min(1), total: z.number().int().min(0) })
  .meta({ id: 'Pagination' });
