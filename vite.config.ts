import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** One HTML entry per window; the output is loaded by Electron (app://) and by the browser host. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      input: {
        card: resolve(import.meta.dirname, 'renderer/card.html'),
        main: resolve(import.meta.dirname, 'renderer/main.html'),
        dashboard: resolve(import.meta.dirname, 'renderer/dashboard.html'),
      },
    },
  },
});
