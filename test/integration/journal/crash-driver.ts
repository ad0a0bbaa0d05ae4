// A child process for the crash-safety test: records TOTAL actions (resuming where the journal
// ends) and syncs them to the CRM at CRM_URL. PAUSE=<phase>:<n> freezes the process at the n-th
// occurrence of a phase in this run and prints `PAUSED <phase>`, so the test can SIGKILL it there.
import { writeSync } from 'node:fs';
import { crmActivitySink, type ActivitySink } from '../../../electron/core/journal/activity-sink.js';
import { inProcessJournal, type Journal } from '../../../electron/core/journal/journal-api.js';
import { JournalStore } from '../../../electron/core/journal/journal-store.js';
import { JournalSync } from '../../../electron/core/journal/journal-sync.js';
import { compileTopicRules, loadTopicRules } from '../../../electron/core/journal/topic-rules.js';
import { silentLogger } from '../../../electron/core/log.js';
import { systemClock } from '../../../electron/core/ports.js';
import { HttpActivityCrm } from '../../fakes/http-activity-crm.js';

export type CrashPhase = 'record-txn' | 'before-send' | 'after-2xx' | 'settle-txn';

const env = (name: string) => process.env[name] ?? (say(`missing ${name}`), process.exit(2));
const say = (line: string) => writeSync(1, `${line}\n`);
const TOTAL = Number(env('TOTAL'));
const [phase, nth] = (process.env.PAUSE ?? ':0').split(':') as [CrashPhase | '', string];
const pauseAt = Number(nth);

/** Blocks the whole process (mid-transaction if called there) until the test kills it. */
function hold(at: CrashPhase): void {
  say(`PAUSED ${at}`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
  process.exit(3);
}

let recorded = 0;
let deliveries = 0;
let settles = 0;
const store = JournalStore.open({
  path: env('JOURNAL_PATH'),
  sinks: ['crm'],
  topicRules: compileTopicRules(loadTopicRules(env('TOPIC_RULES'))),
  probe(point) {
    if (point === 'record' && phase === 'record-txn' && recorded + 1 === pauseAt) hold('record-txn');
    if (point === 'settle' && phase === 'settle-txn' && settles === pauseAt) hold('settle-txn');
  },
});
const local = inProcessJournal(store);
const journal: Journal = {
  ...local,
  settle: (s) => {
    settles++;
    return local.settle(s);
  },
};
const crm = crmActivitySink(new HttpActivityCrm({ url: env('CRM_URL'), maxActivityBatch: 50, timeoutMs: 5_000 }));
const sink: ActivitySink = {
  name: crm.name,
  maxBatch: crm.maxBatch,
  async deliver(batch) {
    deliveries++;
    if (phase === 'before-send' && deliveries === pauseAt) hold('before-send');
    const outcomes = await crm.deliver(batch);
    if (phase === 'after-2xx' && deliveries >= pauseAt && outcomes.some((o) => o.status === 'sent')) hold('after-2xx');
    return outcomes;
  },
};
const sync = new JournalSync({ journal, sink, clock: systemClock, log: silentLogger, backoff: { baseMs: 50, capMs: 500, minMs: 10 }, pollMs: 100 });
await sync.start();

const SECTIONS = [
  { section: 'call', action: 'rang' },
  { section: 'card', action: 'shown' },
  { section: 'order', action: 'viewed', details: { status: 'shipped' } },
  { section: 'note', action: 'saved', details: { text: 'asked about the courier' } },
  { section: 'call', action: 'ended', details: { reason: 'completed' } },
] as const;

const start = store.history({ limit: 1 }).total;
say(`STARTED ${start}`);
for (let i = start; i < TOTAL; i++) {
  const kind = SECTIONS[i % SECTIONS.length]!;
  store.record({
    startedAt: 1_790_000_000_000 + i * 1000,
    callId: `call-${Math.floor(i / SECTIONS.length)}`,
    section: kind.section,
    action: kind.action,
    details: { i, ...('details' in kind ? kind.details : {}) },
    operator: '101',
    customerRef: `c-${i % 97}`,
    source: 'auto',
  });
  recorded++;
  if (recorded % 25 === 0) {
    sync.notify();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
sync.notify();
for (;;) {
  const stats = await sync.stats();
  if (stats.pending === 0 && stats.state === 'idle') break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await sync.stop();
store.close();
say('DONE');
