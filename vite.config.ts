/**
 * Vite: the page (index.html → src/app/main.tsx, React) and the simulation worker (src/worker/worker.ts,
 * an ES-module worker). `examples/*.json` are served at /examples/ in dev and preview and copied
 * into dist/examples/ by the build, so the page can fetch the example projects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const examplesDir = fileURLToPath(new URL('./examples', import.meta.url));

function exampleFiles(): string[] {
  return existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => f.endsWith('.json')) : [];
}

/** Serves and bundles the example projects without making examples/ the public dir. */
function examples(): Plugin {
  return {
    name: 'spikeflow-examples',
    configureServer(server) {
      server.middlewares.use('/examples', (req, res, next) => {
        // `import x from '.../examples/a.json'` requests carry a query (?import): those are modules for Vite.
        if (req.url?.includes('?')) return next();
        const name = decodeURIComponent((req.url ?? '/').split('?')[0].replace(/^\//, ''));
        if (!exampleFiles().includes(name)) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(readFileSync(resolve(examplesDir, name)));
      });
    },
    generateBundle() {
      for (const name of exampleFiles()) {
        this.emitFile({ type: 'asset', fileName: `examples/${name}`, source: readFileSync(resolve(examplesDir, name)) });
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), examples()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
});
