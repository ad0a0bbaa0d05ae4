import type { AgentEvent } from '../../../../shared/domain/call-events.js';

export interface QueueMemberView {
  paused: boolean;
  reason?: string;
}

export interface AgentStateView {
  /** Queues this agent is a member of, with its pause state in each. */
  queues: Record<string, QueueMemberView>;
}

/**
 * This agent's queue memberships and pause states. Explicit PBX events (pause, add, remove)
 * always speak; list entries (QueueMember, QueueMemberStatus) only report real changes.
 */
export class AgentQueueState {
  private readonly queues = new Map<string, QueueMemberView>();

  view(): AgentStateView {
    const queues: Record<string, QueueMemberView> = {};
    for (const [name, v] of [...this.queues].sort(([a], [b]) => a.localeCompare(b))) {
      queues[name] = v.reason === undefined ? { paused: v.paused } : { paused: v.paused, reason: v.reason };
    }
    return { queues };
  }

  memberQueues(): string[] {
    return [...this.queues.keys()];
  }

  /** QueueMemberPause(d): emitted unless it repeats the state we already know. */
  pauseEvent(queue: string, paused: boolean, reason: string | undefined, at: number): AgentEvent[] {
    const before = this.queues.get(queue);
    const now = { paused, reason: paused ? reason : undefined };
    this.queues.set(queue, now);
    if (before && before.paused === now.paused && before.reason === now.reason) return [];
    return [paused ? pausedEvent(queue, reason, at) : { type: 'unpaused', queue, at }];
  }

  added(queue: string, paused: boolean, reason: string | undefined, at: number): AgentEvent[] {
    this.queues.set(queue, { paused, reason: paused ? reason : undefined });
    return [{ type: 'member-added', queue, at }];
  }

  removed(queue: string, at: number): AgentEvent[] {
    this.queues.delete(queue);
    return [{ type: 'member-removed', queue, at }];
  }

  /**
   * A membership seen in a list or status entry. Unknown memberships are learnt silently
   * unless `announce` (a resync after a reconnect), when they become `member-added` + pause.
   */
  observed(queue: string, paused: boolean, reason: string | undefined, at: number, announce: boolean): AgentEvent[] {
    const before = this.queues.get(queue);
    if (!before) {
      this.queues.set(queue, { paused, reason: paused ? reason : undefined });
      return announce ? [{ type: 'member-added', queue, at }, ...(paused ? [pausedEvent(queue, reason, at)] : [])] : [];
    }
    return this.pauseEvent(queue, paused, reason, at);
  }

  /** Membership seen without trustworthy pause data (QueueMemberStatus): learn it, emit nothing. */
  seen(queue: string, paused: boolean): void {
    if (!this.queues.has(queue)) this.queues.set(queue, { paused });
  }
}

function pausedEvent(queue: string, reason: string | undefined, at: number): AgentEvent {
  return reason === undefined ? { type: 'paused', queue, at } : { type: 'paused', queue, reason, at };
}
