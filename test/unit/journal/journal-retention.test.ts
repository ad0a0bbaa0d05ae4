import { afterEach, describe, expect, it } from 'vitest';
import { inProcessJournal } from '../../../electron/core/journal/journal-api.js';
import { scheduleRetention } from '../../../electron/core/journal/journal-retention.js';
import { silentLogger } from '../../../electron/core/log.js';
import { FakeClock, flushPromises } from '../../fakes/fake-clock.js';
import { action, journalFixtures } from './journal-fixtures.js';

const fx = journalFixtures();
afterEach(() => fx.cleanup());

const DAY = 86_400_000;

describe('retention schedule', () => {
  it('purges delivered actions past the retention at start and then daily', async () => {
    const clock = new FakeClock();
    const store = fx.open();
    const deliver = (startedAt: number) => {
      const a = store.record(action({ startedAt }));
      store.settle({ sink: 'crm', now: clock.now(), outcomes: [{ seq: a.seq, status: 'sent', remoteId: String(a.seq) }] });
      return a;
    };
    deliver(clock.now() - 31 * DAY);
    const young = deliver(clock.now() - 29 * DAY - 1);
    const unsent = store.record(action({ startedAt: clock.now() - 400 * DAY }));

    const retention = scheduleRetention(inProcessJournal(store), { clock, log: silentLogger, retentionDays: 30 });
    await flushPromises();
    expect(store.history().items.map((i) => i.id).sort()).toEqual([young.id, unsent.id].sort());
    await clock.advance(DAY - 1);
    expect(store.history().total).toBe(2);
    await clock.advance(1);
    expect(store.history().items.map((i) => i.id)).toEqual([unsent.id]);
    retention.stop();
    expect(clock.pending()).toBe(0);
  });
});
