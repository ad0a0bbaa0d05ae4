import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import { PbxEventSource } from '../../electron/core/pbx/pbx-event-source.js';
import type { PbxAdapter } from '../../electron/core/ports.js';

/** A PBX the test drives by hand: emit events (made public here), inspect the commands the core sent. */
export class ScriptedPbx extends PbxEventSource implements PbxAdapter {
  readonly kind = 'scripted';
  readonly capabilities = { originate: true, pause: true, hold: false };
  readonly commands: Array<{ type: 'originate'; number: string } | { type: 'setPaused'; paused: boolean; reason?: string }> = [];
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
  async setPaused(paused: boolean, reason?: string) {
    this.commands.push({ type: 'setPaused', paused, reason });
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
