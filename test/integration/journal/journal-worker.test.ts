import { writeFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crmActivitySink } from '../../../electron/core/journal/activity-sink.js';
import { JournalClient } from '../../../electron/core/journal/journal-client.js';
import { JournalError } from '../../../electron/core/journal/journal-error.js';
import { JOURNAL_SCHEMA_VERSION } from '../../../electron/core/journal/journal-schema.js';
import { JournalSync } from '../../../electron/core/journal/journal-sync.js';
import { loadTopicRules } from '../../../electron/core/journal/topic-rules.js';
import { silentLogger } from '../../../electron/core/log.js';
import { systemClock } from '../../../electron/core/ports.js';
import { ActivityCrmServer } from '../../fakes/activity-crm-server.js';
import { HttpActivityCrm } from '../../fakes/http-activity-crm.js';
import { action, DEFAULT_RULES_PATH, journalFixtures } from '../../unit/journal/journal-fixtures.js';
import { bundleForNode } from './bundle-for-node.js';
import Database from 'better-sqlite3';

const fx = journalFixtures();
const clients: JournalClient[] = [];
let workerPath: string;
let server: ActivityCrmServer | undefined;

beforeAll(async () => {
  // The worker exactly as shipped: its own bundle, loaded by path.
  workerPath = await bundleForNode('electron/core/journal/journal-worker.ts', fx.dir(), 'journal-worker');
}, 60_000);

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await server?.close();
  server = undefined;
});

async function open(path = fx.path()) {
  const client = await JournalClient.open({ workerPath, path, sinks: ['crm'], topicRules: loadTopicRules(DEFAULT_RULES_PATH) });
  clients.push(client);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<JournalError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(JournalError);
  return err as JournalError;
}

describe('the journal worker', () => {
  it('records, answers queries and applies topic rules from the worker thread, in order under concurrent calls', async () => {
    const journal = await open();
    const records = await Promise.all(Array.from({ length: 200 }, (_, i) => journal.record(action({ callId: `L${i % 4}`, details: { i } }))));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await journal.record(action({ callId: 'L1', section: 'contact', action: 'created' }))).topic).toBe('New customer');
    expect(await journal.callTopic('L1')).toEqual({ topic: 'New customer', source: 'rules' });
    const page = await journal.history({ callId: 'L1', limit: 5 });
    expect(page.total).toBe(51);
    expect(page.items[0]).toMatchObject({ section: 'contact', sync: { crm: 'pending' } });
    expect(await journal.exportCsv({ callId: 'L2' })).toMatch(/^\uFEFFid,seq,/);
    expect(await journal.integrityCheck()).toEqual(['ok']);
  });

  it('brings errors across the thread boundary with their kind and message', async () => {
    const journal = await open();
    const bad = await rejection(journal.record({ ...action(), section: 'nope' } as never));
    expect(bad.kind).toBe('invalid-input');
    expect(bad.message).toMatch(/^journal action rejected: section: .*\(got "nope"\)$/);
    expect((await rejection(journal.retryDead({ actionId: 'missing' }))).kind).toBe('not-found');
    // The worker is still fine afterwards.
    expect((await journal.record(action())).seq).toBe(1);
  });

  it('reports a damaged file it moved aside, and refuses a newer journal without touching it', async () => {
    const damaged = fx.path();
    writeFileSync(damaged, 'not sqlite at all '.repeat(300));
    const journal = await open(damaged);
    expect(journal.recovered?.movedTo).toMatch(/journal\.sqlite\.corrupt-\d{8}-\d{6}$/);
    expect((await journal.record(action())).seq).toBe(1);

    const newer = fx.path();
    const db = new Database(newer);
    db.pragma(`application_id = ${0x43544a4c}`);
    db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 5}`);
    db.close();
    const err = await rejection(open(newer));
    expect(err.kind).toBe('newer-schema');
  });

  it('says so when the worker cannot start, and refuses calls once closed', async () => {
    const err = await rejection(JournalClient.open({ workerPath: join(fx.dir(), 'missing-worker.mjs'), path: fx.path(), sinks: ['crm'] }));
    expect(err).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/journal worker .*missing-worker\.mjs could not start/) });
    const journal = await open();
    await journal.close();
    expect(await rejection(journal.record(action()))).toMatchObject({ kind: 'unavailable', message: 'the journal is closed' });
  });

  it('starts a new worker on the next call when the old one died, on the same file', async () => {
    const journal = await open();
    await journal.record(action());
    const worker = (journal as unknown as { worker: Worker }).worker;
    await worker.terminate();
    expect((await journal.record(action())).seq).toBe(2);
    expect((await journal.history()).total).toBe(2);
  });

  it('feeds the sync: actions recorded through the worker reach the CRM once', async () => {
    server = await ActivityCrmServer.start();
    const journal = await open();
    const sync = new JournalSync({ journal, sink: crmActivitySink(new HttpActivityCrm({ url: server.url })), clock: systemClock, log: silentLogger });
    const ids = (await Promise.all(Array.from({ length: 50 }, () => journal.record(action())))).map((r) => r.id);
    await sync.start();
    await expect.poll(async () => (await sync.stats()).pending, { timeout: 10_000 }).toBe(0);
    await sync.stop();
    expect([...server.activities.keys()].sort()).toEqual(ids.sort());
    expect((await journal.history({ limit: 50 })).items.every((i) => i.sync.crm === 'sent' && i.remoteIds.crm?.startsWith('act-'))).toBe(true);
  });
});
