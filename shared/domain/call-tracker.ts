import type { CallEvent, CallDirection, CallEndReason } from './call-events.js';

/** One call as this agent experiences it: a ring episode, then talk, then its end. */
export interface TrackedCall {
  id: string;
  seq: number;
  direction: CallDirection;
  phase: 'ringing' | 'connected' | 'held' | 'ended';
  remoteRaw: string;
  remoteName?: string;
  queue?: string;
  did?: string;
  transferredBy?: string;
  transferredTo?: string;
  ringingAt: number;
  answeredAt?: number;
  endedAt?: number;
  endReason?: CallEndReason;
}

export interface CallTrackerState {
  active: readonly TrackedCall[];
  recent: readonly TrackedCall[];
  nextSeq: number;
}

export type CallChange =
  | { kind: 'opened'; call: TrackedCall }
  | { kind: 'updated'; call: TrackedCall }
  | { kind: 'closed'; call: TrackedCall }
  | { kind: 'ignored'; why: string };

export const RECENT_CALLS_LIMIT = 50;

export const emptyCallTracker: CallTrackerState = { active: [], recent: [], nextSeq: 1 };

function replace(state: CallTrackerState, call: TrackedCall): CallTrackerState {
  return { ...state, active: state.active.map((c) => (c.id === call.id ? call : c)) };
}

/**
 * Pure state machine for the agent's calls. Repeated `ringing` for a call that is still
 * ringing is one ring episode (queue retry rounds keep one card); a `ringing` after the
 * call ended here is a new episode. Events for unknown calls are ignored, never thrown.
 */
export function applyCallEvent(
  state: CallTrackerState,
  ev: CallEvent,
): { state: CallTrackerState; change: CallChange } {
  const current = state.active.find((c) => c.id === ev.callId);
  const ignore = (why: string) => ({ state, change: { kind: 'ignored', why } as CallChange });

  if (ev.type === 'ringing') {
    if (current) return ignore(`call ${ev.callId} is already ${current.phase}`);
    const call: TrackedCall = {
      id: ev.callId,
      seq: state.nextSeq,
      direction: ev.direction,
      phase: 'ringing',
      remoteRaw: ev.remote,
      remoteName: ev.remoteName,
      queue: ev.queue,
      did: ev.did,
      transferredBy: ev.transferredBy,
      ringingAt: ev.at,
    };
    return {
      state: { ...state, active: [...state.active, call], nextSeq: state.nextSeq + 1 },
      change: { kind: 'opened', call },
    };
  }

  if (!current) return ignore(`${ev.type} for unknown call ${ev.callId}`);

  switch (ev.type) {
    case 'answered': {
      if (current.phase !== 'ringing') return ignore(`answered while ${current.phase}`);
      const call: TrackedCall = {
        ...current,
        phase: 'connected',
        answeredAt: ev.at,
        remoteRaw: ev.remote ?? current.remoteRaw,
      };
      return { state: replace(state, call), change: { kind: 'updated', call } };
    }
    case 'held': {
      if (current.phase !== 'connected') return ignore(`held while ${current.phase}`);
      const call: TrackedCall = { ...current, phase: 'held' };
      return { state: replace(state, call), change: { kind: 'updated', call } };
    }
    case 'resumed': {
      if (current.phase !== 'held') return ignore(`resumed while ${current.phase}`);
      const call: TrackedCall = { ...current, phase: 'connected' };
      return { state: replace(state, call), change: { kind: 'updated', call } };
    }
    case 'transferred': {
      const call: TrackedCall = {
        ...current,
        transferredTo: ev.target ?? current.transferredTo,
        transferredBy: ev.transferredBy ?? current.transferredBy,
        remoteRaw: ev.remote ?? current.remoteRaw,
        remoteName: ev.remote ? ev.remoteName : current.remoteName,
      };
      return { state: replace(state, call), change: { kind: 'updated', call } };
    }
    case 'ended': {
      const call: TrackedCall = { ...current, phase: 'ended', endedAt: ev.at, endReason: ev.reason };
      return {
        state: {
          ...state,
          active: state.active.filter((c) => c.id !== ev.callId),
          recent: [call, ...state.recent].slice(0, RECENT_CALLS_LIMIT),
        },
        change: { kind: 'closed', call },
      };
    }
  }
}

/** Talk time in whole seconds from PBX timestamps, or undefined for unanswered calls. */
export function talkSeconds(call: Pick<TrackedCall, 'answeredAt' | 'endedAt'>): number | undefined {
  if (call.answeredAt === undefined || call.endedAt === undefined) return undefined;
  return Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000));
}
