import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalError } from '../../../electron/core/journal/journal-error.js';
import { action, journalFixtures, T0 } from './journal-fixtures.js';

const fx = journalFixtures();
afterEach(() => fx.cleanup());

const DAY = 86_400_000;

function rawCounts(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      actions: (db.prepare('SELECT COUNT(*) AS n FROM actions').get() as { n: number }).n,
      outbox: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('recording actions', () => {
  it('gives each action a UUIDv7 id and the next sequence number, with one pending outbox row per sink, durable at once', () => {
    const path = fx.path();
    const store = fx.open({ path, sinks: ['crm', 'analytics'] });
    const a = store.record(action({ callId: 'L1', section: 'call', action: 'rang', details: { from: '+74951234567' } }));
    const b = store.record(action({ callId: 'L1', section: 'call', action: 'answered' }));
    expect(isUuid(a.id) && uuidVersion(a.id)).toBe(7);
    expect(b.seq).toBe(a.seq + 1);
    expect(a).toMatchObject({ callId: 'L1', section: 'call', action: 'rang', details: { from: '+74951234567' }, operator: '101', source: 'auto' });
    store.close();

    const again = fx.open({ path, sinks: ['crm', 'analytics'] });
    const page = again.history();
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(page.items[1]!.sync).toEqual({ crm: 'pending', analytics: 'pending' });
    expect(again.sinkStatus('crm')).toMatchObject({ pending: 2, dead: 0, lastSuccessAt: undefined });
  });

  it('refuses malformed input with a line naming the field, and stores nothing', () => {
    const path = fx.path();
    const store = fx.open({ path });
    const bad = { ...action(), section: 'ordr' } as never;
    expect(() => store.record(bad)).toThrow(JournalError);
    expect(() => store.record(bad)).toThrow(/journal action rejected: section: .*"ordr"/);
    expect(() => store.record(action({ startedAt: T0, endedAt: T0 - 1 }))).toThrow(/endedAt: must not be before startedAt/);
    expect(() => store.record({ ...action(), colour: 'red' } as never)).toThrow(/colour: unknown field/);
    expect(() => store.record(action({ details: { big: 'x'.repeat(40_000) } }))).toThrow(/details: must be JSON of at most/);
    expect(rawCounts(path)).toEqual({ actions: 0, outbox: 0 });
  });

  it('writes the action and its outbox rows in one transaction: a failure between them leaves neither', () => {
    const path = fx.path();
    let fail = false;
    const store = fx.open({
      path,
      sinks: ['crm', 'analytics'],
      probe: (point) => {
        if (point === 'record' && fail) throw new Error('power cut');
      },
    });
    store.record(action());
    fail = true;
    expect(() => store.record(action())).toThrow(/power cut/);
    fail = false;
    store.record(action());
    expect(rawCounts(path)).toEqual({ actions: 2, outbox: 4 });
  });
});

describe('call topics', () => {
  it('takes the highest-priority rule any action of the call matched, whatever the order', () => {
    const store = fx.open();
    const viewedShipped = store.record(action({ callId: 'L1', section: 'order', action: 'viewed', details: { status: 'shipped' } }));
    expect(viewedShipped.topic).toBe('Delivery');
    const invoice = store.record(action({ callId: 'L1', section: 'invoice', action: 'viewed' }));
    expect(invoice.topic).toBe('Billing'); // 60 beats 50
    const processing = store.record(action({ callId: 'L1', section: 'order', action: 'viewed', details: { status: 'processing' } }));
    expect(processing.topic).toBe('Billing'); // 40 does not beat 60
    expect(store.callTopic('L1')).toEqual({ topic: 'Billing', source: 'rules' });
    expect(store.history({ callId: 'L1' }).items.map((i) => i.topic)).toEqual(['Billing', 'Billing', 'Billing']);
    // Another call has its own topic; an action outside any call keeps the topic its own rule gives.
    expect(store.record(action({ callId: 'L2', section: 'contact', action: 'created' })).topic).toBe('New customer');
    expect(store.record(action({ section: 'order', action: 'returned' })).topic).toBe('Returns');
    expect(store.record(action({ section: 'card', action: 'shown' })).topic).toBeUndefined();
  });

  it("lets the operator's choice win over every later rule, records the change as an action, and gives the rules back on null", () => {
    const store = fx.open();
    store.record(action({ callId: 'L1', section: 'order', action: 'viewed', details: { status: 'delivered' } }));
    const chosen = store.setCallTopic({ callId: 'L1', topic: 'Warranty', operator: '101', customerRef: 'c-7', at: T0 + 100 });
    expect(chosen.topic).toEqual({ topic: 'Warranty', source: 'operator' });
    expect(chosen.record).toMatchObject({ section: 'call', action: 'topic', source: 'manual', topic: 'Warranty', customerRef: 'c-7', details: { topic: 'Warranty', previous: 'Delivery', chosenBy: 'operator' } });
    // A higher-priority rule later in the call does not override the operator.
    expect(store.record(action({ callId: 'L1', section: 'contact', action: 'created' })).topic).toBe('Warranty');
    // Choosing the same topic again is not a change.
    expect(store.setCallTopic({ callId: 'L1', topic: 'Warranty', operator: '101', at: T0 + 200 }).record).toBeUndefined();
    const back = store.setCallTopic({ callId: 'L1', topic: null, operator: '101', at: T0 + 300 });
    expect(back.topic).toEqual({ topic: 'New customer', source: 'rules' });
    expect(back.record?.details).toEqual({ topic: 'New customer', previous: 'Warranty', chosenBy: 'rules' });
    expect(store.history({ callId: 'L1' }).items.every((i) => i.topic === 'New customer')).toBe(true);
  });

  it('keeps the topic it had when changing it fails half-way', () => {
    let fail = false;
    const store = fx.open({
      probe: (point) => {
        if (point === 'record' && fail) throw new Error('disk went away');
      },
    });
    store.record(action({ callId: 'L1', section: 'invoice', action: 'viewed' }));
    fail = true;
    expect(() => store.setCallTopic({ callId: 'L1', topic: 'Warranty', operator: '101', at: T0 })).toThrow(/disk went away/);
    expect(() => store.record(action({ callId: 'L1', section: 'contact', action: 'created' }))).toThrow(/disk went away/);
    fail = false;
    expect(store.callTopic('L1')).toEqual({ topic: 'Billing', source: 'rules' });
    expect(store.record(action({ callId: 'L1', section: 'card', action: 'shown' })).topic).toBe('Billing');
  });

  it('sends a record with the topic it had when first handed to a sink, and the new topic in a later record', () => {
    const store = fx.open();
    const rang = store.record(action({ callId: 'L1', section: 'call', action: 'rang' }));
    const viewed = store.record(action({ callId: 'L1', section: 'order', action: 'viewed', details: { status: 'shipped' } }));
    // Not sent yet: the first record already carries the call's current topic.
    const first = store.claim({ sink: 'crm', limit: 1 });
    expect(first.map((r) => [r.id, r.topic])).toEqual([[rang.id, 'Delivery']]);
    // The operator changes the topic while that send is out (it may have reached the CRM).
    const { record: change } = store.setCallTopic({ callId: 'L1', topic: 'Complaint', operator: '101', at: T0 + 50 });
    // A retry under the same idempotency key sends exactly what was sent before…
    expect(store.claim({ sink: 'crm', limit: 1 }).map((r) => [r.id, r.topic])).toEqual([[rang.id, 'Delivery']]);
    store.settle({ sink: 'crm', now: T0 + 60, outcomes: [{ seq: rang.seq, status: 'sent', remoteId: 'crm-1' }] });
    // …and everything not yet sent, ending with the change itself, carries the new topic.
    expect(store.claim({ sink: 'crm', limit: 10 }).map((r) => [r.id, r.topic])).toEqual([
      [viewed.id, 'Complaint'],
      [change!.id, 'Complaint'],
    ]);
    // The history always shows the call's current topic.
    expect(store.history({ callId: 'L1' }).items.map((i) => i.topic)).toEqual(['Complaint', 'Complaint', 'Complaint']);
  });
});

describe('outbox', () => {
  it('hands out pending actions oldest first, stores results, keeps dead letters with the message and retries them by id', () => {
    const store = fx.open({ sinks: ['crm', 'analytics'] });
    const [a, b, c] = [store.record(action()), store.record(action()), store.record(action())];
    expect(store.claim({ sink: 'crm', limit: 2 }).map((r) => r.seq)).toEqual([a!.seq, b!.seq]);
    store.settle({
      sink: 'crm',
      now: T0 + 1000,
      outcomes: [
        { seq: a!.seq, status: 'sent', remoteId: 'crm-a' },
        { seq: b!.seq, status: 'dead', error: 'HTTP 422: customer c-9 does not exist' },
        { seq: c!.seq, status: 'failed', error: 'HTTP 503', nextAttemptAt: T0 + 5000 },
      ],
    });
    expect(store.sinkStatus('crm')).toEqual({ sink: 'crm', pending: 1, dead: 1, lastSuccessAt: T0 + 1000, lastError: 'HTTP 503', lastErrorAt: T0 + 1000, nextAttemptAt: T0 + 5000 });
    // Other sinks keep their own state.
    expect(store.sinkStatus('analytics')).toMatchObject({ pending: 3, dead: 0 });
    expect(store.history().items.find((i) => i.id === a!.id)).toMatchObject({ sync: { crm: 'sent', analytics: 'pending' }, remoteIds: { crm: 'crm-a' } });
    expect(store.history().items.find((i) => i.id === b!.id)?.remoteIds).toEqual({});

    const dead = store.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ sink: 'crm', error: 'HTTP 422: customer c-9 does not exist', attempts: 1, record: { id: b!.id } });
    expect(store.claim({ sink: 'crm', limit: 10 }).map((r) => r.seq)).toEqual([c!.seq]);

    expect(store.retryDead({ actionId: b!.id })).toBe(1);
    expect(store.deadLetters()).toEqual([]);
    expect(store.claim({ sink: 'crm', limit: 10 }).map((r) => r.seq)).toEqual([b!.seq, c!.seq]);
    expect(() => store.retryDead({ actionId: a!.id })).toThrow(/no dead letter for action .*: it was delivered, is still queued, or does not exist/);
  });

  it('never turns a delivered action back into a pending or dead one', () => {
    const store = fx.open();
    const a = store.record(action());
    store.settle({ sink: 'crm', now: T0, outcomes: [{ seq: a.seq, status: 'sent', remoteId: 'x' }] });
    store.settle({ sink: 'crm', now: T0, outcomes: [{ seq: a.seq, status: 'dead', error: 'late answer' }] });
    expect(store.history().items[0]!.sync).toEqual({ crm: 'sent' });
    expect(store.sinkStatus('crm')).toMatchObject({ pending: 0, dead: 0 });
  });
});

describe('history', () => {
  function seeded() {
    const store = fx.open();
    const day = (d: number, h = 0) => T0 + d * DAY + h * 3_600_000;
    // Call L1 (customer c-1 known from the card onwards), a day later call L2 (c-2), then a note about c-1.
    store.record(action({ startedAt: day(0), callId: 'L1', section: 'call', action: 'rang' }));
    store.record(action({ startedAt: day(0, 1), callId: 'L1', section: 'card', action: 'shown', customerRef: 'c-1' }));
    store.record(action({ startedAt: day(0, 2), callId: 'L1', section: 'order', action: 'viewed', customerRef: 'c-1', details: { status: 'shipped' } }));
    store.record(action({ startedAt: day(1), callId: 'L2', section: 'call', action: 'rang' }));
    store.record(action({ startedAt: day(1, 1), callId: 'L2', section: 'invoice', action: 'viewed', customerRef: 'c-2' }));
    store.record(action({ startedAt: day(2), section: 'note', action: 'saved', customerRef: 'c-1', details: { text: 'asked again, "urgent", see order 12,5' } }));
    return { store, day };
  }

  it('filters by date range, customer (whole calls), topic, call and section, newest first with paging and a total', () => {
    const { store, day } = seeded();
    expect(store.history({ from: day(1), to: day(2) }).items.map((i) => i.action)).toEqual(['viewed', 'rang']);
    expect(store.history({ customerRef: 'c-1' }).items.map((i) => `${i.section}/${i.action}`)).toEqual(['note/saved', 'order/viewed', 'card/shown', 'call/rang']);
    expect(store.history({ topic: 'Billing' }).items.map((i) => i.callId)).toEqual(['L2', 'L2']);
    expect(store.history({ callId: 'L1', section: 'card' }).total).toBe(1);
    const first = store.history({ limit: 4 });
    const second = store.history({ limit: 4, offset: 4 });
    expect(first.total).toBe(6);
    expect(second.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((i) => i.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(() => store.history({ limit: 0 })).toThrow(/history query rejected: limit/);
  });

  it('exports well-formed CSV that a CSV parser reads back field for field', () => {
    const { store } = seeded();
    store.record(action({ section: 'note', action: 'saved', customerRef: '=HYPERLINK("x")', details: { text: 'Жалоба:\r\nдоставка "опоздала"' } }));
    const csv = store.exportCsv({ customerRef: '=HYPERLINK("x")' });
    expect(csv.startsWith('\uFEFFid,seq,started_at')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details!)).toEqual({ text: 'Жалоба:\r\nдоставка "опоздала"' });
    expect(rows[0]!.customer_ref).toBe(`'=HYPERLINK("x")`); // kept as text by spreadsheets
    expect(rows[0]!.topic).toBe('Complaint');

    const all = parse(store.exportCsv().slice(1), { columns: true }) as Record<string, string>[];
    expect(all).toHaveLength(7);
    expect(all.find((r) => r.section === 'note' && r.customer_ref === 'c-1')?.details).toBe(JSON.stringify({ text: 'asked again, "urgent", see order 12,5' }));
    expect(all.at(-1)).toMatchObject({ seq: '1', call_id: 'L1', started_at: new Date(T0).toISOString(), sync: 'crm:pending' });
  });
});

describe('retention', () => {
  it('purges delivered actions older than the retention, never undelivered ones', () => {
    const store = fx.open();
    const old = (days: number) => T0 - days * DAY;
    const sentOld = store.record(action({ startedAt: old(100), callId: 'L-old', section: 'invoice', action: 'viewed' }));
    const pendingOld = store.record(action({ startedAt: old(100) }));
    const deadOld = store.record(action({ startedAt: old(95) }));
    const sentRecent = store.record(action({ startedAt: old(10) }));
    store.settle({
      sink: 'crm',
      now: T0,
      outcomes: [
        { seq: sentOld.seq, status: 'sent', remoteId: '1' },
        { seq: deadOld.seq, status: 'dead', error: 'HTTP 400' },
        { seq: sentRecent.seq, status: 'sent', remoteId: '2' },
      ],
    });
    expect(store.purge({ now: T0 })).toBe(1); // 90 days by default
    expect(store.history().items.map((i) => i.id).sort()).toEqual([pendingOld.id, deadOld.id, sentRecent.id].sort());
    expect(store.callTopic('L-old')).toEqual({ topic: undefined, source: undefined });
    expect(store.purge({ now: T0, retentionDays: 5 })).toBe(1);
    expect(store.history().total).toBe(2);
  });
});
