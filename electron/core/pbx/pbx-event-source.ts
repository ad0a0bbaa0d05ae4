import type { AgentEvent, CallEvent, LinkState } from '../../../shared/domain/call-events.js';

/** The listener half of every PbxAdapter: subscribe to call, agent and link events. */
export abstract class PbxEventSource {
  private readonly callListeners = new Set<(e: CallEvent) => void>();
  private readonly agentListeners = new Set<(e: AgentEvent) => void>();
  private readonly linkListeners = new Set<(s: LinkState) => void>();

  onCallEvent(listener: (e: CallEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  onAgentEvent(listener: (e: AgentEvent) => void): () => void {
    this.agentListeners.add(listener);
    return () => this.agentListeners.delete(listener);
  }

  onLinkState(listener: (s: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  protected emitCall(e: CallEvent): void {
    for (const l of [...this.callListeners]) l(e);
  }

  protected emitAgent(e: AgentEvent): void {
    for (const l of [...this.agentListeners]) l(e);
  }

  protected emitLink(s: LinkState): void {
    for (const l of [...this.linkListeners]) l(s);
  }
}
