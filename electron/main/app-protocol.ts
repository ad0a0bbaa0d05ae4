import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../core/ports.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // Call recordings the CRM links to play in an <audio> element (never as a page).
  "media-src https: http:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Must run before the app is ready: makes app:// a standard, secure origin with fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

const refuse = (status: 400 | 404 | 405, text: string): Response =>
  new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

/** Serves files from `rendererDir` only; anything else (other hosts, `..`, folders) is 404. */
export function createAppRequestHandler(rendererDir: string, log: Logger): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    let url: URL;
    let path: string;
    try {
      url = new URL(request.url);
      path = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, 'bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      log.warn({ url: request.url }, 'app:// request for an unknown host refused');
      return refuse(404, 'not found');
    }
    if (path === '/' || path === '') path = '/main.html';
    const file = resolve(join(root, path));
    // NUL and ':' (Windows drive letters, alternate data streams) never occur in the built renderer.
    if (!file.startsWith(root + sep) || path.includes('\0') || path.includes(':')) {
      log.warn({ url: request.url }, 'app:// request outside the renderer folder refused');
      return refuse(404, 'not found');
    }
    try {
      if (!(await stat(file)).isFile()) return refuse(404, 'not found');
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return new Response(body, { status: 200, headers: headers(type) });
    } catch {
      return refuse(404, 'not found');
    }
  };
}

/** After ready: app:// is answered by the handler above, for the default session. */
export function serveAppProtocol(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir, log));
}
