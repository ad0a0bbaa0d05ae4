import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkNdjsonSink } from '../../../electron/core/journal/bulk-ndjson-sink.js';
import { inProcessJournal } from '../../../electron/core/journal/journal-api.js';
import type { JournalStore } from '../../../electron/core/journal/journal-store.js';
import { JournalSync } from '../../../electron/core/journal/journal-sync.js';
import { silentLogger } from '../../../electron/core/log.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { action, journalFixtures } from '../../unit/journal/journal-fixtures.js';
import { pumpUntilDelivered } from './sync-pump.js';

type Doc = Record<string, unknown> & { id: string };
type Answer = { status: number; headers?: Record<string, string>; body: string };

/**
 * An Elasticsearch-style `_bulk` endpoint on 127.0.0.1: `index` operations in NDJSON, one
 * result per item. `whole` may answer a request as a whole; `item` picks an item's status.
 */
class BulkCollector {
  readonly docs = new Map<string, Doc>();
  readonly requests: { headers: IncomingMessage['headers']; lines: unknown[] }[] = [];
  whole: (n: number) => Answer | undefined = () => undefined;
  item: (doc: Doc) => number = () => 201;
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
        this.requests.push({ headers: req.headers, lines });
        const answer = this.whole(this.requests.length);
        if (answer) {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          return res.end(answer.body);
        }
        const items = [];
        for (let i = 0; i < lines.length; i += 2) {
          const op = (lines[i] as { index: { _index: string; _id: string } }).index;
          const doc = lines[i + 1] as Doc;
          const status = this.item(doc);
          if (status < 300) this.docs.set(op._id, doc);
          items.push({ index: { _index: op._index, _id: op._id, status, ...(status >= 300 ? { error: { type: 'mapper_parsing_exception', reason: `failed to parse field [details] (${status})` } } : {}) } });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ took: 1, errors: items.some((i) => i.index.status >= 300), items }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/_bulk`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const fx = journalFixtures();
let collector: BulkCollector | undefined;
let sync: JournalSync | undefined;
afterEach(async () => {
  await sync?.stop();
  await collector?.close();
  sync = collector = undefined;
  fx.cleanup();
});

async function setup(options: { maxBatch?: number } = {}) {
  collector = await new BulkCollector().start();
  const clock = new FakeClock();
  const store: JournalStore = fx.open({ sinks: ['crm', 'analytics'] });
  const sink = bulkNdjsonSink({
    url: collector.url(),
    headers: { authorization: 'ApiKey c2VjcmV0' },
    maxBatch: options.maxBatch ?? 50,
    timeoutMs: 2_000,
  });
  sync = new JournalSync({ journal: inProcessJournal(store), sink, clock, log: silentLogger, backoff: { baseMs: 100, capMs: 1_000, minMs: 10 } });
  return { collector, clock, store, sync };
}

describe('analytics sink: NDJSON to a _bulk endpoint', () => {
  it('indexes each action under its own id in its own outbox, leaving the CRM outbox alone', async () => {
    const { collector, clock, store, sync } = await setup({ maxBatch: 4 });
    const recorded = Array.from({ length: 10 }, (_, i) => store.record(action({ callId: `L${i % 3}`, details: { i, text: 'Привет, "мир"\n' } })));
    await sync.start();
    await pumpUntilDelivered(sync, clock);

    expect(collector.requests.map((r) => r.lines.length / 2)).toEqual([4, 4, 2]);
    const first = collector.requests[0]!;
    expect(first.headers['content-type']).toBe('application/x-ndjson');
    expect(first.headers.authorization).toBe('ApiKey c2VjcmV0');
    expect(first.lines[0]).toEqual({ index: { _index: 'cti-actions', _id: recorded[0]!.id } });
    expect(first.lines[1]).toEqual({ '@timestamp': new Date(recorded[0]!.startedAt).toISOString(), ...recorded[0]! });
    expect([...collector.docs.keys()].sort()).toEqual(recorded.map((r) => r.id).sort());
    expect(store.sinkStatus('analytics')).toMatchObject({ pending: 0, dead: 0 });
    expect(store.sinkStatus('crm')).toMatchObject({ pending: 10 });
    expect(store.history().items[0]).toMatchObject({ sync: { crm: 'pending', analytics: 'sent' }, remoteIds: { analytics: recorded.at(-1)!.id } });
  });

  it('dead-letters the items the collector refuses, retries the ones it was too busy for, and counts a conflict as stored', async () => {
    const { collector, clock, store, sync } = await setup();
    const [ok, refused, busy, conflict] = ['ok', 'refused', 'busy', 'conflict'].map((kind) => store.record(action({ details: { kind } })));
    let busyOnce = true;
    collector.item = (doc) => {
      const kind = (doc.details as { kind: string }).kind;
      if (kind === 'refused') return 400;
      if (kind === 'busy' && busyOnce) return (busyOnce = false), 429;
      if (kind === 'conflict') return 409;
      return 201;
    };
    await sync.start();
    await pumpUntilDelivered(sync, clock);
    expect(collector.requests.map((r) => r.lines.length / 2)).toEqual([4, 1]);
    expect(store.deadLetters({ sink: 'analytics' })).toEqual([
      expect.objectContaining({ record: expect.objectContaining({ id: refused!.id }), error: expect.stringMatching(/refused action .*: mapper_parsing_exception: failed to parse field \[details\] \(400\)$/) }),
    ]);
    const states = Object.fromEntries(store.history().items.map((i) => [i.id, i.sync.analytics]));
    expect(states).toEqual({ [ok!.id]: 'sent', [refused!.id]: 'dead', [busy!.id]: 'sent', [conflict!.id]: 'sent' });
  });

  it('keeps everything queued when the whole request fails, honours Retry-After, and pauses on 401', async () => {
    const { collector, clock, store, sync } = await setup();
    store.record(action());
    const answers: Answer[] = [
      { status: 503, headers: { 'retry-after': '7' }, body: '{"error":"cluster_block_exception"}' },
      { status: 404, body: '{"error":"no such index"}' },
      { status: 200, body: '{"took":1,"errors":false}' },
      { status: 200, body: '{"took":1,"errors":false,"items":[]}' },
      { status: 401, body: '{"error":"security_exception"}' },
    ];
    collector.whole = (n) => answers[n - 1];
    await sync.start();
    await expect.poll(async () => (await sync.stats()).state).toBe('retrying');
    const afterRetryAfter = await sync.stats();
    expect(afterRetryAfter.retryAt! - clock.now()).toBe(7_000);
    expect(afterRetryAfter.lastError).toMatch(/^log collector http:\/\/127\.0\.0\.1:\d+\/_bulk answered HTTP 503: \{"error":"cluster_block_exception"\}$/);
    for (const expected of [/answered HTTP 404/, /sent a _bulk answer that is not understood/, /answered for 0 of 1 actions/]) {
      await clock.advance((await sync.stats()).retryAt! - clock.now());
      await expect.poll(async () => (await sync.stats()).lastError).toMatch(expected);
      expect(store.sinkStatus('analytics')).toMatchObject({ pending: 1, dead: 0 });
    }
    await clock.advance((await sync.stats()).retryAt! - clock.now());
    await expect.poll(async () => (await sync.stats()).state).toBe('paused');
    const paused = await sync.stats();
    expect(paused.problem).toMatch(/^analytics refused the credentials: log collector .* answered HTTP 401/);

    collector.whole = () => undefined;
    sync.resume();
    await pumpUntilDelivered(sync, clock);
    expect(collector.docs.size).toBe(1);
  });

  it('refuses a URL that cannot work or carries a password, without repeating the password', () => {
    expect(() => bulkNdjsonSink({ url: 'logs.example.local/_bulk' })).toThrow(/not a valid URL; give the full _bulk address/);
    expect(() => bulkNdjsonSink({ url: 'ftp://logs.example.local/_bulk' })).toThrow(/must start with http:\/\/ or https:\/\/ \(got ftp:\)/);
    let message = '';
    try {
      bulkNdjsonSink({ url: 'https://elastic:hunter2@logs.example.local:9200/_bulk' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('the analytics sink URL https://logs.example.local:9200/_bulk must not contain a user name or password: keep the credentials in the OS secret store and pass them as a header');
  });
});
