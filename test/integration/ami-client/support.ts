import { AmiClient, type AmiClientOptions } from '../../../electron/core/pbx/ami/ami-client.js';
import type { Logger } from '../../../electron/core/ports.js';
import { FakeAmiServer, type FakeAmiServerOptions } from '../../fakes/fake-ami-server.js';

export const SECRET = 'S3cret-never-logged';

/** A logger that keeps every line, to check what reaches logs (and what never does). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (obj: object | string, msg?: string) => void lines.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
  return { lines, debug: put('debug'), info: put('info'), warn: put('warn'), error: put('error') };
}

export interface Rig {
  server: FakeAmiServer;
  client: AmiClient;
  log: ReturnType<typeof recordingLogger>;
}

const open: Rig[] = [];

/** A fake server and a client with short, test-sized timeouts; closed by `closeRigs()`. */
export async function startRig(
  client: Partial<AmiClientOptions> = {},
  server: FakeAmiServerOptions = {},
): Promise<Rig> {
  const fake = await FakeAmiServer.start({ users: { cti: SECRET }, ...server });
  const log = recordingLogger();
  const rig: Rig = {
    server: fake,
    log,
    client: new AmiClient({
      host: '127.0.0.1',
      port: fake.port,
      username: 'cti',
      secret: SECRET,
      connectTimeoutMs: 2_000,
      actionTimeoutMs: 2_000,
      keepaliveIntervalMs: 60_000,
      keepaliveTimeoutMs: 2_000,
      reconnect: { baseMs: 40, capMs: 200, minMs: 10 },
      log,
      ...client,
    }),
  };
  open.push(rig);
  return rig;
}

export async function closeRigs(): Promise<void> {
  for (const rig of open.splice(0)) {
    await rig.client.close();
    await rig.server.close();
  }
}

/** Resolves with the next value a subscription delivers that passes `test`. */
export function next<T>(subscribe: (listener: (value: T) => void) => () => void, test: (value: T) => boolean = () => true, timeoutMs = 4_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`nothing matching arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = subscribe((value) => {
      if (!test(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

/** Polls `condition` every 5 ms until it holds. */
export async function until(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
