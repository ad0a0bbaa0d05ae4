import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channel-names.js';
import {
  agentViewSchema,
  appSnapshotSchema,
  callbackTaskSchema,
  connectionCheckSchema,
  contactDraftSchema,
  customerMatchSchema,
  deadLetterSchema,
  dialNumberSchema,
  historyEntrySchema,
  historyFilterSchema,
  orderSchema,
  settingsFormSchema,
  settingsViewSchema,
} from './schemas.js';

const callIdSchema = z.string().min(1).max(128);
const customerRefSchema = z.string().min(1).max(128);
/** A secret typed on the settings page (a webhook URL can be long). */
const secretInput = z.string().min(1).max(1000).optional();

export * from './channel-names.js';

/**
 * The one typed map of the app's IPC. Each invoke channel becomes one named method on the
 * bridge (`window.cti.dial(...)`), each event one `on<Event>` subscription method.
 * The transport (Electron IPC, WebSocket, in-memory) never changes these names or shapes.
 */
export const invokeChannels = {
  getSnapshot: { input: z.void(), output: appSnapshotSchema },
  /** `reason` is one of the snapshot's `reasons` codes. */
  setStatus: {
    input: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('available') }),
      z.strictObject({ status: z.literal('not-ready'), reason: z.string().trim().min(1).max(32) }),
    ]),
    output: agentViewSchema,
  },
  /** Finish after-call work now. */
  endWrapUp: { input: z.void(), output: agentViewSchema },
  /** More after-call work: push the deadline back. */
  extendWrapUp: { input: z.strictObject({ seconds: z.number().int().min(10).max(3600) }), output: agentViewSchema },
  dial: {
    input: z.strictObject({ number: dialNumberSchema }),
    output: z.object({ callId: z.string() }),
  },
  hangup: { input: z.strictObject({ callId: callIdSchema }), output: z.void() },
  transfer: {
    input: z.strictObject({ callId: callIdSchema, target: dialNumberSchema, kind: z.enum(['blind', 'attended']) }),
    output: z.void(),
  },
  retryLookup: { input: z.strictObject({ callId: callIdSchema }), output: z.void() },
  /** The operator picked one of several matching customers; remembered for that number. */
  chooseCustomer: { input: z.strictObject({ callId: callIdSchema, ref: customerRefSchema }), output: z.void() },
  /** A new contact for an unknown caller; saving twice for one call creates one contact. */
  createContact: { input: z.strictObject({ callId: callIdSchema, draft: contactDraftSchema }), output: z.object({ ref: z.string() }) },
  /** The next page of a customer's order history ("more"). */
  loadOrders: {
    input: z.strictObject({
      ref: customerRefSchema,
      offset: z.number().int().min(0).max(100_000),
      limit: z.number().int().min(1).max(100),
    }),
    output: z.object({ orders: z.array(orderSchema) }),
  },
  dismissCall: { input: z.strictObject({ callId: callIdSchema }), output: z.void() },
  /** Pin the card (it stays after the call and wrap-up) or change its size. */
  setCardWindow: {
    input: z.strictObject({ pinned: z.boolean().optional(), size: z.enum(['compact', 'expanded']).optional() }),
    output: z.void(),
  },
  /** Click-to-call the number of a callback task. */
  callBack: { input: z.strictObject({ taskId: z.string().min(1).max(64) }), output: z.object({ callId: z.string() }) },
  completeCallback: { input: z.strictObject({ taskId: z.string().min(1).max(64) }), output: z.void() },
  /** "Create task" on the card: call this call's number back by `dueAt`, with a note (one open task per number). */
  scheduleCallback: {
    input: z.strictObject({
      callId: callIdSchema,
      dueAt: z.number().int().positive(),
      note: z.string().trim().max(500).optional(),
    }),
    output: callbackTaskSchema,
  },
  /** Customers by name, company or phone (at least 2 characters). */
  searchCustomers: {
    input: z.strictObject({ query: z.string().trim().min(2).max(100), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ matches: z.array(customerMatchSchema) }),
  },
  /** The operator's one-click topic for a call; `null` lets the rules decide again. */
  setCallTopic: { input: z.strictObject({ callId: callIdSchema, topic: z.string().trim().min(1).max(80).nullable() }), output: z.void() },
  /** The operator opened an order or invoice on the card (journal; it may set the call's topic). */
  trackView: {
    input: z.strictObject({
      callId: callIdSchema.optional(),
      customerRef: customerRefSchema,
      kind: z.enum(['order', 'invoice']),
      id: z.string().min(1).max(128),
      number: z.string().max(64),
      status: z.string().max(32).optional(),
    }),
    output: z.void(),
  },
  /** A note about the customer or call, journaled and sent to the CRM. */
  saveNote: {
    input: z.strictObject({ callId: callIdSchema.optional(), customerRef: customerRefSchema.optional(), text: z.string().trim().min(1).max(2000) }),
    output: z.void(),
  },
  /** The journal, newest first. */
  history: {
    input: z.strictObject({ filter: historyFilterSchema, limit: z.number().int().min(1).max(200), offset: z.number().int().min(0).max(1_000_000) }),
    output: z.object({ items: z.array(historyEntrySchema), total: z.number().int().nonnegative() }),
  },
  /** The filtered journal as CSV (UTF-8, header row). */
  exportHistory: { input: z.strictObject({ filter: historyFilterSchema }), output: z.object({ csv: z.string(), fileName: z.string() }) },
  /** Actions the CRM refused, with its message. */
  deadLetters: { input: z.void(), output: z.object({ items: z.array(deadLetterSchema) }) },
  /** Send a refused action again (after fixing the data in the CRM). */
  retryDeadLetter: {
    input: z.strictObject({ actionId: z.string().min(1).max(64), sink: z.string().min(1).max(32).optional() }),
    output: z.object({ retried: z.number().int().nonnegative() }),
  },
  getSettings: { input: z.void(), output: settingsViewSchema },
  /** Validates and saves the form (and new secrets, if typed), then reconnects with it. */
  saveSettings: {
    input: z.strictObject({ form: settingsFormSchema, pbxSecret: secretInput, crmSecret: secretInput }),
    output: settingsViewSchema,
  },
  /**
   * Checks one connection of the form as typed (not yet saved): the PBX with the same checks as
   * `cti-launcher doctor`, or the CRM with a sign-in and a lookup.
   */
  testConnection: {
    input: z.strictObject({ form: settingsFormSchema, pbxSecret: secretInput, crmSecret: secretInput, part: z.enum(['pbx', 'crm']).default('pbx') }),
    output: z.object({ ok: z.boolean(), checks: z.array(connectionCheckSchema) }),
  },
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventChannels = {
  snapshot: appSnapshotSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

