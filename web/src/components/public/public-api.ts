/**
 * The public portal's way to the API: the same generated types as the console's client, but a client of its own
 * without the session middleware, so a public page never sends a bearer token, signed in or not. Why not simply
 * reuse `api`: the public answers are the same for everyone (a token would change nothing the server shows), a
 * stale token left in sessionStorage must not turn a public page into a 401 that ends the officer's session, and no
 * credential should travel with requests other sites may make the same way (the public API answers CORS).
 */
import createClient from 'openapi-fetch';
import { ApiFailure, call } from '../../api/client';
import type { ApiErrorBody } from '../../i18n/errors';
import type { paths } from '../../api/schema';

export const publicApi = createClient<paths>({ baseUrl: '', credentials: 'omit' });

export { call };

/** A non-JSON public answer (a PDF, BPMN XML) fetched without any token; refusals become an ApiFailure. */
export async function fetchPublic(path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'omit' });
  } catch {
    throw new ApiFailure(0, { code: 'network_error', message: 'Tidak dapat menghubungi server.' });
  }
  if (!res.ok) {
    let err: ApiErrorBody = { code: `http_${res.status}`, message: `Server menjawab ${res.status}.` };
    try {
      err = ((await res.json()) as { error: ApiErrorBody }).error ?? err;
    } catch {
      // not JSON
    }
    throw new ApiFailure(res.status, err);
  }
  return res;
}
