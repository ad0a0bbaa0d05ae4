import { z } from 'zod';
import { agentViewSchema, appSnapshotSchema, dialNumberSchema } from './schemas.js';

/**
 * The one typed map of the app's IPC. Each invoke channel becomes one named method on the
 * bridge (`window.cti.dial(...)`), each event one `on<Event>` subscription method.
 * The transport (Electron IPC, WebSocket, in-memory) never changes these names or shapes.
 */
export const invokeChannels = {
  getSnapshot: { input: z.void(), output: appSnapshotSchema },
  setStatus: {
    input: z.strictObject({
      status: z.enum(['available', 'not-ready']),
      reason: z.string().trim().min(1).max(64).optional(),
    }),
    output: agentViewSchema,
  },
  dial: {
    input: z.strictObject({ number: dialNumberSchema }),
    output: z.object({ callId: z.string() }),
  },
  retryLookup: { input: z.strictObject({ callId: z.string().min(1).max(128) }), output: z.void() },
  dismissCall: { input: z.strictObject({ callId: z.string().min(1).max(128) }), output: z.void() },
} as const;

export const eventChannels = {
  snapshot: appSnapshotSchema,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

/** Name of the Electron IPC channel that carries a contract channel. */
export const ipcInvokeName = (c: InvokeChannel): string => `cti:invoke:${c}`;
export const ipcEventName = (e: EventChannel): string => `cti:event:${e}`;
export const eventMethodName = (e: EventChannel): string =>
  `on${e.charAt(0).toUpperCase()}${e.slice(1)}`;
