import type { AgentEvent, CallDirection, CallEvent, DialFailure } from '../../../../shared/domain/call-events.js';
import { eventName, field, type AmiMessage } from '../ami/ami-message.js';
import { AgentLine, type AgentLineConfig } from './agent-line.js';
import { AgentQueueEvents } from './agent-queue-events.js';
import type { AgentStateView } from './agent-queue-state.js';
import { eventTime, firstKnown, knownField } from './ami-values.js';
import type { Episode } from './call-episode.js';
import { resyncCalls } from './call-resync.js';
import { extensionOf, isLocalChannel } from './channel-names.js';
import { ChannelRegistry } from './channel-registry.js';
import { ExtensionStates } from './extension-states.js';
import { readPbxSnapshot } from './pbx-snapshot.js';
import { RingEpisodes } from './ring-episodes.js';

/** What the mapper emits: call events for this agent's calls, and its queue/pause events. */
export type MappedEvent = { kind: 'call'; event: CallEvent } | { kind: 'agent'; event: AgentEvent };

export interface AsteriskCallMapperOptions extends AgentLineConfig {
  /** Numbers with at most this many digits are colleagues (direction `internal`). Default 6. */
  maxInternalDigits?: number;
}

export interface ActiveCallView {
  callId: string;
  phase: Episode['phase'];
  direction: CallDirection;
  remote: string;
}

/** The list answers a resync collects after a reconnect. */
export interface PbxLists {
  coreShowChannels: readonly AmiMessage[];
  queueStatus: readonly AmiMessage[];
  status?: readonly AmiMessage[];
}

type Handler = (m: AmiMessage, at: number) => void;

const QUEUE_MEMBER_EVENTS = new Set([
  'QueueMemberPause',
  'QueueMemberPaused',
  'QueueMemberAdded',
  'QueueMemberRemoved',
  'QueueMember',
  'QueueMemberStatus',
]);

/** OriginateResponse `Reason`: 0 nothing to call, 1 hung up (declined), 3 rang out, 5 busy, 8 congestion. */
const ORIGINATE_FAILURES: Record<string, DialFailure> = { '0': 'unavailable', '1': 'rejected', '3': 'no-answer', '5': 'busy', '8': 'congestion' };

/**
 * Turns Asterisk AMI events into the domain events of ONE agent's line. Feed it every AMI
 * event in arrival order with `handle()`; it keeps only what it needs (live channels, this
 * agent's ring episodes and queue state) and returns what happened, in order. Calls are keyed
 * by Linkedid. Pure: no I/O, no clock — time comes from `Timestamp:` or the caller.
 */
export class AsteriskCallMapper {
  private readonly line: AgentLine;
  private readonly channels = new ChannelRegistry();
  private readonly episodes: RingEpisodes;
  private readonly queues: AgentQueueEvents;
  private readonly extensions = new ExtensionStates();
  private out: MappedEvent[] = [];

  constructor(options: AsteriskCallMapperOptions) {
    this.line = new AgentLine(options);
    this.queues = new AgentQueueEvents(this.line);
    this.episodes = new RingEpisodes(this.channels, options.maxInternalDigits ?? 6, (event) =>
      this.out.push({ kind: 'call', event }),
    );
  }

  /** Applies one AMI packet; `receivedAt` (epoch ms) is used when it has no `Timestamp:`. */
  handle(message: AmiMessage, receivedAt: number): MappedEvent[] {
    const name = eventName(message);
    if (name === undefined) return [];
    this.out = [];
    const at = eventTime(message, receivedAt);
    this.channels.observe(message);
    if (QUEUE_MEMBER_EVENTS.has(name)) this.emitAgent(this.queues.handle(message, at));
    else this.handlers[name]?.(message, at);
    if (name === 'Hangup') this.channels.remove(field(message, 'Channel') ?? '');
    return this.out;
  }

  /**
   * After a reconnect (nothing missed is replayed): ends calls the PBX no longer has, adopts
   * calls it has that we did not know, and takes queue membership and pause state from
   * QueueStatus. Hold state is not reported by the PBX, so it is kept as it was.
   */
  rebuildFrom(lists: PbxLists, at: number): MappedEvent[] {
    this.out = [];
    const snapshot = readPbxSnapshot(lists.coreShowChannels, lists.queueStatus, lists.status);
    this.channels.clear();
    for (const c of snapshot.channels) this.channels.restore(c.info);
    resyncCalls(snapshot, this.episodes, this.channels, this.line, at);
    this.emitAgent(this.queues.resync(snapshot, at));
    return this.out;
  }

  /**
   * The PBX accepted a transfer this app asked for with `Redirect` (AMI reports no
   * BlindTransfer for it): the call is leaving this agent for `target`.
   */
  noteBlindTransfer(callId: string, target: string, at: number): MappedEvent[] {
    this.out = [];
    const e = this.episodes.get(callId);
    if (e && e.phase !== 'ringing') this.episodes.transferAway(e, at, 'blind', target);
    return this.out;
  }

  /**
   * The channels a command acts on: this agent's phone leg of the call, and the other party
   * (bridged with it, else the call's first leg — the caller behind a queue's Local channels).
   */
  callChannels(callId: string): { mine?: string; other?: string } {
    const legs = this.channels.legsOf(callId);
    const mine = legs.find((l) => this.line.ownsChannel(l.name));
    const others = legs.filter((l) => l !== mine && !isLocalChannel(l.name));
    const other =
      others.find((l) => mine?.bridgeId !== undefined && l.bridgeId === mine.bridgeId) ??
      others.find((l) => l.uniqueid === callId) ??
      others[0];
    return { mine: mine?.name, other: other?.name };
  }

  /** The answer of ExtensionStateList (after every login): every extension's state, again. */
  rebuildExtensionStates(items: readonly AmiMessage[], at: number): MappedEvent[] {
    return this.extensions.resync(items, at).map((event) => ({ kind: 'agent', event }));
  }

  /** This agent's queues and pause state as last reported by the PBX. */
  agentState(): AgentStateView {
    return this.queues.state.view();
  }

  /** Calls ringing or in progress at this agent. */
  activeCalls(): ActiveCallView[] {
    return this.episodes.all().map(({ callId, phase, direction, remote }) => ({ callId, phase, direction, remote }));
  }

  /** Live channels remembered (all of them, not only this agent's): bounded by the PBX's. */
  get trackedChannels(): number {
    return this.channels.size;
  }

  private readonly handlers: Record<string, Handler> = {
    AgentCalled: (m, at) => this.onAgentCalled(m, at),
    DialBegin: (m, at) => this.onDialBegin(m, at),
    DialEnd: (m, at) => this.onDialEnd(m, at),
    AgentConnect: (m, at) => this.onAgentConnect(m, at),
    Hold: (m, at) => this.onHold(m, at, true),
    // A phone's blind transfer (REFER) starts with an Unhold although nothing was held.
    Unhold: (m, at) => this.onHold(m, at, false),
    BlindTransfer: (m, at) => this.onBlindTransfer(m, at),
    AttendedTransfer: (m, at) => this.onAttendedTransfer(m, at),
    NewConnectedLine: (m, at) => this.onConnectedLine(m, at),
    HangupRequest: (m, at) => this.onHangupRequest(m, at),
    Hangup: (m, at) => this.onHangup(m, at),
    QueueCallerJoin: (m) => this.setQueued(field(m, 'Channel'), field(m, 'Queue')),
    // QueueCallerAbandon is also sent when the queue times out: who hung up first tells them apart.
    QueueCallerLeave: (m, at) => this.onQueueCallerLeave(m, at),
    ExtensionStatus: (m, at) => this.emitAgent(this.extensions.handle(m, at)),
    OriginateResponse: (m, at) => this.onOriginateResponse(m, at),
  };

  /** A click-to-call that failed before anyone talked: Asterisk's Reason is the control frame it ended on. */
  private onOriginateResponse(m: AmiMessage, at: number): void {
    if (field(m, 'Response')?.toLowerCase() !== 'failure' || !this.line.ownsChannel(field(m, 'Channel'))) return;
    const reason = ORIGINATE_FAILURES[field(m, 'Reason') ?? ''] ?? 'failed';
    this.emitAgent([{ type: 'dial-failed', number: knownField(m, 'Exten') ?? '', reason, at }]);
  }

  // ---- ringing ---------------------------------------------------------------------------

  private onAgentCalled(m: AmiMessage, at: number): void {
    const dest = field(m, 'DestChannel');
    if (!dest || !(this.line.ownsChannel(dest) || this.line.ownsMember(field(m, 'Interface')))) return;
    const caller = field(m, 'Channel');
    this.episodes.ring(
      {
        channel: dest,
        callId: field(m, 'DestLinkedid') ?? field(m, 'Linkedid'),
        remote: firstKnown(field(m, 'DestConnectedLineNum'), field(m, 'CallerIDNum')),
        remoteName: firstKnown(field(m, 'DestConnectedLineName'), field(m, 'CallerIDName')),
        caller,
        queue: field(m, 'Queue'),
        transferredBy: this.channels.get(caller)?.transferredBy,
        placedHere: false,
      },
      at,
    );
  }

  private onDialBegin(m: AmiMessage, at: number): void {
    const dest = field(m, 'DestChannel');
    const source = field(m, 'Channel');
    if (dest && (this.line.ownsChannel(dest) || this.episodes.with(dest, 'live'))) {
      if (source === undefined) {
        // Originate (click-to-call): the PBX rings this agent's phone first.
        return this.episodes.ring(
          {
            channel: dest,
            callId: field(m, 'DestLinkedid'),
            remote: firstKnown(field(m, 'DestConnectedLineNum'), field(m, 'DestCallerIDNum')),
            remoteName: firstKnown(field(m, 'DestConnectedLineName'), field(m, 'DestCallerIDName')),
            placedHere: true,
          },
          at,
        );
      }
      const origin = this.originOf(source);
      const from = this.channels.get(source);
      const first = this.channels.get(origin);
      this.episodes.ring(
        {
          channel: dest,
          callId: field(m, 'DestLinkedid') ?? field(m, 'Linkedid'),
          remote: firstKnown(field(m, 'DestConnectedLineNum'), field(m, 'CallerIDNum')),
          remoteName: firstKnown(field(m, 'DestConnectedLineName'), field(m, 'CallerIDName')),
          caller: origin,
          queue: from?.queue ?? first?.queue,
          transferredBy: from?.transferredBy ?? first?.transferredBy,
          placedHere: false,
        },
        at,
      );
    } else if (source && this.line.ownsChannel(source)) {
      // The agent dials out from the phone.
      this.episodes.ring(
        {
          channel: source,
          callId: field(m, 'Linkedid'),
          remote: firstKnown(field(m, 'DestCallerIDNum'), field(m, 'Exten')),
          remoteName: firstKnown(field(m, 'DestCallerIDName')),
          placedHere: true,
        },
        at,
      );
    }
  }

  // ---- answer ----------------------------------------------------------------------------

  private onDialEnd(m: AmiMessage, at: number): void {
    const dest = field(m, 'DestChannel');
    const source = field(m, 'Channel');
    const answered = field(m, 'DialStatus') === 'ANSWER';
    const rung = this.episodes.with(dest, 'live');
    if (rung && dest) {
      // Without a source this is the originate leg: the agent picked up, the far end is next.
      if (answered && source !== undefined) this.episodes.answer(rung, at);
      else if (!answered) {
        rung.live.delete(dest);
        this.episodes.settle(rung, at);
      }
    }
    if (!answered || source === undefined || dest === undefined) return;
    const dialling = this.episodes.with(source, 'live');
    if (dialling) this.episodes.answer(dialling, at, firstKnown(field(m, 'DestCallerIDNum'), field(m, 'DestConnectedLineNum')));
    this.markAnsweredElsewhere(source, dest);
  }

  private onAgentConnect(m: AmiMessage, at: number): void {
    const dest = field(m, 'DestChannel');
    const e = this.episodes.with(dest, 'mine');
    if (e) this.episodes.answer(e, at);
    const caller = field(m, 'Channel');
    if (caller && dest) this.markAnsweredElsewhere(caller, dest);
  }

  /** `caller` was answered by `dest`: every ring here it caused, on another phone, is lost. */
  private markAnsweredElsewhere(caller: string, dest: string): void {
    const origin = this.originOf(caller);
    for (const e of this.episodes.all()) {
      if (e.phase !== 'ringing' || e.mine.has(dest)) continue;
      if (e.callerChannel === caller || e.callerChannel === origin) e.answeredElsewhere = true;
    }
  }

  // ---- during the call -------------------------------------------------------------------

  private onHold(m: AmiMessage, at: number, held: boolean): void {
    const e = this.episodes.with(field(m, 'Channel'), 'live');
    if (e) this.episodes.hold(e, at, held);
  }

  private onBlindTransfer(m: AmiMessage, at: number): void {
    if (field(m, 'Result') !== 'Success') return;
    const transferer = field(m, 'TransfererChannel');
    const by = transferer ? extensionOf(transferer) : knownField(m, 'TransfererCallerIDNum');
    // Remembered on the customer's channel, so that the target's ring says who sent it.
    const transferee = this.channels.get(field(m, 'TransfereeChannel'));
    if (transferee && by !== undefined) transferee.transferredBy = by;
    const e = this.episodes.with(transferer, 'live');
    if (e) this.episodes.transferAway(e, at, 'blind', knownField(m, 'Extension'));
  }

  private onAttendedTransfer(m: AmiMessage, at: number): void {
    if (field(m, 'Result') !== 'Success') return;
    const first = field(m, 'OrigTransfererChannel');
    const targetChannel = field(m, 'TransferTargetChannel');
    const leaving = this.episodes.with(first, 'live');
    if (leaving) {
      const target =
        targetChannel && isLocalChannel(targetChannel)
          ? extensionOf(targetChannel)
          : firstKnown(
              field(m, 'SecondTransfererConnectedLineNum'),
              field(m, 'TransferTargetCallerIDNum'),
              targetChannel && extensionOf(targetChannel),
            );
      this.episodes.transferAway(leaving, at, 'attended', target);
    }
    // A phone's own attended transfer: the consultation call leaves too, without a second notice.
    const consult = this.episodes.with(field(m, 'SecondTransfererChannel'), 'live');
    if (consult && consult !== leaving) consult.transferredAway = true;

    if (!targetChannel) return;
    const by = first ? extensionOf(first) : knownField(m, 'OrigTransfererCallerIDNum');
    for (const e of this.episodes.all()) {
      if (e === leaving || e === consult) continue;
      // The target's phone may sit behind a Local pair that is never optimised away.
      if (![...e.live].some((ch) => this.channels.upstream(ch).includes(targetChannel))) continue;
      e.pendingAttended = {
        transferredBy: by,
        remote: knownField(m, 'TransfereeCallerIDNum'),
        remoteName: knownField(m, 'TransfereeCallerIDName'),
      };
      // Some releases update the connected line before they report the transfer.
      const updated = [...e.live].map((ch) => this.channels.get(ch)).find((c) => c?.connectedNum && c.connectedNum !== e.remote);
      if (updated?.connectedNum) this.episodes.transferArrived(e, at, updated.connectedNum, updated.connectedName);
    }
  }

  /** After an attended transfer the phone's connected line turns into the caller: follow it. */
  private onConnectedLine(m: AmiMessage, at: number): void {
    const e = this.episodes.with(field(m, 'Channel'), 'live');
    const number = knownField(m, 'ConnectedLineNum');
    if (!e?.pendingAttended || number === undefined || number === e.remote) return;
    this.episodes.transferArrived(e, at, number, knownField(m, 'ConnectedLineName'));
  }

  // ---- the end ---------------------------------------------------------------------------

  private onHangupRequest(m: AmiMessage, at: number): void {
    const channel = field(m, 'Channel');
    const info = this.channels.get(channel);
    if (info) info.remoteHangup = true;
    for (const e of this.episodes.all()) {
      if (e.phase !== 'ringing' || e.callerChannel !== channel) continue;
      e.callerHungUp = true;
      this.episodes.settle(e, at);
    }
  }

  private onHangup(m: AmiMessage, at: number): void {
    const channel = field(m, 'Channel');
    if (channel === undefined) return;
    const own = this.episodes.with(channel, 'live');
    if (own) {
      own.live.delete(channel);
      this.episodes.settle(own, at);
    }
    // The caller's leg is gone: hung up by the caller (HangupRequest first) or by the dialplan.
    const byCaller = this.channels.get(channel)?.remoteHangup === true;
    for (const e of this.episodes.all()) {
      if (e.phase !== 'ringing' || e.callerChannel !== channel) continue;
      if (byCaller) e.callerHungUp = true;
      this.episodes.settle(e, at, true);
    }
  }

  private onQueueCallerLeave(m: AmiMessage, at: number): void {
    const channel = field(m, 'Channel');
    this.setQueued(channel, undefined);
    for (const e of this.episodes.all()) {
      if (e.phase === 'ringing' && e.callerChannel === channel) this.episodes.settle(e, at);
    }
  }

  private setQueued(channel: string | undefined, queue: string | undefined): void {
    const info = this.channels.get(channel);
    if (info) info.queue = queue;
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The channel a call really came from, through Dial sources and Local pairs. */
  private originOf(channel: string): string {
    const chain = this.channels.upstream(channel);
    return chain[chain.length - 1] ?? channel;
  }

  private emitAgent(events: readonly AgentEvent[]): void {
    for (const event of events) this.out.push({ kind: 'agent', event });
  }
}
