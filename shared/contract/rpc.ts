import { z } from 'zod';
import { ContractError, type ClientTransport, type WireResult } from './bridge.js';
import {
  eventChannels,
  invokeChannelNames,
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeInput,
  type InvokeOutput,
} from './channels.js';

/** Result of an invoke as it travels over any transport (see WireResult). */
export const wireResultSchema: z.ZodType<WireResult> = z.union([
  // A void result travels without `value` (JSON drops undefined): optional, or the caller would wait forever.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export type ContractHandlers = {
  [C in InvokeChannel]: (input: z.output<(typeof invokeChannels)[C]['input']>) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};

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
