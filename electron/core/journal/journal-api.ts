import type { JournalStore } from './journal-store.js';

/** What the journal offers the app and the sync; every argument and result is plain data. */
export const JOURNAL_METHODS = [
  'record',
  'setCallTopic',
  'callTopic',
  'claim',
  'settle',
  'sinkStatus',
  'deadLetters',
  'retryDead',
  'history',
  'exportCsv',
  'purge',
  'integrityCheck',
] as const;

export type JournalMethod = (typeof JOURNAL_METHODS)[number];

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

export type Journal = { [M in JournalMethod]: Async<JournalStore[M]> } & { close(): Promise<void> };

/** The part of the journal a sync worker needs. */
export type JournalOutbox = Pick<Journal, 'claim' | 'settle' | 'sinkStatus'>;

export function isJournalMethod(name: unknown): name is JournalMethod {
  return (JOURNAL_METHODS as readonly unknown[]).includes(name);
}

/**
 * The store in this thread behind the async interface: for tests, benchmarks and tools.
 * The Electron main thread uses JournalClient, which keeps SQLite in a worker.
 */
export function inProcessJournal(store: JournalStore): Journal {
  const journal = { close: async () => store.close() } as Journal;
  for (const method of JOURNAL_METHODS) {
    const fn = (store[method] as (...args: unknown[]) => unknown).bind(store);
    (journal as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => new Promise((resolve) => resolve(fn(...args)));
  }
  return journal;
}
