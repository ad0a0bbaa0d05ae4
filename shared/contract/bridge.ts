import { eventChannelNames, eventMethodName, invokeChannelNames, type EventChannel, type InvokeChannel } from './channel-names.js';
import type { EventPayload, InvokeInput, InvokeOutput } from './channels.js';

/**
 * The client side of the contract, free of zod at run time so that the preload stays small:
 * the server validates every invoke, and events are validated before they are sent.
 */

/** What a renderer sees: one named method per invoke channel, one `onX` per event. */
export type CtiApi = {
  [C in InvokeChannel]: InvokeInput<C> extends void
    ? () => Promise<InvokeOutput<C>>
    : (input: InvokeInput<C>) => Promise<InvokeOutput<C>>;
} & {
  [E in EventChannel as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Result of an invoke as it travels over any transport. */
export type WireResult = { ok: true; value?: unknown } | { ok: false; error: { code: string; message: string } };

export type ContractErrorCode = 'bad-channel' | 'bad-input' | 'forbidden' | 'failed' | 'transport';

/** An invoke that the other side refused or could not carry out; `message` is user-readable. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** The client half of a transport: how a bridge reaches the app. */
export interface ClientTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<WireResult>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Builds the bridge object with exactly one named method per channel. */
export function createBridgeApi(transport: ClientTransport): CtiApi {
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannelNames) {
    api[channel] = async (input?: unknown) => {
      const result = await transport.invoke(channel, input);
      if (!result.ok) throw new ContractError(result.error.code, result.error.message);
      return result.value;
    };
  }
  for (const event of eventChannelNames) {
    api[eventMethodName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventMethodName(event)} needs a function`);
      return transport.subscribe(event, listener);
    };
  }
  return Object.freeze(api) as CtiApi;
}
