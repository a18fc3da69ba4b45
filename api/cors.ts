/**
 * CORS for the open data (issue 12 point 9): /api/public/*, /api/ocds/* and /openapi.json may be read by a page of
 * any origin — read-only (GET, HEAD, and the OPTIONS preflight) and without credentials: `Access-Control-Allow-Origin:
 * *` and never `Access-Control-Allow-Credentials`, so a browser sends no cookie or token along and a site cannot act
 * as its visitor. Every other path is mounted without it and sends no CORS header (the console and the officers' API
 * are same-origin only).
 */
import cors from 'cors';

/** Paths this applies to, for `app.use(OPEN_DATA_PATHS, openDataCors)`. */
export const OPEN_DATA_PATHS = ['/api/public', '/api/ocds', '/openapi.json'];

export const openDataCors = cors({
  origin: '*',
  methods: ['GET', 'HEAD'],
  credentials: false,
  // The headers a reader needs: pagination, the hash of a download, its name.
  exposedHeaders: ['Link', 'X-Total-Count', 'ETag', 'X-Content-SHA256', 'Content-Disposition', 'X-Request-Id'],
  maxAge: 86_400,
  // A preflight ends here with 204 (Express would otherwise route OPTIONS on to the 404 handler).
  optionsSuccessStatus: 204,
});
