import { describe, expect, it } from 'vitest';
import { callAction, callFromEnded } from '../../../electron/core/journal/call-actions.js';
import type { TrackedCall } from '../../../shared/domain/call-tracker.js';
import { describePhone } from '../../../shared/domain/phone.js';

describe('a call from its journal "call ended" record', () => {
  const call: TrackedCall = { id: 'C1', seq: 4, direction: 'inbound', phase: 'ended', remoteRaw: '+74951234567', queue: 'support', ringingAt: 1_000, answeredAt: 4_000, endedAt: 64_000, endReason: 'completed' };

  it('reads back what callAction wrote', () => {
    const action = callAction({ type: 'ended', callId: 'C1', at: 64_000, reason: 'completed' }, call, describePhone('+74951234567', { defaultRegion: 'RU', maxInternalDigits: 5 }), 'cust-7');
    const restored = callFromEnded({ callId: 'C1', startedAt: action!.startedAt!, endedAt: action!.endedAt, details: action!.details! }, 'Ivan Petrov');
    expect(restored).toEqual({ id: 'C1', seq: 0, direction: 'inbound', phase: 'ended', remoteRaw: '+74951234567', remoteName: 'Ivan Petrov', ringingAt: 1_000, answeredAt: 4_000, endedAt: 64_000, endReason: 'completed' });
  });

  it('keeps an unanswered call unanswered', () => {
    expect(callFromEnded({ callId: 'C2', startedAt: 1_000, endedAt: 21_000, details: { number: '+74951234567', direction: 'inbound', reason: 'missed', talkSeconds: 0 } })).not.toHaveProperty('answeredAt');
  });

  it('skips a record that does not read as a call', () => {
    expect(callFromEnded({ startedAt: 1, details: { number: '1', direction: 'inbound', reason: 'missed', talkSeconds: 0 } })).toBeUndefined();
    expect(callFromEnded({ callId: 'C3', startedAt: 1, details: { number: '', direction: 'sideways', reason: 'missed', talkSeconds: -1 } })).toBeUndefined();
    expect(callFromEnded({ callId: 'C4', startedAt: 1, details: {} })).toBeUndefined();
  });
});
