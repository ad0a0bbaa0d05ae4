import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ports.js';
import { JOURNAL_METHODS, type Journal, type JournalMethod } from './journal-api.js';
import { JournalError } from './journal-error.js';
import type { RecoveredJournal } from './journal-store.js';
import { journalReplySchema, type JournalRequest, type JournalWorkerData, type SerializedJournalError } from './journal-worker-protocol.js';

export interface JournalClientOptions extends JournalWorkerData {
  /** The bundled worker entry, e.g. dist/electron/journal-worker.mjs next to main.js. */
  workerPath: string;
  log?: Logger;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

const toError = (e: SerializedJournalError) => new JournalError(e.kind, e.message);

export interface JournalClient extends Omit<Journal, 'close'> {}

/**
 * The journal for the Electron main thread: every call is a message to the worker thread
 * that owns the SQLite connection. If the worker dies, calls in flight fail with an
 * `unavailable` JournalError and the next call starts a new worker.
 */
export class JournalClient {
  private readonly options: JournalClientOptions;
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Set when the journal file was damaged at start and a new one begun (tell the operator). */
  recovered: RecoveredJournal | undefined;

  private constructor(options: JournalClientOptions) {
    this.options = options;
    for (const method of JOURNAL_METHODS) {
      (this as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => this.call(method, args);
    }
  }

  /** Starts the worker and opens the journal; rejects with a JournalError when it cannot. */
  static async open(options: JournalClientOptions): Promise<JournalClient> {
    const client = new JournalClient(options);
    await client.ensureWorker();
    return client;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const worker = this.worker;
    if (worker) {
      const exited = once(worker, 'exit');
      await this.call('close', []).catch(() => undefined);
      this.closed = true;
      await exited;
    }
    this.closed = true;
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startWorker().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private startWorker(): Promise<Worker> {
    const { workerPath, log, ...data } = this.options;
    const worker = new Worker(workerPath, { workerData: data satisfies JournalWorkerData });
    return new Promise<Worker>((resolve, reject) => {
      const onError = (err: Error) => failStart(new JournalError('unavailable', `the journal worker ${workerPath} could not start: ${err.message}`));
      const onExit = (code: number) => failStart(new JournalError('unavailable', `the journal worker ${workerPath} exited at start (code ${code})`));
      const onFirst = (message: unknown) => {
        stopListening();
        const reply = journalReplySchema.safeParse(message);
        if (!reply.success || reply.data.type === 'result') return failStart(new JournalError('unavailable', 'the journal worker sent an unexpected first message'));
        if (reply.data.type === 'failed') return failStart(toError(reply.data.error));
        this.recovered = reply.data.recovered;
        if (this.recovered) log?.error({ movedTo: this.recovered.movedTo }, this.recovered.message);
        this.attach(worker);
        resolve(worker);
      };
      const stopListening = () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.off('message', onFirst);
      };
      const failStart = (err: Error) => {
        stopListening();
        void worker.terminate();
        reject(err);
      };
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.on('message', onFirst);
    });
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    worker.on('message', (message: unknown) => {
      const reply = journalReplySchema.safeParse(message);
      if (!reply.success || reply.data.type !== 'result') return;
      const waiter = this.pending.get(reply.data.id);
      if (!waiter) return;
      this.pending.delete(reply.data.id);
      if (reply.data.ok) waiter.resolve(reply.data.value);
      else waiter.reject(toError(reply.data.error));
    });
    worker.on('error', (err) => this.options.log?.error({ err: err.message }, 'journal worker failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const stopped = new JournalError('unavailable', `the journal worker stopped (exit code ${code}); the request was not completed`);
      for (const waiter of this.pending.values()) waiter.reject(stopped);
      this.pending.clear();
    });
  }

  private async call(method: JournalMethod | 'close', args: unknown[]): Promise<unknown> {
    if (this.closed) throw new JournalError('unavailable', 'the journal is closed');
    const worker = await this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies JournalRequest);
    });
  }
}
