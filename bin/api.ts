/** The API alone (scale out by running more of these behind a load balancer). */
import { loadConfig } from '../runtime/config';
import { startApiServer } from '../runtime/api-server';
import { onShutdown } from '../runtime/shutdown';

async function main() {
  const api = await startApiServer(loadConfig());
  onShutdown(() => api.stop());
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
