import type { AgentEvent, DeviceState } from '../../../../shared/domain/call-events.js';
import { field, type AmiMessage } from '../ami/ami-message.js';

/** Asterisk's extension state bits (`Status:`), as in ExtensionStatus and ExtensionStateList. */
function stateOf(status: number): DeviceState {
  if (status < 0) return 'unknown';
  if (status & 16) return 'on-hold';
  if (status & 8) return 'ringing';
  if (status & 4) return 'unavailable';
  if (status & 2) return 'busy';
  if (status & 1) return 'in-use';
  return 'idle';
}

/**
 * Colleagues' lamps: one `device-state` event per change of an extension's hint state, from
 * live `ExtensionStatus` events and from the `ExtensionStateList` answer after every login.
 */
export class ExtensionStates {
  private readonly last = new Map<string, DeviceState>();

  handle(m: AmiMessage, at: number): AgentEvent[] {
    const extension = field(m, 'Exten');
    const status = Number(field(m, 'Status'));
    if (!extension || !/^[0-9*#+]{1,32}$/.test(extension) || !Number.isInteger(status)) return [];
    const state = stateOf(status);
    if (this.last.get(extension) === state) return [];
    this.last.set(extension, state);
    return [{ type: 'device-state', extension, state, at }];
  }

  /** After a reconnect: the list is the whole truth, so every extension is reported again. */
  resync(items: readonly AmiMessage[], at: number): AgentEvent[] {
    this.last.clear();
    return items.flatMap((m) => this.handle(m, at));
  }
}
