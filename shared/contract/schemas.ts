import { z } from 'zod';

/** Everything that crosses a process boundary is described here once; types are inferred. */

export const callDirectionSchema = z.enum(['inbound', 'outbound', 'internal']);
export const callEndReasonSchema = z.enum([
  'completed',
  'missed',
  'abandoned',
  'answered-elsewhere',
  'transferred-away',
  'failed',
]);
export const callPhaseSchema = z.enum(['ringing', 'connected', 'held', 'ended']);

export const phoneInfoSchema = z.object({
  /** As the PBX sent it. */
  raw: z.string().max(64),
  /** E.164 when the number could be normalised. */
  e164: z.string().max(20).optional(),
  /** Human-readable international format, or the raw text. */
  display: z.string().max(64),
  kind: z.enum(['external', 'internal', 'anonymous', 'invalid']),
  /** ISO 3166 country of the number, when known. */
  country: z.string().length(2).optional(),
});
export type PhoneInfo = z.infer<typeof phoneInfoSchema>;

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(), // ISO date
  status: z.enum(['new', 'processing', 'shipped', 'delivered', 'cancelled', 'returned']),
  amount: z.number(),
  currency: z.string().length(3),
  open: z.boolean(),
});
export type Order = z.infer<typeof orderSchema>;

export const customerCardSchema = z.object({
  ref: z.string(),
  name: z.string(),
  company: z.string().optional(),
  manager: z.string().optional(),
  city: z.string().optional(),
  segment: z.string().optional(),
  phones: z.array(z.string()),
  orders: z.array(orderSchema),
  ordersTotal: z.number().int().nonnegative(),
  openOrders: z.number().int().nonnegative(),
});
export type CustomerCard = z.infer<typeof customerCardSchema>;

export const customerMatchSchema = z.object({
  ref: z.string(),
  name: z.string(),
  company: z.string().optional(),
});
export type CustomerMatch = z.infer<typeof customerMatchSchema>;

export const lookupSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('looking') }),
  z.object({ status: z.literal('skipped'), why: z.enum(['internal', 'anonymous', 'invalid']) }),
  z.object({ status: z.literal('found'), card: customerCardSchema }),
  z.object({ status: z.literal('multiple'), matches: z.array(customerMatchSchema) }),
  z.object({ status: z.literal('not-found') }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);
export type Lookup = z.infer<typeof lookupSchema>;

export const callViewSchema = z.object({
  id: z.string(),
  /** Local sequence: orders calls without trusting wall clocks. */
  seq: z.number().int(),
  direction: callDirectionSchema,
  phase: callPhaseSchema,
  remote: phoneInfoSchema,
  remoteName: z.string().optional(),
  queue: z.string().optional(),
  did: z.string().optional(),
  transferredBy: z.string().optional(),
  transferredTo: z.string().optional(),
  ringingAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
  endReason: callEndReasonSchema.optional(),
  /** Shown in the card window (cleared when dismissed or when the card hides after the call). */
  onCard: z.boolean(),
  lookup: lookupSchema,
});
export type CallView = z.infer<typeof callViewSchema>;

export const agentStatusSchema = z.enum(['available', 'not-ready', 'on-call', 'offline']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentViewSchema = z.object({
  extension: z.string(),
  status: agentStatusSchema,
  reason: z.string().optional(),
  screenLocked: z.boolean(),
});
export type AgentView = z.infer<typeof agentViewSchema>;

export const linkHealthSchema = z.object({
  pbx: z.enum(['connecting', 'up', 'down']),
  crm: z.enum(['up', 'down']),
});

export const appSnapshotSchema = z.object({
  version: z.string(),
  mode: z.enum(['demo', 'configured']),
  pbxKind: z.string(),
  crmKind: z.string(),
  agent: agentViewSchema,
  links: linkHealthSchema,
  /** Calls still ringing or connected, oldest first. */
  activeCalls: z.array(callViewSchema),
  /** Calls that ended this session, newest first (bounded). */
  recentCalls: z.array(callViewSchema),
  ui: z.object({
    language: z.enum(['system', 'en', 'ru', 'uk']),
    theme: z.enum(['system', 'light', 'dark']),
  }),
});
export type AppSnapshot = z.infer<typeof appSnapshotSchema>;

/** Dialable text: what a `tel:` link or a typed number is reduced to before use. */
export const dialNumberSchema = z
  .string()
  .trim()
  .min(2, 'a number needs at least 2 digits')
  .max(32, 'a number is at most 32 characters')
  .regex(/^\+?[0-9*#]+$/, 'only digits, *, # and a leading + can be dialled');
