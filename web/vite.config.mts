/**
 * The console's build. The API serves `web/dist` (api/console.ts); `bin/build-web.ts` runs this build only when the
 * console's sources changed. In development `npm run web:dev` proxies /api to the running API.
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(WEB);

/**
 * Writes dist/.build-sources.json: the repository files outside web/ the bundle was built from (the console shares
 * domain/ code, e.g. the status labels' set). bin/build-web.ts hashes them with web/, so a change to one of them
 * rebuilds the console too; a new such import is itself a change under web/.
 */
function recordSources(): Plugin {
  return {
    name: 'pengadaan-record-sources',
    apply: 'build',
    generateBundle() {
      const outside = [...this.getModuleIds()]
        .map((id) => id.split('?')[0]!)
        .filter(
          (id) => path.isAbsolute(id) && id.startsWith(REPO + path.sep) && !id.startsWith(WEB + path.sep) && !id.includes(`${path.sep}node_modules${path.sep}`),
        )
        .map((id) => path.relative(REPO, id).split(path.sep).join('/'));
      const sources = [...new Set(outside)].sort();
      this.emitFile({ type: 'asset', fileName: '.build-sources.json', source: JSON.stringify(sources, null, 2) + '\n' });
    },
  };
}

export default defineConfig({
  root: WEB,
  base: '/',
  plugins: [react(), recordSources()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The diagram (bpmn-js) and charts load lazily in their own chunks; keep the first load small.
    chunkSizeWarningLimit: 900,
  },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000', '/openapi.json': process.env.API_URL ?? 'http://localhost:3000' } },
});
