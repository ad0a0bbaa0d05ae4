import { afterEach, describe, expect, it } from 'vitest';
import { crmActivitySink } from '../../../electron/core/journal/activity-sink.js';
import { inProcessJournal } from '../../../electron/core/journal/journal-api.js';
import type { JournalStore } from '../../../electron/core/journal/journal-store.js';
import { JournalSync } from '../../../electron/core/journal/journal-sync.js';
import { silentLogger } from '../../../electron/core/log.js';
import { ActivityCrmServer, CRM_FAULTS } from '../../fakes/activity-crm-server.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { HttpActivityCrm } from '../../fakes/http-activity-crm.js';
import { action, journalFixtures } from '../../unit/journal/journal-fixtures.js';
import { pumpUntilDelivered } from './sync-pump.js';

const fx = journalFixtures();
let server: ActivityCrmServer | undefined;
let sync: JournalSync | undefined;
afterEach(async () => {
  await sync?.stop();
  await server?.close();
  sync = server = undefined;
  fx.cleanup();
});

function startSync(store: JournalStore, crm: HttpActivityCrm, clock: FakeClock): JournalSync {
  sync = new JournalSync({
    journal: inProcessJournal(store),
    sink: crmActivitySink(crm),
    clock,
    log: silentLogger,
    backoff: { baseMs: 200, capMs: 5_000, minMs: 50 },
  });
  return sync;
}

describe('CRM faults (loopback HTTP)', () => {
  it('delivers every action exactly once, in order per call, while 30% of requests fail every way a CRM can', async () => {
    server = await ActivityCrmServer.start({ faultRate: 0.3, seed: 20261122, retryAfterSeconds: 2 });
    const crm = new HttpActivityCrm({ url: server.url, maxActivityBatch: 30, timeoutMs: 100 });
    const clock = new FakeClock();
    const store = fx.open();
    const CALLS = 60;
    const recorded = Array.from({ length: 600 }, (_, i) =>
      store.record(action({ callId: `L${i % CALLS}`, section: i % 10 === 3 ? 'order' : 'card', action: 'viewed', details: { i, status: 'shipped' } })),
    );
    const s = startSync(store, crm, clock);
    await s.start();
    await pumpUntilDelivered(s, clock);

    expect(await s.stats()).toMatchObject({ pending: 0, dead: 0, state: 'idle' });
    // Each action exactly once, with the id the journal stored for it.
    expect(server.activities.size).toBe(recorded.length);
    const remote = new Map(store.history({ limit: 1000 }).items.map((i) => [i.id, i.remoteIds.crm]));
    for (const r of recorded) expect(server.activities.get(r.id)?.crmId).toBe(remote.get(r.id));
    // Resends happened (2xx lost after the CRM stored it) and repeated the first payload exactly.
    expect(server.duplicates).toBeGreaterThan(0);
    expect(server.conflicts).toBe(0);
    for (const fault of CRM_FAULTS) expect(server.faultCounts[fault], fault).toBeGreaterThan(0);
    // Per call, the CRM received the records in the journal's order.
    for (let c = 0; c < CALLS; c++) {
      const arrived = [...server.activities.values()].filter((a) => a.activity.callId === `L${c}`).sort((a, b) => a.order - b.order);
      expect(arrived.map((a) => a.activity.seq)).toEqual(arrived.map((a) => a.activity.seq).sort((a, b) => a - b));
    }
  }, 60_000);

  it('pauses on refused credentials and dead-letters what the CRM rejects, then delivers both once fixed', async () => {
    let invalidCustomer = true;
    server = await ActivityCrmServer.start({
      token: 'old-token',
      refuse: (a) => (invalidCustomer && a.customerRef === 'c-404' ? 'customer c-404 does not exist' : undefined),
    });
    const crm = new HttpActivityCrm({ url: server.url, token: 'expired', maxActivityBatch: 5 });
    const clock = new FakeClock();
    const store = fx.open();
    store.record(action({ customerRef: 'c-1' }));
    const bad = store.record(action({ customerRef: 'c-404' }));
    const s = startSync(store, crm, clock);
    await s.start();
    await expect.poll(async () => (await s.stats()).state).toBe('paused');
    expect((await s.stats()).problem).toMatch(/^crm refused the credentials: logActivity http:\/\/127\.0\.0\.1:\d+\/activities: HTTP 401/);
    expect(server.activities.size).toBe(0);

    server.token = 'expired'; // IT fixed the CRM side
    s.resume();
    await pumpUntilDelivered(s, clock);
    expect(await s.stats()).toMatchObject({ pending: 0, dead: 1 });
    expect(store.deadLetters()[0]).toMatchObject({ error: expect.stringContaining('HTTP 422 {"error":"customer c-404 does not exist"}'), record: { id: bad.id } });

    invalidCustomer = false; // the operator fixed the customer in the CRM
    store.retryDead({ actionId: bad.id });
    s.resume();
    await pumpUntilDelivered(s, clock);
    expect(await s.stats()).toMatchObject({ pending: 0, dead: 0 });
    expect(server.activities.get(bad.id)?.activity.customerRef).toBe('c-404');
  }, 30_000);
});
