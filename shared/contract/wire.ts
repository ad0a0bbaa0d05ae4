import { z } from 'zod';
import { wireResultSchema } from './rpc.js';

/** Framing of the contract over a WebSocket (browser host). */
export const wsClientMessageSchema = z.strictObject({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown().optional(),
});
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

export const wsServerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int(), result: wireResultSchema }),
  z.object({ t: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** The token travels as a WebSocket subprotocol, never in a URL that could be logged. */
export const WS_PROTOCOL = 'cti.v1';
export const WS_TOKEN_PREFIX = 'cti-token.';
export const WS_PATH = '/rpc';
