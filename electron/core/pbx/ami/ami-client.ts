/**
 * AMI client over TCP (or TLS, usually port 5039): one long-lived, self-healing session.
 *
 *   const client = new AmiClient({ host, port, username, secret, events: 'call,agent' });
 *   client.onEvent((m) => ...);
 *   client.onSessionReady(({ reconnected }) => rebuildStateFrom(client.sendList('CoreShowChannels')));
 *   client.start();
 *   await client.ready({ timeoutMs: 10_000 });
 *   await client.send('QueuePause', { Interface: 'SIP/101', Paused: true });
 *   await client.close();
 *
 * Each connection: greeting → Challenge/Login (MD5; plain `Secret` only when allowed) →
 * Filter actions → link 'up' → `onSessionReady`. A Ping runs every keepalive interval; no Pong
 * within the keepalive timeout drops the connection (half-open TCP is found in ≤ interval +
 * timeout, 9 s by default). Any loss of the connection, refused login included, is retried with
 * capped exponential backoff and full jitter. Nothing missed while down is replayed by
 * Asterisk: listeners of `onSessionReady` rebuild their state from the list actions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsOptions } from 'node:tls';
import type { LinkState } from '../../../../shared/domain/call-events.js';
import { systemClock, type Clock, type Logger, type TimerHandle } from '../../ports.js';
import { ActionTracker } from './ami-action-tracker.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './ami-backoff.js';
import { AmiDecoder, encodeAction, type AmiFieldValue } from './ami-codec.js';
import { AmiActionError, AmiAuthError, AmiError, AmiLinkDownError, AmiTimeoutError } from './ami-errors.js';
import { eventName, field, type AmiMessage } from './ami-message.js';

export interface AmiClientOptions {
  host: string;
  port: number;
  /** TLS (Asterisk's `tlsbindport`, usually 5039). `true` verifies against the system CAs. */
  tls?: boolean | TlsOptions;
  username: string;
  /** The AMI secret, or where to fetch it at each login (e.g. from the SecretStore). */
  secret: string | (() => string | Promise<string>);
  /** Send the secret itself when the server refuses the MD5 challenge. Default false. */
  allowPlainLogin?: boolean;
  /** `Events:` at login: 'on', 'off' or a class list such as 'call,agent'. Omitted if unset. */
  events?: string;
  /** Expressions for the `Filter` action (`Operation: Add`), applied after every login. */
  filters?: readonly string[];
  /** Default per-action timeout. Default 10 s. */
  actionTimeoutMs?: number;
  /** TCP/TLS connect, greeting and each login step. Default 10 s. */
  connectTimeoutMs?: number;
  /** Idle time between a Pong and the next Ping. Default 4 s. */
  keepaliveIntervalMs?: number;
  /** How long a Ping may go unanswered before the connection is dropped. Default 5 s. */
  keepaliveTimeoutMs?: number;
  /** Retry policy; `false` makes the first failure final (e.g. a one-shot `doctor` check). */
  reconnect?: Partial<BackoffPolicy> | false;
  /** Largest accepted packet; bigger ones are dropped with a warning. Default 64 KiB. */
  maxPacketBytes?: number;
  clock?: Clock;
  log?: Logger;
  /** Source of jitter in [0, 1). */
  random?: () => number;
}

export interface AmiSessionInfo {
  /** 1 for the first successful login, then +1 per reconnect. */
  session: number;
  reconnected: boolean;
  greeting: string | undefined;
}

export interface AmiReconnectInfo {
  /** Consecutive failures so far (1 after the first loss). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface AmiSendOptions {
  timeoutMs?: number;
}

interface Connection {
  readonly socket: Socket;
  readonly decoder: AmiDecoder;
  readonly tracker: ActionTracker;
  loggedIn: boolean;
  failure: Error | undefined;
  greeted: (() => void) | undefined;
  /** The greeting/login/filters sequence; never rejects. */
  establishing: Promise<void> | undefined;
}

type Listener<T> = (value: T) => void;

/** Defaults: a silent peer is found within keepaliveIntervalMs + keepaliveTimeoutMs = 9 s. */
export const AMI_CLIENT_DEFAULTS = {
  actionTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 4_000,
  keepaliveTimeoutMs: 5_000,
} as const;

export class AmiClient {
  private readonly clock: Clock;
  private readonly log: Logger | undefined;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy | undefined;
  private readonly actionIdPrefix = `cti-${randomBytes(3).toString('hex')}-`;
  private nextActionId = 1;
  private conn: Connection | undefined;
  private linkState: LinkState = 'down';
  private started = false;
  private closed = false;
  private failures = 0;
  private sessions = 0;
  private retryTimer: TimerHandle | undefined;
  private keepaliveTimer: TimerHandle | undefined;
  private lastFailure: Error | undefined;
  private readonly closeWaiters = new Set<() => void>();
  private readonly listeners = {
    event: new Set<Listener<AmiMessage>>(),
    state: new Set<Listener<LinkState>>(),
    session: new Set<Listener<AmiSessionInfo>>(),
    error: new Set<Listener<AmiError>>(),
    reconnect: new Set<Listener<AmiReconnectInfo>>(),
  };

  constructor(private readonly options: AmiClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.random = options.random ?? Math.random;
    this.backoff = options.reconnect === false ? undefined : { ...DEFAULT_BACKOFF, ...options.reconnect };
  }

  get state(): LinkState {
    return this.linkState;
  }

  /** Why the last connection attempt or session ended, if it did. */
  get lastError(): Error | undefined {
    return this.lastFailure;
  }

  /** Every event not consumed by a list action (list items go to `sendList`). */
  onEvent(listener: Listener<AmiMessage>): () => void {
    return this.subscribe(this.listeners.event, listener);
  }

  onLinkState(listener: Listener<LinkState>): () => void {
    return this.subscribe(this.listeners.state, listener);
  }

  /** After every successful login (first and each reconnect), once filters are applied. */
  onSessionReady(listener: Listener<AmiSessionInfo>): () => void {
    return this.subscribe(this.listeners.session, listener);
  }

  /** Refused logins, unreachable PBX, failed filters, dead keepalives: for status and logs. */
  onError(listener: Listener<AmiError>): () => void {
    return this.subscribe(this.listeners.error, listener);
  }

  onReconnectScheduled(listener: Listener<AmiReconnectInfo>): () => void {
    return this.subscribe(this.listeners.reconnect, listener);
  }

  /** Begins connecting; retries on its own until `close()`. Idempotent. */
  start(): void {
    if (this.closed) throw new AmiError('AmiClient was closed; create a new one');
    if (this.started) return;
    this.started = true;
    this.openConnection();
  }

  /** Resolves once the link is up (at once if it is); rejects on timeout, close, or a final failure. */
  ready(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.linkState === 'up') return Promise.resolve();
    if (this.closed) return Promise.reject(new AmiError('AmiClient is closed'));
    if (!this.backoff && this.started && this.linkState === 'down' && this.lastFailure) return Promise.reject(this.lastFailure);
    const timeoutMs = options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const finish = (error?: Error): void => {
        timer.cancel();
        unsubscribe();
        this.closeWaiters.delete(onClose);
        if (error) reject(error);
        else resolve();
      };
      const timer = this.clock.setTimeout(() => {
        const why = this.lastFailure ? `: ${this.lastFailure.message}` : '';
        finish(new AmiError(`AMI link to ${this.target} not up within ${timeoutMs} ms${why}`));
      }, timeoutMs);
      const unsubscribe = this.onLinkState((state) => {
        if (state === 'up') finish();
        else if (state === 'down' && (this.closed || !this.backoff)) {
          finish(this.lastFailure ?? new AmiError(`AMI link to ${this.target} closed`));
        }
      });
      const onClose = (): void => finish(new AmiError('AmiClient was closed before the link came up'));
      this.closeWaiters.add(onClose);
    });
  }

  /** Sends an action and resolves with its `Response` (rejects on `Response: Error`). */
  send(action: string, fields: Readonly<Record<string, AmiFieldValue>> = {}, options: AmiSendOptions = {}): Promise<AmiMessage> {
    return this.sendOn(this.usableConnection(action), action, fields, false, options) as Promise<AmiMessage>;
  }

  /** Sends a list action (CoreShowChannels, QueueStatus, Status, …); resolves with its item events. */
  sendList(action: string, fields: Readonly<Record<string, AmiFieldValue>> = {}, options: AmiSendOptions = {}): Promise<AmiMessage[]> {
    return this.sendOn(this.usableConnection(action), action, fields, true, options) as Promise<AmiMessage[]>;
  }

  /** Logs off, closes the socket and cancels every timer. Pending actions are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of [...this.closeWaiters]) waiter();
    this.retryTimer?.cancel();
    this.keepaliveTimer?.cancel();
    const conn = this.conn;
    if (!conn || conn.socket.destroyed) {
      this.setState('down');
      return;
    }
    await new Promise<void>((resolve) => {
      conn.socket.once('close', () => {
        clearTimeout(fallback);
        resolve();
      });
      // Logged in: say goodbye and let Asterisk close; a silent peer gets 1 s.
      const fallback = conn.loggedIn ? setTimeout(() => conn.socket.destroy(), 1_000) : undefined;
      if (conn.loggedIn) conn.socket.end(encodeAction('Logoff', { ActionID: this.newActionId() }));
      else conn.socket.destroy();
    });
    this.setState('down');
  }

  private get target(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  private usableConnection(action: string): Connection | AmiLinkDownError {
    const conn = this.conn;
    if (this.closed) return new AmiLinkDownError(action, 'the AMI client is closed');
    if (!conn || !conn.loggedIn || this.linkState !== 'up') return new AmiLinkDownError(action, `AMI link to ${this.target} is ${this.linkState}`);
    return conn;
  }

  private sendOn(
    conn: Connection | AmiLinkDownError,
    action: string,
    fields: Readonly<Record<string, AmiFieldValue>>,
    list: boolean,
    options: AmiSendOptions,
  ): Promise<AmiMessage | AmiMessage[]> {
    if (conn instanceof Error) return Promise.reject(conn);
    if (Object.keys(fields).some((k) => k.toLowerCase() === 'actionid')) {
      return Promise.reject(new AmiError(`AMI action ${action}: ActionID is assigned by AmiClient`));
    }
    const actionId = this.newActionId();
    let wire: string;
    try {
      wire = encodeAction(action, { ActionID: actionId, ...fields });
    } catch (error) {
      return Promise.reject(error);
    }
    const answer = conn.tracker.expect(actionId, action, { list, timeoutMs: options.timeoutMs ?? this.options.actionTimeoutMs ?? AMI_CLIENT_DEFAULTS.actionTimeoutMs });
    conn.socket.write(wire);
    return answer;
  }

  private newActionId(): string {
    return `${this.actionIdPrefix}${this.nextActionId++}`;
  }

  private openConnection(): void {
    this.setState('connecting');
    const { host, port, tls } = this.options;
    const socket = tls
      ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...(tls === true ? {} : tls) })
      : netConnect({ host, port });
    socket.setNoDelay(true);
    const conn: Connection = {
      socket,
      decoder: new AmiDecoder({
        maxPacketBytes: this.options.maxPacketBytes,
        onDrop: (drop) => this.log?.warn({ reason: drop.reason, detail: drop.detail }, 'AMI input dropped'),
      }),
      tracker: new ActionTracker(this.clock),
      loggedIn: false,
      failure: undefined,
      greeted: undefined,
      establishing: undefined,
    };
    this.conn = conn;
    socket.on('data', (chunk: Buffer) => this.receive(conn, chunk));
    socket.on('error', (error) => {
      conn.failure ??= new AmiError(`AMI connection to ${this.target} failed: ${error.message}`);
    });
    socket.on('close', () => this.connectionClosed(conn));
    conn.establishing = this.establish(conn).catch((error: unknown) => this.fail(conn, error));
  }

  private async establish(conn: Connection): Promise<void> {
    const stepMs = this.options.connectTimeoutMs ?? AMI_CLIENT_DEFAULTS.connectTimeoutMs;
    await this.within(stepMs, 'no AMI greeting', new Promise<void>((resolve) => {
      if (conn.decoder.greeting !== undefined) resolve();
      else conn.greeted = resolve;
    }));
    if (conn.socket.destroyed) return;
    await this.logIn(conn, stepMs);
    await this.applyFilters(conn, stepMs);
    if (conn.socket.destroyed || this.closed) return;
    conn.loggedIn = true;
    this.failures = 0;
    this.lastFailure = undefined;
    this.sessions++;
    this.log?.info({ target: this.target, username: this.options.username, session: this.sessions }, 'AMI session ready');
    this.setState('up');
    this.scheduleKeepalive(conn);
    this.emit(this.listeners.session, { session: this.sessions, reconnected: this.sessions > 1, greeting: conn.decoder.greeting });
  }

  private async logIn(conn: Connection, timeoutMs: number): Promise<void> {
    const { username, allowPlainLogin } = this.options;
    const secret = typeof this.options.secret === 'function' ? await this.options.secret() : this.options.secret;
    const login = { Username: username, Events: this.options.events };
    let key: string | undefined;
    try {
      const challenge = await this.sendOn(conn, 'Challenge', { AuthType: 'MD5' }, false, { timeoutMs });
      const value = field(challenge as AmiMessage, 'Challenge');
      if (!value) throw new AmiAuthError(username, 'the Challenge response carried no challenge');
      key = createHash('md5').update(value + secret).digest('hex');
    } catch (error) {
      if (!(error instanceof AmiActionError)) throw error;
      if (!allowPlainLogin) {
        throw new AmiAuthError(username, `the server refused the MD5 challenge (${field(error.response, 'Message') ?? 'no reason'}); plain-text login is disabled (allowPlainLogin)`);
      }
      this.log?.warn({ target: this.target, username }, 'AMI server refused the MD5 challenge; logging in with the plain secret as configured');
    }
    const fields = key !== undefined ? { AuthType: 'MD5', Key: key, ...login } : { Secret: secret, ...login };
    try {
      await this.sendOn(conn, 'Login', fields, false, { timeoutMs });
    } catch (error) {
      if (error instanceof AmiActionError) throw new AmiAuthError(username, field(error.response, 'Message') ?? 'Response: Error');
      throw error;
    }
  }

  private async applyFilters(conn: Connection, timeoutMs: number): Promise<void> {
    for (const filter of this.options.filters ?? []) {
      try {
        await this.sendOn(conn, 'Filter', { Operation: 'Add', Filter: filter }, false, { timeoutMs });
      } catch (error) {
        if (!(error instanceof AmiActionError)) throw error;
        // Not fatal: the desktop just receives more events than it needs.
        this.log?.warn({ filter, reason: error.message }, 'AMI event filter refused (the user needs write=system for Filter)');
        this.emit(this.listeners.error, error);
      }
    }
  }

  private scheduleKeepalive(conn: Connection): void {
    const interval = this.options.keepaliveIntervalMs ?? AMI_CLIENT_DEFAULTS.keepaliveIntervalMs;
    const timeoutMs = this.options.keepaliveTimeoutMs ?? AMI_CLIENT_DEFAULTS.keepaliveTimeoutMs;
    this.keepaliveTimer = this.clock.setTimeout(() => {
      if (this.conn !== conn || conn.socket.destroyed) return;
      this.sendOn(conn, 'Ping', {}, false, { timeoutMs }).then(
        () => this.scheduleKeepalive(conn),
        (error: unknown) => {
          if (error instanceof AmiActionError) this.scheduleKeepalive(conn); // answered, so alive
          else if (error instanceof AmiTimeoutError) {
            this.fail(conn, new AmiError(`AMI peer ${this.target} did not answer Ping within ${timeoutMs} ms; connection considered dead`));
          }
        },
      );
    }, interval);
  }

  private receive(conn: Connection, chunk: Buffer): void {
    if (this.closed) return;
    for (const message of conn.decoder.push(chunk)) {
      if (conn.tracker.take(message)) continue;
      if (eventName(message) !== undefined) this.emit(this.listeners.event, message);
      else this.log?.debug({ actionId: field(message, 'ActionID') }, 'AMI response for no pending action ignored');
    }
    if (conn.greeted && conn.decoder.greeting !== undefined) {
      conn.greeted();
      conn.greeted = undefined;
    }
  }

  /** Ends the connection because of `error`; `connectionClosed` takes it from there. */
  private fail(conn: Connection, error: unknown): void {
    const failure = error instanceof Error ? error : new AmiError(String(error));
    conn.failure ??= failure;
    conn.socket.destroy();
  }

  private connectionClosed(conn: Connection): void {
    if (this.conn !== conn) return;
    this.keepaliveTimer?.cancel();
    conn.tracker.failAll((action) => new AmiLinkDownError(action, `connection to ${this.target} closed before the answer`));
    conn.greeted?.();
    // A login in flight settles first, so a refused login is reported as such, not as "closed".
    if (!conn.loggedIn && conn.establishing) void conn.establishing.then(() => this.afterClose(conn));
    else this.afterClose(conn);
  }

  private afterClose(conn: Connection): void {
    if (this.conn !== conn) return;
    const reason = conn.failure ?? new AmiError(`AMI peer ${this.target} closed the connection`);
    this.conn = undefined;
    if (this.closed) {
      this.setState('down');
      return;
    }
    this.lastFailure = reason;
    this.log?.warn({ target: this.target, reason: reason.message }, 'AMI link down');
    this.emit(this.listeners.error, reason instanceof AmiError ? reason : new AmiError((reason as Error).message));
    this.setState('down');
    if (!this.backoff) return;
    const delayMs = backoffDelay(this.failures, this.backoff, this.random);
    this.failures++;
    this.emit(this.listeners.reconnect, { attempt: this.failures, delayMs, reason: reason.message });
    this.retryTimer = this.clock.setTimeout(() => {
      if (!this.closed) this.openConnection();
    }, delayMs);
  }

  private within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new AmiError(`${what} from ${this.target} within ${ms} ms`)), ms);
      promise.then(
        (value) => {
          timer.cancel();
          resolve(value);
        },
        (error: unknown) => {
          timer.cancel();
          reject(error);
        },
      );
    });
  }

  private setState(state: LinkState): void {
    if (this.linkState === state) return;
    this.linkState = state;
    this.emit(this.listeners.state, state);
  }

  private subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
    set.add(listener);
    return () => void set.delete(listener);
  }

  private emit<T>(set: Set<Listener<T>>, value: T): void {
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (error) {
        this.log?.error({ err: error instanceof Error ? error.message : String(error) }, 'AMI listener threw');
      }
    }
  }
}
