/**
 * An AMI server for tests, speaking the real wire protocol over TCP (or TLS) on 127.0.0.1,
 * shaped after Asterisk 20's manager.c: greeting, Challenge + MD5 or plain Login (a refused
 * login is answered `Message: Authentication failed` and the connection closed), Ping,
 * Events, Filter (regex include/`!`exclude on events it emits itself), Logoff, list actions
 * (`EventList: start` … items … `<List>Complete`), `Response: Success` for anything else.
 * Handlers can replace any answer. It replays recorded transcripts from shared/fixtures/ami
 * (raw, re-chunked with a seeded RNG, or at recorded timing), drops connections (FIN) and
 * goes silent (half-open: stops reading and answering without closing).
 */
import { createHash, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { AmiDecoder } from '../../electron/core/pbx/ami/ami-codec.js';
import { field, type AmiMessage } from '../../electron/core/pbx/ami/ami-message.js';
import { seededRandom } from '../../electron/core/seeded-random.js';
export { seededRandom };

export const AMI_FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/ami/', import.meta.url));

/** One packet to send: keys in order; an array repeats its key; undefined is left out. */
export type AmiPacket = Readonly<Record<string, string | number | readonly string[] | undefined>>;

export interface ReceivedAction {
  connection: number;
  /** As sent in `Action:`. */
  name: string;
  actionId: string | undefined;
  message: AmiMessage;
}

/** Packets to answer with; `null`: no answer at all; `undefined`: the default behaviour. */
export type ActionHandler = (action: ReceivedAction, connection: FakeAmiConnection) => AmiPacket[] | null | undefined;

export interface FakeAmiServerOptions {
  /** username → secret. Default `{ cti: 'cti-secret' }`. */
  users?: Record<string, string>;
  /** Answer `Challenge` (MD5). Default true. */
  md5?: boolean;
  /** Accept `Login` with a plain `Secret`. Default true (as Asterisk). */
  plainLogin?: boolean;
  greeting?: string;
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** What Asterisk calls each list's final event, and its `Message:` when the list starts. */
const LISTS: Record<string, { complete: string; message: string }> = {
  coreshowchannels: { complete: 'CoreShowChannelsComplete', message: 'Channels will follow' },
  queuestatus: { complete: 'QueueStatusComplete', message: 'Queue status will follow' },
  queuesummary: { complete: 'QueueSummaryComplete', message: 'Queue summary will follow' },
  status: { complete: 'StatusComplete', message: 'Channel status will follow' },
  extensionstatelist: { complete: 'ExtensionStateListComplete', message: 'Extension Statuses will follow' },
  sippeers: { complete: 'PeerlistComplete', message: 'Peer status list will follow' },
  pjsipshowendpoints: { complete: 'EndpointListComplete', message: 'A listing of Endpoints follows, presented as EndpointList events' },
};

export function encodePacket(packet: AmiPacket): string {
  let text = '';
  for (const [key, value] of Object.entries(packet)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? (value as readonly string[]) : [String(value)]) text += `${key}: ${v}\r\n`;
  }
  return `${text}\r\n`;
}


/** A transcript's bytes after its recorded greeting (the server sends its own). */
export function transcriptBody(file: string): Buffer {
  const bytes = readFileSync(isAbsolute(file) ? file : join(AMI_FIXTURES_DIR, file));
  if (!bytes.subarray(0, 22).toString('latin1').startsWith('Asterisk Call Manager/')) return bytes;
  return bytes.subarray(bytes.indexOf(0x0a) + 1);
}

export class FakeAmiConnection {
  username: string | undefined;
  loggedIn = false;
  eventsOn = true;
  readonly filters: string[] = [];
  private challenge: string | undefined;
  private silent = false;
  private readonly decoder = new AmiDecoder();

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly server: FakeAmiServer,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (this.silent) return;
      for (const message of this.decoder.push(chunk)) this.server.dispatch(this, message);
    });
    socket.on('error', () => {});
  }

  get isSilent(): boolean {
    return this.silent;
  }

  send(packet: AmiPacket | string | Buffer): void {
    if (this.silent || this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(typeof packet === 'string' || Buffer.isBuffer(packet) ? packet : encodePacket(packet));
  }

  /** Closes with FIN, as Asterisk does on Logoff, refused logins or shutdown. */
  drop(): void {
    this.socket.end();
  }

  /** Half-open: keeps the TCP connection but neither reads nor answers, ever. */
  goSilent(): void {
    this.silent = true;
    this.socket.pause();
  }

  /** Whether an event passes this connection's Events setting and Filter list. */
  wants(eventText: string): boolean {
    if (!this.loggedIn || !this.eventsOn) return false;
    const includes = this.filters.filter((f) => !f.startsWith('!'));
    const excludes = this.filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
    if (includes.length > 0 && !includes.some((f) => new RegExp(f).test(eventText))) return false;
    return !excludes.some((f) => new RegExp(f).test(eventText));
  }

  /** @internal Built-in answers; see FakeAmiServer.handle to replace them. */
  answer(action: ReceivedAction): AmiPacket[] | null {
    const { message } = action;
    const id = action.actionId !== undefined ? { ActionID: action.actionId } : {};
    const name = action.name.toLowerCase();
    if (!this.loggedIn && !['login', 'challenge', 'logoff'].includes(name)) {
      return [{ Response: 'Error', ...id, Message: 'Permission denied' }];
    }
    switch (name) {
      case 'challenge': {
        if (!this.server.options.md5 || field(message, 'AuthType')?.toLowerCase() !== 'md5') {
          return [{ Response: 'Error', ...id, Message: 'Must specify AuthType' }];
        }
        this.challenge = String(randomInt(100_000_000, 999_999_999));
        return [{ Response: 'Success', ...id, Challenge: this.challenge }];
      }
      case 'login':
        return this.login(message, id);
      case 'logoff':
        setImmediate(() => this.drop());
        return [{ Response: 'Goodbye', ...id, Message: 'Thanks for all the fish.' }];
      case 'ping':
        return [{ Response: 'Success', ...id, Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) }];
      case 'events': {
        this.eventsOn = (field(message, 'EventMask') ?? 'on').toLowerCase() !== 'off';
        return [{ Response: 'Success', ...id, Events: this.eventsOn ? 'On' : 'Off' }];
      }
      case 'filter': {
        const filter = field(message, 'Filter');
        if ((field(message, 'Operation') ?? '').toLowerCase() !== 'add' || !filter) {
          return [{ Response: 'Error', ...id, Message: 'Unknown operation' }];
        }
        this.filters.push(filter);
        return [{ Response: 'Success', ...id, Message: 'Filter Added Successfully' }];
      }
    }
    const list = LISTS[name];
    if (list) {
      const items = this.server.listItems(action.name).map((item) => ({ ...item, ...id }));
      return [
        { Response: 'Success', ...id, EventList: 'start', Message: list.message },
        ...items,
        { Event: list.complete, ...id, EventList: 'Complete', ListItems: items.length },
      ];
    }
    return [{ Response: 'Success', ...id }];
  }

  private login(message: AmiMessage, id: AmiPacket): AmiPacket[] {
    const { users, plainLogin } = this.server.options;
    const username = field(message, 'Username') ?? '';
    const secret = Object.hasOwn(users, username) ? users[username] : undefined;
    const md5 = field(message, 'AuthType')?.toLowerCase() === 'md5';
    const key = field(message, 'Key');
    const ok =
      !this.server.refuseLogins &&
      secret !== undefined &&
      (md5
        ? this.challenge !== undefined && key === createHash('md5').update(this.challenge + secret).digest('hex')
        : plainLogin && field(message, 'Secret') === secret);
    if (!ok) {
      setImmediate(() => this.drop());
      return [{ Response: 'Error', ...id, Message: 'Authentication failed' }];
    }
    this.loggedIn = true;
    this.username = username;
    this.eventsOn = (field(message, 'Events') ?? 'on').toLowerCase() !== 'off';
    this.server.logins++;
    const accepted: AmiPacket[] = [{ Response: 'Success', ...id, Message: 'Authentication accepted' }];
    if (this.eventsOn) accepted.push({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: 42, LastReload: 42, Status: 'Fully Booted' });
    return accepted;
  }
}

export class FakeAmiServer {
  readonly options: Required<Omit<FakeAmiServerOptions, 'tls'>>;
  /** Every action received, in order, on every connection. */
  readonly actions: ReceivedAction[] = [];
  /** Successful logins so far. */
  logins = 0;
  /** When true every Login is answered `Authentication failed`. */
  refuseLogins = false;
  /** When true new connections are accepted but get no greeting and no answers (a hung PBX). */
  hangNewConnections = false;
  private readonly open = new Set<FakeAmiConnection>();
  private readonly handlers = new Map<string, ActionHandler>();
  private readonly lists = new Map<string, AmiPacket[]>();
  private readonly waiters = new Set<() => void>();
  private connectionCount = 0;

  private constructor(
    private readonly server: Server,
    options: FakeAmiServerOptions,
  ) {
    this.options = {
      users: options.users ?? { cti: 'cti-secret' },
      md5: options.md5 ?? true,
      plainLogin: options.plainLogin ?? true,
      greeting: options.greeting ?? 'Asterisk Call Manager/9.0.0',
    };
  }

  static async start(options: FakeAmiServerOptions = {}): Promise<FakeAmiServer> {
    let fake: FakeAmiServer | undefined;
    const onSocket = (socket: Socket): void => fake!.accept(socket);
    const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onSocket) : createTcpServer(onSocket);
    fake = new FakeAmiServer(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get port(): number {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('fake AMI server is not listening');
    return address.port;
  }

  /** Open connections, oldest first. */
  get connections(): FakeAmiConnection[] {
    return [...this.open];
  }

  /** Replaces the answer to an action (name case-insensitive). */
  handle(action: string, handler: ActionHandler): void {
    this.handlers.set(action.toLowerCase(), handler);
  }

  /** Items of a list action (each with its `Event:`); the Complete event is added. */
  setList(action: string, items: AmiPacket[]): void {
    this.lists.set(action.toLowerCase(), items);
  }

  /** @internal */
  listItems(action: string): AmiPacket[] {
    return this.lists.get(action.toLowerCase()) ?? [];
  }

  /** Sends an event to every logged-in connection whose Events/Filter settings let it through. */
  emitEvent(packet: AmiPacket): void {
    const text = encodePacket(packet);
    for (const c of this.open) if (c.wants(text)) c.send(text);
  }

  actionsNamed(name: string): ReceivedAction[] {
    return this.actions.filter((a) => a.name.toLowerCase() === name.toLowerCase());
  }

  /** Resolves once `condition()` holds (checked after every connection change and action). */
  waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake AMI server: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  waitForLogins(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.logins >= count, `${count} logins`, timeoutMs);
  }

  /** FIN on every open connection. */
  dropAll(): void {
    for (const c of this.open) c.drop();
  }

  /** Half-open on every open connection; new connections are served normally. */
  goSilent(): void {
    for (const c of this.open) c.goSilent();
  }

  /**
   * Plays a recorded transcript (its greeting skipped) to `to` (default: every logged-in
   * connection). `chunks`: re-cut into random sizes 1..maxBytes from a seeded RNG.
   * `timing`: the recorded TCP reads at their recorded times × scale (e.g. 0.01).
   */
  async playTranscript(
    file: string,
    options: { to?: FakeAmiConnection; chunks?: { seed: number; maxBytes?: number }; timing?: { scale: number } } = {},
  ): Promise<void> {
    const targets = options.to ? [options.to] : this.connections.filter((c) => c.loggedIn);
    for (const piece of this.transcriptPieces(file, options)) {
      if (piece.waitMs > 0) await sleep(piece.waitMs);
      else await new Promise((r) => setImmediate(r));
      for (const c of targets) c.send(piece.bytes);
    }
  }

  async close(): Promise<void> {
    for (const c of this.open) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** @internal */
  dispatch(connection: FakeAmiConnection, message: AmiMessage): void {
    const name = field(message, 'Action');
    if (name === undefined) return;
    const action: ReceivedAction = { connection: connection.id, name, actionId: field(message, 'ActionID'), message };
    this.actions.push(action);
    const custom = this.handlers.get(name.toLowerCase())?.(action, connection);
    const packets = custom === undefined ? connection.answer(action) : custom;
    for (const p of packets ?? []) connection.send(p);
    this.notify();
  }

  private accept(socket: Socket): void {
    const connection = new FakeAmiConnection(++this.connectionCount, socket, this);
    this.open.add(connection);
    socket.on('close', () => {
      this.open.delete(connection);
      this.notify();
    });
    if (this.hangNewConnections) connection.goSilent();
    connection.send(`${this.options.greeting}\r\n`);
    this.notify();
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  private *transcriptPieces(
    file: string,
    options: { chunks?: { seed: number; maxBytes?: number }; timing?: { scale: number } },
  ): Generator<{ bytes: Buffer; waitMs: number }> {
    if (options.timing) {
      const path = isAbsolute(file) ? file : join(AMI_FIXTURES_DIR, file);
      const raw = readFileSync(path);
      const sidecar = JSON.parse(readFileSync(path.replace(/\.ami$/, '.json'), 'utf8')) as {
        packets: { offset: number; length: number; t_ms: number; kind: string }[];
      };
      const reads = new Map<number, { start: number; end: number }>();
      for (const p of sidecar.packets) {
        if (p.kind === 'greeting') continue;
        const read = reads.get(p.t_ms);
        if (read) read.end = p.offset + p.length;
        else reads.set(p.t_ms, { start: p.offset, end: p.offset + p.length });
      }
      let previous: number | undefined;
      for (const [t, read] of reads) {
        yield { bytes: raw.subarray(read.start, read.end), waitMs: previous === undefined ? 0 : (t - previous) * options.timing.scale };
        previous = t;
      }
      return;
    }
    const body = transcriptBody(file);
    if (!options.chunks) {
      yield { bytes: body, waitMs: 0 };
      return;
    }
    const random = seededRandom(options.chunks.seed);
    const max = options.chunks.maxBytes ?? 512;
    for (let at = 0; at < body.length; ) {
      const size = 1 + Math.floor(random() * max);
      yield { bytes: body.subarray(at, at + size), waitMs: 0 };
      at += size;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
