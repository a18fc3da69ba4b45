/**
 * The console's only way to the API: a client typed by `schema.d.ts`, which `npm run gen:api` generates from the
 * OpenAPI document (tests/openapi-contract.test.ts fails when it is stale). Every request carries the session's
 * bearer token; every refusal becomes an `ApiFailure` with the server's structured error, so pages show the
 * Indonesian message and, for form fields, put it next to the field.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiErrorBody } from '../i18n/errors';
import { readSession, writeSession } from '../auth/token-store';
import type { paths } from './schema';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiErrorBody,
    /** Seconds to wait before retrying (429, 503), from Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const s = readSession();
    if (s) request.headers.set('Authorization', `Bearer ${s.accessToken}`);
    return request;
  },
  onResponse({ response }) {
    // A token the server no longer accepts ends the session here; the router then sends the user to sign in.
    if (response.status === 401 && readSession()) writeSession(null);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiFailure carrying the structured error (a network failure or a
 * non-JSON answer becomes a generic one, never an unhandled exception).
 */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await p;
  } catch {
    throw new ApiFailure(0, { code: 'network_error', message: 'Tidak dapat menghubungi server.' });
  }
  if (r.response.ok) return r.data as T;
  const body = r.error as { error?: ApiErrorBody } | undefined;
  const retry = Number(r.response.headers.get('Retry-After'));
  throw new ApiFailure(
    r.response.status,
    body?.error ?? { code: `http_${r.response.status}`, message: `Server menjawab ${r.response.status}.` },
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/** For endpoints that answer non-JSON (PDF, BPMN XML): the raw text or blob with the session's token. */
export async function fetchRaw(path: string, as: 'text' | 'blob'): Promise<string | Blob> {
  const s = readSession();
  const res = await fetch(path, { headers: s ? { Authorization: `Bearer ${s.accessToken}` } : {} });
  if (!res.ok) {
    let err: ApiErrorBody = { code: `http_${res.status}`, message: `Server menjawab ${res.status}.` };
    try {
      err = ((await res.json()) as { error: ApiErrorBody }).error ?? err;
    } catch {
      // not JSON
    }
    throw new ApiFailure(res.status, err);
  }
  return as === 'text' ? res.text() : res.blob();
}

/**
 * Downloads a file the API serves behind the session's token (a PDF): fetched here and handed to the browser as an
 * object URL, so no token ever appears in a link.
 */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const blob = (await fetchRaw(url, 'blob')) as Blob;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
