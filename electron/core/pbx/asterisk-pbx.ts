import { randomUUID } from 'node:crypto';
import type { Clock, Logger, PbxAdapter, PbxCapabilities, SpyMode } from '../ports.js';
import { AmiClient, type AmiClientOptions } from './ami/ami-client.js';
import { DEFAULT_EVENT_FILTERS } from './asterisk/ami-event-filter.js';
import { AsteriskCallMapper, type MappedEvent } from './asterisk/call-mapper.js';
import { PbxEventSource } from './pbx-event-source.js';

export interface AsteriskPbxOptions {
  client: Omit<AmiClientOptions, 'clock' | 'log' | 'events' | 'filters'>;
  /** AMI Filter expressions; default DEFAULT_EVENT_FILTERS, [] for none. */
  filters?: readonly string[];
  /** This agent's interfaces, e.g. ['PJSIP/101']; the first one is dialled for click-to-call and paused. */
  interfaces: readonly string[];
  stateInterfaces?: readonly string[];
  /** Dialplan context the Originate dials the customer from (e.g. `from-internal`). */
  originateContext: string;
  maxInternalDigits: number;
  clock: Clock;
  log: Logger;
}

const SPY_OPTIONS: Record<SpyMode, string> = { listen: 'qE', whisper: 'qEw', barge: 'qEB' };

/** Only what a dialplan extension can be: a command must never smuggle AMI lines or options. */
function dialable(value: string): string {
  if (!/^\+?[0-9*#]{1,32}$/.test(value)) throw new Error(`"${value.slice(0, 40)}" is not a number or extension that can be dialled`);
  return value;
}

/** Server-side event classes this app needs: calls and queue/agent events, nothing else. */
export const AMI_EVENT_MASK = 'call,agent';

/**
 * The PBX port over Asterisk AMI: the client keeps one logged-in session alive, the mapper turns
 * its events into this agent's call and agent events, and after every (re)login the state is
 * rebuilt from CoreShowChannels / QueueStatus / Status before the link is reported up.
 */
export class AsteriskPbx extends PbxEventSource implements PbxAdapter {
  readonly kind = 'asterisk';
  /** AMI has no hold action: hold stays on the phone. */
  readonly capabilities: PbxCapabilities = {
    originate: true,
    pause: true,
    hold: false,
    hangup: true,
    blindTransfer: true,
    attendedTransfer: true,
    spy: true,
    deviceState: true,
  };

  private readonly client: AmiClient;
  private readonly mapper: AsteriskCallMapper;
  private readonly unsubscribe: Array<() => void> = [];
  private session = 0;

  constructor(private readonly options: AsteriskPbxOptions) {
    super();
    if (options.interfaces.length === 0) throw new Error('the Asterisk PBX needs at least one agent interface, e.g. "PJSIP/101"');
    this.mapper = new AsteriskCallMapper({
      interfaces: options.interfaces,
      stateInterfaces: options.stateInterfaces,
      maxInternalDigits: options.maxInternalDigits,
    });
    this.client = new AmiClient({
      ...options.client,
      events: AMI_EVENT_MASK,
      filters: options.filters ?? DEFAULT_EVENT_FILTERS,
      clock: options.clock,
      log: options.log,
    });
  }

  async connect(): Promise<void> {
    const { client, mapper, options } = this;
    this.unsubscribe.push(
      client.onEvent((m) => this.emit(mapper.handle(m, options.clock.now()))),
      client.onLinkState((s) => {
        if (s !== 'up') this.emitLink(s); // "up" only once the state has been rebuilt
      }),
      client.onSessionReady((info) => {
        this.session = info.session;
        void this.resync(info.session);
      }),
      client.onError((err) => options.log.warn({ err: err.message }, 'AMI')),
    );
    this.emitLink('connecting');
    client.start();
  }

  async disconnect(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.client.close();
    this.emitLink('down');
  }

  /** Click-to-call: ring this agent's phone, then dial `number`. The ChannelId becomes the call's Linkedid. */
  async originate(number: string): Promise<{ callId: string }> {
    const callId = randomUUID();
    await this.client.send('Originate', {
      Channel: this.options.interfaces[0]!,
      Context: this.options.originateContext,
      Exten: number,
      Priority: 1,
      CallerID: `"${number}" <${number}>`,
      Async: 'true',
      ChannelId: callId,
      Timeout: 30_000,
    });
    return { callId };
  }

  /** QueuePause on every queue this agent serves (or one); the PBX's QueueMemberPause events confirm it. */
  async setPaused(paused: boolean, reason?: string, queue?: string): Promise<void> {
    await this.client.send('QueuePause', {
      Interface: this.options.interfaces[0]!,
      Paused: paused ? 'true' : 'false',
      Queue: queue,
      Reason: reason,
    });
  }

  /** Hangs up this agent's phone leg; the rest of the call follows the dialplan. */
  async hangup(callId: string): Promise<void> {
    await this.client.send('Hangup', { Channel: this.leg(callId, 'mine') });
  }

  /** Redirect sends the other party to `target`; AMI reports no BlindTransfer for it, so the mapper is told. */
  async blindTransfer(callId: string, target: string): Promise<void> {
    const other = this.leg(callId, 'other');
    await this.client.send('Redirect', {
      Channel: other,
      Exten: dialable(target),
      Context: this.options.originateContext,
      Priority: 1,
    });
    this.emit(this.mapper.noteBlindTransfer(callId, target, this.options.clock.now()));
  }

  /** Atxfer on the agent's leg: the agent talks to `target` first; hanging up completes the transfer. */
  async attendedTransfer(callId: string, target: string): Promise<void> {
    await this.client.send('Atxfer', {
      Channel: this.leg(callId, 'mine'),
      Exten: dialable(target),
      Context: this.options.originateContext,
    });
  }

  /** Rings this (supervisor's) phone into ChanSpy on `extension`'s channels. */
  async spy(extension: string, mode: SpyMode): Promise<{ callId: string }> {
    const callId = randomUUID();
    const phone = this.options.interfaces.find((i) => !/^Local\//i.test(i)) ?? this.options.interfaces[0]!;
    const tech = phone.split('/')[0]!;
    await this.client.send('Originate', {
      Channel: phone,
      Application: 'ChanSpy',
      // q: no beep/announcement; E: leave when the spied channel hangs up; w: whisper; B: barge.
      Data: `${tech}/${dialable(extension)},${SPY_OPTIONS[mode]}`,
      CallerID: `"Spy ${extension}" <${extension}>`,
      Async: 'true',
      ChannelId: callId,
      Timeout: 30_000,
    });
    return { callId };
  }

  /** The channel a command needs, or a plain-words error saying why there is none. */
  private leg(callId: string, which: 'mine' | 'other'): string {
    if (!this.mapper.activeCalls().some((c) => c.callId === callId)) throw new Error(`call ${callId} is not in progress on this line`);
    const channel = this.mapper.callChannels(callId)[which];
    if (!channel) {
      throw new Error(which === 'mine' ? 'this phone is not on that call (yet)' : 'the other party of that call is not known to the PBX connection');
    }
    return channel;
  }

  private async resync(session: number): Promise<void> {
    const { client, mapper, options } = this;
    if (session !== this.session) return; // a newer login has its own resync
    try {
      const [coreShowChannels, queueStatus, status] = await Promise.all([
        client.sendList('CoreShowChannels'),
        client.sendList('QueueStatus'),
        client.sendList('Status'),
      ]);
      this.emit(mapper.rebuildFrom({ coreShowChannels, queueStatus, status }, options.clock.now()));
      options.log.info({ session, calls: mapper.activeCalls().length }, 'AMI state rebuilt');
      this.emitLink('up');
      void this.resyncExtensionStates(session);
    } catch (err) {
      options.log.warn({ err: (err as Error).message }, 'AMI resync failed; retrying in 5 s');
      this.emitLink('down');
      options.clock.setTimeout(() => void this.resync(session), 5_000);
    }
  }

  /** Colleagues' lamps are a nicety: an AMI user without the right, or an old Asterisk, just has none. */
  private async resyncExtensionStates(session: number): Promise<void> {
    try {
      const items = await this.client.sendList('ExtensionStateList');
      if (session === this.session) this.emit(this.mapper.rebuildExtensionStates(items, this.options.clock.now()));
    } catch (err) {
      this.options.log.info({ reason: (err as Error).message }, 'no extension states from this PBX (ExtensionStateList)');
    }
  }

  private emit(events: readonly MappedEvent[]): void {
    for (const e of events) {
      if (e.kind === 'call') this.emitCall(e.event);
      else this.emitAgent(e.event);
    }
  }

}
