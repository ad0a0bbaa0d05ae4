import { afterEach, describe, expect, it } from 'vitest';
import type { ContactDraft, CustomerMatch } from '../../shared/contract/schemas.js';
import type { CrmAdapter } from '../../electron/core/ports.js';
import { flushPromises } from '../fakes/fake-clock.js';
import { startHarness, wrapCrm, type Harness } from '../fakes/core-harness.js';
import { ScriptedPbx } from '../fakes/scripted-pbx.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(crm?: (real: CrmAdapter) => CrmAdapter, config = {}) {
  const pbx = new ScriptedPbx();
  h = await startHarness({ pbx: () => pbx, crm, config });
  return { pbx, h };
}

const ring = (pbx: ScriptedPbx, callId: string, remote: string) =>
  pbx.emitCall({ type: 'ringing', callId, at: 1_000, direction: 'inbound', remote, queue: 'support' });

/** Two real customers of the sample CRM answer to one number. */
function sharedNumber(real: CrmAdapter, shared: string, refs: [string, string]): CrmAdapter {
  return wrapCrm(real, {
    findByPhone: async (e164, options) => {
      if (e164 !== shared) return real.findByPhone(e164, options);
      const cards = await Promise.all(refs.map((r) => real.getCard(r)));
      return cards.map((c): CustomerMatch => ({ ref: c.ref, kind: 'contact', name: c.name, company: c.company }));
    },
  });
}

describe('card actions', () => {
  it('lets the operator pick one of several customers, and pops that one for the next call from the number', async () => {
    const shared = '+74951112233';
    const { pbx, h } = await start((real) => sharedNumber(real, shared, ['3', '7']));
    ring(pbx, 'M1', shared);
    await flushPromises();
    let lookup = h.core.snapshot().activeCalls[0]!.lookup;
    expect(lookup.status).toBe('multiple');
    await expect(h.api.chooseCustomer({ callId: 'M1', ref: '999' })).rejects.toThrow(/not one of the matches/);

    await h.api.chooseCustomer({ callId: 'M1', ref: '7' });
    await flushPromises();
    lookup = h.core.snapshot().activeCalls[0]!.lookup;
    expect(lookup.status === 'found' && lookup.card.ref).toBe('7');

    pbx.emitCall({ type: 'ended', callId: 'M1', at: 2_000, reason: 'completed' });
    ring(pbx, 'M2', shared);
    await flushPromises();
    lookup = h.core.snapshot().activeCalls[0]!.lookup;
    expect(lookup.status === 'found' && lookup.card.ref).toBe('7');
  });

  it('creates a contact for an unknown caller once, however often the operator saves, and then shows it', async () => {
    const created: Array<{ draft: ContactDraft; key: string }> = [];
    const contacts = new Map<string, string>(); // idempotency key -> ref
    const unknown = '+74959876543';
    const { pbx, h } = await start((real) =>
      wrapCrm(real, {
        capabilities: { ...real.capabilities, createContact: true },
        createContact: async (draft, key) => {
          created.push({ draft, key });
          if (!contacts.has(key)) contacts.set(key, '5');
          return { ref: contacts.get(key)! };
        },
        findByPhone: async (e164, options) =>
          e164 === unknown && contacts.size > 0 ? [{ ref: '5', kind: 'contact', name: 'New' }] : real.findByPhone(e164, options),
      }),
    );
    ring(pbx, 'U1', '8 (495) 987-65-43');
    await flushPromises();
    expect(h.core.snapshot().activeCalls[0]!.lookup.status).toBe('not-found');

    // The renderer cannot pick another number: the call's own number is used.
    const draft = { name: 'Ирина Новикова', phone: '+10000000000', city: 'Москва' };
    const first = await h.api.createContact({ callId: 'U1', draft });
    await flushPromises();
    expect(first).toEqual({ ref: '5' });
    expect(created[0]!.draft).toMatchObject({ name: 'Ирина Новикова', phone: unknown });
    const lookup = h.core.snapshot().activeCalls[0]!.lookup;
    expect(lookup.status === 'found' && lookup.card.ref).toBe('5');
    // Saving again for the same call (e.g. a double click that raced) is refused by the core
    // once the card is filled, and the CRM would dedupe it by the same key anyway.
    await expect(h.api.createContact({ callId: 'U1', draft })).rejects.toThrow(/unknown caller/);
    expect(new Set(created.map((c) => c.key)).size).toBe(1);
  });

  it('rejects a contact draft without a name before it reaches the core', async () => {
    const { pbx, h } = await start();
    ring(pbx, 'U2', '+74959876500');
    await flushPromises();
    await expect(h.api.createContact({ callId: 'U2', draft: { name: '  ', phone: '' } })).rejects.toThrow(/name is required/);
  });

  it('says in plain words when the CRM cannot create contacts', async () => {
    const { pbx, h } = await start((real) => wrapCrm(real, { capabilities: { ...real.capabilities, createContact: false } }));
    ring(pbx, 'U3', '+74959876501');
    await flushPromises();
    await expect(h.api.createContact({ callId: 'U3', draft: { name: 'A', phone: '' } })).rejects.toThrow(/cannot create contacts/);
  });

  it('hangs up and transfers through the PBX, only for calls in progress', async () => {
    const { pbx, h } = await start();
    ring(pbx, 'T1', '+74950001122');
    await h.api.transfer({ callId: 'T1', target: '102', kind: 'blind' });
    await h.api.transfer({ callId: 'T1', target: '103', kind: 'attended' });
    await h.api.hangup({ callId: 'T1' });
    expect(pbx.commands).toEqual([
      { type: 'blindTransfer', callId: 'T1', target: '102' },
      { type: 'attendedTransfer', callId: 'T1', target: '103' },
      { type: 'hangup', callId: 'T1' },
    ]);
    await expect(h.api.hangup({ callId: 'nope' })).rejects.toThrow(/not in progress/);
    await expect(h.api.transfer({ callId: 'T1', target: '10; rm -rf', kind: 'blind' })).rejects.toThrow(/only digits/);
  });

  it('reports what the PBX can do, and refuses what it cannot', async () => {
    const pbx = new ScriptedPbx();
    Object.assign(pbx.capabilities, { hangup: false, attendedTransfer: false });
    h = await startHarness({ pbx: () => pbx });
    expect(h.core.snapshot().capabilities).toMatchObject({ hangup: false, attendedTransfer: false, blindTransfer: true, hold: false });
    ring(pbx, 'C1', '+74950001123');
    await expect(h.api.hangup({ callId: 'C1' })).rejects.toThrow(/cannot hang up/);
    await expect(h.api.transfer({ callId: 'C1', target: '102', kind: 'attended' })).rejects.toThrow(/cannot make attended transfers/);
  });

  it('pages through the order history', async () => {
    const { h } = await start();
    const ref = (await h.crm.findByPhone(h.crm.samplePhones(1)[0]!))[0]!.ref;
    const all = await h.crm.listOrders(ref, { limit: 100 });
    const page = await h.api.loadOrders({ ref, offset: 1, limit: 2 });
    expect(page.orders).toEqual(all.slice(1, 3));
  });
});

describe('callback tasks in the core', () => {
  it('turns a missed call into a task, calls back in one click, and closes it when the callback is answered', async () => {
    const { pbx, h } = await start();
    const e164 = h.crm.samplePhones(3)[2]!;
    const [customer] = await h.crm.findByPhone(e164);
    ring(pbx, 'X1', e164);
    await flushPromises();
    pbx.emitCall({ type: 'ended', callId: 'X1', at: 20_000, reason: 'abandoned' });
    ring(pbx, 'X2', 'anonymous');
    pbx.emitCall({ type: 'ended', callId: 'X2', at: 21_000, reason: 'missed' });
    await flushPromises();
    const [task, ...others] = h.core.snapshot().callbacks;
    expect(others).toEqual([]); // the withheld number cannot be called back
    expect(task).toMatchObject({ e164, status: 'open', missedCount: 1, customerName: customer!.name, customerRef: customer!.ref });

    const { callId } = await h.api.callBack({ taskId: task!.id });
    expect(pbx.commands).toEqual([{ type: 'originate', number: e164 }]);
    pbx.emitCall({ type: 'ringing', callId, at: 30_000, direction: 'outbound', remote: e164 });
    pbx.emitCall({ type: 'answered', callId, at: 32_000 });
    await flushPromises();
    expect(h.core.snapshot().callbacks).toEqual([expect.objectContaining({ id: task!.id, status: 'done', doneBy: 'answered' })]);
    await expect(h.api.completeCallback({ taskId: task!.id })).rejects.toThrow(/not open/);
  });

  it('says in every window, and in a notification, when the PBX could not place a click-to-call; the next dial clears it', async () => {
    const { pbx, h } = await start();
    await h.api.dial({ number: '+74951234567' });
    pbx.emitAgent({ type: 'dial-failed', number: '+74951234567', reason: 'no-answer', at: h.clock.now() });
    await flushPromises();
    expect(h.core.snapshot().dialFailure).toEqual({ number: '+7 495 123 45 67', reason: 'no-answer', at: h.clock.now() });
    expect(h.notes.at(-1)).toMatchObject({ kind: 'dial-failed', body: '+7 495 123 45 67' });

    await h.api.dial({ number: '+74951234567' });
    await flushPromises();
    expect(h.core.snapshot().dialFailure).toBeUndefined();

    pbx.emitAgent({ type: 'dial-failed', number: '101', reason: 'unavailable', at: h.clock.now() });
    await flushPromises();
    expect(h.core.snapshot().dialFailure?.reason).toBe('unavailable');
    await h.clock.advance(60_000); // shown for a minute
    await flushPromises();
    expect(h.core.snapshot().dialFailure).toBeUndefined();
  });

  it('lets the operator mark a task done', async () => {
    const { pbx, h } = await start();
    ring(pbx, 'Y1', '+74951230000');
    pbx.emitCall({ type: 'ended', callId: 'Y1', at: 20_000, reason: 'missed' });
    await flushPromises();
    const task = h.core.snapshot().callbacks[0]!;
    await h.api.completeCallback({ taskId: task.id });
    expect(h.core.snapshot().callbacks[0]).toMatchObject({ status: 'done', doneBy: 'manual' });
    await expect(h.api.callBack({ taskId: 'gone' })).rejects.toThrow(/no longer exists/);
  });

  it('sets a call back from the card for a time, reminds the operator then, and journals it', async () => {
    const pbx = new ScriptedPbx();
    h = await startHarness({ pbx: () => pbx, journal: true });
    const e164 = h.crm.samplePhones(4)[3]!;
    const [customer] = await h.crm.findByPhone(e164);
    ring(pbx, 'T1', e164);
    pbx.emitCall({ type: 'answered', callId: 'T1', at: 2_000 });
    await flushPromises();
    const now = h.clock.now();
    await expect(h.api.scheduleCallback({ callId: 'T1', dueAt: now - 120_000 })).rejects.toThrow(/already passed/);
    await expect(h.api.scheduleCallback({ callId: 'T1', dueAt: now + 15 * 86_400_000 })).rejects.toThrow(/two weeks/);
    await expect(h.api.scheduleCallback({ callId: 'nope', dueAt: now + 60_000 })).rejects.toThrow(/no longer known/);

    const task = await h.api.scheduleCallback({ callId: 'T1', dueAt: now + 3_600_000, note: '  send the invoice copy ' });
    expect(task).toMatchObject({ e164, status: 'open', missedCount: 0, dueAt: now + 3_600_000, note: 'send the invoice copy', customerName: customer!.name, customerRef: customer!.ref });
    expect(h.core.snapshot().callbacks).toEqual([task]);

    await h.clock.advance(3_600_000 - 1);
    expect(h.notes).toEqual([]);
    await h.clock.advance(1);
    expect(h.notes).toEqual([{ kind: 'callback-due', title: 'Time to call back', body: `${customer!.name}: send the invoice copy`, target: { kind: 'callback-task', taskId: task.id } }]);

    const journaled = await h.api.history({ filter: {}, limit: 50, offset: 0 });
    expect(journaled.items.find((i) => i.section === 'callback')).toMatchObject({ action: 'created', callId: 'T1', customerRef: customer!.ref, details: { task: { id: task.id, dueAt: now + 3_600_000 } } });
    expect(h.core.snapshot().activeCalls[0]!.topic).toEqual({ name: 'Callback', source: 'auto' });
  });

  it('does not remind about a task that was done before it was due, nor set one for a withheld number', async () => {
    const pbx = new ScriptedPbx();
    h = await startHarness({ pbx: () => pbx });
    ring(pbx, 'W1', '+74951230001');
    ring(pbx, 'W2', 'anonymous');
    await flushPromises();
    await expect(h.api.scheduleCallback({ callId: 'W2', dueAt: h.clock.now() + 60_000 })).rejects.toThrow(/withheld/);
    const task = await h.api.scheduleCallback({ callId: 'W1', dueAt: h.clock.now() + 60_000 });
    await h.api.completeCallback({ taskId: task.id });
    await h.clock.advance(120_000);
    expect(h.notes).toEqual([]);
  });
});
