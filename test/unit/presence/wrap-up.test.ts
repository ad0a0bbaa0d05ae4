import { describe, expect, it } from 'vitest';
import { available, callEnds, callStarts, notReady, pause, PresenceDriver, unpause } from './presence-driver.js';

describe('presence: calls and wrap-up', () => {
  it('is on a call while a call is connected, then in wrap-up with a deadline the core arms', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    expect(p.view.status).toBe('on-call');
    expect(p.take()).toEqual([]); // an agent on a call is not paused: the PBX knows it is busy

    p.advance(90_000).send(callEnds);
    const deadline = p.now + 30_000;
    expect(p.view).toEqual({ status: 'wrap-up', screenLocked: false, wrapUpUntil: deadline });
    expect(p.take()).toEqual([pause('wrap-up'), { type: 'wrap-up-timer', deadline }]);

    p.fireWrapUpTimer();
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([unpause, { type: 'wrap-up-timer', deadline: null }]);
  });

  it('counts several calls as one spell on a call', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send({ type: 'calls-changed', connected: 2 });
    p.send({ type: 'calls-changed', connected: 1 });
    expect(p.view.status).toBe('on-call');
    expect(p.journal).toHaveLength(1);
  });

  it('goes straight back after a call when wrap-up is 0 seconds', () => {
    const p = PresenceDriver.online({ reasons: [{ code: 'break', label: { en: 'Break' } }], wrapUpSeconds: 0 });
    p.send(callStarts);
    p.send(callEnds);
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([]);
  });

  it('ignores a timer armed for an older deadline', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    const first = p.state.wrapUpUntil!;
    p.send({ type: 'extend-wrap-up', seconds: 60 });
    p.now = first;
    const step = p.send({ type: 'wrap-up-elapsed', deadline: first });
    expect(step.state.wrapUpUntil).toBe(first + 60_000);
    expect(p.view.status).toBe('wrap-up');
  });

  it('extends wrap-up from the current deadline and re-arms the timer', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    const deadline = p.state.wrapUpUntil!;
    p.take();
    p.advance(10_000).send({ type: 'extend-wrap-up', seconds: 120 });
    expect(p.take()).toEqual([{ type: 'wrap-up-timer', deadline: deadline + 120_000 }]); // the PBX stays paused
    expect(p.journal.at(-1)?.to).toBe('wrap-up'); // an extension is not a transition
    p.fireWrapUpTimer();
    expect(p.view.status).toBe('available');
  });

  it('refuses to extend or end wrap-up when there is none, and a silly extension', () => {
    const p = PresenceDriver.online();
    expect(p.send({ type: 'end-wrap-up' }).rejected).toBe('There is no after-call work to end');
    expect(p.send({ type: 'extend-wrap-up', seconds: 30 }).rejected).toBe('There is no after-call work to extend');
    p.send(callStarts);
    expect(p.send({ type: 'end-wrap-up' }).rejected).toBe('There is no after-call work to end');
    p.send(callEnds);
    for (const seconds of [0, -5, 1.5, 3601]) {
      expect(p.send({ type: 'extend-wrap-up', seconds }).rejected).toMatch(/extended by 1 to 3600 whole seconds/);
    }
  });

  it('lets the operator end wrap-up early', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    p.take();
    p.advance(5000).send({ type: 'end-wrap-up' });
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([unpause, { type: 'wrap-up-timer', deadline: null }]);
    expect(p.journal.at(-1)).toMatchObject({ from: 'wrap-up', to: 'available', cause: 'manual' });
  });

  it('ends wrap-up when the operator picks a status', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    p.take();
    p.send(notReady('break'));
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
    expect(p.take()).toEqual([pause('break'), { type: 'wrap-up-timer', deadline: null }]);
  });

  it('returns to the status chosen during the call once wrap-up ends', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(notReady('lunch'));
    expect(p.view.status).toBe('on-call');
    expect(p.pbxEffects()).toEqual([pause('lunch')]);
    p.send(callEnds);
    expect(p.pbxEffects()).toEqual([pause('wrap-up')]);
    p.fireWrapUpTimer();
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    expect(p.pbxEffects()).toEqual([pause('lunch')]);
  });

  it('cancels wrap-up when the next call is answered, and starts a fresh one after it', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    p.take();
    p.advance(5000).send(callStarts);
    expect(p.view.status).toBe('on-call');
    expect(p.take()).toEqual([unpause, { type: 'wrap-up-timer', deadline: null }]);
    p.advance(5000).send(callEnds);
    expect(p.state.wrapUpUntil).toBe(p.now + 30_000);
  });

  it('choosing available during the call still leaves time for wrap-up', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.send(callStarts);
    p.send(available);
    p.send(callEnds);
    expect(p.view.status).toBe('wrap-up');
  });
});
