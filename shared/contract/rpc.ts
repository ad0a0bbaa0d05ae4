import { z } from 'zod';
import {
  eventChannelNames,
  eventChannels,
  eventMethodName,
  invokeChannelNames,
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeInput,
  type InvokeOutput,
} from './channels.js';

/** What a renderer sees: one named method per invoke channel, one `onX` per event. */
export type CtiApi = {
  [C in InvokeChannel]: InvokeInput<C> extends void
    ? () => Promise<InvokeOutput<C>>
    : (input: InvokeInput<C>) => Promise<InvokeOutput<C>>;
} & {
  [E in EventChannel as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Result of an invoke as it travels over any transport. */
export const wireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type WireResult = z.infer<typeof wireResultSchema>;

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

export type ContractHandlers = {
  [C in InvokeChannel]: (input: z.output<(typeof invokeChannels)[C]['input']>) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};

/** The client half of a transport: how a bridge reaches the app. */
export interface ClientTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<WireResult>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

function isChannel<T extends string>(names: readonly T[], value: string): value is T {
  return (names as readonly string[]).includes(value);
}

/**
 * Server half: validates channel and payload, runs the handler, validates what it returns.
 * Transports call `handle` with whatever arrived; nothing unvalidated reaches a handler.
 */
export function createContractServer(handlers: ContractHandlers) {
  return {
    async handle(channel: string, payload: unknown): Promise<WireResult> {
      if (!isChannel(invokeChannelNames, channel)) {
        return { ok: false, error: { code: 'bad-channel', message: `unknown channel "${channel}"` } };
      }
      const spec = invokeChannels[channel];
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'bad-input', message: `${channel}: ${describeIssues(parsed.error)}` },
        };
      }
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        const value = spec.output.parse(await handler(parsed.data));
        return { ok: true, value };
      } catch (err) {
        const code = err instanceof ContractError ? err.code : 'failed';
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code, message } };
      }
    },
  };
}
export type ContractServer = ReturnType<typeof createContractServer>;

/** Validates an outgoing event against the contract; throws on a programming error. */
export function encodeEvent<E extends EventChannel>(event: E, payload: EventPayload<E>): EventPayload<E> {
  return eventChannels[event].parse(payload) as EventPayload<E>;
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

/** Fan-out of pushed events to any number of listeners (one per transport/window). */
export function createEventHub() {
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  return {
    publish<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
      const checked = encodeEvent(event, payload);
      for (const l of [...listeners]) l(event, checked);
    },
    listen(listener: (event: EventChannel, payload: unknown) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

/** Copies a value the way a wire would (no shared references, no functions or class instances). */
const copyAsWire = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** An in-process transport: the same contract with no IPC at all (tests, tools). */
export function createInMemoryTransport(server: ContractServer, hub: EventHub): ClientTransport {
  return {
    invoke: (channel, payload) => server.handle(channel, copyAsWire(payload)),
    subscribe(event, listener) {
      return hub.listen((e, p) => {
        if (e === event) listener(copyAsWire(p));
      });
    },
  };
}
