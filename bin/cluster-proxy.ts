/**
 * The cluster's load-balancing proxy as its own process (runtime/cluster/proxy.ts): PROXY_PORT, PROXY_HOST (default
 * 0.0.0.0, as the APIs bind), PROXY_BACKENDS (host:port,host:port). Started and supervised by the cluster launcher.
 */
import { createProxy } from '../runtime/cluster/proxy';

const port = Number(process.env.PROXY_PORT);
const backends = (process.env.PROXY_BACKENDS ?? '')
  .split(',')
  .filter(Boolean)
  .map((b) => {
    const [host, p] = b.split(':');
    return { host: host || '127.0.0.1', port: Number(p) };
  });
if (!Number.isInteger(port) || !backends.length || backends.some((b) => !Number.isInteger(b.port))) {
  console.error('PROXY_PORT and PROXY_BACKENDS (host:port,…) are required');
  process.exit(2);
}
const server = createProxy({ backends, onRetry: (line) => console.log(line) });
server.listen(port, process.env.PROXY_HOST || '0.0.0.0', () => console.log(`proxy on :${port} → ${process.env.PROXY_BACKENDS}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
