// Worker-thread entry: owns the journal's SQLite connection so the Electron main thread never
// waits on a disk write. Bundled on its own (dist/electron/journal-worker.mjs); JournalClient starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { isJournalMethod } from './journal-api.js';
import { JournalError } from './journal-error.js';
import { JournalStore } from './journal-store.js';
import { journalRequestSchema, type JournalReply, type JournalWorkerData, type SerializedJournalError } from './journal-worker-protocol.js';
import { compileTopicRules, parseTopicRules } from './topic-rules.js';

function serialize(err: unknown): SerializedJournalError {
  if (err instanceof JournalError) return { kind: err.kind, message: err.message };
  return { kind: 'unavailable', message: `the journal worker failed: ${(err as Error)?.message ?? String(err)}` };
}

const port = parentPort;
if (!port) throw new Error('journal-worker must run in a worker thread (JournalClient starts it)');
const reply = (message: JournalReply) => port.postMessage(message);

function openStore(): JournalStore | undefined {
  try {
    const data = workerData as JournalWorkerData;
    const store = JournalStore.open({
      path: data.path,
      sinks: data.sinks,
      topicRules: data.topicRules ? compileTopicRules(parseTopicRules(data.topicRules, 'passed to the journal worker')) : undefined,
      maxPageCount: data.maxPageCount,
    });
    reply({ type: 'ready', recovered: store.recovered });
    return store;
  } catch (err) {
    reply({ type: 'failed', error: serialize(err) });
    port!.close();
    return undefined;
  }
}

const store = openStore();
if (store) port.on('message', (message: unknown) => {
  const parsed = journalRequestSchema.safeParse(message);
  if (!parsed.success) return;
  const { id, method, args } = parsed.data;
  if (method === 'close') {
    store.close();
    reply({ type: 'result', id, ok: true, value: undefined });
    port.close();
    return;
  }
  try {
    if (!isJournalMethod(method)) throw new JournalError('invalid-input', `the journal has no method "${method}"`);
    const value = (store[method] as (...a: unknown[]) => unknown).apply(store, args);
    reply({ type: 'result', id, ok: true, value });
  } catch (err) {
    reply({ type: 'result', id, ok: false, error: serialize(err) });
  }
});
