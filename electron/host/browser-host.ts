import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, wsClientMessageSchema, type WsServerMessage } from '../../shared/contract/wire.js';
import type { Core } from '../core/app.js';
import type { Logger } from '../core/ports.js';

export const HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src https: http:; " +
  "connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface BrowserHostOptions {
  core: Pick<Core, 'server' | 'events'>;
  rendererDir: string;
  log: Logger;
  /** 0 (default): a random free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  port: number;
  token: string;
  /** The page URL with the token in its fragment (never sent to the server in requests). */
  pageUrl(page: 'card' | 'main' | 'dashboard'): string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024;

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', HOST_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

/** Serves the built renderer from one folder only; everything else is 404. */
function serveStatic(rendererDir: string, req: IncomingMessage, res: ServerResponse): void {
  securityHeaders(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (pathname === '/') pathname = '/main.html';
  const file = normalize(join(rendererDir, pathname));
  if (!file.startsWith(rendererDir + sep) || pathname.includes('\0')) {
    res.writeHead(404).end('not found');
    return;
  }
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Runs the app's UI in an ordinary browser: the real core in this Node process, the built
 * renderer over HTTP on 127.0.0.1, and the preload's API over a WebSocket that requires a
 * per-run random token (sent as a subprotocol) and a same-origin `Origin` header.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = normalize(options.rendererDir);
  const { core, log } = options;
  const http = createServer((req, res) => serveStatic(rendererDir, req, res));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  http.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, why: string) => {
      log.warn({ why, origin: req.headers.origin }, 'browser host refused a WebSocket');
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
    };
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return refuse(403, 'unknown path');
    if (!req.headers.origin || !allowedOrigins.has(req.headers.origin)) return refuse(403, 'foreign origin');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const given = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX))?.slice(WS_TOKEN_PREFIX.length);
    if (!given || !sameToken(token, given)) return refuse(401, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (msg: WsServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const unlisten = core.events.listen((channel, payload) => send({ t: 'event', channel, payload }));
    ws.on('close', unlisten);
    ws.on('message', async (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(data));
      } catch {
        log.warn({}, 'browser host: message is not JSON');
        return;
      }
      const msg = wsClientMessageSchema.safeParse(raw);
      if (!msg.success) {
        log.warn({ issues: msg.error.issues.length }, 'browser host: malformed message dropped');
        return;
      }
      const result = await core.server.handle(msg.data.channel, msg.data.payload);
      send({ t: 'result', id: msg.data.id, result });
    });
  });

  return {
    port,
    token,
    pageUrl: (page) => `http://127.0.0.1:${port}/${page}.html#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
