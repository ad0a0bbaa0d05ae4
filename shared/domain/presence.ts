/**
 * Availability policy: what the operator chose, what the lock screen did to it, and what
 * the PBX says. Pure; the core applies `pbxPaused` changes through the PBX adapter.
 */
export type ManualStatus = { status: 'available' } | { status: 'not-ready'; reason: string };

export const SCREEN_LOCKED_REASON = 'screen locked';

export interface PresenceState {
  manual: ManualStatus;
  screenLocked: boolean;
  /** What to restore on unlock; cleared when the operator changes status while locked. */
  beforeLock?: ManualStatus;
  onCall: boolean;
  pbxOnline: boolean;
}

export type PresenceInput =
  | { type: 'screen-locked' }
  | { type: 'screen-unlocked' }
  | { type: 'manual'; status: ManualStatus }
  | { type: 'pbx-paused'; reason?: string }
  | { type: 'pbx-unpaused' }
  | { type: 'calls-changed'; active: number }
  | { type: 'pbx-link'; up: boolean };

export const initialPresence: PresenceState = {
  manual: { status: 'available' },
  screenLocked: false,
  onCall: false,
  pbxOnline: false,
};

export function reducePresence(state: PresenceState, input: PresenceInput): PresenceState {
  switch (input.type) {
    case 'screen-locked':
      if (state.screenLocked) return state;
      return {
        ...state,
        screenLocked: true,
        beforeLock: state.manual,
        manual: { status: 'not-ready', reason: SCREEN_LOCKED_REASON },
      };
    case 'screen-unlocked':
      if (!state.screenLocked) return state;
      return {
        ...state,
        screenLocked: false,
        beforeLock: undefined,
        manual: state.beforeLock ?? state.manual,
      };
    case 'manual':
      return { ...state, manual: input.status, beforeLock: undefined };
    case 'pbx-paused':
      // The PBX's own view wins (e.g. a supervisor paused this agent).
      if (state.manual.status === 'not-ready') return state;
      return { ...state, manual: { status: 'not-ready', reason: input.reason || 'paused on PBX' } };
    case 'pbx-unpaused':
      if (state.manual.status === 'available') return state;
      return { ...state, manual: { status: 'available' } };
    case 'calls-changed':
      return { ...state, onCall: input.active > 0 };
    case 'pbx-link':
      return { ...state, pbxOnline: input.up };
  }
}

export type EffectiveStatus = 'available' | 'not-ready' | 'on-call' | 'offline';

export function effectiveStatus(state: PresenceState): { status: EffectiveStatus; reason?: string } {
  if (!state.pbxOnline) return { status: 'offline' };
  if (state.onCall) return { status: 'on-call' };
  return state.manual.status === 'not-ready'
    ? { status: 'not-ready', reason: state.manual.reason }
    : { status: 'available' };
}

/** Whether the operator should be paused in the PBX's queues. */
export const wantsPaused = (state: PresenceState): boolean => state.manual.status === 'not-ready';
