/**
 * The PBX-neutral vocabulary every PBX adapter (Asterisk AMI, the demo simulator, SIP) emits
 * for the operator's own line. Calls are keyed by the PBX's call id (Asterisk: Linkedid).
 * `at` is the PBX's own timestamp in epoch milliseconds; durations are computed from it.
 */
export type CallDirection = 'inbound' | 'outbound' | 'internal';

export type CallEndReason =
  | 'completed'
  | 'missed'
  | 'abandoned'
  | 'answered-elsewhere'
  | 'transferred-away'
  | 'failed';

export type TransferKind = 'blind' | 'attended';

interface CallEventBase {
  callId: string;
  at: number;
}

export interface RingingEvent extends CallEventBase {
  type: 'ringing';
  direction: CallDirection;
  /** The other party's number exactly as the PBX sent it (normalised later). */
  remote: string;
  remoteName?: string;
  queue?: string;
  did?: string;
  /** Set when a colleague transferred the call here (their extension). */
  transferredBy?: string;
}

export interface AnsweredEvent extends CallEventBase {
  type: 'answered';
  remote?: string;
}

export interface HeldEvent extends CallEventBase {
  type: 'held';
}

export interface ResumedEvent extends CallEventBase {
  type: 'resumed';
}

export interface TransferredEvent extends CallEventBase {
  type: 'transferred';
  kind: TransferKind;
  /** Where this agent sent the call (when the call leaves this agent). */
  target?: string;
  /** The new other party (when a call arrives here by attended transfer). */
  remote?: string;
  remoteName?: string;
  transferredBy?: string;
}

export interface EndedEvent extends CallEventBase {
  type: 'ended';
  reason: CallEndReason;
}

export type CallEvent =
  | RingingEvent
  | AnsweredEvent
  | HeldEvent
  | ResumedEvent
  | TransferredEvent
  | EndedEvent;

export type AgentEvent =
  | { type: 'paused'; queue?: string; reason?: string; at: number }
  | { type: 'unpaused'; queue?: string; at: number }
  | { type: 'member-added'; queue: string; at: number }
  | { type: 'member-removed'; queue: string; at: number }
  | { type: 'device-state'; extension: string; state: DeviceState; at: number }
  /** A click-to-call the PBX could not place (the operator's phone, or the line, said no). */
  | { type: 'dial-failed'; number: string; reason: DialFailure; at: number };

/** Why a click-to-call did not go through, as the PBX reports it. */
export type DialFailure = 'no-answer' | 'rejected' | 'busy' | 'unavailable' | 'congestion' | 'failed';

/** A phone's state as the PBX reports it (for colleagues' lamps). */
export type DeviceState = 'idle' | 'ringing' | 'in-use' | 'busy' | 'on-hold' | 'unavailable' | 'unknown';

export type LinkState = 'connecting' | 'up' | 'down';
