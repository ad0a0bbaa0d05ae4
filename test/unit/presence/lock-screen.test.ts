import { describe, expect, it } from 'vitest';
import { available, callEnds, callStarts, notReady, pause, PresenceDriver, T0, unpause } from './presence-driver.js';

const lock = { type: 'screen-locked' } as const;
const unlock = { type: 'screen-unlocked' } as const;

describe('presence: screen lock', () => {
  it('sets not ready "screen-locked" on lock and restores available on unlock', () => {
    const p = PresenceDriver.online();
    p.send(lock);
    expect(p.view).toEqual({ status: 'not-ready', reason: 'screen-locked', reasonBy: 'lock', screenLocked: true });
    expect(p.take()).toEqual([pause('screen-locked')]);
    p.send(unlock);
    expect(p.view).toEqual({ status: 'available', screenLocked: false });
    expect(p.take()).toEqual([unpause]);
    expect(p.journal.map((t) => [t.from, t.to, t.reason, t.cause])).toEqual([
      ['available', 'not-ready', 'screen-locked', 'lock'],
      ['not-ready', 'available', undefined, 'lock'],
    ]);
  });

  it('restores exactly the state before the lock, not blindly available', () => {
    const p = PresenceDriver.online();
    p.send(notReady('lunch'));
    p.take();
    p.send(lock);
    expect(p.take()).toEqual([pause('screen-locked')]);
    p.send(unlock);
    expect(p.view).toEqual({ status: 'not-ready', reason: 'lunch', reasonBy: 'operator', screenLocked: false });
    expect(p.take()).toEqual([pause('lunch')]);
  });

  it('restores a pause the PBX set before the lock, still shown as the PBX\'s', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'pbx-paused', reason: 'Supervisor: meeting' });
    p.send(lock);
    p.send(unlock);
    expect(p.view).toMatchObject({ status: 'not-ready', reason: 'Supervisor: meeting', reasonBy: 'pbx' });
  });

  it('lets a manual change made while locked win; it stays after unlock', () => {
    const p = PresenceDriver.online();
    p.send(lock);
    p.send(notReady('training'));
    expect(p.view).toMatchObject({ status: 'not-ready', reason: 'training', screenLocked: true });
    p.take();
    p.send(unlock);
    expect(p.view).toEqual({ status: 'not-ready', reason: 'training', reasonBy: 'operator', screenLocked: false });
    expect(p.take()).toEqual([]); // nothing to restore
  });

  it('lets "available" chosen while locked stay after unlock too', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.send(lock);
    p.send(available);
    p.send(unlock);
    expect(p.shown).toEqual({ status: 'available' });
  });

  it('treats a repeated lock as one lock', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.send(lock);
    const locked = p.state;
    p.take();
    expect(p.send(lock).state).toBe(locked);
    expect(p.take()).toEqual([]);
    p.send(unlock);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
    expect(p.send(unlock).effects).toEqual([]); // a stray unlock changes nothing
  });

  it('never touches a call in progress: the lock applies when the call and wrap-up end', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.take();
    p.send(lock);
    expect(p.view).toEqual({ status: 'on-call', screenLocked: true });
    expect(p.take()).toEqual([]); // no pause while talking

    p.advance(60_000).send(callEnds);
    expect(p.view.status).toBe('wrap-up');
    expect(p.pbxEffects()).toEqual([pause('wrap-up')]);

    p.fireWrapUpTimer();
    expect(p.view).toEqual({ status: 'not-ready', reason: 'screen-locked', reasonBy: 'lock', screenLocked: true });
    expect(p.pbxEffects()).toEqual([pause('screen-locked')]);

    p.send(unlock);
    expect(p.shown).toEqual({ status: 'available' }); // what they had before the call
    expect(p.pbxEffects()).toEqual([unpause]);
    expect(p.journal.map((t) => `${t.from}>${t.to}:${t.cause}`)).toEqual([
      'available>on-call:call',
      'on-call>wrap-up:call',
      'wrap-up>not-ready:timer',
      'not-ready>available:lock',
    ]);
  });

  it('applies a lock made during wrap-up when wrap-up ends', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(callEnds);
    p.send(lock);
    expect(p.view).toMatchObject({ status: 'wrap-up', screenLocked: true });
    p.take();
    p.send({ type: 'end-wrap-up' });
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'screen-locked' });
    expect(p.pbxEffects()).toEqual([pause('screen-locked')]);
  });

  it('forgets a lock that ended before the call did', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(lock);
    p.send(unlock);
    p.send(callEnds);
    p.fireWrapUpTimer();
    expect(p.view).toEqual({ status: 'available', screenLocked: false });
  });

  it('lets a manual choice made during the call while locked win over the waiting lock', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send(lock);
    p.send(notReady('lunch'));
    expect(p.pbxEffects()).toEqual([pause('lunch')]); // the queues stop offering calls at once
    p.send(callEnds);
    p.fireWrapUpTimer();
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    p.send(unlock);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
  });

  it('answers a direct call while locked, then goes back to screen-locked', () => {
    const p = PresenceDriver.online();
    p.send(lock);
    p.send(callStarts);
    p.send(callEnds);
    p.fireWrapUpTimer();
    expect(p.view).toMatchObject({ status: 'not-ready', reason: 'screen-locked' });
    p.take();
    p.send(unlock);
    expect(p.shown).toEqual({ status: 'available' });
    expect(p.take()).toEqual([unpause]);
  });

  it('records when the lock and unlock happened', () => {
    const p = PresenceDriver.online();
    p.advance(5000).send(lock);
    p.advance(60_000).send(unlock);
    expect(p.journal.map((t) => t.at)).toEqual([T0 + 5000, T0 + 65_000]);
  });
});
