/** Small hand-built AMI packets for the Asterisk mapper's unit tests. */
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';

export function ami(fields: Record<string, string | undefined>): AmiMessage {
  const map = new Map<string, string[]>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) map.set(k, [v]);
  return { fields: map };
}

/** A channel as the PBX describes it inside events. */
export interface Leg {
  name: string;
  uniqueid: string;
  linkedid: string;
  num?: string;
  name2?: string;
  connected?: string;
  exten?: string;
  state?: number;
}

let counter = 0;
export function leg(name: string, linkedid: string, extra: Partial<Leg> = {}): Leg {
  counter += 1;
  return { name, uniqueid: extra.uniqueid ?? `u-${counter}`, linkedid, ...extra };
}

export function snapshot(l: Leg, prefix = ''): Record<string, string | undefined> {
  return {
    [`${prefix}Channel`]: l.name,
    [`${prefix}ChannelState`]: String(l.state ?? 6),
    [`${prefix}CallerIDNum`]: l.num ?? '<unknown>',
    [`${prefix}CallerIDName`]: l.name2 ?? '<unknown>',
    [`${prefix}ConnectedLineNum`]: l.connected ?? '<unknown>',
    [`${prefix}ConnectedLineName`]: '<unknown>',
    [`${prefix}Exten`]: l.exten ?? 's',
    [`${prefix}Uniqueid`]: l.uniqueid,
    [`${prefix}Linkedid`]: l.linkedid,
  };
}

export const ev = (event: string, l: Leg, extra: Record<string, string | undefined> = {}): AmiMessage =>
  ami({ Event: event, ...snapshot(l), ...extra });

export const newchannel = (l: Leg) => ev('Newchannel', l);
export const hangup = (l: Leg, cause = '16') => ev('Hangup', l, { Cause: cause });
export const hangupRequest = (l: Leg) => ev('HangupRequest', l);
export const softHangupRequest = (l: Leg) => ev('SoftHangupRequest', l, { Cause: '16' });
export const hold = (l: Leg) => ev('Hold', l);
export const unhold = (l: Leg) => ev('Unhold', l);
export const queueCallerJoin = (caller: Leg, queue = 'support') => ev('QueueCallerJoin', caller, { Queue: queue, Position: '1', Count: '1' });
export const queueCallerLeave = (caller: Leg, queue = 'support') => ev('QueueCallerLeave', caller, { Queue: queue, Position: '1', Count: '0' });
export const queueCallerAbandon = (caller: Leg, queue = 'support') =>
  ev('QueueCallerAbandon', caller, { Queue: queue, Position: '1', OriginalPosition: '1', HoldTime: '60' });
export const connectedLine = (l: Leg, num: string) => ev('NewConnectedLine', { ...l, connected: num });

export const agentCalled = (caller: Leg, agent: Leg, iface: string, queue = 'support') =>
  ami({ Event: 'AgentCalled', ...snapshot(caller), ...snapshot(agent, 'Dest'), Queue: queue, Interface: iface, MemberName: iface });
export const agentConnect = (caller: Leg, agent: Leg, iface: string, queue = 'support') =>
  ami({ Event: 'AgentConnect', ...snapshot(caller), ...snapshot(agent, 'Dest'), Queue: queue, Interface: iface, HoldTime: '2', RingTime: '2' });

/** DialBegin/DialEnd; `from` undefined is an Originate (no calling channel). */
export const dialBegin = (from: Leg | undefined, to: Leg, dialString = 'x') =>
  ami({ Event: 'DialBegin', ...(from ? snapshot(from) : {}), ...snapshot(to, 'Dest'), DialString: dialString });
export const dialEnd = (from: Leg | undefined, to: Leg, status: string) =>
  ami({ Event: 'DialEnd', ...(from ? snapshot(from) : {}), ...snapshot(to, 'Dest'), DialStatus: status });

export const memberEvent = (event: string, iface: string, fields: Record<string, string> = {}) =>
  ami({ Event: event, Queue: 'support', MemberName: `Agent ${iface}`, Interface: iface, StateInterface: iface, Membership: 'static', Paused: '0', PausedReason: '', ...fields });

/** The same packet with more (or replaced) fields. */
export function withFields(m: AmiMessage, extra: Record<string, string>): AmiMessage {
  const map = new Map<string, string[]>([...m.fields].map(([k, v]) => [k, [...v]]));
  for (const [k, v] of Object.entries(extra)) map.set(k, [v]);
  return { fields: map };
}
