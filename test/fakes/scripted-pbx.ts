import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import { PbxEventSource } from '../../electron/core/pbx/pbx-event-source.js';
import type { PbxAdapter, PbxCapabilities, SpyMode } from '../../electron/core/ports.js';

/** A PBX the test drives by hand: emit events (made public here), inspect the commands the core sent. */
export class ScriptedPbx extends PbxEventSource implements PbxAdapter {
  readonly kind = 'scripted';
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
  readonly commands: Array<
    | { type: 'originate'; number: string }
    | { type: 'setPaused'; paused: boolean; reason?: string; queue?: string }
    | { type: 'hangup'; callId: string }
    | { type: 'blindTransfer' | 'attendedTransfer'; callId: string; target: string }
    | { type: 'spy'; extension: string; mode: SpyMode }
  > = [];
  failOriginate: string | undefined;

  async connect() {
    this.emitLink('up');
  }
  async disconnect() {
    this.emitLink('down');
  }
  async originate(number: string) {
    if (this.failOriginate) throw new Error(this.failOriginate);
    this.commands.push({ type: 'originate', number });
    return { callId: `orig-${this.commands.length}` };
  }
  async setPaused(paused: boolean, reason?: string, queue?: string) {
    this.commands.push(queue ? { type: 'setPaused', paused, reason, queue } : { type: 'setPaused', paused, reason });
  }
  async hangup(callId: string) {
    this.commands.push({ type: 'hangup', callId });
  }
  async blindTransfer(callId: string, target: string) {
    this.commands.push({ type: 'blindTransfer', callId, target });
  }
  async attendedTransfer(callId: string, target: string) {
    this.commands.push({ type: 'attendedTransfer', callId, target });
  }
  async spy(extension: string, mode: SpyMode) {
    this.commands.push({ type: 'spy', extension, mode });
    return { callId: `spy-${this.commands.length}` };
  }
  override emitCall(e: CallEvent) {
    super.emitCall(e);
  }
  override emitAgent(e: AgentEvent) {
    super.emitAgent(e);
  }
  override emitLink(s: LinkState) {
    super.emitLink(s);
  }
}
