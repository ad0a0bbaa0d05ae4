import type { Clock, TimerHandle } from '../../ports.js';
import { AmiActionError, AmiTimeoutError, type AmiError } from './ami-errors.js';
import { actionIdOf, eventName, field, responseOf, type AmiMessage } from './ami-message.js';

interface PendingAction {
  action: string;
  list: boolean;
  items: AmiMessage[];
  timer: TimerHandle;
  resolve(value: AmiMessage | AmiMessage[]): void;
  reject(error: Error): void;
}

/**
 * Matches answers to actions of one connection by ActionID. A plain action settles on its
 * `Response`; a list action collects the events carrying its ActionID until the list's
 * `…Complete` event (or `EventList: Complete`). Each action has its own timeout.
 */
export class ActionTracker {
  private readonly pending = new Map<string, PendingAction>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.pending.size;
  }

  expect(actionId: string, action: string, options: { list: boolean; timeoutMs: number }): Promise<AmiMessage | AmiMessage[]> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(actionId);
        reject(new AmiTimeoutError(action, options.timeoutMs));
      }, options.timeoutMs);
      this.pending.set(actionId, { action, list: options.list, items: [], timer, resolve, reject });
    });
  }

  /** Settles or feeds a pending action; true when the message belonged to one and is consumed. */
  take(message: AmiMessage): boolean {
    const id = actionIdOf(message);
    if (id === undefined) return false;
    const pending = this.pending.get(id);
    if (!pending) return false;
    const isEvent = eventName(message) !== undefined; // OriginateResponse carries `Response:` too
    const response = isEvent ? undefined : responseOf(message);
    if (response !== undefined) {
      if (response === 'Error') this.settle(id, pending, new AmiActionError(pending.action, message));
      else if (!pending.list) this.settle(id, pending, message);
      return true;
    }
    if (!pending.list) return false; // e.g. OriginateResponse: an event for everyone
    if (isListComplete(message)) this.settle(id, pending, pending.items);
    else pending.items.push(message);
    return true;
  }

  /** Rejects everything still waiting (the connection is gone). */
  failAll(error: (action: string) => AmiError): void {
    for (const [id, pending] of this.pending) this.settle(id, pending, error(pending.action));
  }

  private settle(id: string, pending: PendingAction, outcome: AmiMessage | AmiMessage[] | Error): void {
    this.pending.delete(id);
    pending.timer.cancel();
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }
}

function isListComplete(message: AmiMessage): boolean {
  return field(message, 'EventList') === 'Complete' || (eventName(message)?.endsWith('Complete') ?? false);
}
