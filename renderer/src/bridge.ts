import { createBridgeApi, type ClientTransport, type CtiApi, type WireResult } from '../../shared/contract/bridge.js';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, wsServerMessageSchema } from '../../shared/contract/wire.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    cti?: CtiApi;
  }
}

const TOKEN_KEY = 'cti.token';

/** The browser host hands the token in the URL fragment once; keep it for reloads, hide it from the address bar. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{32,128})/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    // Keep the rest of the fragment (e.g. a dial link: #token=…&dial=tel:…).
    const rest = window.location.hash.replace(/^#/, '').split('&').filter((part) => !part.startsWith('token=')).join('&');
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The same contract over the browser host's WebSocket, reconnecting after drops. */
function createWebSocketTransport(token: string): ClientTransport {
  const pending = new Map<number, (r: WireResult) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  const connect = () => {
    socket = new WebSocket(`ws://${window.location.host}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`]);
    ready = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (msg) => {
      const parsed = wsServerMessageSchema.safeParse(JSON.parse(String(msg.data)));
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.t === 'result') {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      } else {
        for (const l of listeners.get(m.channel) ?? []) l(m.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'transport', message: 'Connection to CTI Launcher was lost' } });
        pending.delete(id);
      }
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    async invoke(channel, payload) {
      await ready;
      const id = nextId++;
      return new Promise<WireResult>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

export type BridgeResult = { api: CtiApi; host: 'electron' | 'browser' } | { error: string };

/** The app's API: the preload's object in Electron, the WebSocket bridge in the browser host. */
export function connectBridge(): BridgeResult {
  if (window.cti) return { api: window.cti, host: 'electron' };
  const token = takeToken();
  if (!token) {
    return { error: 'This page must be opened from the link that `npm run preview` or `npm start` prints.' };
  }
  return { api: createBridgeApi(createWebSocketTransport(token)), host: 'browser' };
}
