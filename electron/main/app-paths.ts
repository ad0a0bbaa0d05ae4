import { join, resolve } from 'node:path';
import type { App } from 'electron';
import type { AppPaths } from '../core/ports.js';

export interface MainPaths extends AppPaths {
  /** The built renderer (card.html, main.html, dashboard.html and their assets). */
  rendererDir: string;
  /** The sandboxed preload bundle. */
  preload: string;
  /** The journal's worker-thread bundle (unpacked from the app archive: a worker cannot start from asar). */
  journalWorker: string;
}

/**
 * `bundleDir` is the folder of the main bundle (dist/electron). Packaged, the renderer is
 * inside the app archive and resources/ is copied next to it by electron-builder
 * (`extraResources: resources -> resources`).
 */
export function resolveMainPaths(
  app: Pick<App, 'isPackaged' | 'getPath' | 'getAppPath'>,
  bundleDir: string,
  resourcesPath: string,
): MainPaths {
  return {
    userData: app.getPath('userData'),
    logs: app.getPath('logs'),
    resources: app.isPackaged ? join(resourcesPath, 'resources') : resolve(bundleDir, '..', '..', 'resources'),
    rendererDir: app.isPackaged ? join(app.getAppPath(), 'dist', 'renderer') : resolve(bundleDir, '..', 'renderer'),
    preload: join(bundleDir, 'preload.cjs'),
    journalWorker: join(bundleDir, 'journal-worker.mjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
  };
}
