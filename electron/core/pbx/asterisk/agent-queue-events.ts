import type { AgentEvent } from '../../../../shared/domain/call-events.js';
import { eventName, field, type AmiMessage } from '../ami/ami-message.js';
import type { AgentLine } from './agent-line.js';
import { AgentQueueState } from './agent-queue-state.js';
import { isTrue, knownField } from './ami-values.js';
import type { PbxSnapshot } from './pbx-snapshot.js';

/**
 * Queue membership and pause events for this agent: `QueueMemberPause` (Asterisk ≥ 12) and
 * the older `QueueMemberPaused`, added/removed, and QueueStatus entries. `QueueMemberStatus`
 * only teaches membership: it also fires for calls that never went through a queue.
 */
export class AgentQueueEvents {
  readonly state = new AgentQueueState();

  constructor(private readonly line: AgentLine) {}

  handle(m: AmiMessage, at: number): AgentEvent[] {
    const queue = field(m, 'Queue');
    const event = eventName(m);
    if (!queue || !event || !this.isMine(m)) return [];
    const paused = isTrue(field(m, 'Paused'));
    const reason = knownField(m, 'PausedReason') ?? knownField(m, 'Reason');
    switch (event) {
      case 'QueueMemberPause':
      case 'QueueMemberPaused':
        return this.state.pauseEvent(queue, paused, reason, at);
      case 'QueueMemberAdded':
        return this.state.added(queue, paused, reason, at);
      case 'QueueMemberRemoved':
        return this.state.removed(queue, at);
      case 'QueueMember':
        return this.state.observed(queue, paused, reason, at, false);
      case 'QueueMemberStatus':
        this.state.seen(queue, paused);
        return [];
      default:
        return [];
    }
  }

  /** After a reconnect: membership and pause per queue the QueueStatus answer covered. */
  resync(snapshot: PbxSnapshot, at: number): AgentEvent[] {
    const out: AgentEvent[] = [];
    for (const queue of snapshot.queues) {
      const entry = snapshot.members.find(
        (mm) => mm.queue === queue && (this.line.ownsMember(mm.iface) || this.line.ownsMember(mm.stateInterface)),
      );
      if (entry) {
        this.line.learnStateInterface(entry.iface, entry.stateInterface);
        out.push(...this.state.observed(queue, entry.paused, entry.reason, at, true));
      } else if (this.state.memberQueues().includes(queue)) {
        out.push(...this.state.removed(queue, at));
      }
    }
    return out;
  }

  private isMine(m: AmiMessage): boolean {
    const iface = field(m, 'Interface') ?? field(m, 'Location');
    const stateInterface = field(m, 'StateInterface');
    if (!this.line.ownsMember(iface) && !this.line.ownsMember(stateInterface)) return false;
    this.line.learnStateInterface(iface, stateInterface);
    return true;
  }
}
