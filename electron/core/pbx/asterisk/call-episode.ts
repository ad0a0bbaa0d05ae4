import type { CallDirection, CallEndReason } from '../../../../shared/domain/call-events.js';

/**
 * One ring episode of one call at this agent: from the first ring, through talk, to its end.
 * Keyed by the call's Linkedid; a later ring of the same call after it ended is a new episode.
 */
export interface Episode {
  callId: string;
  phase: 'ringing' | 'connected' | 'held';
  direction: CallDirection;
  /** This agent placed the call (click-to-call or dialled from the phone). */
  placedHere: boolean;
  remote: string;
  /** The channel that rang this agent (queue caller or dialler, traced through Local pairs). */
  callerChannel?: string;
  /** This agent's channels in the call that are still up (a queue re-ring adds a new one). */
  live: Set<string>;
  /** Every channel that was this agent's in the call: an answer anywhere else is "elsewhere". */
  mine: Set<string>;
  answeredElsewhere: boolean;
  callerHungUp: boolean;
  transferredAway: boolean;
  /** Set when a colleague's attended transfer lands here, until the new party is known. */
  pendingAttended?: { transferredBy?: string; remote?: string; remoteName?: string };
}

/**
 * Why an episode that was never answered here is over, or undefined while the caller still
 * waits in a queue that may ring this agent again (ring rounds keep one card).
 */
export function unansweredEndReason(e: Episode, callerStillQueued: boolean): CallEndReason | undefined {
  if (e.transferredAway) return 'transferred-away';
  if (e.answeredElsewhere) return 'answered-elsewhere';
  if (e.callerHungUp) return 'abandoned';
  if (e.placedHere) return 'failed';
  if (callerStillQueued) return undefined;
  return 'missed';
}

export const answeredEndReason = (e: Episode): CallEndReason => (e.transferredAway ? 'transferred-away' : 'completed');
