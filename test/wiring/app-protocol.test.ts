import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, makeReady, protocol, resetElectronFake } from '../fakes/electron.js';
import { RENDERER_CSP, registerAppScheme, serveAppProtocol } from '../../electron/main/app-protocol.js';
import { recordingLogger, tempDir } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src https: http:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

let dir: ReturnType<typeof tempDir>;
let log: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  resetElectronFake();
  // <tmp>/dist/renderer holds the app; <tmp>/secret.txt sits just outside it.
  dir = tempDir('protocol');
  const renderer = join(dir.path, 'dist', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'main.html'), '<!doctype html><title>main</title>');
  writeFileSync(join(renderer, 'card.html'), '<!doctype html><title>card</title>');
  writeFileSync(join(renderer, 'assets', 'card-1a2b.js'), 'console.log("card")');
  writeFileSync(join(renderer, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(dir.path, 'dist', 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(dir.path, 'secret.txt'), 'TOP SECRET');
  registerAppScheme();
  await makeReady();
  log = recordingLogger();
  serveAppProtocol(renderer, log);
});

afterEach(() => dir.remove());

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme with fetch before the app is ready', () => {
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.isReady()).toBe(true);
    expect(() => registerAppScheme()).toThrow(/before app is ready/); // Electron's own rule, kept by the fake
  });

  it('serves the renderer pages and assets with the CSP header', async () => {
    const page = await protocol.fetch('app://cti/card.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>card</title>');
    expect(page.headers.get('content-security-policy')!.split('; ')).toEqual(CSP_DIRECTIVES);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await protocol.fetch('app://cti/assets/card-1a2b.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("card")');
    expect((await protocol.fetch('app://cti/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await protocol.fetch('app://cti/')).text()).toContain('<title>main</title>');
    expect(RENDERER_CSP.split('; ')).toEqual(CSP_DIRECTIVES);
  });

  it.each([
    'app://cti/../../etc/passwd',
    `app://cti/${'..%2f'.repeat(12)}etc%2fpasswd`,
    'app://cti/..%2fsecret.txt',
    'app://cti/..%2f..%2fsecret.txt',
    'app://cti/%2e%2e%2fsecret.txt',
    'app://cti/..%5csecret.txt',
    'app://cti/assets/..%2f..%2fsecret.txt',
    'app://cti/%2fetc%2fpasswd',
    'app://cti/main.html%00.js',
  ])('refuses %s (outside the renderer folder) with 404 and the CSP', async (url) => {
    const res = await protocol.fetch(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/SECRET|root:/);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('refuses other hosts, folders, missing files and non-GET methods', async () => {
    expect((await protocol.fetch('app://evil/main.html')).status).toBe(404);
    expect((await protocol.fetch('app://cti.evil/main.html')).status).toBe(404);
    expect((await protocol.fetch('app://cti/assets')).status).toBe(404);
    expect((await protocol.fetch('app://cti/nope.html')).status).toBe(404);
    expect((await protocol.fetch('app://cti/main.html', { method: 'POST', body: 'x' })).status).toBe(405);
    expect(log.warnings()).toContain('app:// request for an unknown host refused');
  });

  it('answers HEAD without a body', async () => {
    const res = await protocol.fetch('app://cti/main.html', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
