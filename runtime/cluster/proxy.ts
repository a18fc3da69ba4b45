/**
 * The load balancer in front of the cluster's API processes: one address, requests shared round robin. Ours, in Node,
 * rather than nginx: nginx is not on a fresh machine (it would need apt and root), and the retry rule below is
 * easier to state and test in a page of code than in nginx's proxy_next_upstream settings.
 *
 * Retry rule: a backend whose connection is refused is skipped and the next one tried, for every method — a refused
 * connection means nothing of the request was sent, so even a POST step cannot run twice. Each request opens a new
 * connection (no keep-alive pool: on localhost that costs ~0.1 ms), so a dead backend always shows as refused and
 * never as a reused socket that breaks after the request went out. Once sent, a failure is retried only for GET, HEAD
 * and OPTIONS without a body; a step whose answer is lost answers 502, and the client resends it with its
 * Idempotency-Key. With no backend reachable: 503 with Retry-After.
 */
import http from 'node:http';

export interface ProxyOptions {
  backends: { host: string; port: number }[];
  /** Called once per request that could not be served by the backend first tried (for the log). */
  onRetry?: (line: string) => void;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const RETRY_AFTER_SECONDS = 2;

export function createProxy(opts: ProxyOptions): http.Server {
  let next = 0;
  const server = http.createServer((req, res) => {
    const start = next++ % opts.backends.length;
    const order = opts.backends.map((_, i) => opts.backends[(start + i) % opts.backends.length]!);
    forward(req, res, order, 0, opts);
  });
  // The APIs' own timeouts apply; the proxy must not cut a slow answer (Node's default request timeout is 5 min).
  server.requestTimeout = 0;
  return server;
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, order: ProxyOptions['backends'], i: number, opts: ProxyOptions): void {
  const backend = order[i];
  if (!backend) return unavailable(res);
  const headers: http.OutgoingHttpHeaders = { ...req.headers };
  for (const h of HOP_BY_HOP) delete headers[h];
  const peer = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${peer}` : peer;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  if (req.headers['transfer-encoding']) headers['transfer-encoding'] = req.headers['transfer-encoding'];

  const upstream = http.request({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers, agent: false });
  let sent = false;
  let answered = false;
  upstream.on('socket', (socket) => {
    // The body is read only once connected: until then nothing is consumed, so a refused connection can go elsewhere.
    socket.once('connect', () => {
      sent = true;
      // A safe request retried after a failed first attempt was already read to its end: there is nothing to pipe.
      if (req.readableEnded) upstream.end();
      else req.pipe(upstream);
    });
  });
  upstream.on('response', (up) => {
    answered = true;
    const out: http.OutgoingHttpHeaders = { ...up.headers };
    for (const h of HOP_BY_HOP) if (h !== 'transfer-encoding') delete out[h];
    res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
    up.pipe(res);
    up.on('error', () => res.destroy());
  });
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (answered) return res.destroy(); // the answer broke off midway: the client sees a cut response
    const refused = !sent && (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' || err.code === 'EHOSTUNREACH');
    const bodiless = SAFE.has(req.method ?? '') && !req.headers['content-length'] && !req.headers['transfer-encoding'];
    if (refused || bodiless) {
      opts.onRetry?.(`${req.method} ${req.url}: ${backend.host}:${backend.port} ${err.code ?? err.message}, dicoba ke backend berikutnya`);
      return forward(req, res, order, i + 1, opts);
    }
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody('upstream_failed', 'Layanan API terputus sebelum menjawab; kirim ulang dengan Idempotency-Key yang sama.', err)));
    } else res.destroy();
  });
  // A client that goes away takes its upstream request with it.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
}

function unavailable(res: http.ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': String(RETRY_AFTER_SECONDS) });
  res.end(JSON.stringify(errorBody('api_unavailable', 'Tidak ada proses API yang dapat dihubungi; coba lagi sebentar lagi.')));
}

function errorBody(code: string, message: string, err?: NodeJS.ErrnoException) {
  return { error: { code, message, details: err ? { cause: err.code ?? err.message } : {} } };
}
