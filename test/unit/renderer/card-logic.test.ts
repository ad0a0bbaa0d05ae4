import { describe, expect, it } from 'vitest';
import { callbackNumber, cardCalls, chooseCall } from '../../../renderer/src/common/calls.js';
import { dueAtOf, localInputValue } from '../../../renderer/src/card/callback-due.js';
import { nextSort, sortOrders } from '../../../renderer/src/card/orders-sort.js';
import { call, order, snapshot } from './fixtures.js';

describe('card logic', () => {
  it('lists calls on the card: active first, then ended, once each', () => {
    const a = call('a');
    const s = snapshot({ activeCalls: [a], recentCalls: [call('b', { phase: 'ended' }), call('c', { phase: 'ended', onCard: false }), a] });
    expect(cardCalls(s).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('keeps the operator\'s pick, but a new ringing call replaces an ended one', () => {
    const ended = call('old', { phase: 'ended', seq: 1 });
    const talking = call('talk', { phase: 'connected', seq: 2 });
    const ringing = call('new', { phase: 'ringing', seq: 3 });
    expect(chooseCall([ended, ringing], 'old', new Set(['old']))?.id).toBe('new');
    expect(chooseCall([talking, ringing], 'talk', new Set(['talk']))?.id).toBe('talk');
    expect(chooseCall([ended, ringing], 'old', new Set(['old', 'new']))?.id).toBe('old');
    expect(chooseCall([ended, talking], null, new Set())?.id).toBe('talk');
    expect(chooseCall([], null, new Set())).toBeUndefined();
  });

  it('calls back the E.164 number, never a withheld one', () => {
    expect(callbackNumber(call('a'))).toBe('+79161234567');
    expect(callbackNumber(call('a', { remote: { raw: '205', display: '205', kind: 'internal' } }))).toBe('205');
    expect(callbackNumber(call('a', { remote: { raw: 'anonymous', display: 'anonymous', kind: 'anonymous' } }))).toBeUndefined();
  });

  it('sorts orders by any column, ties keeping the CRM order', () => {
    const orders = [order(0, { amount: 5 }), order(1, { amount: 50, date: order(0).date }), order(2, { amount: 1 })];
    expect(sortOrders(orders, { key: 'date', dir: 'desc' }).map((o) => o.id)).toEqual(['o0', 'o1', 'o2']);
    expect(sortOrders(orders, { key: 'amount', dir: 'desc' }).map((o) => o.id)).toEqual(['o1', 'o0', 'o2']);
    expect(sortOrders(orders, { key: 'number', dir: 'asc' }).map((o) => o.id)).toEqual(['o0', 'o1', 'o2']);
    expect(nextSort({ key: 'date', dir: 'desc' }, 'date')).toEqual({ key: 'date', dir: 'asc' });
    expect(nextSort({ key: 'date', dir: 'desc' }, 'number')).toEqual({ key: 'number', dir: 'asc' });
  });
});

describe('when a call back set from the card is due', () => {
  const now = new Date(2026, 10, 23, 17, 40).getTime(); // local time
  it('adds the preset to now, or takes tomorrow at 10:00, or the typed local time', () => {
    expect(dueAtOf('15m', now, '')).toBe(now + 15 * 60_000);
    expect(dueAtOf('1h', now, '')).toBe(now + 3_600_000);
    expect(dueAtOf('3h', now, '')).toBe(now + 3 * 3_600_000);
    expect(dueAtOf('tomorrow', now, '')).toBe(new Date(2026, 10, 24, 10, 0).getTime());
    expect(dueAtOf('tomorrow', new Date(2026, 11, 31, 9, 0).getTime(), '')).toBe(new Date(2027, 0, 1, 10, 0).getTime());
    expect(dueAtOf('custom', now, '2026-11-25T09:15')).toBe(new Date(2026, 10, 25, 9, 15).getTime());
    expect(dueAtOf('custom', now, '')).toBeUndefined();
    expect(dueAtOf('custom', now, 'tomorrow')).toBeUndefined();
    expect(localInputValue(new Date(2026, 0, 5, 8, 7).getTime())).toBe('2026-01-05T08:07');
  });
});
