/**
 * The console's build. The API serves `web/dist` (api/console.ts); `bin/build-web.ts` runs this build only when the
 * console's sources changed. In development `npm run web:dev` proxies /api to the running API.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The diagram (bpmn-js) and charts load lazily in their own chunks; keep the first load small.
    chunkSizeWarningLimit: 900,
  },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000', '/openapi.json': process.env.API_URL ?? 'http://localhost:3000' } },
});
