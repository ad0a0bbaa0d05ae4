import { describe, expect, it } from 'vitest';
import { callStarts, notReady, pause, PresenceDriver, unpause } from './presence-driver.js';

describe('presence: sleep, resume, shutdown', () => {
  it('pauses the agent as away before the computer sleeps, and restores on resume', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'suspend' });
    expect(p.view).toEqual({ status: 'offline', offline: 'asleep', screenLocked: false });
    expect(p.take()).toEqual([pause('away')]);
    p.send({ type: 'resume' });
    expect(p.view.status).toBe('available');
    expect(p.take()).toEqual([unpause]);
    expect(p.journal.map((t) => [t.from, t.to, t.reason, t.cause])).toEqual([
      ['available', 'offline', 'asleep', 'power'],
      ['offline', 'available', undefined, 'power'],
    ]);
  });

  it('restores through the reconnect when the link dropped during sleep', () => {
    const p = PresenceDriver.online();
    p.send(notReady('training'));
    p.send({ type: 'suspend' });
    p.take();
    p.send({ type: 'pbx-link', up: false });
    p.send({ type: 'resume' });
    expect(p.view).toMatchObject({ status: 'offline', offline: 'pbx-link' });
    expect(p.take()).toEqual([]);
    p.send({ type: 'pbx-link', up: true });
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'training' });
    expect(p.take()).toEqual([pause('training')]); // over our own "away"
  });

  it('goes through lock, sleep, resume and unlock back to what the operator had', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'screen-locked' });
    p.send({ type: 'suspend' });
    p.send({ type: 'resume' });
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'screen-locked' });
    p.send({ type: 'screen-unlocked' });
    expect(p.shown).toEqual({ status: 'available' });
    expect(p.pbxEffects()).toEqual([pause('screen-locked'), pause('away'), pause('screen-locked'), unpause]);
  });

  it('pauses even on a call: pausing never drops it', () => {
    const p = PresenceDriver.online();
    p.send(callStarts);
    p.send({ type: 'suspend' });
    expect(p.take()).toEqual([pause('away')]);
  });

  it('cannot tell a PBX it cannot reach: nothing is sent while the link is down', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'pbx-link', up: false });
    p.send({ type: 'suspend' });
    expect(p.take()).toEqual([]);
  });

  it('does not argue with PBX reports while asleep', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'suspend' });
    p.take();
    p.send({ type: 'pbx-unpaused' });
    expect(p.view.status).toBe('offline');
    expect(p.take()).toEqual([]);
  });

  it('pauses as away on shutdown or log-off, and comes back if the operator acts (the log-off was cancelled)', () => {
    const p = PresenceDriver.online();
    p.send({ type: 'shutdown' });
    expect(p.view).toEqual({ status: 'offline', offline: 'session-ending', screenLocked: false });
    expect(p.take()).toEqual([pause('away')]);
    p.send(notReady('break'));
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
    expect(p.take()).toEqual([pause('break')]);
  });

  it('ignores a resume without a suspend', () => {
    const p = PresenceDriver.online();
    const before = p.state;
    expect(p.send({ type: 'resume' }).state).toBe(before);
  });
});
