import { describe, expect, it } from 'vitest';
import { ActionTracker } from '../../../electron/core/pbx/ami/ami-action-tracker.js';
import { AmiDecoder } from '../../../electron/core/pbx/ami/ami-codec.js';
import { AmiActionError, AmiLinkDownError, AmiTimeoutError } from '../../../electron/core/pbx/ami/ami-errors.js';
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const packet = (text: string): AmiMessage => new AmiDecoder().push(`${text.trim().replace(/\n/g, '\r\n')}\r\n\r\n`)[0]!;

describe('ActionTracker', () => {
  it('settles a plain action on its Response and leaves same-ActionID events to listeners', async () => {
    const tracker = new ActionTracker(new FakeClock());
    const answer = tracker.expect('a1', 'Originate', { list: false, timeoutMs: 1_000 });
    expect(tracker.take(packet('Event: Newchannel\nChannel: SIP/101-1'))).toBe(false);
    expect(tracker.take(packet('Response: Success\nActionID: other'))).toBe(false);
    expect(tracker.take(packet('Response: Success\nActionID: a1\nMessage: Originate successfully queued'))).toBe(true);
    await expect(answer).resolves.toMatchObject({ fields: new Map([['Response', ['Success']], ['ActionID', ['a1']], ['Message', ['Originate successfully queued']]]) });
    expect(tracker.take(packet('Event: OriginateResponse\nActionID: a1\nResponse: Success'))).toBe(false);
  });

  it('never mistakes an event carrying Response: (OriginateResponse) for the action answer', async () => {
    const tracker = new ActionTracker(new FakeClock());
    const answer = tracker.expect('o1', 'Originate', { list: false, timeoutMs: 1_000 });
    expect(tracker.take(packet('Event: OriginateResponse\nActionID: o1\nResponse: Failure'))).toBe(false);
    expect(tracker.size).toBe(1);
    expect(tracker.take(packet('Response: Success\nActionID: o1'))).toBe(true);
    await answer;
  });

  it('rejects Response: Error with the action and Asterisk message', async () => {
    const tracker = new ActionTracker(new FakeClock());
    const answer = tracker.expect('a2', 'Redirect', { list: false, timeoutMs: 1_000 });
    tracker.take(packet('Response: Error\nActionID: a2\nMessage: Channel specified does not exist'));
    await expect(answer).rejects.toThrow(AmiActionError);
    await expect(answer).rejects.toThrow('AMI action Redirect failed: Channel specified does not exist');
  });

  it('collects list items until the Complete event', async () => {
    const tracker = new ActionTracker(new FakeClock());
    const answer = tracker.expect('l1', 'CoreShowChannels', { list: true, timeoutMs: 1_000 });
    expect(tracker.take(packet('Response: Success\nActionID: l1\nEventList: start'))).toBe(true);
    expect(tracker.take(packet('Event: CoreShowChannel\nActionID: l1\nChannel: SIP/101-1'))).toBe(true);
    expect(tracker.take(packet('Event: Hangup\nChannel: SIP/102-2'))).toBe(false);
    expect(tracker.take(packet('Event: CoreShowChannel\nActionID: l1\nChannel: SIP/102-3'))).toBe(true);
    expect(tracker.take(packet('Event: CoreShowChannelsComplete\nActionID: l1\nEventList: Complete\nListItems: 2'))).toBe(true);
    const items = await answer;
    expect(items).toHaveLength(2);
    expect(tracker.size).toBe(0);
  });

  it('times out naming the action, and ignores a late answer', async () => {
    const clock = new FakeClock();
    const tracker = new ActionTracker(clock);
    const answer = tracker.expect('t1', 'QueueStatus', { list: true, timeoutMs: 3_000 });
    const outcome = answer.catch((e: unknown) => e);
    await clock.advance(2_999);
    expect(tracker.size).toBe(1);
    await clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(AmiTimeoutError);
    expect((error as Error).message).toBe('AMI action QueueStatus got no answer within 3000 ms');
    expect(tracker.take(packet('Response: Success\nActionID: t1'))).toBe(false);
  });

  it('fails everything pending when the link goes and cancels the timers', async () => {
    const clock = new FakeClock();
    const tracker = new ActionTracker(clock);
    const a = tracker.expect('x1', 'Ping', { list: false, timeoutMs: 1_000 }).catch((e: unknown) => e);
    const b = tracker.expect('x2', 'Status', { list: true, timeoutMs: 1_000 }).catch((e: unknown) => e);
    tracker.failAll((action) => new AmiLinkDownError(action, 'connection closed'));
    expect(await a).toBeInstanceOf(AmiLinkDownError);
    expect(((await b) as Error).message).toBe('AMI action Status not completed: connection closed');
    expect(clock.pending()).toBe(0);
  });
});
