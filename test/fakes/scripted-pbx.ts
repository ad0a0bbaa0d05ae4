import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import type { PbxAdapter } from '../../electron/core/ports.js';

/** A PBX the test drives by hand: emit events, inspect the commands the core sent. */
export class ScriptedPbx implements PbxAdapter {
  readonly kind = 'scripted';
  readonly capabilities = { originate: true, pause: true, hold: false };
  readonly commands: Array<{ type: 'originate'; number: string } | { type: 'setPaused'; paused: boolean; reason?: string }> = [];
  failOriginate: string | undefined;
  private readonly call = new Set<(e: CallEvent) => void>();
  private readonly agent = new Set<(e: AgentEvent) => void>();
  private readonly link = new Set<(s: LinkState) => void>();

  async connect() {
    this.emitLink('up');
  }
  async disconnect() {
    this.emitLink('down');
  }
  onCallEvent(l: (e: CallEvent) => void) {
    this.call.add(l);
    return () => this.call.delete(l);
  }
  onAgentEvent(l: (e: AgentEvent) => void) {
    this.agent.add(l);
    return () => this.agent.delete(l);
  }
  onLinkState(l: (s: LinkState) => void) {
    this.link.add(l);
    return () => this.link.delete(l);
  }
  async originate(number: string) {
    if (this.failOriginate) throw new Error(this.failOriginate);
    this.commands.push({ type: 'originate', number });
    return { callId: `orig-${this.commands.length}` };
  }
  async setPaused(paused: boolean, reason?: string) {
    this.commands.push({ type: 'setPaused', paused, reason });
  }
  emitCall(e: CallEvent) {
    for (const l of this.call) l(e);
  }
  emitAgent(e: AgentEvent) {
    for (const l of this.agent) l(e);
  }
  emitLink(s: LinkState) {
    for (const l of this.link) l(s);
  }
}
