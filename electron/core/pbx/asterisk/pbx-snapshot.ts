import { eventName, field, type AmiMessage } from '../ami/ami-message.js';
import { durationMs, isTrue, known, knownField } from './ami-values.js';
import type { ChannelInfo } from './channel-registry.js';

export interface ChannelSnapshot {
  info: ChannelInfo;
  /** How long the channel has existed, when the PBX said. */
  ageMs?: number;
}

export interface QueueMemberSnapshot {
  queue: string;
  iface: string;
  stateInterface?: string;
  paused: boolean;
  reason?: string;
}

/** What the PBX reports right now, read from the list actions a resync sends. */
export interface PbxSnapshot {
  channels: ChannelSnapshot[];
  members: QueueMemberSnapshot[];
  /** Queues the QueueStatus answer covered (it may have been asked for one queue only). */
  queues: Set<string>;
}

/**
 * Reads CoreShowChannels, QueueStatus and (optionally) Status list entries. Status spells the
 * bridge `BridgeID` where CoreShowChannel says `BridgeId`; neither reports hold.
 */
export function readPbxSnapshot(
  coreShowChannels: readonly AmiMessage[],
  queueStatus: readonly AmiMessage[],
  status: readonly AmiMessage[] = [],
): PbxSnapshot {
  const byName = new Map<string, ChannelSnapshot>();
  for (const m of coreShowChannels) {
    if (eventName(m) !== 'CoreShowChannel') continue;
    const snap = channelFrom(m, 'BridgeId', 'ApplicationData', 'Duration');
    if (snap) byName.set(snap.info.name, snap);
  }
  for (const m of status) {
    if (eventName(m) !== 'Status') continue;
    const snap = channelFrom(m, 'BridgeID', 'Data', 'Seconds');
    if (!snap) continue;
    const seen = byName.get(snap.info.name);
    if (!seen) byName.set(snap.info.name, snap);
    else {
      seen.info.bridgeId ??= snap.info.bridgeId;
      seen.ageMs ??= snap.ageMs;
    }
  }

  const queued = new Map<string, string>();
  const members: QueueMemberSnapshot[] = [];
  const queues = new Set<string>();
  for (const m of queueStatus) {
    const queue = field(m, 'Queue');
    if (!queue) continue;
    switch (eventName(m)) {
      case 'QueueParams':
        queues.add(queue);
        break;
      case 'QueueMember': {
        queues.add(queue);
        const iface = field(m, 'Location') ?? field(m, 'Interface');
        if (!iface) break;
        members.push({
          queue,
          iface,
          stateInterface: knownField(m, 'StateInterface'),
          paused: isTrue(field(m, 'Paused')),
          reason: knownField(m, 'PausedReason'),
        });
        break;
      }
      case 'QueueEntry': {
        queues.add(queue);
        const channel = field(m, 'Channel');
        if (channel) queued.set(channel, queue);
        break;
      }
    }
  }

  for (const snap of byName.values()) {
    const { info } = snap;
    // A caller still running Queue() and not bridged to anyone is waiting in that queue.
    if (info.application?.toLowerCase() === 'queue' && !info.bridgeId) {
      info.queue = info.applicationData?.split(',')[0]?.trim() || undefined;
    }
    const listed = queued.get(info.name);
    if (listed) info.queue = listed;
  }
  return { channels: [...byName.values()], members, queues };
}

function channelFrom(m: AmiMessage, bridgeKey: string, dataKey: string, ageKey: string): ChannelSnapshot | undefined {
  const name = field(m, 'Channel');
  const linkedid = field(m, 'Linkedid');
  if (!name || !linkedid) return undefined;
  const state = field(m, 'ChannelState');
  const info: ChannelInfo = {
    name,
    linkedid,
    uniqueid: field(m, 'Uniqueid'),
    callerNum: knownField(m, 'CallerIDNum'),
    callerName: knownField(m, 'CallerIDName'),
    connectedNum: knownField(m, 'ConnectedLineNum'),
    connectedName: knownField(m, 'ConnectedLineName'),
    exten: knownField(m, 'Exten'),
    state: state !== undefined && /^\d+$/.test(state) ? Number(state) : undefined,
    bridgeId: known(field(m, bridgeKey)),
    application: knownField(m, 'Application'),
    applicationData: field(m, dataKey),
  };
  const snap: ChannelSnapshot = { info };
  const age = durationMs(field(m, ageKey));
  if (age !== undefined) snap.ageMs = age;
  return snap;
}
