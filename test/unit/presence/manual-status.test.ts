import { describe, expect, it } from 'vitest';
import { initialPresence, presenceView } from '../../../electron/core/presence/presence-policy.js';
import { available, notReady, pause, PresenceDriver, T0, unpause } from './presence-driver.js';

describe('presence: start and manual status', () => {
  it('is offline until the PBX link is up, then available without touching the PBX', () => {
    expect(presenceView(initialPresence)).toEqual({ status: 'offline', offline: 'pbx-link', screenLocked: false });
    const p = new PresenceDriver();
    p.send({ type: 'pbx-link', up: true });
    expect(p.view).toEqual({ status: 'available', screenLocked: false });
    expect(p.take()).toEqual([]);
    expect(p.journal).toEqual([{ at: T0, from: 'offline', to: 'available', cause: 'pbx' }]);
  });

  it('pauses the agent with the reason code when the operator picks not ready, and unpauses on available', () => {
    const p = PresenceDriver.online();
    p.advance(1000).send(notReady('lunch'));
    expect(p.view).toEqual({ status: 'not-ready', reason: 'lunch', reasonBy: 'operator', screenLocked: false });
    expect(p.take()).toEqual([pause('lunch')]);
    p.send(notReady('break'));
    expect(p.take()).toEqual([pause('break')]); // the reason the PBX shows changes too
    p.send(available);
    expect(p.take()).toEqual([unpause]);
    expect(p.journal).toEqual([
      { at: T0 + 1000, from: 'available', to: 'not-ready', reason: 'lunch', cause: 'manual' },
      { at: T0 + 1000, from: 'not-ready', to: 'not-ready', reason: 'break', cause: 'manual' },
      { at: T0 + 1000, from: 'not-ready', to: 'available', cause: 'manual' },
    ]);
  });

  it('emits nothing and records nothing when the choice is what the operator already has', () => {
    const p = PresenceDriver.online();
    p.send(available);
    p.send(notReady('training'));
    p.take();
    const journal = p.journal.length;
    p.send(notReady('training'));
    expect(p.take()).toEqual([]);
    expect(p.journal).toHaveLength(journal);
  });

  it('refuses a reason that is not configured, in one line that names the configured codes', () => {
    const p = PresenceDriver.online();
    const before = p.state;
    const step = p.send(notReady('nap'));
    expect(step.rejected).toBe('"nap" is not a not-ready reason here; choose one of: break, lunch, training (config presence.reasons)');
    expect(step.state).toBe(before);
    expect(step.effects).toEqual([]);
    // The app's own reasons cannot be picked by hand either.
    expect(p.send(notReady('screen-locked')).rejected).toMatch(/"screen-locked" is not a not-ready reason/);
  });

  it('uses the configured reasons, whatever they are', () => {
    const p = PresenceDriver.online({ reasons: [{ code: 'coaching', label: { en: 'Coaching' } }], wrapUpSeconds: 0 });
    expect(p.send(notReady('coaching')).effects).toEqual([pause('coaching')]);
    expect(p.send(notReady('lunch')).rejected).toContain('choose one of: coaching');
  });

  it('keeps a choice made while offline and applies it when the link is up', () => {
    const p = new PresenceDriver();
    p.send(notReady('break'));
    expect(p.view.status).toBe('offline');
    expect(p.take()).toEqual([]); // nothing can reach the PBX yet
    p.send({ type: 'pbx-link', up: true });
    expect(p.shown).toEqual({ status: 'not-ready', reason: 'break' });
    expect(p.take()).toEqual([pause('break')]);
  });
});
