import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../shared/domain/activity.js';
import { CrmError } from '../../../electron/core/crm/crm-error.js';
import { crmActivitySink, type ActivitySink, type DeliveryOutcome } from '../../../electron/core/journal/activity-sink.js';
import { inProcessJournal, type Journal } from '../../../electron/core/journal/journal-api.js';
import { JournalError } from '../../../electron/core/journal/journal-error.js';
import { JournalSync, type SyncState } from '../../../electron/core/journal/journal-sync.js';
import { silentLogger } from '../../../electron/core/log.js';
import type { CrmAdapter } from '../../../electron/core/ports.js';
import { FakeClock, flushPromises } from '../../fakes/fake-clock.js';
import { action, journalFixtures } from './journal-fixtures.js';

const fx = journalFixtures();
const syncs: JournalSync[] = [];
afterEach(async () => {
  for (const s of syncs.splice(0)) await s.stop();
  fx.cleanup();
});

const BACKOFF = { baseMs: 1_000, capMs: 8_000, minMs: 100 };

/** A sink that answers each record with `respond` and remembers every delivery. */
class ScriptedSink implements ActivitySink {
  readonly name = 'crm';
  readonly calls: { at: number; ids: string[] }[] = [];
  respond: (record: ActivityRecord) => DeliveryOutcome = (r) => ({ status: 'sent', remoteId: `crm-${r.seq}` });

  constructor(
    private readonly clock: FakeClock,
    readonly maxBatch = 3,
  ) {}

  async deliver(batch: readonly ActivityRecord[]): Promise<DeliveryOutcome[]> {
    this.calls.push({ at: this.clock.now(), ids: batch.map((r) => r.id) });
    return batch.map((r) => this.respond(r));
  }

  get attempts(): number[] {
    return this.calls.map((c) => c.at);
  }
}

const transient = (retryAfterMs?: number) => ({ status: 'failed' as const, error: new CrmError('transient', 'CRM answered HTTP 503', { status: 503, retryAfterMs }) });

function setup(options: { maxBatch?: number; journal?: (j: Journal) => Journal } = {}) {
  const clock = new FakeClock();
  const store = fx.open();
  const journal = (options.journal ?? ((j) => j))(inProcessJournal(store));
  const sink = new ScriptedSink(clock, options.maxBatch);
  const makeSync = () => {
    const sync = new JournalSync({ journal, sink, clock, log: silentLogger, backoff: BACKOFF, random: () => 0.5, pollMs: 30_000 });
    syncs.push(sync);
    return sync;
  };
  const sync = makeSync();
  const record = (n: number, overrides = {}) => Array.from({ length: n }, () => store.record(action(overrides)));
  const state = async (s = sync): Promise<SyncState> => (await s.stats()).state;
  return { clock, store, sink, sync, makeSync, record, state };
}

describe('journal sync', () => {
  it('delivers pending actions oldest first in batches of at most the sink maximum, and stores the sink ids', async () => {
    const { store, sink, sync, record, clock } = setup({ maxBatch: 3 });
    const recorded = record(7);
    await sync.start();
    await flushPromises();
    expect(sink.calls.map((c) => c.ids)).toEqual([recorded.slice(0, 3), recorded.slice(3, 6), recorded.slice(6)].map((b) => b.map((r) => r.id)));
    expect(store.history({ limit: 10 }).items.every((i) => i.sync.crm === 'sent')).toBe(true);
    expect(await sync.stats()).toMatchObject({ pending: 0, dead: 0, lastSuccessAt: clock.now(), state: 'idle', problem: undefined });
  });

  it('sends new actions when notified, and finds un-notified ones on its idle check', async () => {
    const { sink, sync, record, clock } = setup();
    await sync.start();
    await flushPromises();
    record(1);
    sync.notify();
    await flushPromises();
    expect(sink.calls).toHaveLength(1);
    record(1);
    await clock.advance(29_999);
    expect(sink.calls).toHaveLength(1);
    await clock.advance(1);
    expect(sink.calls).toHaveLength(2);
  });

  it('waits out transient failures with capped exponential backoff, keeping the error, then carries on', async () => {
    const { store, sink, sync, record, clock, state } = setup();
    record(2);
    sink.respond = () => transient();
    const t0 = clock.now();
    await sync.start();
    await flushPromises();
    for (let i = 0; i < 6; i++) await clock.advance(8_000);
    // Jitter fixed at 0.5: 100 + 0.5 × (ceiling − 100), ceilings 1 s, 2 s, 4 s, then the 8 s cap.
    const gaps = sink.attempts.map((at, i) => at - (sink.attempts[i - 1] ?? t0));
    expect(gaps.slice(0, 6)).toEqual([0, 550, 1_050, 2_050, 4_050, 4_050]);
    expect(await state()).toBe('retrying');
    const stats = await sync.stats();
    expect(stats).toMatchObject({ pending: 2, lastError: 'CRM answered HTTP 503', retryAt: expect.any(Number) });
    expect(stats.nextAttemptAt).toBe(stats.retryAt);

    sink.respond = (r) => ({ status: 'sent', remoteId: `crm-${r.seq}` });
    await clock.advance(8_000);
    expect(store.sinkStatus('crm').pending).toBe(0);
    expect(await state()).toBe('idle');
    // A fresh failure starts the backoff from the bottom again.
    record(1);
    sink.respond = () => transient();
    const before = sink.calls.length;
    sync.notify();
    await flushPromises();
    await clock.advance(550);
    expect(sink.calls.length - before).toBe(2);
  });

  it("honours the sink's Retry-After when it is longer than the backoff", async () => {
    const { sink, sync, record, clock } = setup();
    record(1);
    let first = true;
    sink.respond = (r) => (first ? ((first = false), transient(30_000)) : { status: 'sent', remoteId: `crm-${r.seq}` });
    await sync.start();
    await flushPromises();
    await clock.advance(29_999);
    expect(sink.calls).toHaveLength(1);
    await clock.advance(1);
    expect(sink.calls).toHaveLength(2);
  });

  it('remembers a Retry-After across a restart', async () => {
    const { sink, sync, makeSync, record, clock } = setup();
    record(1);
    sink.respond = () => transient(60_000);
    await sync.start();
    await flushPromises();
    await sync.stop();
    await clock.advance(10_000);
    const again = makeSync();
    await again.start();
    await flushPromises();
    expect(sink.calls).toHaveLength(1);
    expect((await again.stats()).state).toBe('retrying');
    await clock.advance(50_000);
    expect(sink.calls).toHaveLength(2);
  });

  it("turns a refused action into a dead letter with the sink's message, delivers the rest, and retries it on request", async () => {
    const { store, sink, sync, record } = setup({ maxBatch: 10 });
    const [a, b, c] = record(3);
    let refuse = true;
    sink.respond = (r) =>
      r.id === b!.id && refuse
        ? { status: 'failed', error: new CrmError('permanent', 'CRM refused: field "customer" unknown id c-404', { status: 422 }) }
        : { status: 'sent', remoteId: `crm-${r.seq}` };
    await sync.start();
    await flushPromises();
    expect(await sync.stats()).toMatchObject({ pending: 0, dead: 1, state: 'idle' });
    expect(store.deadLetters()).toEqual([expect.objectContaining({ error: 'CRM refused: field "customer" unknown id c-404', record: expect.objectContaining({ id: b!.id }) })]);
    expect(store.history().items.filter((i) => i.sync.crm === 'sent').map((i) => i.id).sort()).toEqual([a!.id, c!.id].sort());

    refuse = false;
    store.retryDead({ actionId: b!.id });
    sync.resume();
    await flushPromises();
    expect(await sync.stats()).toMatchObject({ pending: 0, dead: 0 });
    expect(sink.calls.at(-1)!.ids).toEqual([b!.id]);
  });

  it('pauses when the sink refuses the credentials, and goes on at once when resumed', async () => {
    const { sink, sync, record, clock } = setup();
    record(2);
    sink.respond = () => ({ status: 'failed', error: new CrmError('auth', 'CRM answered HTTP 401: token expired', { status: 401 }) });
    await sync.start();
    await flushPromises();
    await clock.advance(10 * 60_000);
    expect(sink.calls).toHaveLength(1);
    expect(await sync.stats()).toMatchObject({ state: 'paused', pending: 2, problem: 'crm refused the credentials: CRM answered HTTP 401: token expired' });

    sink.respond = (r) => ({ status: 'sent', remoteId: `crm-${r.seq}` });
    sync.resume();
    await flushPromises();
    expect(await sync.stats()).toMatchObject({ state: 'idle', pending: 0, problem: undefined });
  });

  it('tries again at once after a restart that followed a credentials pause', async () => {
    const { sink, sync, makeSync, record } = setup();
    record(1);
    sink.respond = () => ({ status: 'failed', error: new CrmError('auth', 'HTTP 401', { status: 401 }) });
    await sync.start();
    await flushPromises();
    await sync.stop();
    sink.respond = (r) => ({ status: 'sent', remoteId: `crm-${r.seq}` });
    const restarted = makeSync();
    await restarted.start();
    await flushPromises();
    expect(sink.calls).toHaveLength(2);
    expect(await restarted.stats()).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('resends a batch whose results could not be stored, under the same ids', async () => {
    let failSettle = true;
    const { store, sink, sync, record, clock } = setup({
      journal: (j) => ({
        ...j,
        settle: async (s) => {
          if (failSettle) {
            failSettle = false;
            throw new JournalError('disk-full', 'the action journal is full');
          }
          return j.settle(s);
        },
      }),
    });
    const [a] = record(1);
    await sync.start();
    await flushPromises();
    expect(await sync.stats()).toMatchObject({ state: 'retrying', pending: 1, problem: expect.stringContaining('the action journal is full') });
    await clock.advance(1_000);
    expect(sink.calls.map((c) => c.ids)).toEqual([[a!.id], [a!.id]]);
    expect(store.sinkStatus('crm').pending).toBe(0);
  });
});

describe('the CRM as a sink', () => {
  /** A CRM whose logActivity answers only when the test says so. */
  function gatedCrm(maxActivityBatch: number) {
    const waiting: { record: ActivityRecord; key: string; resolve: () => void; reject: (e: Error) => void }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const crm = {
      kind: 'gated',
      capabilities: { createContact: false, logActivity: true, interactions: false, invoices: false, maxActivityBatch },
      logActivity(record: ActivityRecord, key: string) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return new Promise<{ crmId: string }>((resolve, reject) => {
          waiting.push({
            record,
            key,
            resolve: () => (inFlight--, resolve({ crmId: `crm-${record.seq}` })),
            reject: (e) => (inFlight--, reject(e)),
          });
        });
      },
    } as unknown as CrmAdapter;
    return { crm, waiting, maxInFlight: () => maxInFlight };
  }

  it("sends one call's records one after another in order, different calls in parallel, up to the CRM's batch size", async () => {
    const { crm, waiting, maxInFlight } = gatedCrm(4);
    const sink = crmActivitySink(crm);
    expect(sink).toMatchObject({ name: 'crm', maxBatch: 4 });
    const store = fx.open();
    const rec = (callId: string) => store.record(action({ callId }));
    const batch = [rec('A'), rec('B'), rec('A'), rec('C'), rec('A')];
    const done = sink.deliver(batch);
    await flushPromises();
    expect(waiting.map((w) => w.record.seq)).toEqual([batch[0]!.seq, batch[1]!.seq, batch[3]!.seq]);
    expect(waiting.every((w) => w.key === w.record.id)).toBe(true);
    // Answer out of order: call A's second record goes out only after its first is answered.
    waiting[2]!.resolve();
    waiting[1]!.resolve();
    await flushPromises();
    expect(waiting).toHaveLength(3);
    waiting[0]!.resolve();
    await flushPromises();
    expect(waiting.map((w) => w.record.seq).slice(3)).toEqual([batch[2]!.seq]);
    waiting[3]!.resolve();
    await flushPromises();
    waiting[4]!.resolve();
    expect((await done).map((o) => o.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(maxInFlight()).toBeLessThanOrEqual(3);
  });

  it("stops a call's records at its first failure and leaves the rest queued as they were", async () => {
    const { crm, waiting } = gatedCrm(10);
    const store = fx.open();
    const batch = [store.record(action({ callId: 'A' })), store.record(action({ callId: 'A' })), store.record(action({ callId: 'B' }))];
    const done = crmActivitySink(crm).deliver(batch);
    await flushPromises();
    waiting[0]!.reject(new Error('socket hang up'));
    waiting[1]!.resolve();
    const outcomes = await done;
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { kind: 'transient', message: 'gated CRM logActivity: socket hang up' } });
    expect(outcomes.slice(1)).toEqual([{ status: 'skipped' }, { status: 'sent', remoteId: `crm-${batch[2]!.seq}` }]);
  });
});
