import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CrmAdapter } from '../../electron/core/ports.js';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import { JournalStore } from '../../electron/core/journal/journal-store.js';
import { startHarness, wrapCrm, type Harness } from '../fakes/core-harness.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { ScriptedPbx } from '../fakes/scripted-pbx.js';

let harnesses: Harness[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const h of harnesses.splice(0)) await h.stop();
});

/** The sample CRM, able to log activities: what it received, in order, by idempotency key. */
function loggingCrm(received: Array<{ key: string; record: ActivityRecord }>) {
  return (real: CrmAdapter): CrmAdapter =>
    wrapCrm(real, {
      capabilities: { ...real.capabilities, logActivity: true, maxActivityBatch: 10 },
      logActivity: async (record, key) => {
        received.push({ key, record });
        return { crmId: `act-${received.length}` };
      },
    });
}

async function journaled(received: Array<{ key: string; record: ActivityRecord }> = [], extra: { dir?: string; clock?: FakeClock; config?: object } = {}) {
  const pbx = new ScriptedPbx();
  const h = await startHarness({ pbx: () => pbx, journal: true, crm: loggingCrm(received), ...extra });
  harnesses.push(h);
  return { pbx, h };
}

const kinds = (items: Array<{ section: string; action: string }>) => items.map((i) => `${i.section} ${i.action}`);

describe('the core journals what happens and syncs it to the CRM', () => {
  it('records a call from ring to end with the card shown and the status changes, and delivers each action once', async () => {
    const received: Array<{ key: string; record: ActivityRecord }> = [];
    const { pbx, h } = await journaled(received);
    const e164 = h.crm.samplePhones(1)[0]!;
    pbx.emitCall({ type: 'ringing', callId: 'J1', at: h.clock.now(), direction: 'inbound', remote: e164, queue: 'support' });
    await vi.waitFor(() => expect(h.core.snapshot().activeCalls[0]?.lookup.status).toBe('found'));
    pbx.emitCall({ type: 'answered', callId: 'J1', at: h.clock.now() + 2000 });
    pbx.emitCall({ type: 'ended', callId: 'J1', at: h.clock.now() + 62_000, reason: 'completed' });

    await vi.waitFor(async () => {
      const history = await h.api.history({ filter: {}, limit: 50, offset: 0 });
      expect(kinds(history.items).reverse()).toEqual(['status changed', 'call rang', 'card shown', 'call answered', 'status changed', 'call ended', 'status changed']);
    });
    const history = await h.api.history({ filter: {}, limit: 50, offset: 0 });
    const ended = history.items.find((i) => i.action === 'ended')!;
    expect(ended).toMatchObject({ callId: 'J1', customerRef: expect.any(String), details: { reason: 'completed', talkSeconds: 60, number: e164 } });
    const statuses = history.items.filter((i) => i.section === 'status').map((i) => i.details).reverse();
    expect(statuses).toEqual([
      expect.objectContaining({ from: 'offline', to: 'available', cause: 'pbx' }), // the PBX link came up
      expect.objectContaining({ from: 'available', to: 'on-call', cause: 'call' }),
      expect.objectContaining({ from: 'on-call', to: 'wrap-up', cause: 'call' }),
    ]);

    await vi.waitFor(() => expect(received).toHaveLength(7));
    expect(new Set(received.map((r) => r.key)).size).toBe(7);
    expect(received.map((r) => r.key)).toEqual(received.map((r) => r.record.id));
    await vi.waitFor(() => expect(h.core.snapshot().sync).toMatchObject({ pending: 0, dead: 0, state: 'idle' }));
  });

  it('derives the call topic from what the operator looked at, and lets them override it in one click', async () => {
    const { pbx, h } = await journaled();
    pbx.emitCall({ type: 'ringing', callId: 'T1', at: h.clock.now(), direction: 'inbound', remote: '+74951112233' });
    await h.api.trackView({ callId: 'T1', customerRef: '5', kind: 'order', id: 'o-1', number: 'A-1', status: 'delivered' });
    await vi.waitFor(() => expect(h.core.snapshot().activeCalls[0]!.topic).toEqual({ name: 'Delivery', source: 'auto' }));
    expect(h.core.snapshot().topics).toContain('Billing');

    await h.api.setCallTopic({ callId: 'T1', topic: 'Billing' });
    expect(h.core.snapshot().activeCalls[0]!.topic).toEqual({ name: 'Billing', source: 'manual' });
    await h.api.setCallTopic({ callId: 'T1', topic: null });
    expect(h.core.snapshot().activeCalls[0]!.topic).toEqual({ name: 'Delivery', source: 'auto' });
  });

  it('reminds about a call back set for a time after a restart, when it is due', async () => {
    const clock = new FakeClock();
    const first = await journaled([], { clock });
    first.pbx.emitCall({ type: 'ringing', callId: 'R1', at: clock.now(), direction: 'inbound', remote: '+74957654322' });
    const task = await first.h.api.scheduleCallback({ callId: 'R1', dueAt: clock.now() + 600_000, note: 'confirm delivery' });
    await vi.waitFor(async () => expect(kinds(await first.h.api.history({ filter: {}, limit: 10, offset: 0 }).then((p) => p.items))).toContain('callback created'));
    await first.h.stop();
    harnesses = harnesses.filter((x) => x !== first.h);

    const second = { h: await startHarness({ pbx: () => new ScriptedPbx(), journal: true, dir: first.h.dir, clock }) };
    harnesses.push(second.h);
    await vi.waitFor(() => expect(second.h.core.snapshot().callbacks).toEqual([task]));
    await clock.advance(600_000);
    expect(second.h.notes).toEqual([expect.objectContaining({ kind: 'callback-due', title: 'Time to call back', body: '+7 495 765 43 22: confirm delivery', target: { kind: 'callback-task', taskId: task.id } })]);
  });

  it("lists today's calls again after a restart, named as their card showed them, but not yesterday's", async () => {
    const clock = new FakeClock();
    const first = await journaled([], { clock });
    const known = first.h.crm.samplePhones(1)[0]!;
    const now = clock.now();
    const yesterday = now - 86_400_000;
    first.pbx.emitCall({ type: 'ringing', callId: 'OLD', at: yesterday, direction: 'inbound', remote: '+74950000001' });
    first.pbx.emitCall({ type: 'ended', callId: 'OLD', at: yesterday + 5_000, reason: 'missed' });
    first.pbx.emitCall({ type: 'ringing', callId: 'T1', at: now, direction: 'inbound', remote: known });
    await vi.waitFor(() => expect(first.h.core.snapshot().activeCalls[0]?.lookup.status).toBe('found'));
    first.pbx.emitCall({ type: 'answered', callId: 'T1', at: now + 3_000 });
    first.pbx.emitCall({ type: 'ended', callId: 'T1', at: now + 63_000, reason: 'completed' });
    first.pbx.emitCall({ type: 'ringing', callId: 'T2', at: now + 100_000, direction: 'outbound', remote: '+442079460958' });
    first.pbx.emitCall({ type: 'ended', callId: 'T2', at: now + 110_000, reason: 'failed' });
    const before = first.h.core.snapshot().recentCalls.filter((c) => c.id !== 'OLD');
    await vi.waitFor(async () => expect((await first.h.api.history({ filter: { from: now }, limit: 50, offset: 0 })).items.filter((i) => i.action === 'ended')).toHaveLength(2));
    await first.h.stop();
    harnesses = harnesses.filter((x) => x !== first.h);

    const second = await journaled([], { dir: first.h.dir, clock });
    await vi.waitFor(() => expect(second.h.core.snapshot().recentCalls).toHaveLength(2));
    const pick = (c: (typeof before)[number]) => ({ id: c.id, direction: c.direction, remote: c.remote.e164, ringingAt: c.ringingAt, answeredAt: c.answeredAt, endedAt: c.endedAt, endReason: c.endReason });
    expect(second.h.core.snapshot().recentCalls.map(pick)).toEqual(before.map(pick));
    const name = (before.find((c) => c.id === 'T1')!.lookup as { card: { name: string } }).card.name;
    expect(second.h.core.snapshot().recentCalls.find((c) => c.id === 'T1')!.remoteName).toBe(name);
  });

  it('keeps open callback tasks across a restart', async () => {
    const clock = new FakeClock();
    const first = await journaled([], { clock });
    first.pbx.emitCall({ type: 'ringing', callId: 'M1', at: clock.now(), direction: 'inbound', remote: '+74957654321' });
    first.pbx.emitCall({ type: 'ended', callId: 'M1', at: clock.now() + 20_000, reason: 'missed' });
    const task = first.h.core.snapshot().callbacks[0]!;
    expect(task).toMatchObject({ status: 'open', e164: '+74957654321' });
    await vi.waitFor(async () => expect(kinds((await first.h.api.history({ filter: {}, limit: 10, offset: 0 }).then((p) => p.items)))).toContain('callback created'));
    await first.h.stop();
    harnesses = harnesses.filter((x) => x !== first.h);

    const lookups: string[] = [];
    const pbx = new ScriptedPbx();
    const second = {
      h: await startHarness({
        pbx: () => pbx,
        journal: true,
        dir: first.h.dir,
        clock,
        crm: (real) => wrapCrm(loggingCrm([])(real), { findByPhone: (n, o) => (lookups.push(n), real.findByPhone(n, o)) }),
      }),
    };
    harnesses.push(second.h);
    await vi.waitFor(() => expect(second.h.core.snapshot().callbacks).toEqual([task]));
    // Today's missed callers are looked up ahead of their call back.
    await vi.waitFor(() => expect(lookups).toEqual(['+74957654321']));
    pbx.emitCall({ type: 'ringing', callId: 'M2', at: clock.now(), direction: 'inbound', remote: '+74957654321' });
    expect(second.h.core.snapshot().activeCalls[0]!.lookup.status).toBe('not-found'); // from the cache, at once
    expect(lookups).toHaveLength(1);
    await second.h.api.completeCallback({ taskId: task.id });
    expect(second.h.core.snapshot().callbacks[0]).toMatchObject({ status: 'done', doneBy: 'manual' });
  });

  it('saves a note for the CRM, exports the history as CSV, and says why when a channel needs the journal', async () => {
    const { h } = await journaled();
    await h.api.saveNote({ customerRef: '7', text: 'Asked about the invoice' });
    const csv = await h.api.exportHistory({ filter: { customerRef: '7' } });
    expect(csv.fileName).toMatch(/^cti-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.csv).toContain('Asked about the invoice');

    const pbx = new ScriptedPbx();
    const bare = await startHarness({ pbx: () => pbx });
    harnesses.push(bare);
    await expect(bare.api.history({ filter: {}, limit: 10, offset: 0 })).rejects.toThrow(/journal is not available/);
    expect(bare.core.snapshot().sync.state).toBe('off');
  });

  it('tells the tray the journal cannot save, not that the PBX is gone, and clears it once a write goes through', async () => {
    // The disk fills up while the app runs (the store's methods are bound when the journal opens).
    let diskFull = true;
    const record = JournalStore.prototype.record;
    vi.spyOn(JournalStore.prototype, 'record').mockImplementation(function (this: JournalStore, input) {
      if (diskFull && input.section === 'note') throw new Error('database or disk is full');
      return record.call(this, input);
    });
    const { h } = await journaled();
    await expect(h.api.saveNote({ customerRef: '7', text: 'Lost?' })).rejects.toThrow(/disk is full/);
    await vi.waitFor(() => expect(h.trayStates.at(-1)).toMatchObject({ status: 'error', error: 'journal', links: { pbx: 'up' } }));
    expect(h.trayStates.at(-1)!.tooltip).toContain('Journal: database or disk is full');

    diskFull = false;
    await h.api.saveNote({ customerRef: '7', text: 'Saved' });
    await vi.waitFor(() => expect(h.trayStates.at(-1)!.status).not.toBe('error'));
    expect(h.trayStates.at(-1)!.error).toBeUndefined();
  });
});
