import { AWAY, RESERVED_REASON_CODES, SCREEN_LOCKED, WRAP_UP, type PresenceConfig } from './presence-config.js';

/**
 * The operator's availability as a pure state machine: what they chose, what the lock screen,
 * calls, after-call work, sleep and the PBX did to it. No I/O and no timers: each step returns
 * the new state, the PBX pause to apply (only when the PBX's pause state must change), the
 * wrap-up deadline to arm, and a transition record for the journal. The core owns the timer
 * and feeds `wrap-up-elapsed` back.
 *
 * PBX rules:
 * - The PBX's own view wins: a pause or unpause we did not ask for (a supervisor, another tool)
 *   becomes the operator's state, with the PBX's reason, marked as set by the PBX.
 * - Reconnect: while the link is down the PBX cannot be told anything, and what it reports while
 *   the link comes back is its state, not a decision. When the link is up again:
 *   1. a pause with a reason the app never sets (not a configured code, not screen-locked /
 *      wrap-up / away) was made by someone else: the PBX wins;
 *   2. anything else (unpaused, or paused with one of our reasons) may be stale — the PBX may
 *      have restarted, or the operator changed status while the link was down — so the
 *      operator's wanted state wins and is applied to the PBX if it differs.
 *   On the first connection after start the operator has chosen nothing yet, so a pause with a
 *   configured reason is adopted too (they were on lunch when the app last ran); only our
 *   transient reasons (screen-locked, wrap-up, away) are stale leftovers and get replaced.
 */

export type PresenceStatus = 'available' | 'not-ready' | 'on-call' | 'wrap-up' | 'offline';
export type TransitionCause = 'manual' | 'lock' | 'pbx' | 'call' | 'timer' | 'power';

/** What an operator can choose. `reason` is a configured reason code. */
export type StatusChoice = { status: 'available' } | { status: 'not-ready'; reason: string };

type SetBy = 'start' | 'operator' | 'lock' | 'pbx';

/** What the operator is when not on a call or in after-call work. A PBX pause may have no reason. */
interface Wanted {
  status: 'available' | 'not-ready';
  reason?: string;
  by: SetBy;
}

type LockState =
  /** Locked on a call or in wrap-up: becomes "screen locked" when they end. */
  | { kind: 'pending' }
  /** Not ready "screen locked"; unlocking restores `restore`. */
  | { kind: 'applied'; restore: Wanted }
  /** A change made while locked wins: unlocking restores nothing. */
  | { kind: 'overridden' };

export interface PauseState {
  paused: boolean;
  reason?: string;
}

export interface PresenceState {
  wanted: Wanted;
  lock?: LockState;
  onCall: boolean;
  wrapUpUntil?: number;
  linkUp: boolean;
  connectedBefore: boolean;
  /** The PBX removed the operator from every queue they were in (logged off there). */
  loggedOff: boolean;
  power: 'awake' | 'asleep' | 'session-ending';
  /** The PBX's pause state as far as we know (its last report or our last request); undefined after a failed request. */
  pbx?: PauseState;
  /** Our recent requests, oldest first: their echoes are not someone else's change. */
  requested: Array<PauseState & { at: number }>;
}

export type PresenceInput =
  | { type: 'set-status'; choice: StatusChoice }
  | { type: 'end-wrap-up' }
  | { type: 'extend-wrap-up'; seconds: number }
  /** From the core's timer, with the deadline it was armed for (a stale timer is ignored). */
  | { type: 'wrap-up-elapsed'; deadline: number }
  | { type: 'screen-locked' }
  | { type: 'screen-unlocked' }
  | { type: 'suspend' }
  | { type: 'resume' }
  /** Shutdown or log-off. */
  | { type: 'shutdown' }
  /** How many of the operator's calls are answered and not yet ended (ringing ones do not count). */
  | { type: 'calls-changed'; connected: number }
  | { type: 'pbx-paused'; reason?: string }
  | { type: 'pbx-unpaused' }
  | { type: 'pbx-link'; up: boolean }
  /** The operator left their last queue (true) or joined one again (false). */
  | { type: 'pbx-logged-off'; loggedOff: boolean }
  /** The PBX refused or never answered a `pbx-pause` effect. */
  | { type: 'pbx-pause-failed'; paused: boolean; reason?: string };

export type PresenceEffect =
  | { type: 'pbx-pause'; paused: boolean; reason?: string }
  /** Arm (or with null, cancel) the one wrap-up timer; when it fires, send `wrap-up-elapsed` with this deadline. */
  | { type: 'wrap-up-timer'; deadline: number | null };

export type OfflineCause = 'pbx-link' | 'logged-off' | 'asleep' | 'session-ending';

export interface PresenceView {
  status: PresenceStatus;
  /** not-ready: a configured code, `screen-locked`, or the PBX's own words (none when the PBX gave none). */
  reason?: string;
  reasonBy?: 'operator' | 'lock' | 'pbx';
  offline?: OfflineCause;
  screenLocked: boolean;
  wrapUpUntil?: number;
}

/** For the journal: one record per change of status or reason. */
export interface PresenceTransition {
  at: number;
  from: PresenceStatus;
  to: PresenceStatus;
  /** The new not-ready reason, or for offline its cause. */
  reason?: string;
  cause: TransitionCause;
}

export interface PresenceStep {
  state: PresenceState;
  effects: PresenceEffect[];
  transition?: PresenceTransition;
  /** Why the input was refused, in one line; nothing else changed. */
  rejected?: string;
}

export type PresencePolicyConfig = Pick<PresenceConfig, 'reasons' | 'wrapUpSeconds'>;

export interface PresenceContext {
  /** The core's clock, epoch ms. */
  at: number;
  config: PresencePolicyConfig;
}

const MAX_REQUESTED = 4;
/** A PBX answers a pause request within this; a matching report later than that is someone's decision. */
const ECHO_WINDOW_MS = 5000;
const MAX_EXTEND_SECONDS = 3600;

export const initialPresence: PresenceState = {
  wanted: { status: 'available', by: 'start' },
  onCall: false,
  linkUp: false,
  connectedBefore: false,
  loggedOff: false,
  power: 'awake',
  // Until it says otherwise, an agent is not paused anywhere (an adapter reports pauses it finds).
  pbx: { paused: false },
  requested: [],
};

const CAUSE: Record<PresenceInput['type'], TransitionCause> = {
  'set-status': 'manual',
  'end-wrap-up': 'manual',
  'extend-wrap-up': 'manual',
  'wrap-up-elapsed': 'timer',
  'screen-locked': 'lock',
  'screen-unlocked': 'lock',
  suspend: 'power',
  resume: 'power',
  shutdown: 'power',
  'calls-changed': 'call',
  'pbx-paused': 'pbx',
  'pbx-unpaused': 'pbx',
  'pbx-link': 'pbx',
  'pbx-logged-off': 'pbx',
  'pbx-pause-failed': 'pbx',
};

export function presenceView(state: PresenceState): PresenceView {
  const screenLocked = state.lock !== undefined;
  if (state.power !== 'awake') return { status: 'offline', offline: state.power, screenLocked };
  if (!state.linkUp) return { status: 'offline', offline: 'pbx-link', screenLocked };
  if (state.onCall) return { status: 'on-call', screenLocked };
  if (state.loggedOff) return { status: 'offline', offline: 'logged-off', screenLocked };
  if (state.wrapUpUntil !== undefined) return { status: 'wrap-up', screenLocked, wrapUpUntil: state.wrapUpUntil };
  const { wanted } = state;
  if (wanted.status === 'available') return { status: 'available', screenLocked };
  const view: PresenceView = { status: 'not-ready', reasonBy: wanted.by === 'start' ? 'operator' : wanted.by, screenLocked };
  if (wanted.reason !== undefined) view.reason = wanted.reason;
  return view;
}

/** The pause the PBX should have. On a call the operator's choice already applies to the queues. */
export function pbxTarget(state: PresenceState): PauseState {
  if (state.power !== 'awake') return { paused: true, reason: AWAY };
  if (!state.onCall && state.wrapUpUntil !== undefined) return { paused: true, reason: WRAP_UP };
  if (state.wanted.status === 'available') return { paused: false };
  return state.wanted.reason === undefined ? { paused: true } : { paused: true, reason: state.wanted.reason };
}

const samePause = (a: PauseState, b: PauseState): boolean => a.paused === b.paused && (!a.paused || a.reason === b.reason);

const isTransientOwnReason = (reason: string | undefined): boolean => reason !== undefined && RESERVED_REASON_CODES.includes(reason);

const isConfiguredReason = (config: PresencePolicyConfig, reason: string | undefined): boolean =>
  reason !== undefined && config.reasons.some((r) => r.code === reason);

function refusal(state: PresenceState, input: PresenceInput, config: PresencePolicyConfig): string | undefined {
  switch (input.type) {
    case 'set-status': {
      const { choice } = input;
      if (choice.status === 'not-ready' && !isConfiguredReason(config, choice.reason)) {
        const codes = config.reasons.map((r) => r.code).join(', ');
        return `"${choice.reason}" is not a not-ready reason here; choose one of: ${codes} (config presence.reasons)`;
      }
      return undefined;
    }
    case 'end-wrap-up':
      return state.wrapUpUntil === undefined || state.onCall ? 'There is no after-call work to end' : undefined;
    case 'extend-wrap-up':
      if (state.wrapUpUntil === undefined || state.onCall) return 'There is no after-call work to extend';
      if (!Number.isInteger(input.seconds) || input.seconds < 1 || input.seconds > MAX_EXTEND_SECONDS) {
        return `After-call work is extended by 1 to ${MAX_EXTEND_SECONDS} whole seconds (got ${input.seconds})`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A change made while the screen is locked wins over the restore on unlock. */
const overrideLock = (lock: LockState | undefined): LockState | undefined => (lock ? { kind: 'overridden' } : undefined);

/** The PBX's view becomes the operator's state (it also ends after-call work). */
function adopt(state: PresenceState, report: PauseState): PresenceState {
  const wanted: Wanted = report.paused
    ? { status: 'not-ready', ...(report.reason === undefined ? {} : { reason: report.reason }), by: 'pbx' }
    : { status: 'available', by: 'pbx' };
  return { ...state, wanted, lock: overrideLock(state.lock), wrapUpUntil: state.onCall ? state.wrapUpUntil : undefined };
}

interface Applied {
  state: PresenceState;
  /** Apply the target to the PBX even if it did not change (it may not have it). */
  reconcile?: boolean;
}

function onPbxReport(state: PresenceState, report: PauseState, at: number): Applied {
  // While the link comes back (or the computer sleeps) a report is state, not a decision.
  if (!state.linkUp || state.power !== 'awake') return { state: { ...state, pbx: report } };
  if (state.pbx && samePause(report, state.pbx)) return { state };
  const echoOf = state.requested.findIndex((r) => at - r.at <= ECHO_WINDOW_MS && samePause(r, report));
  // An echo of an older request (a newer one is on its way): requests before it are answered.
  if (echoOf >= 0) return { state: { ...state, requested: state.requested.slice(echoOf) } };
  const next = { ...state, pbx: report };
  // One of our transient pauses we no longer want: put the right one back.
  if (report.paused && isTransientOwnReason(report.reason)) return { state: next, reconcile: true };
  return { state: adopt(next, report) };
}

function onLinkUp(state: PresenceState, config: PresencePolicyConfig): Applied {
  const firstConnection = !state.connectedBefore;
  let next: PresenceState = { ...state, linkUp: true, connectedBefore: true };
  const seen = state.pbx;
  if (seen?.paused && !isTransientOwnReason(seen.reason)) {
    const someoneElses = !isConfiguredReason(config, seen.reason);
    const nothingChosenYet = firstConnection && state.wanted.by === 'start';
    if (someoneElses || nothingChosenYet) next = adopt(next, seen);
  }
  return { state: next, reconcile: true };
}

function apply(state: PresenceState, input: PresenceInput, at: number, config: PresencePolicyConfig): Applied {
  switch (input.type) {
    case 'set-status': {
      const wanted: Wanted = { ...input.choice, by: 'operator' };
      return {
        state: {
          ...state,
          wanted,
          lock: overrideLock(state.lock),
          wrapUpUntil: state.onCall ? state.wrapUpUntil : undefined,
          // The session end was cancelled (or the machine is up again): the operator is here.
          power: 'awake',
        },
        reconcile: state.power !== 'awake',
      };
    }
    case 'end-wrap-up':
      return { state: { ...state, wrapUpUntil: undefined } };
    case 'extend-wrap-up':
      return { state: { ...state, wrapUpUntil: Math.max(state.wrapUpUntil!, at) + input.seconds * 1000 } };
    case 'wrap-up-elapsed':
      return input.deadline === state.wrapUpUntil ? { state: { ...state, wrapUpUntil: undefined } } : { state };
    case 'screen-locked':
      return state.lock ? { state } : { state: { ...state, lock: { kind: 'pending' } } };
    case 'screen-unlocked':
      if (!state.lock) return { state };
      return { state: { ...state, lock: undefined, wanted: state.lock.kind === 'applied' ? state.lock.restore : state.wanted } };
    case 'suspend':
      return { state: { ...state, power: 'asleep' } };
    case 'shutdown':
      return { state: { ...state, power: 'session-ending' } };
    case 'resume':
      return state.power === 'awake' ? { state } : { state: { ...state, power: 'awake' }, reconcile: true };
    case 'calls-changed': {
      const onCall = input.connected > 0;
      if (onCall === state.onCall) return { state };
      if (onCall) return { state: { ...state, onCall, wrapUpUntil: undefined } };
      const wrapUpUntil = config.wrapUpSeconds > 0 ? at + config.wrapUpSeconds * 1000 : undefined;
      return { state: { ...state, onCall, wrapUpUntil } };
    }
    case 'pbx-paused':
      return onPbxReport(state, input.reason ? { paused: true, reason: input.reason } : { paused: true }, at);
    case 'pbx-unpaused':
      return onPbxReport(state, { paused: false }, at);
    case 'pbx-link':
      if (input.up) return state.linkUp ? { state } : onLinkUp(state, config);
      // Requests in flight when the link dropped may or may not have been applied.
      return state.linkUp ? { state: { ...state, linkUp: false, requested: [] } } : { state };
    case 'pbx-logged-off':
      if (input.loggedOff === state.loggedOff) return { state };
      // Back in a queue: it gets the operator's state, whatever the queue started them with.
      return input.loggedOff ? { state: { ...state, loggedOff: true } } : { state: { ...state, loggedOff: false }, reconcile: true };
    case 'pbx-pause-failed': {
      const failed: PauseState = input.reason === undefined ? { paused: input.paused } : { paused: input.paused, reason: input.reason };
      return { state: { ...state, pbx: undefined, requested: state.requested.filter((r) => !samePause(r, failed)) } };
    }
  }
}

/** A lock that waited for the call and wrap-up to end takes effect now. */
function applyPendingLock(state: PresenceState): PresenceState {
  if (state.lock?.kind !== 'pending' || state.onCall || state.wrapUpUntil !== undefined) return state;
  return { ...state, lock: { kind: 'applied', restore: state.wanted }, wanted: { status: 'not-ready', reason: SCREEN_LOCKED, by: 'lock' } };
}

function transitionBetween(before: PresenceView, after: PresenceView, at: number, cause: TransitionCause): PresenceTransition | undefined {
  const reasonOf = (v: PresenceView) => v.reason ?? v.offline;
  if (before.status === after.status && reasonOf(before) === reasonOf(after)) return undefined;
  const transition: PresenceTransition = { at, from: before.status, to: after.status, cause };
  const reason = reasonOf(after);
  if (reason !== undefined) transition.reason = reason;
  return transition;
}

export function reducePresence(state: PresenceState, input: PresenceInput, { at, config }: PresenceContext): PresenceStep {
  const rejected = refusal(state, input, config);
  if (rejected) return { state, effects: [], rejected };

  const applied = apply(state, input, at, config);
  let next = applyPendingLock(applied.state);
  const effects: PresenceEffect[] = [];

  const target = pbxTarget(next);
  const targetChanged = !samePause(target, pbxTarget(state));
  const pbxDiffers = !next.pbx || !samePause(next.pbx, target);
  // Logged off, there is no queue to pause in: the operator's choice waits for the next login.
  if (next.linkUp && !next.loggedOff && (targetChanged || applied.reconcile) && pbxDiffers) {
    effects.push(target.reason === undefined ? { type: 'pbx-pause', paused: target.paused } : { type: 'pbx-pause', ...target });
    next = { ...next, pbx: target, requested: [...next.requested, { ...target, at }].slice(-MAX_REQUESTED) };
  }
  if (next.wrapUpUntil !== state.wrapUpUntil) effects.push({ type: 'wrap-up-timer', deadline: next.wrapUpUntil ?? null });

  const transition = transitionBetween(presenceView(state), presenceView(next), at, CAUSE[input.type]);
  return transition ? { state: next, effects, transition } : { state: next, effects };
}
