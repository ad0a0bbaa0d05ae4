// Benchmark: durable single-action commits through the journal store next to a raw
// better-sqlite3 insert loop with the same pragmas (same run, same disk), batched sync to a
// loopback CRM through the journal worker, and the journal's size per 100k synced actions.
// Run with `npm run bench -- journal`; writes test-results/bench/journal.json.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { v7 as uuidv7 } from 'uuid';
import { crmActivitySink } from '../../electron/core/journal/activity-sink.js';
import { JournalClient } from '../../electron/core/journal/journal-client.js';
import type { NewAction } from '../../electron/core/journal/journal-records.js';
import { JournalStore } from '../../electron/core/journal/journal-store.js';
import { JournalSync } from '../../electron/core/journal/journal-sync.js';
import { compileTopicRules, loadTopicRules } from '../../electron/core/journal/topic-rules.js';
import { silentLogger } from '../../electron/core/log.js';
import { systemClock } from '../../electron/core/ports.js';
import { ActivityCrmServer } from '../fakes/activity-crm-server.js';
import { HttpActivityCrm } from '../fakes/http-activity-crm.js';
import { writeBenchResult } from './bench-result.js';

const COMMITS = 5_000;
const SYNCED = 20_000;
const CRM_BATCH = 50;

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'cti-bench-journal-'));
const rulesFile = loadTopicRules(join(root, 'resources', 'topic-rules.json'));

const STEPS = [
  { section: 'call', action: 'rang', details: { from: '+74951234567', queue: 'support' } },
  { section: 'card', action: 'shown', details: { matches: 1 } },
  { section: 'order', action: 'viewed', details: { orderId: 'o-18231', number: 'A-18231', status: 'shipped', amount: 12490, currency: 'RUB' } },
  { section: 'note', action: 'saved', details: { text: 'Courier will call an hour before delivery' } },
  { section: 'call', action: 'ended', details: { reason: 'completed', talkSeconds: 143 } },
] as const;

function sampleAction(i: number): NewAction {
  const step = STEPS[i % STEPS.length]!;
  return { startedAt: 1_790_000_000_000 + i * 1000, callId: `1790000000.${Math.floor(i / STEPS.length)}`, section: step.section, action: step.action, details: { ...step.details }, operator: '101', customerRef: `c-${i % 997}`, source: 'auto' };
}

/**
 * Durable single-action commits, interleaved: one through the store, one raw insert of the same
 * row (same UUIDv7 id format, same JSON) into a table of the same shape with the same pragmas,
 * alternating which goes first, so both see the same disk at the same moment.
 */
function commitRates(): { store: number; raw: number } {
  const store = JournalStore.open({ path: join(work, 'store.sqlite'), sinks: ['crm'], topicRules: compileTopicRules(rulesFile) });
  const db = new Database(join(work, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE actions (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, started_at INTEGER NOT NULL, ended_at INTEGER,
    call_id TEXT, section TEXT NOT NULL, action TEXT NOT NULL, topic TEXT, details TEXT NOT NULL, operator TEXT NOT NULL, customer_ref TEXT, source TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO actions (id, started_at, call_id, section, action, details, operator, customer_ref, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rawCommit = (a: NewAction) => insert.run(uuidv7(), a.startedAt, a.callId, a.section, a.action, JSON.stringify(a.details), a.operator, a.customerRef, a.source);
  let storeMs = 0;
  let rawMs = 0;
  for (let i = 0; i < COMMITS; i++) {
    const forStore = sampleAction(i);
    const forRaw = sampleAction(i);
    const timeStore = () => {
      const t = performance.now();
      store.record(forStore);
      storeMs += performance.now() - t;
    };
    const timeRaw = () => {
      const t = performance.now();
      rawCommit(forRaw);
      rawMs += performance.now() - t;
    };
    if (i % 2) (timeStore(), timeRaw());
    else (timeRaw(), timeStore());
  }
  store.close();
  db.close();
  return { store: COMMITS / (storeMs / 1000), raw: COMMITS / (rawMs / 1000) };
}

const commits = commitRates();

// The journal worker as the app runs it: its own bundle, SQLite off the calling thread.
const workerPath = join(root, 'dist', 'bench', 'journal-worker.mjs');
await build({ entryPoints: [join(root, 'electron/core/journal/journal-worker.ts')], outfile: workerPath, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
const journal = await JournalClient.open({ workerPath, path: join(work, 'synced.sqlite'), sinks: ['crm'], topicRules: rulesFile });
let t = performance.now();
for (let i = 0; i < COMMITS; i++) await journal.record(sampleAction(i));
const clientRate = COMMITS / ((performance.now() - t) / 1000);
for (let i = COMMITS; i < SYNCED; i++) await journal.record(sampleAction(i));

const server = await ActivityCrmServer.start();
const crm = new HttpActivityCrm({ url: server.url, maxActivityBatch: CRM_BATCH });
const sync = new JournalSync({ journal, sink: crmActivitySink(crm), clock: systemClock, log: silentLogger });
t = performance.now();
await sync.start();
while ((await journal.sinkStatus('crm')).pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
const syncRate = SYNCED / ((performance.now() - t) / 1000);
await sync.stop();
await crm.close();
await server.close();
if (server.activities.size !== SYNCED) throw new Error(`the CRM holds ${server.activities.size} of ${SYNCED} actions`);
await journal.close();

const synced = new Database(join(work, 'synced.sqlite'));
synced.pragma('wal_checkpoint(TRUNCATE)');
synced.close();
const bytesPer100k = Math.round((statSync(join(work, 'synced.sqlite')).size / SYNCED) * 100_000);
rmSync(work, { recursive: true, force: true });

const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
writeBenchResult(
  'journal',
  {
    'journal.commit_ratio_vs_raw': round(commits.store / commits.raw, 3),
    'journal.commits_per_s': round(commits.store),
    'journal.raw_commits_per_s': round(commits.raw),
    'journal.worker_commits_per_s': round(clientRate),
    'sync.actions_per_s': round(syncRate),
    'journal.bytes_per_100k_actions': bytesPer100k,
  },
  {
    commits: COMMITS,
    synced_actions: SYNCED,
    crm_batch: CRM_BATCH,
    size_measured_on: `${SYNCED} synced actions (WAL checkpointed), scaled to 100k`,
    disk: tmpdir(),
  },
);
