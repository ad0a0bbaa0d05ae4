import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channel-names.js';
import { agentViewSchema, appSnapshotSchema, dialNumberSchema } from './schemas.js';

export * from './channel-names.js';

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
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventChannels = {
  snapshot: appSnapshotSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

