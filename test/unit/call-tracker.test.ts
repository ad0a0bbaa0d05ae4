import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/domain/call-events.js';
import { applyCallEvent, emptyCallTracker, RECENT_CALLS_LIMIT, talkSeconds, type CallTrackerState } from '../../shared/domain/call-tracker.js';

function run(events: CallEvent[], start: CallTrackerState = emptyCallTracker) {
  let state = start;
  const changes = events.map((e) => {
    const r = applyCallEvent(state, e);
    state = r.state;
    return r.change.kind;
  });
  return { state, changes };
}

const ring = (callId: string, at = 1000, remote = '+74951234567'): CallEvent => ({
  type: 'ringing', callId, at, direction: 'inbound', remote, queue: 'support',
});

describe('call tracker', () => {
  it('follows an answered inbound call to its end with PBX-timestamp durations', () => {
    const { state, changes } = run([
      ring('c1', 1000),
      { type: 'answered', callId: 'c1', at: 3000 },
      { type: 'held', callId: 'c1', at: 5000 },
      { type: 'resumed', callId: 'c1', at: 6000 },
      { type: 'ended', callId: 'c1', at: 12_400, reason: 'completed' },
    ]);
    expect(changes).toEqual(['opened', 'updated', 'updated', 'updated', 'closed']);
    expect(state.active).toHaveLength(0);
    expect(state.recent[0]).toMatchObject({ id: 'c1', phase: 'ended', endReason: 'completed', answeredAt: 3000 });
    expect(talkSeconds(state.recent[0]!)).toBe(9);
  });

  it('keeps one call for repeated ring rounds of the same queue call', () => {
    const { state, changes } = run([ring('c1', 1000), ring('c1', 18_000), ring('c1', 35_000), { type: 'ended', callId: 'c1', at: 50_000, reason: 'missed' }]);
    expect(changes).toEqual(['opened', 'ignored', 'ignored', 'closed']);
    expect(state.recent).toHaveLength(1);
    expect(state.recent[0]!.ringingAt).toBe(1000);
  });

  it('opens a new ring episode when the same call rings again after it ended here', () => {
    const { state, changes } = run([
      ring('c1'),
      { type: 'ended', callId: 'c1', at: 2000, reason: 'answered-elsewhere' },
      { ...ring('c1', 9000), transferredBy: '101' } as CallEvent,
    ]);
    expect(changes).toEqual(['opened', 'closed', 'opened']);
    expect(state.active[0]).toMatchObject({ transferredBy: '101', seq: 2 });
  });

  it('ignores events for unknown calls and impossible transitions instead of throwing', () => {
    const { changes } = run([
      { type: 'answered', callId: 'nope', at: 1 },
      ring('c1'),
      { type: 'resumed', callId: 'c1', at: 2 },
      { type: 'held', callId: 'c1', at: 3 },
    ]);
    expect(changes).toEqual(['ignored', 'opened', 'ignored', 'ignored']);
  });

  it('lets the card follow the new party after an attended transfer', () => {
    const { state } = run([
      { type: 'ringing', callId: 'c9', at: 1, direction: 'internal', remote: '101' },
      { type: 'answered', callId: 'c9', at: 2 },
      { type: 'transferred', callId: 'c9', at: 3, kind: 'attended', remote: '+74951234567', transferredBy: '101' },
    ]);
    expect(state.active[0]).toMatchObject({ remoteRaw: '+74951234567', transferredBy: '101', phase: 'connected' });
  });

  it('keeps a bounded list of recent calls, newest first', () => {
    const events: CallEvent[] = [];
    for (let i = 0; i < RECENT_CALLS_LIMIT + 5; i++) {
      events.push(ring(`c${i}`, i * 10), { type: 'ended', callId: `c${i}`, at: i * 10 + 5, reason: 'abandoned' });
    }
    const { state } = run(events);
    expect(state.recent).toHaveLength(RECENT_CALLS_LIMIT);
    expect(state.recent[0]!.id).toBe(`c${RECENT_CALLS_LIMIT + 4}`);
  });
});
