import type { CallbackTask } from '../../../shared/contract/schemas.js';

export interface MissedCall {
  callId: string;
  at: number;
  /** E.164 of the caller; withheld or invalid numbers cannot be called back. */
  e164: string;
  display: string;
  customerName?: string;
  customerRef?: string;
}

/** A call back the operator sets from the card (`at`: when), for a time, with a note. */
export interface ScheduledCallback extends MissedCall {
  dueAt: number;
  note?: string;
}

export type CallbackChange = { kind: 'created' | 'missed-again' | 'scheduled' | 'done'; task: CallbackTask };

/** Done tasks stay listed this long, so the operator sees what was handled today. */
const KEEP_DONE_MS = 24 * 60 * 60 * 1000;
const MAX_TASKS = 500;

/**
 * Missed calls become callback tasks: one open task per number (a caller who tries three
 * times is one task, missed 3 times). The operator may also set one from the card, due at a
 * time, with a note (it joins the number's open task if there is one). A task is done when
 * the operator marks it, or when a call with that number is answered (either way round).
 */
export class CallbackTasks {
  private readonly tasks = new Map<string, CallbackTask>();

  constructor(private readonly newId: () => string) {}

  /** Tasks restored from the journal at start. */
  restore(tasks: readonly CallbackTask[]): void {
    for (const t of tasks) this.tasks.set(t.id, t);
  }

  noteMissed(call: MissedCall): CallbackChange {
    const open = this.openFor(call.e164);
    if (open) {
      return this.put('missed-again', { ...open, missedCount: open.missedCount + 1, lastMissedAt: call.at, lastCallId: call.callId, ...customerOf(call, open) });
    }
    return this.put('created', this.fresh(call, 1));
  }

  schedule(request: ScheduledCallback): CallbackChange {
    const due = { dueAt: request.dueAt, ...(request.note ? { note: request.note } : {}) };
    const open = this.openFor(request.e164);
    if (open) return this.put('scheduled', { ...open, ...due, ...customerOf(request, open) });
    return this.put('created', { ...this.fresh(request, 0), ...due });
  }

  /** Marks done by the operator; undefined when there is no such open task. */
  complete(id: string, at: number, how: 'manual' | 'answered' = 'manual'): CallbackChange | undefined {
    const open = this.tasks.get(id);
    if (!open || open.status !== 'open') return undefined;
    const task: CallbackTask = { ...open, status: 'done', doneAt: at, doneBy: how };
    this.tasks.set(id, task);
    return { kind: 'done', task };
  }

  /** A call with this number was answered: its open task is done. */
  noteAnswered(e164: string, at: number): CallbackChange | undefined {
    const open = this.openFor(e164);
    return open ? this.complete(open.id, at, 'answered') : undefined;
  }

  get(id: string): CallbackTask | undefined {
    return this.tasks.get(id);
  }

  /** Open tasks (by when they are due, or missed: oldest first), then tasks done in the last day (newest first). */
  list(now: number): CallbackTask[] {
    const all = [...this.tasks.values()];
    const open = all.filter((t) => t.status === 'open').sort((a, b) => urgency(a) - urgency(b));
    const done = all
      .filter((t) => t.status === 'done' && now - (t.doneAt ?? 0) < KEEP_DONE_MS)
      .sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
    return [...open, ...done];
  }

  private fresh(call: MissedCall, missedCount: number): CallbackTask {
    return {
      id: this.newId(),
      e164: call.e164,
      display: call.display,
      customerName: call.customerName,
      customerRef: call.customerRef,
      firstMissedAt: call.at,
      lastMissedAt: call.at,
      missedCount,
      lastCallId: call.callId,
      status: 'open',
    };
  }

  private put(kind: CallbackChange['kind'], task: CallbackTask): CallbackChange {
    this.tasks.set(task.id, task);
    if (kind === 'created') this.trim();
    return { kind, task };
  }

  private openFor(e164: string): CallbackTask | undefined {
    for (const t of this.tasks.values()) if (t.status === 'open' && t.e164 === e164) return t;
    return undefined;
  }

  /** Bounded: the oldest done tasks go first, open ones only beyond the limit. */
  private trim(): void {
    if (this.tasks.size <= MAX_TASKS) return;
    const byAge = [...this.tasks.values()].sort(
      (a, b) => Number(a.status === 'open') - Number(b.status === 'open') || a.lastMissedAt - b.lastMissedAt,
    );
    for (const t of byAge.slice(0, this.tasks.size - MAX_TASKS)) this.tasks.delete(t.id);
  }
}

/** A task set for a time is due then; a missed call is due since its first miss. */
function urgency(task: CallbackTask): number {
  return task.dueAt ?? task.firstMissedAt;
}

/** Who the caller is, as newly learnt or as the task knew it. */
function customerOf(call: MissedCall, task: CallbackTask): Pick<CallbackTask, 'customerName' | 'customerRef'> {
  return { customerName: call.customerName ?? task.customerName, customerRef: call.customerRef ?? task.customerRef };
}
