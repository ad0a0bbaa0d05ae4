// One Vite build for the renderer, one esbuild for main, preload and the browser host.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { root } from './lib/bootstrap.mjs';

const out = join(root, 'dist');
rmSync(join(out, 'electron'), { recursive: true, force: true });
rmSync(join(out, 'host'), { recursive: true, force: true });
rmSync(join(out, 'cli'), { recursive: true, force: true });

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  // Main process and browser host: ESM, npm packages stay in node_modules (native better-sqlite3).
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' }),
  esbuild({ ...common, entryPoints: ['electron/host/main.ts'], outfile: 'dist/host/host.mjs', format: 'esm', packages: 'external' }),
  // The journal's SQLite runs in a worker thread (never on the main thread), one bundle per host.
  esbuild({ ...common, entryPoints: ['electron/core/journal/journal-worker.ts'], outfile: 'dist/electron/journal-worker.mjs', format: 'esm', packages: 'external' }),
  esbuild({ ...common, entryPoints: ['electron/core/journal/journal-worker.ts'], outfile: 'dist/host/journal-worker.mjs', format: 'esm', packages: 'external' }),
  esbuild({ ...common, entryPoints: ['electron/cli/index.ts'], outfile: 'dist/cli/cli.mjs', format: 'esm', packages: 'external' }),
  // A sandboxed preload cannot require npm packages: bundle everything but electron, as CommonJS.
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
process.stdout.write('[cti] build: dist/renderer, dist/electron, dist/host, dist/cli\n');
