import type { ContractHandlers } from '../../shared/contract/rpc.js';
import { invokeChannelNames } from '../../shared/contract/channel-names.js';

/**
 * A complete handler set for tests that exercise only some channels: the ones given are used,
 * every other channel fails loudly if a test reaches it by mistake.
 */
export function stubHandlers(handlers: Partial<ContractHandlers>): ContractHandlers {
  const all: Record<string, unknown> = {};
  for (const name of invokeChannelNames) {
    all[name] =
      handlers[name] ??
      (() => {
        throw new Error(`the ${name} channel is not used in this test`);
      });
  }
  return all as ContractHandlers;
}
