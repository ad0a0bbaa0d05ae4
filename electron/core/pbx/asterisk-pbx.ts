import { randomUUID } from 'node:crypto';
import type { Clock, Logger, PbxAdapter, PbxCapabilities, SpyMode } from '../ports.js';
import { AmiClient, type AmiClientOptions } from './ami/ami-client.js';
import { AsteriskCallMapper, type MappedEvent } from './asterisk/call-mapper.js';
import { PbxEventSource } from './pbx-event-source.js';

export interface AsteriskPbxOptions {
  client: Omit<AmiClientOptions, 'clock' | 'log' | 'events' | 'filters'>;
  /** This agent's interfaces, e.g. ['PJSIP/101']; the first one is dialled for click-to-call and paused. */
  interfaces: readonly string[];
  stateInterfaces?: readonly string[];
  /** Dialplan context the Originate dials the customer from (e.g. `from-internal`). */
  originateContext: string;
  maxInternalDigits: number;
  clock: Clock;
  log: Logger;
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
    hangup: false,
    blindTransfer: false,
    attendedTransfer: false,
    spy: false,
    deviceState: false,
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
    this.client = new AmiClient({ ...options.client, events: AMI_EVENT_MASK, clock: options.clock, log: options.log });
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

  /** QueuePause on every queue this agent serves; the PBX's QueueMemberPause events confirm it. */
  async setPaused(paused: boolean, reason?: string): Promise<void> {
    await this.client.send('QueuePause', {
      Interface: this.options.interfaces[0]!,
      Paused: paused ? 'true' : 'false',
      Reason: reason,
    });
  }

  // TODO(issue 4): Hangup, Redirect, Atxfer, ChanSpy — being implemented; capabilities say false until then.
  async hangup(_callId: string): Promise<void> {
    throw new Error('hangup is not available on this PBX connection yet');
  }
  async blindTransfer(_callId: string, _target: string): Promise<void> {
    throw new Error('blind transfer is not available on this PBX connection yet');
  }
  async attendedTransfer(_callId: string, _target: string): Promise<void> {
    throw new Error('attended transfer is not available on this PBX connection yet');
  }
  async spy(_extension: string, _mode: SpyMode): Promise<{ callId: string }> {
    throw new Error('spy is not available on this PBX connection yet');
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
    } catch (err) {
      options.log.warn({ err: (err as Error).message }, 'AMI resync failed; retrying in 5 s');
      this.emitLink('down');
      options.clock.setTimeout(() => void this.resync(session), 5_000);
    }
  }

  private emit(events: readonly MappedEvent[]): void {
    for (const e of events) {
      if (e.kind === 'call') this.emitCall(e.event);
      else this.emitAgent(e.event);
    }
  }

}
