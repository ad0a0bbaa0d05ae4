import type { CrmError } from '../crm/crm-error.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../pbx/ami/ami-backoff.js';
import type { Clock, Logger, TimerHandle } from '../ports.js';
import type { ActivitySink } from './activity-sink.js';
import type { JournalOutbox } from './journal-api.js';
import type { SettleOutcome, SinkStatus } from './journal-records.js';

export interface JournalSyncOptions {
  journal: JournalOutbox;
  sink: ActivitySink;
  clock: Clock;
  log: Logger;
  /** Delays between rounds that failed; a sink's Retry-After wins when longer. */
  backoff?: BackoffPolicy;
  random?: () => number;
  /** While idle, look for actions recorded without `notify()` this often. */
  pollMs?: number;
  /** After an auth failure, try again on its own this much later (or at once on `resume()`). */
  authRetryMs?: number;
}

/**
 * - `idle`: nothing to send; - `sending`: a batch is out; - `retrying`: waiting out a backoff
 * or Retry-After; - `paused`: the sink refused the credentials; - `stopped`.
 */
export type SyncState = 'idle' | 'sending' | 'retrying' | 'paused' | 'stopped';

export interface SyncStats extends SinkStatus {
  state: SyncState;
  /** When the next attempt is due while `retrying` or `paused`. */
  retryAt: number | undefined;
  /** Why the sync is stuck right now (auth refused, journal unusable), if it is. */
  problem: string | undefined;
}

/**
 * Delivers one sink's outbox: pending actions in journal order, in batches of up to the
 * sink's `maxBatch`, each stored as sent (with the sink's id) in one transaction with the rest
 * of its batch's results. A crash between the sink's answer and that transaction resends
 * the batch, which the idempotency key (the action id) makes harmless.
 *
 * Failures: transient → the whole sink waits (capped exponential backoff with jitter, or
 * Retry-After when longer), so records of one call never overtake each other; permanent →
 * that action becomes a dead letter and the rest go on; auth → paused until `resume()` or
 * `authRetryMs`.
 */
export class JournalSync {
  private readonly o: Required<Omit<JournalSyncOptions, 'backoff'>> & { backoff: BackoffPolicy };
  private state: SyncState = 'stopped';
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private retryAt: number | undefined;
  private problem: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(options: JournalSyncOptions) {
    this.o = { backoff: DEFAULT_BACKOFF, random: Math.random, pollMs: 30_000, authRetryMs: 15 * 60_000, ...options };
  }

  get name(): string {
    return this.o.sink.name;
  }

  /** Starts sending; a backoff stored before a restart (say, a Retry-After) is honoured. */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.setState('idle');
    try {
      const stored = await this.o.journal.sinkStatus(this.o.sink.name);
      if (stored.nextAttemptAt !== undefined && stored.nextAttemptAt > this.o.clock.now()) {
        this.wait('retrying', stored.nextAttemptAt - this.o.clock.now());
        return;
      }
    } catch (err) {
      this.o.log.warn({ sink: this.o.sink.name, err: (err as Error).message }, 'journal sync: stored backoff unreadable');
    }
    this.kick();
  }

  /** New actions were recorded: send now, unless waiting out a backoff or paused. */
  notify(): void {
    if (this.state === 'idle') this.kick();
    else if (this.state === 'sending') this.again = true;
  }

  /** Credentials fixed, network back, or a dead letter queued again: try now. */
  resume(): void {
    if (this.state === 'stopped') return;
    this.failures = 0;
    this.problem = undefined;
    this.kick();
  }

  /** Stops after the batch in flight is stored. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    this.setState('stopped');
    await this.running;
  }

  async stats(): Promise<SyncStats> {
    const stored = await this.o.journal.sinkStatus(this.o.sink.name);
    return { ...stored, state: this.state, retryAt: this.retryAt, problem: this.problem };
  }

  /** Called when the state or the queue changed (to refresh the tray and the main window). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: SyncState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private wait(state: 'idle' | 'retrying' | 'paused', ms: number): void {
    this.timer?.cancel();
    this.retryAt = state === 'idle' ? undefined : this.o.clock.now() + ms;
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, ms);
    this.setState(state);
  }

  private kick(): void {
    if (this.state === 'stopped') return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer?.cancel();
    this.timer = undefined;
    this.retryAt = undefined;
    this.setState('sending');
    this.running = this.drain()
      .then((next) => {
        if (this.state !== 'stopped') this.wait(next.state, next.ms);
      })
      .catch((err: unknown) => {
        // The journal itself failed (disk full, worker gone): nothing was lost, try again later.
        this.problem = `the action journal is not usable: ${(err as Error).message}`;
        this.o.log.error({ sink: this.o.sink.name, err: (err as Error).message }, 'journal sync: journal failed');
        if (this.state !== 'stopped') this.wait('retrying', backoffDelay(this.failures++, this.o.backoff, this.o.random));
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  private async drain(): Promise<{ state: 'idle' | 'retrying' | 'paused'; ms: number }> {
    const { journal, sink, clock } = this.o;
    for (;;) {
      this.again = false;
      const batch = await journal.claim({ sink: sink.name, limit: sink.maxBatch });
      if (batch.length === 0) {
        if (this.again) continue; // notified while the query ran
        this.problem = undefined;
        return { state: 'idle', ms: this.o.pollMs };
      }
      const results = await sink.deliver(batch);
      const now = clock.now();

      let transient: CrmError | undefined;
      let auth: CrmError | undefined;
      let retryAfterMs = 0;
      for (const r of results) {
        if (r.status !== 'failed') continue;
        if (r.error.kind === 'auth') auth = r.error;
        else if (r.error.kind !== 'permanent') {
          transient = r.error;
          retryAfterMs = Math.max(retryAfterMs, r.error.retryAfterMs ?? 0);
        }
      }
      const delay = auth
        ? this.o.authRetryMs
        : transient
          ? Math.max(backoffDelay(this.failures, this.o.backoff, this.o.random), retryAfterMs)
          : 0;

      const outcomes: SettleOutcome[] = [];
      results.forEach((r, i) => {
        const seq = batch[i]!.seq;
        if (r.status === 'sent') outcomes.push({ seq, status: 'sent', remoteId: r.remoteId });
        else if (r.status === 'failed' && r.error.kind === 'permanent') outcomes.push({ seq, status: 'dead', error: r.error.message });
        // A pause for credentials is not stored: after a restart (new credentials, likely) it tries at once.
        else if (r.status === 'failed') outcomes.push({ seq, status: 'failed', error: r.error.message, nextAttemptAt: auth ? now : now + delay });
      });
      await journal.settle({ sink: sink.name, now, outcomes });
      for (const listener of this.listeners) listener();

      if (this.state === 'stopped') return { state: 'idle', ms: 0 };
      if (auth) {
        this.problem = `${sink.name} refused the credentials: ${auth.message}`;
        this.o.log.error({ sink: sink.name, err: auth.message }, 'journal sync paused: credentials refused');
        return { state: 'paused', ms: delay };
      }
      if (transient) {
        this.failures++;
        this.o.log.warn({ sink: sink.name, err: transient.message, retryInMs: delay }, 'journal sync: will retry');
        return { state: 'retrying', ms: delay };
      }
      this.failures = 0;
      this.problem = undefined;
    }
  }
}
