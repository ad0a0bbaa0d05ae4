import { field, type AmiMessage } from '../ami/ami-message.js';
import { known } from './ami-values.js';
import { localSibling } from './channel-names.js';

/** What the mapper remembers about one live channel (any channel, not only the agent's). */
export interface ChannelInfo {
  name: string;
  uniqueid?: string;
  linkedid?: string;
  callerNum?: string;
  callerName?: string;
  connectedNum?: string;
  connectedName?: string;
  state?: number;
  exten?: string;
  /** The channel whose Dial created this one (DialBegin source). */
  dialedBy?: string;
  /** The far end hung this channel up (HangupRequest), rather than the dialplan. */
  remoteHangup?: boolean;
  /** Queue this channel waits in as a caller (QueueCallerJoin … QueueCallerLeave). */
  queue?: string;
  /** Extension of the colleague who blind-transferred this channel. */
  transferredBy?: string;
  bridgeId?: string;
  /** Only from CoreShowChannels: the running application and its arguments. */
  application?: string;
  applicationData?: string;
}

/** The channel snapshot keys of an event (`Channel…`) and of its peer (`DestChannel…`). */
const SNAPSHOTS = ['', 'Dest'].map((p) => ({
  channel: `${p}Channel`,
  linkedid: `${p}Linkedid`,
  uniqueid: `${p}Uniqueid`,
  state: `${p}ChannelState`,
  copied: [
    ['callerNum', `${p}CallerIDNum`],
    ['callerName', `${p}CallerIDName`],
    ['connectedNum', `${p}ConnectedLineNum`],
    ['connectedName', `${p}ConnectedLineName`],
    ['exten', `${p}Exten`],
  ] as const,
}));

/**
 * Live channels by name, kept current from the channel snapshots every AMI call event carries
 * (`Channel…` and `Dest…` fields), so that a filtered stream missing Newchannel still works.
 * A channel is forgotten at its Hangup; a call's dialled number (DID) while any leg lives.
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelInfo>();
  private readonly legsByCall = new Map<string, Set<string>>();
  private readonly didByCall = new Map<string, string>();

  get(name: string | undefined): ChannelInfo | undefined {
    return name === undefined ? undefined : this.channels.get(name);
  }

  get size(): number {
    return this.channels.size;
  }

  /** The number the outside caller dialled, from the first extension of the call's first leg. */
  didOf(linkedid: string): string | undefined {
    return this.didByCall.get(linkedid);
  }

  /** Updates every channel snapshot a message carries. Packets without a Linkedid are no snapshot. */
  observe(m: AmiMessage): void {
    // CDR/CEL records describe channels after the fact (even after their Hangup): not live state.
    const event = field(m, 'Event');
    if (event === 'Cdr' || event === 'CEL') return;
    for (const keys of SNAPSHOTS) {
      const name = field(m, keys.channel);
      const linkedid = name && field(m, keys.linkedid);
      if (!name || !linkedid) continue;
      const isNew = !this.channels.has(name);
      const info = this.touch(name, linkedid);
      const uniqueid = field(m, keys.uniqueid);
      if (uniqueid) info.uniqueid = uniqueid;
      for (const [prop, amiKey] of keys.copied) {
        const v = field(m, amiKey);
        if (v !== undefined) info[prop] = known(v);
      }
      const state = field(m, keys.state);
      if (state !== undefined && /^\d+$/.test(state)) info.state = Number(state);
      if (isNew) this.noteDid(info);
    }
    const source = field(m, 'Channel');
    const dest = this.channels.get(field(m, 'DestChannel') ?? '');
    if (dest && source && event === 'DialBegin') dest.dialedBy = source;
    if (event === 'BridgeEnter' || event === 'BridgeLeave') {
      const info = this.channels.get(source ?? '');
      if (info) info.bridgeId = event === 'BridgeEnter' ? field(m, 'BridgeUniqueid') : undefined;
    }
  }

  /** The live legs of a call (oldest first). */
  legsOf(linkedid: string): ChannelInfo[] {
    return [...(this.legsByCall.get(linkedid) ?? [])].map((n) => this.channels.get(n)).filter((c): c is ChannelInfo => !!c);
  }

  /** Adds or refreshes a channel known from a resync snapshot. */
  restore(info: ChannelInfo): void {
    if (!info.linkedid) return;
    const current = this.touch(info.name, info.linkedid);
    Object.assign(current, info);
    this.noteDid(current);
  }

  /** The first leg of a call, still at a numeric extension, shows the number that was dialled. */
  private noteDid(info: ChannelInfo): void {
    const { linkedid, uniqueid, exten } = info;
    if (!linkedid || uniqueid !== linkedid || this.didByCall.has(linkedid)) return;
    if (exten && /^\+?\d{3,}$/.test(exten)) this.didByCall.set(linkedid, exten);
  }

  remove(name: string): void {
    const info = this.channels.get(name);
    if (!info) return;
    this.channels.delete(name);
    const legs = info.linkedid ? this.legsByCall.get(info.linkedid) : undefined;
    if (!legs || !info.linkedid) return;
    legs.delete(name);
    if (legs.size === 0) {
      this.legsByCall.delete(info.linkedid);
      this.didByCall.delete(info.linkedid);
    }
  }

  clear(): void {
    this.channels.clear();
    this.legsByCall.clear();
    this.didByCall.clear();
  }

  /**
   * The channel a call really came from: follows Dial sources and Local pairs upstream
   * (`SIP/103-…` ← `Local/103@agents-…;2` ~ `;1` ← whoever dialled `;1`).
   */
  upstream(name: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = name;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      const sibling = localSibling(current);
      if (sibling !== undefined && !chain.includes(sibling) && current.endsWith(';2')) {
        current = sibling;
        continue;
      }
      current = this.channels.get(current)?.dialedBy;
    }
    return chain;
  }

  private touch(name: string, linkedid: string): ChannelInfo {
    let info = this.channels.get(name);
    if (!info) {
      info = { name, linkedid };
      this.channels.set(name, info);
    }
    if (info.linkedid !== linkedid) {
      if (info.linkedid) this.legsByCall.get(info.linkedid)?.delete(name);
      info.linkedid = linkedid;
    }
    let legs = this.legsByCall.get(linkedid);
    if (!legs) this.legsByCall.set(linkedid, (legs = new Set()));
    legs.add(name);
    return info;
  }
}
