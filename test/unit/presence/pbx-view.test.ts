import { describe, expect, it } from 'vitest';
import { callEnds, callStarts, notReady, pause, PresenceDriver, unpause } from './presence-driver.js';

describe('presence: the PBX\'s own view wins', () => {
  it('follows a supervisor pause with the PBX\'s reason, shown as set by the PBX, and the unpause', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'pbx-paused', reason: 'Supervisor: coaching' });
    expect(p.view).toEqual({ status: 'not-ready', reason: 'Supervisor: coaching', reasonBy: 'pbx', screenLocked: false });
    expect(p.take()).toEqual([]); // the PBX already has it
    p.send({ type: 'pbx-unpaused' });
    expect(p.view).toEqual({ status: 'available', screenLocked: false });
    expect(p.take()).toEqual([]);
    expect(p.journal.map((t) => [t.to, t.reason, t.cause])).toEqual([
      ['not-ready', 'Supervisor: coaching', 'pbx'],
      ['available', undefined, 'pbx'],
    ]);
  });

  it('follows a supervisor unpause of an operator on a break', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.take();
    p.advance(60_000).send({ type: 'pbx-unpaused' });
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([]);
  });

  it('shows a pause without a reason as a pause by the PBX', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'pbx-paused' });
    expect(p.view).toEqual({ status: 'not-ready', reasonBy: 'pbx', screenLocked: false });
  });

  it('takes the echo of its own request for what it is (one per queue), changing nothing', () => {
    const p = PresenceDriver.online();
    p.send(notReady('lunch'));
    const journal = p.journal.length;
    p.take();
    p.send({ type: 'pbx-paused', reason: 'lunch' }); // queue "support"
    p.send({ type: 'pbx-paused', reason: 'lunch' }); // queue "sales"
    expect(p.view).toMatchObject({ reason: 'lunch', reasonBy: 'operator' });
    expect(p.take()).toEqual([]);
    expect(p.journal).toHaveLength(journal);
  });

  it('does not mistake the late echo of an older request for a supervisor', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.advance(200).send(notReady('lunch'));
    p.take();
    p.advance(100).send({ type: 'pbx-paused', reason: 'break' }); // the first request's echo arrives late
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    p.send({ type: 'pbx-paused', reason: 'lunch' });
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    expect(p.take()).toEqual([]);
  });

  it('still hears a supervisor who sets what the operator asked for long ago', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.send({ type: 'set-status', choice: { status: 'available' } });
    p.advance(1000).send(notReady('lunch'));
    p.send({ type: 'pbx-paused', reason: 'lunch' }); // confirms the newest request
    p.advance(60_000).send({ type: 'pbx-unpaused' }); // like the old request, but a minute later: a supervisor
    expect(p.shown).toEqual({ status: 'available' });
  });

  it('puts its own pause back when the PBX shows a transient reason of ours that no longer applies', () => {
    const p = PresenceDriver.online();
    p.advance(60_000).send({ type: 'pbx-paused', reason: 'wrap-up' }); // e.g. a second desktop's leftover
    expect(p.shown).toEqual({ status: 'available' });
    expect(p.take()).toEqual([unpause]);
  });

  it('ends wrap-up when a supervisor changes the pause', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    p.take();
    p.send({ type: 'pbx-unpaused' });
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([{ type: 'wrap-up-timer', deadline: null }]);
  });

  it('keeps a supervisor pause made during a call for after the call and wrap-up', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send({ type: 'pbx-paused', reason: 'Supervisor' });
    expect(p.view.status).toBe('on-call');
    expect(p.take()).toEqual([]);
    p.send(callEnds);
    expect(p.pbxEffects()).toEqual([pause('wrap-up')]);
    p.fireWrapUpTimer();
    expect(p.view).toMatchObject({ status: 'not-ready', reason: 'Supervisor', reasonBy: 'pbx' });
    expect(p.pbxEffects()).toEqual([pause('Supervisor')]); // the supervisor's reason is put back
  });

  it('lets a PBX change made while locked win over the restore on unlock', () => {
    const p = PresenceDriver.online();
    p.send(notReady('lunch'));
    p.send({ type: 'screen-locked' });
    p.advance(60_000).send({ type: 'pbx-unpaused' });
    expect(p.view).toEqual({ status: 'available', screenLocked: true });
    p.send({ type: 'screen-unlocked' });
    expect(p.shown).toEqual({ status: 'available' });
  });

  it('forgets what it believed after a refused request, and sends the next change', () => {
    const p = PresenceDriver.online();
    p.send(notReady('lunch'));
    p.take();
    p.send({ type: 'pbx-pause-failed', paused: true, reason: 'lunch' });
    expect(p.state.pbx).toBeUndefined();
    expect(p.take()).toEqual([]); // no retry loop against a PBX that refuses
    p.send({ type: 'set-status', choice: { status: 'available' } });
    expect(p.take()).toEqual([unpause]);
  });
});
