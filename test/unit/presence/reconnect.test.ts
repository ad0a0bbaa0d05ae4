import { describe, expect, it } from 'vitest';
import { notReady, pause, PresenceDriver, unpause } from './presence-driver.js';

const down = { type: 'pbx-link', up: false } as const;
const up = { type: 'pbx-link', up: true } as const;

describe('presence: PBX link loss and reconnect', () => {
  it('is offline while the link is down and sends nothing', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.take();
    p.send(down);
    expect(p.view).toEqual({ status: 'offline', offline: 'pbx-link', screenLocked: false });
    expect(p.journal.at(-1)).toMatchObject({ from: 'not-ready', to: 'offline', reason: 'pbx-link', cause: 'pbx' });
    p.send(notReady('lunch'));
    p.send({ type: 'screen-locked' });
    expect(p.take()).toEqual([]);
  });

  it('re-applies what the operator chose while the link was down', () => {
    const p = PresenceDriver.online();
    p.send(down);
    p.send(notReady('lunch'));
    p.send(up);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    expect(p.take()).toEqual([pause('lunch')]);
  });

  it('sends nothing on reconnect when the PBX has what the operator wants', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.take();
    p.send(down);
    p.send({ type: 'pbx-paused', reason: 'break' }); // the resync after login
    p.send(up);
    expect(p.take()).toEqual([]);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
  });

  it('keeps the operator not ready when the PBX comes back with them unpaused (e.g. it restarted)', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.take();
    p.send(down);
    p.send({ type: 'pbx-unpaused' });
    p.send(up);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
    expect(p.take()).toEqual([pause('break')]);
  });

  it('unpauses an available operator the PBX still holds with one of our old reasons', () => {
    const p = PresenceDriver.online();
    p.send(down);
    p.send({ type: 'pbx-paused', reason: 'lunch' });
    p.send(up);
    expect(p.shown).toEqual({ status: 'available' });
    expect(p.take()).toEqual([unpause]);
  });

  it('adopts a pause someone else made during the outage (a reason the app never sets)', () => {
    const p = PresenceDriver.online();
    p.send(down);
    p.send({ type: 'pbx-paused', reason: 'Supervisor: meeting' });
    p.send(up);
    expect(p.view).toMatchObject({ status: 'not-ready', reason: 'Supervisor: meeting', reasonBy: 'pbx' });
    expect(p.take()).toEqual([]);
  });

  it('forgets requests in flight when the link drops', () => {
    const p = PresenceDriver.online();
    p.send(notReady('break'));
    p.send(down);
    expect(p.state.requested).toEqual([]);
  });

  describe('first connection after start', () => {
    it('adopts the PBX\'s pause with a configured reason (the operator was on lunch)', () => {
      const p = new PresenceDriver();
      p.send({ type: 'pbx-paused', reason: 'lunch' });
      p.send(up);
      expect(p.view).toMatchObject({ status: 'not-ready', reason: 'lunch', reasonBy: 'pbx' });
      expect(p.take()).toEqual([]);
    });

    it('clears a stale screen-locked pause left by the last run', () => {
      const p = new PresenceDriver();
      p.send({ type: 'pbx-paused', reason: 'screen-locked' });
      p.send(up);
      expect(p.shown).toEqual({ status: 'available' });
      expect(p.take()).toEqual([unpause]);
    });

    it('applies a status chosen before the PBX answered, over the PBX\'s old one', () => {
      const p = new PresenceDriver();
      p.send(notReady('break'));
      p.send({ type: 'pbx-paused', reason: 'lunch' });
      p.send(up);
      expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
      expect(p.take()).toEqual([pause('break')]);
    });

    it('applies a lock that came before the PBX answered', () => {
      const p = new PresenceDriver();
      p.send({ type: 'screen-locked' });
      p.send(up);
      expect(p.shown).toEqual({ status: 'not-ready', reason: 'screen-locked' });
      expect(p.take()).toEqual([pause('screen-locked')]);
    });
  });
});
