import type {
  CallDirection,
  CallEndReason,
  CallEvent,
  RingingEvent,
  TransferredEvent,
} from '../../../../shared/domain/call-events.js';
import { looksInternal } from './ami-values.js';
import { answeredEndReason, unansweredEndReason, type Episode } from './call-episode.js';
import type { ChannelRegistry } from './channel-registry.js';

/** A ring reaching this agent's channel, as the mapper read it from Dial/Queue events. */
export interface RingStart {
  channel: string;
  callId: string | undefined;
  remote: string | undefined;
  remoteName?: string;
  caller?: string;
  queue?: string;
  transferredBy?: string;
  placedHere: boolean;
}

/**
 * This agent's ring episodes and their life cycle (ring → answer → hold → end). Every state
 * change goes out through `emit` exactly once, so callers never have to dedupe.
 */
export class RingEpisodes {
  private readonly episodes = new Map<string, Episode>();

  constructor(
    private readonly channels: ChannelRegistry,
    private readonly maxInternalDigits: number,
    private readonly emit: (event: CallEvent) => void,
  ) {}

  get(callId: string): Episode | undefined {
    return this.episodes.get(callId);
  }

  has(callId: string): boolean {
    return this.episodes.has(callId);
  }

  /** A snapshot, safe to iterate while episodes end. */
  all(): Episode[] {
    return [...this.episodes.values()];
  }

  /** The episode that has `channel` among its live (or ever-owned) legs. */
  with(channel: string | undefined, set: 'live' | 'mine'): Episode | undefined {
    if (channel === undefined) return undefined;
    for (const e of this.episodes.values()) if (e[set].has(channel)) return e;
    return undefined;
  }

  /** Starts an episode, or adds a leg to the one already ringing (queue re-ring, Local member). */
  ring(r: RingStart, at: number): void {
    const callId = r.callId ?? this.channels.get(r.channel)?.linkedid;
    if (callId === undefined) return;
    const current = this.episodes.get(callId);
    if (current) {
      current.live.add(r.channel);
      current.mine.add(r.channel);
      current.callerChannel ??= r.caller;
      return;
    }
    const remote = r.remote ?? '';
    const internal = remote !== '' && looksInternal(remote, this.maxInternalDigits);
    const direction: CallDirection = internal ? 'internal' : r.placedHere ? 'outbound' : 'inbound';
    this.episodes.set(callId, {
      callId,
      phase: 'ringing',
      direction,
      placedHere: r.placedHere,
      remote,
      callerChannel: r.caller,
      live: new Set([r.channel]),
      mine: new Set([r.channel]),
      answeredElsewhere: false,
      callerHungUp: false,
      transferredAway: false,
    });
    const ringing: RingingEvent = { type: 'ringing', callId, at, direction, remote };
    if (r.remoteName !== undefined && r.remoteName !== remote) ringing.remoteName = r.remoteName;
    if (r.queue) ringing.queue = r.queue;
    const did = direction === 'inbound' ? this.channels.didOf(callId) : undefined;
    if (did !== undefined) ringing.did = did;
    if (r.transferredBy !== undefined) ringing.transferredBy = r.transferredBy;
    this.emit(ringing);
  }

  answer(e: Episode, at: number, remote?: string): void {
    if (e.phase !== 'ringing') return;
    e.phase = 'connected';
    if (remote === undefined) return this.emit({ type: 'answered', callId: e.callId, at });
    e.remote = remote;
    this.emit({ type: 'answered', callId: e.callId, at, remote });
  }

  hold(e: Episode, at: number, held: boolean): void {
    if (held && e.phase === 'connected') {
      e.phase = 'held';
      this.emit({ type: 'held', callId: e.callId, at });
    } else if (!held && e.phase === 'held') {
      e.phase = 'connected';
      this.emit({ type: 'resumed', callId: e.callId, at });
    }
  }

  /** The call leaves this agent for `target` (the episode ends when its legs hang up). */
  transferAway(e: Episode, at: number, kind: 'blind' | 'attended', target: string | undefined): void {
    if (e.transferredAway) return;
    e.transferredAway = true;
    const ev: TransferredEvent = { type: 'transferred', callId: e.callId, at, kind };
    if (target !== undefined) ev.target = target;
    this.emit(ev);
  }

  /** A colleague's attended transfer landed here: the other party is now `remote`. */
  transferArrived(e: Episode, at: number, remote: string, remoteName: string | undefined): void {
    const by = e.pendingAttended?.transferredBy;
    e.pendingAttended = undefined;
    e.remote = remote;
    const ev: TransferredEvent = { type: 'transferred', callId: e.callId, at, kind: 'attended', remote };
    if (remoteName !== undefined && remoteName !== remote) ev.remoteName = remoteName;
    if (by !== undefined) ev.transferredBy = by;
    this.emit(ev);
  }

  /** Ends an episode once none of the agent's legs is left, unless a queue may ring again. */
  settle(e: Episode, at: number, callerGone = false): void {
    if (e.live.size > 0 || !this.episodes.has(e.callId)) return;
    if (e.phase !== 'ringing') return this.end(e, answeredEndReason(e), at);
    const stillQueued = !callerGone && this.channels.get(e.callerChannel)?.queue !== undefined;
    const reason = unansweredEndReason(e, stillQueued);
    if (reason !== undefined) this.end(e, reason, at);
  }

  end(e: Episode, reason: CallEndReason, at: number): void {
    const pending = e.pendingAttended;
    if (pending?.remote !== undefined && pending.remote !== e.remote) {
      this.transferArrived(e, at, pending.remote, pending.remoteName);
    }
    this.episodes.delete(e.callId);
    this.emit({ type: 'ended', callId: e.callId, at, reason });
  }
}
