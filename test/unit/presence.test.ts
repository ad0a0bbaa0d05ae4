import { describe, expect, it } from 'vitest';
import { effectiveStatus, initialPresence, reducePresence, SCREEN_LOCKED_REASON, wantsPaused, type PresenceInput, type PresenceState } from '../../shared/domain/presence.js';

const online: PresenceState = { ...initialPresence, pbxOnline: true };
const apply = (inputs: PresenceInput[], start = online) => inputs.reduce(reducePresence, start);

describe('presence policy', () => {
  it('sets not-ready on lock and restores exactly the previous state on unlock', () => {
    const onBreak = apply([{ type: 'manual', status: { status: 'not-ready', reason: 'lunch' } }]);
    const locked = reducePresence(onBreak, { type: 'screen-locked' });
    expect(effectiveStatus(locked)).toEqual({ status: 'not-ready', reason: SCREEN_LOCKED_REASON });
    const unlocked = reducePresence(locked, { type: 'screen-unlocked' });
    expect(effectiveStatus(unlocked)).toEqual({ status: 'not-ready', reason: 'lunch' });
    expect(effectiveStatus(apply([{ type: 'screen-locked' }, { type: 'screen-unlocked' }]))).toEqual({ status: 'available' });
  });

  it('lets a manual change made while locked win over the restore', () => {
    const s = apply([{ type: 'screen-locked' }, { type: 'manual', status: { status: 'not-ready', reason: 'training' } }, { type: 'screen-unlocked' }]);
    expect(effectiveStatus(s)).toEqual({ status: 'not-ready', reason: 'training' });
  });

  it('never reports not-ready over a call in progress, and applies the lock after it', () => {
    const s = apply([{ type: 'calls-changed', active: 1 }, { type: 'screen-locked' }]);
    expect(effectiveStatus(s).status).toBe('on-call');
    expect(wantsPaused(s)).toBe(true); // paused in the queue: no new calls, the current one goes on
    expect(effectiveStatus(reducePresence(s, { type: 'calls-changed', active: 0 }))).toEqual({ status: 'not-ready', reason: SCREEN_LOCKED_REASON });
  });

  it('follows the PBX when a supervisor pauses or unpauses the agent', () => {
    const paused = apply([{ type: 'pbx-paused', reason: 'supervisor' }]);
    expect(effectiveStatus(paused)).toEqual({ status: 'not-ready', reason: 'supervisor' });
    expect(effectiveStatus(reducePresence(paused, { type: 'pbx-unpaused' })).status).toBe('available');
  });

  it('is offline while the PBX link is down, whatever was chosen', () => {
    expect(effectiveStatus(apply([{ type: 'pbx-link', up: false }])).status).toBe('offline');
    expect(effectiveStatus(initialPresence).status).toBe('offline');
  });

  it('treats a repeated lock as one lock', () => {
    const once = apply([{ type: 'manual', status: { status: 'not-ready', reason: 'break' } }, { type: 'screen-locked' }]);
    expect(reducePresence(once, { type: 'screen-locked' })).toBe(once);
  });
});
