import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CrmAdapter } from '../../electron/core/ports.js';
import { flushPromises } from '../fakes/fake-clock.js';
import { startHarness, wrapCrm, type Harness } from '../fakes/core-harness.js';
import { ScriptedPbx } from '../fakes/scripted-pbx.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function scripted(config = {}, crm?: (real: CrmAdapter) => CrmAdapter) {
  const pbx = new ScriptedPbx();
  h = await startHarness({ pbx: () => pbx, config, crm });
  return { pbx, h };
}

describe('screen pop', () => {
  it('shows the frame at once, then fills the card with the known customer and orders', async () => {
    const { pbx, h } = await scripted();
    const e164 = h.crm.samplePhones(5)[4]!;
    const [match] = await h.crm.findByPhone(e164);
    pbx.emitCall({ type: 'ringing', callId: 'L1', at: h.clock.now(), direction: 'inbound', remote: e164.slice(1), queue: 'support' });

    const frame = h.core.snapshot().activeCalls[0]!;
    expect(frame).toMatchObject({ id: 'L1', phase: 'ringing', onCard: true, remote: { e164, kind: 'external' } });
    expect(frame.lookup.status).toBe('looking');
    expect(h.windows.shown).toBe(1);

    await flushPromises();
    const filled = (await h.api.getSnapshot()).activeCalls[0]!;
    expect(filled.lookup.status).toBe('found');
    if (filled.lookup.status !== 'found') throw new Error('unreachable');
    expect(filled.lookup.card.name).toBe(match!.name);
    expect(filled.lookup.card.orders.length).toBe(Math.min(20, filled.lookup.card.ordersTotal));
    expect(filled.lookup.card.manager).toBeTruthy();
  });

  it('names the customer as soon as the number matches, before the card\'s details arrive', async () => {
    let release: () => void = () => {};
    const { pbx, h } = await scripted({}, (real) =>
      wrapCrm(real, { getCard: async (ref) => (await new Promise<void>((r) => (release = r)), real.getCard(ref)) }),
    );
    const e164 = h.crm.samplePhones(3)[2]!;
    const [match] = await h.crm.findByPhone(e164);
    pbx.emitCall({ type: 'ringing', callId: 'M1', at: 1, direction: 'inbound', remote: e164 });
    await flushPromises();
    expect(h.core.snapshot().activeCalls[0]!.lookup).toEqual({ status: 'matched', match });
    await expect(h.api.retryLookup({ callId: 'M1' })).rejects.toThrow(/No lookup to retry/); // still on its way
    release();
    await flushPromises();
    const lookup = h.core.snapshot().activeCalls[0]!.lookup;
    expect(lookup.status).toBe('found');
    if (lookup.status === 'found') expect(lookup.card).toMatchObject({ ref: match!.ref, name: match!.name });
  });

  it('keeps a few ended calls as tabs when calls come back to back, and only their details in the snapshot', async () => {
    const { pbx, h } = await scripted({ pop: { hideAfterSeconds: 60 }, presence: { wrapUpSeconds: 0 } });
    const phones = h.crm.samplePhones(6);
    for (const [i, phone] of phones.entries()) {
      pbx.emitCall({ type: 'ringing', callId: `B${i}`, at: i * 10 + 1, direction: 'inbound', remote: phone });
      await flushPromises();
      pbx.emitCall({ type: 'ended', callId: `B${i}`, at: i * 10 + 2, reason: 'completed' });
    }
    pbx.emitCall({ type: 'ringing', callId: 'B6', at: 100, direction: 'inbound', remote: phones[0]! });
    await flushPromises();
    const snap = h.core.snapshot();
    expect(snap.activeCalls.map((c) => c.id)).toEqual(['B6']);
    expect(snap.recentCalls.filter((c) => c.onCard).map((c) => c.id)).toEqual(['B5', 'B4', 'B3']);
    for (const call of snap.recentCalls) {
      if (call.lookup.status !== 'found') throw new Error(`${call.id} was not found`);
      // the day's list shows the name; orders and history only travel for calls on the card
      expect(call.lookup.card.name).toBeTruthy();
      if (!call.onCard) expect(call.lookup.card).toMatchObject({ orders: [], invoices: [], interactions: [] });
      else expect(call.lookup.card.orders.length).toBeGreaterThan(0);
    }
  });

  it('keeps one card and one lookup for repeated ring rounds, and closes it once', async () => {
    let lookups = 0;
    const { pbx, h } = await scripted({}, (real) => wrapCrm(real, { findByPhone: (n, o) => (lookups++, real.findByPhone(n, o)) }));
    const ring = { type: 'ringing' as const, callId: 'L2', direction: 'inbound' as const, remote: '+74957654321', queue: 'support' };
    pbx.emitCall({ ...ring, at: 1 });
    pbx.emitCall({ ...ring, at: 15_000 });
    pbx.emitCall({ ...ring, at: 30_000 });
    await flushPromises();
    expect(h.core.snapshot().activeCalls).toHaveLength(1);
    expect(lookups).toBe(1);
    expect(h.windows.shown).toBe(1);
    pbx.emitCall({ type: 'ended', callId: 'L2', at: 45_000, reason: 'missed' });
    await flushPromises();
    const snap = h.core.snapshot();
    expect(snap.activeCalls).toHaveLength(0);
    expect(snap.recentCalls.map((c) => [c.id, c.endReason, c.lookup.status])).toEqual([['L2', 'missed', 'not-found']]);
    const task = h.core.snapshot().callbacks[0]!;
    expect(h.notes).toEqual([{ kind: 'missed-call', title: 'Missed call', body: expect.stringContaining('+7 495 765'), target: { kind: 'callback-task', taskId: task.id } }]);
  });

  it('adds the caller\'s city and local time zone to the frame a moment after it shows', async () => {
    const { pbx, h } = await scripted();
    pbx.emitCall({ type: 'ringing', callId: 'G1', at: 1, direction: 'inbound', remote: '84232123456' });
    expect(h.core.snapshot().activeCalls[0]!.remote).toMatchObject({ e164: '+74232123456', country: 'RU' });
    await vi.waitFor(() =>
      expect(h.core.snapshot().activeCalls[0]!.remote).toMatchObject({ region: { en: 'Primorie territory' }, timeZone: 'Asia/Vladivostok' }),
    );
  });

  it('does not look up internal or withheld numbers', async () => {
    const { pbx, h } = await scripted();
    pbx.emitCall({ type: 'ringing', callId: 'I1', at: 1, direction: 'internal', remote: '102' });
    pbx.emitCall({ type: 'ringing', callId: 'A1', at: 2, direction: 'inbound', remote: 'anonymous' });
    await flushPromises();
    expect(h.core.snapshot().activeCalls.map((c) => c.lookup)).toEqual([
      { status: 'skipped', why: 'internal' },
      { status: 'skipped', why: 'anonymous' },
    ]);
  });

  it('shows what it has when the CRM is slow, offers a retry, and fills the card when the CRM answers', async () => {
    let stall = true;
    const { pbx, h } = await scripted({ pop: { lookupTimeoutMs: 1000 } }, (real) =>
      wrapCrm(real, { findByPhone: (n) => (stall ? new Promise(() => {}) : real.findByPhone(n)) }),
    );
    const e164 = h.crm.samplePhones(1)[0]!;
    pbx.emitCall({ type: 'ringing', callId: 'S1', at: 1, direction: 'inbound', remote: e164 });
    await h.clock.advance(1000);
    let snap = await h.api.getSnapshot();
    expect(snap.activeCalls[0]!.lookup).toEqual({ status: 'error', message: 'The CRM did not answer within 1.0 s' });
    expect(snap.links.crm).toBe('down');
    stall = false;
    await h.api.retryLookup({ callId: 'S1' });
    await flushPromises();
    snap = await h.api.getSnapshot();
    expect(snap.activeCalls[0]!.lookup.status).toBe('found');
    expect(snap.links.crm).toBe('up');
  });

  it('reports a failing CRM on the card instead of pretending the caller is unknown', async () => {
    const { pbx, h } = await scripted({}, (real) =>
      wrapCrm(real, {
        findByPhone: async () => {
          throw new Error('HTTP 502 from https://crm.example/api/contacts');
        },
      }));
    pbx.emitCall({ type: 'ringing', callId: 'E1', at: 1, direction: 'inbound', remote: '+74951112233' });
    await flushPromises();
    expect(h.core.snapshot().activeCalls[0]!.lookup).toEqual({ status: 'error', message: 'CRM lookup failed: HTTP 502 from https://crm.example/api/contacts' });
  });

  it('hides the card a while after the last call and its wrap-up, and lets the operator dismiss ended calls', async () => {
    const { pbx, h } = await scripted({ pop: { hideAfterSeconds: 10 }, presence: { wrapUpSeconds: 5 } });
    pbx.emitCall({ type: 'ringing', callId: 'H1', at: 1, direction: 'inbound', remote: '+74951112233' });
    pbx.emitCall({ type: 'answered', callId: 'H1', at: 2 });
    await expect(h.api.dismissCall({ callId: 'H1' })).rejects.toThrow(/still going on/);
    pbx.emitCall({ type: 'ended', callId: 'H1', at: 3, reason: 'completed' });
    expect(h.core.snapshot().agent.status).toBe('wrap-up');
    await h.clock.advance(5_000); // wrap-up ends
    expect(h.core.snapshot().agent.status).toBe('available');
    await h.clock.advance(9_000);
    expect(h.windows.hidden).toBe(0);
    await h.clock.advance(1_000);
    expect(h.windows.hidden).toBe(1);
    expect(h.core.snapshot().recentCalls[0]!.onCard).toBe(false);

    pbx.emitCall({ type: 'ringing', callId: 'H2', at: 4, direction: 'inbound', remote: '+74951112234' });
    pbx.emitCall({ type: 'ended', callId: 'H2', at: 5, reason: 'abandoned' });
    await h.api.dismissCall({ callId: 'H2' });
    expect(h.core.snapshot().recentCalls[0]!.onCard).toBe(false);
    expect(h.windows.hidden).toBe(2);
  });
});

describe('one card per call', () => {
  it('takes a call answered by a colleague off the card at once, and keeps a missed one as a missed entry', async () => {
    const { pbx, h } = await scripted();
    pbx.emitCall({ type: 'ringing', callId: 'Q1', at: 1, direction: 'inbound', remote: '+74951112233', queue: 'support' });
    pbx.emitCall({ type: 'ringing', callId: 'Q2', at: 2, direction: 'inbound', remote: '+74951112234', queue: 'support' });
    pbx.emitCall({ type: 'ended', callId: 'Q1', at: 3, reason: 'answered-elsewhere' });
    expect(h.core.snapshot().recentCalls.find((c) => c.id === 'Q1')!.onCard).toBe(false);
    expect(h.windows.hidden).toBe(0); // Q2 still rings on the card
    pbx.emitCall({ type: 'ended', callId: 'Q2', at: 4, reason: 'abandoned' });
    expect(h.core.snapshot().recentCalls.find((c) => c.id === 'Q2')!.onCard).toBe(true);
    expect(h.core.snapshot().callbacks.map((t) => t.e164)).toEqual(['+74951112234']);
  });

  it('closes the card here when the operator transfers the call away', async () => {
    const { pbx, h } = await scripted();
    pbx.emitCall({ type: 'ringing', callId: 'X1', at: 1, direction: 'inbound', remote: '+74951112233' });
    pbx.emitCall({ type: 'answered', callId: 'X1', at: 2 });
    pbx.emitCall({ type: 'ended', callId: 'X1', at: 3, reason: 'transferred-away' });
    expect(h.core.snapshot().recentCalls[0]!.onCard).toBe(false);
    expect(h.windows.hidden).toBe(1);
  });
});

describe('the card window', () => {
  it('floats while a call rings, and can be pinned or made compact from the card', async () => {
    const { pbx, h } = await scripted({ card: { size: 'compact' } });
    expect(h.core.snapshot().cardWindow).toEqual({ pinned: false, size: 'compact' });
    pbx.emitCall({ type: 'ringing', callId: 'W1', at: 1, direction: 'inbound', remote: '+74951112233' });
    pbx.emitCall({ type: 'answered', callId: 'W1', at: 2 });
    expect(h.windows.ringing).toEqual([true, false]);
    await h.api.setCardWindow({ pinned: true });
    await h.api.setCardWindow({ size: 'expanded' });
    expect(h.windows.pinned).toEqual([true]);
    expect(h.windows.sizes).toEqual(['expanded']);
    expect(h.core.snapshot().cardWindow).toEqual({ pinned: true, size: 'expanded' });
  });
});

describe('availability and commands', () => {
  it('pauses the agent on lock and restores the previous state on unlock', async () => {
    const { pbx, h } = await scripted();
    await h.api.setStatus({ status: 'not-ready', reason: 'lunch' });
    h.core.power('lock-screen');
    h.core.power('unlock-screen');
    await h.api.setStatus({ status: 'available' });
    h.core.power('lock-screen');
    expect(pbx.commands).toEqual([
      { type: 'setPaused', paused: true, reason: 'lunch' },
      { type: 'setPaused', paused: true, reason: 'screen-locked' },
      { type: 'setPaused', paused: true, reason: 'lunch' }, // unlock restores lunch
      { type: 'setPaused', paused: false, reason: undefined },
      { type: 'setPaused', paused: true, reason: 'screen-locked' },
    ]);
    expect((await h.api.getSnapshot()).agent).toMatchObject({ status: 'not-ready', reason: 'screen-locked', reasonBy: 'lock', screenLocked: true });
    h.core.power('unlock-screen');
    expect(h.core.snapshot().agent).toMatchObject({ status: 'available', screenLocked: false });
  });

  it('counts the operator on a call only once a call is answered, not while it rings', async () => {
    const { pbx, h } = await scripted();
    pbx.emitCall({ type: 'ringing', callId: 'R1', at: 1, direction: 'inbound', remote: '+74951112233' });
    await flushPromises();
    expect(h.core.snapshot().agent.status).toBe('available');
    pbx.emitCall({ type: 'answered', callId: 'R1', at: 2 });
    expect(h.core.snapshot().agent.status).toBe('on-call');
    pbx.emitCall({ type: 'ended', callId: 'R1', at: 3, reason: 'completed' });
    expect(h.core.snapshot().agent.status).toBe('wrap-up');
    await h.api.endWrapUp();
    expect(h.core.snapshot().agent.status).toBe('available');
  });

  it('shows the PBX link and a supervisor pause in the snapshot and the tray', async () => {
    const { pbx, h } = await scripted();
    pbx.emitAgent({ type: 'paused', queue: 'support', reason: 'supervisor', at: 1 });
    await flushPromises();
    expect(h.core.snapshot().agent).toMatchObject({ status: 'not-ready', reason: 'supervisor' });
    expect(h.trayStates.at(-1)).toMatchObject({ status: 'not-ready' });
    expect(h.trayStates.at(-1)!.tooltip).toContain('not-ready (supervisor)');
    pbx.emitLink('down');
    await flushPromises();
    expect(h.core.snapshot()).toMatchObject({ agent: { status: 'offline' }, links: { pbx: 'down' } });
    expect(h.trayStates.at(-1)!.status).toBe('error');
  });

  it('dials through the PBX and explains a refusal in plain words', async () => {
    const { pbx, h } = await scripted();
    await expect(h.api.dial({ number: '+79161234567' })).resolves.toEqual({ callId: 'orig-1' });
    pbx.failOriginate = 'Extension 101 is not registered';
    await expect(h.api.dial({ number: '+79161234567' })).rejects.toThrow('The PBX could not place the call: Extension 101 is not registered');
    await expect(h.api.dial({ number: 'tel:+7916;drop' } as never)).rejects.toMatchObject({ code: 'bad-input' });
  });
});
