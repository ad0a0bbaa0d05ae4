import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../electron/core/log.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.js';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/contract/wire.js';
import { startHarness, type Harness } from '../fakes/core-harness.js';
import { ScriptedPbx } from '../fakes/scripted-pbx.js';

let h: Harness;
let host: BrowserHost;
let pbx: ScriptedPbx;
const TOKEN = 'ab'.repeat(24);

beforeEach(async () => {
  pbx = new ScriptedPbx();
  h = await startHarness({ pbx: () => pbx });
  const dir = mkdtempSync(join(tmpdir(), 'cti-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'card.html'), '<!doctype html><title>card</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  host = await startBrowserHost({ core: h.core, rendererDir, log: silentLogger, token: TOKEN });
});

afterEach(async () => {
  await host.close();
  await h.stop();
});

function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(opts: { token?: string; origin?: string; path?: string } = {}): Promise<WebSocket> {
  const protocols = [WS_PROTOCOL, ...(opts.token === undefined ? [] : [`${WS_TOKEN_PREFIX}${opts.token}`])];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${opts.path ?? WS_PATH}`, protocols, {
    origin: opts.origin ?? `http://127.0.0.1:${host.port}`,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, predicate: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      if (predicate(m)) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only and gives page URLs carrying the token in the fragment', () => {
    expect(host.pageUrl('card')).toBe(`http://127.0.0.1:${host.port}/card.html#token=${TOKEN}`);
  });

  it('serves the renderer folder with a CSP, and nothing outside it', async () => {
    const page = await get('/card.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-type']).toContain('text/html');
    expect((await get('/assets/app.js')).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/nope.html', '/%E0%A4%A']) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('rejects a missing or wrong token, a foreign Origin and unknown paths', async () => {
    await expect(connect()).rejects.toThrow('HTTP 401');
    await expect(connect({ token: 'cd'.repeat(24) })).rejects.toThrow('HTTP 401');
    await expect(connect({ token: TOKEN, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: TOKEN, path: '/other' })).rejects.toThrow('HTTP 403');
  });

  it('runs the contract over the socket and pushes snapshots when a call rings', async () => {
    const ws = await connect({ token: TOKEN });
    expect(ws.protocol).toBe(WS_PROTOCOL); // the token is never echoed back
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'getSnapshot' }));
    const result = await nextMessage(ws, (m) => m.t === 'result');
    expect(result).toMatchObject({ id: 1, result: { ok: true, value: { mode: 'demo', agent: { extension: '101' } } } });

    ws.send(JSON.stringify({ t: 'invoke', id: 2, channel: 'dial', payload: { number: 'javascript:alert(1)' } }));
    expect(await nextMessage(ws, (m) => m.id === 2)).toMatchObject({ result: { ok: false, error: { code: 'bad-input' } } });

    ws.send('not json');
    ws.send(JSON.stringify({ t: 'invoke', id: 'x' }));
    const pushed = nextMessage(ws, (m) => m.t === 'event');
    pbx.emitCall({ type: 'ringing', callId: 'W1', at: 1, direction: 'inbound', remote: '+74951234567' });
    expect(await pushed).toMatchObject({ channel: 'snapshot', payload: { activeCalls: [{ id: 'W1' }] } });
    ws.close();
  });
});
