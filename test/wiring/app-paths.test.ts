import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMainPaths } from '../../electron/main/app-paths.js';

const fakeApp = (isPackaged: boolean) => ({
  isPackaged,
  getPath: (name: string) => `/home/op/.config/CTI Launcher/${name}`,
  getAppPath: () => '/opt/cti/resources/app.asar',
});

describe('main-process paths', () => {
  it('uses the repository layout next to dist/electron in development', () => {
    const paths = resolveMainPaths(fakeApp(false), '/src/cti/dist/electron', '/unused');
    expect(paths).toEqual({
      userData: '/home/op/.config/CTI Launcher/userData',
      logs: '/home/op/.config/CTI Launcher/logs',
      resources: join('/src/cti', 'resources'),
      rendererDir: join('/src/cti/dist', 'renderer'),
      preload: join('/src/cti/dist/electron', 'preload.cjs'),
      journalWorker: join('/src/cti/dist/electron', 'journal-worker.mjs'),
    });
  });

  it('uses the app archive and the copied resources/ folder when packaged', () => {
    const paths = resolveMainPaths(fakeApp(true), '/opt/cti/resources/app.asar/dist/electron', '/opt/cti/resources');
    expect(paths.rendererDir).toBe(join('/opt/cti/resources/app.asar', 'dist', 'renderer'));
    expect(paths.resources).toBe(join('/opt/cti/resources', 'resources')); // electron-builder extraResources: resources -> resources
    expect(paths.preload).toBe(join('/opt/cti/resources/app.asar/dist/electron', 'preload.cjs'));
    // electron-builder asarUnpack: a worker thread cannot start from inside the archive
    expect(paths.journalWorker).toBe(join('/opt/cti/resources/app.asar.unpacked/dist/electron', 'journal-worker.mjs'));
  });
});
