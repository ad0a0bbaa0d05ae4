import { describe, expect, it } from 'vitest';
import { notReady, pause, PresenceDriver } from './presence-driver.js';

const loggedOff = { type: 'pbx-logged-off', loggedOff: true } as const;
const loggedOn = { type: 'pbx-logged-off', loggedOff: false } as const;

describe('presence: logged off the queues on the PBX', () => {
  it('is offline when the PBX removes the operator from their last queue, and journals it once', () => {
    const p = PresenceDriver.online();
    p.send(loggedOff);
    p.send(loggedOff);
    expect(p.view).toEqual({ status: 'offline', offline: 'logged-off', screenLocked: false });
    expect(p.journal).toEqual([expect.objectContaining({ from: 'available', to: 'offline', reason: 'logged-off', cause: 'pbx' })]);
    expect(p.take()).toEqual([]);
  });

  it('keeps a call going on the card: on a call wins over logged off', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'calls-changed', connected: 1 });
    p.send(loggedOff);
    expect(p.view.status).toBe('on-call');
    p.send({ type: 'calls-changed', connected: 0 });
    expect(p.view).toMatchObject({ status: 'offline', offline: 'logged-off' });
  });

  it('pauses nothing while logged off, and applies what the operator chose when they join a queue again', () => {
    const p = PresenceDriver.online();
    p.send(loggedOff);
    p.send(notReady('lunch'));
    p.send({ type: 'screen-locked' });
    expect(p.take()).toEqual([]);
    p.send({ type: 'screen-unlocked' });
    p.send(loggedOn);
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'lunch' });
    expect(p.take()).toEqual([pause('lunch')]);
    expect(p.journal.at(-1)).toMatchObject({ from: 'offline', to: 'not-ready', reason: 'lunch', cause: 'pbx' });
  });

  it('a lost link says so first; logged off shows again once the link is back', () => {
    const p = PresenceDriver.online();
    p.send(loggedOff);
    p.send({ type: 'pbx-link', up: false });
    expect(p.view).toMatchObject({ status: 'offline', offline: 'pbx-link' });
    p.send({ type: 'pbx-link', up: true });
    expect(p.view).toMatchObject({ status: 'offline', offline: 'logged-off' });
    expect(p.take()).toEqual([]);
  });
});
