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

/** A short text in English with Russian and Ukrainian where known (the window picks its language). */
export const localizedTextSchema = z.object({
  en: z.string().max(120),
  ru: z.string().max(120).optional(),
  uk: z.string().max(120).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

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
  /** City or region of a landline number, when known, in each UI language (English always). */
  region: localizedTextSchema.optional(),
  /** IANA time zone of the number's area, when it has exactly one (e.g. "Europe/Moscow"). */
  timeZone: z.string().max(64).optional(),
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

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(), // ISO date
  dueDate: z.string().optional(),
  amount: z.number(),
  currency: z.string().length(3),
  paid: z.boolean(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const interactionSchema = z.object({
  id: z.string(),
  at: z.string(), // ISO date-time
  channel: z.enum(['call', 'email', 'chat', 'visit', 'note']),
  direction: z.enum(['inbound', 'outbound']).optional(),
  summary: z.string().max(2000).optional(),
  operator: z.string().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  /** http(s) only; the renderer opens it as audio, never as a page. */
  recordingUrl: z.string().url().optional(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const customerKindSchema = z.enum(['contact', 'company', 'lead']);

export const customerCardSchema = z.object({
  ref: z.string(),
  kind: customerKindSchema.default('contact'),
  name: z.string(),
  company: z.string().optional(),
  manager: z.string().optional(),
  city: z.string().optional(),
  segment: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** IANA time zone of the customer (for "local time there"). */
  timeZone: z.string().optional(),
  notes: z.string().max(10000).optional(),
  phones: z.array(z.string()),
  orders: z.array(orderSchema),
  ordersTotal: z.number().int().nonnegative(),
  openOrders: z.number().int().nonnegative(),
  /** Unpaid invoices. */
  invoices: z.array(invoiceSchema).default([]),
  /** Recent contacts, newest first. */
  interactions: z.array(interactionSchema).default([]),
  /** Opens the customer in the CRM's own web UI (http/https). */
  crmUrl: z.string().url().optional(),
});
export type CustomerCard = z.infer<typeof customerCardSchema>;

export const customerMatchSchema = z.object({
  ref: z.string(),
  kind: customerKindSchema.default('contact'),
  name: z.string(),
  company: z.string().optional(),
  city: z.string().optional(),
  /** E.164 numbers (search results offer them for click-to-call). */
  phones: z.array(z.string()).optional(),
});
export type CustomerMatch = z.infer<typeof customerMatchSchema>;

/** A new contact entered on the card for an unknown caller. */
export const contactDraftSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(200),
  phone: z.string().max(20), // E.164
  company: z.string().trim().max(200).optional(),
  city: z.string().trim().max(120).optional(),
  email: z.string().trim().email('not an e-mail address').max(200).optional(),
  note: z.string().max(2000).optional(),
});
export type ContactDraft = z.infer<typeof contactDraftSchema>;

export const lookupSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('looking') }),
  z.object({ status: z.literal('skipped'), why: z.enum(['internal', 'anonymous', 'invalid']) }),
  /** One customer matched; the header shows while the card's details are fetched. */
  z.object({ status: z.literal('matched'), match: customerMatchSchema }),
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
  /** The call's main topic in the journal: derived from what the operator did, or chosen by them. */
  topic: z.object({ name: z.string(), source: z.enum(['auto', 'manual']) }).optional(),
});
export type CallView = z.infer<typeof callViewSchema>;

/**
 * A number to call back (one open task per number): a missed caller, or a call back the
 * operator set from the card for a time, with a note.
 */
export const callbackTaskSchema = z.object({
  id: z.string(),
  e164: z.string(),
  display: z.string(),
  customerName: z.string().optional(),
  customerRef: z.string().optional(),
  /** The first miss, or when the operator set the task (no miss yet). */
  firstMissedAt: z.number(),
  lastMissedAt: z.number(),
  /** 0 for a task the operator set without a missed call. */
  missedCount: z.number().int().nonnegative(),
  lastCallId: z.string(),
  /** Set from the card: call back by then (the app reminds the operator). */
  dueAt: z.number().optional(),
  note: z.string().max(500).optional(),
  status: z.enum(['open', 'done']),
  doneAt: z.number().optional(),
  /** Marked by the operator, or done because a call with the number was answered. */
  doneBy: z.enum(['manual', 'answered']).optional(),
});
export type CallbackTask = z.infer<typeof callbackTaskSchema>;

export const agentStatusSchema = z.enum(['available', 'not-ready', 'on-call', 'wrap-up', 'offline']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentViewSchema = z.object({
  extension: z.string(),
  status: agentStatusSchema,
  /** not-ready: a configured reason code, `screen-locked`, or the PBX's own words. */
  reason: z.string().optional(),
  /** Who made the agent not ready: a pause set on the PBX (e.g. by a supervisor) is the PBX's. */
  reasonBy: z.enum(['operator', 'lock', 'pbx']).optional(),
  /** offline: the PBX link is down, the computer sleeps, or the session is ending. */
  offline: z.enum(['pbx-link', 'logged-off', 'asleep', 'session-ending']).optional(),
  screenLocked: z.boolean(),
  /** wrap-up: when after-call work ends (epoch ms). */
  wrapUpUntil: z.number().optional(),
});
export type AgentView = z.infer<typeof agentViewSchema>;

export const linkHealthSchema = z.object({
  pbx: z.enum(['connecting', 'up', 'down']),
  crm: z.enum(['up', 'down']),
});

export const syncHealthSchema = z.object({
  /** Actions waiting to be delivered. */
  pending: z.number().int().nonnegative(),
  /** Actions the CRM refused: they wait for the operator (History › Not delivered). */
  dead: z.number().int().nonnegative(),
  state: z.enum(['idle', 'sending', 'retrying', 'paused', 'stopped', 'off']),
  /** The last delivery error, in the CRM's words. */
  lastError: z.string().optional(),
  retryAt: z.number().optional(),
  /** The journal itself is unusable (e.g. disk full), in plain words. */
  journalProblem: z.string().optional(),
});
export type SyncHealth = z.infer<typeof syncHealthSchema>;

export const appSnapshotSchema = z.object({
  version: z.string(),
  mode: z.enum(['demo', 'configured']),
  pbxKind: z.string(),
  crmKind: z.string(),
  agent: agentViewSchema,
  links: linkHealthSchema,
  /** What the connected PBX and CRM can do: the windows offer only these actions. */
  capabilities: z.object({
    dial: z.boolean(),
    hangup: z.boolean(),
    blindTransfer: z.boolean(),
    attendedTransfer: z.boolean(),
    hold: z.boolean(),
    spy: z.boolean(),
    createContact: z.boolean(),
    /** The CRM can search customers (the main window's search). */
    search: z.boolean(),
  }),
  /** Calls still ringing or connected, oldest first. */
  activeCalls: z.array(callViewSchema),
  /** Calls that ended this session, newest first (bounded). */
  recentCalls: z.array(callViewSchema),
  /** Open callback tasks first, then those done in the last day. */
  callbacks: z.array(callbackTaskSchema),
  ui: z.object({
    language: z.enum(['system', 'en', 'ru', 'uk']),
    theme: z.enum(['system', 'light', 'dark']),
  }),
  /** The not-ready reasons the operator can choose (config `presence.reasons`), in menu order. */
  reasons: z.array(z.object({ code: z.string(), label: localizedTextSchema })),
  /** Topics an operator can give a call (from the topic rules), for the one-click override. */
  topics: z.array(z.string()),
  /** Delivery of the action journal to the CRM. */
  sync: syncHealthSchema,
  /** The card window: pinned cards stay after the call; compact or expanded. */
  cardWindow: z.object({ pinned: z.boolean(), size: z.enum(['compact', 'expanded']) }),
  /** The last click-to-call the PBX could not place, for a minute or until the next dial. */
  dialFailure: z
    .object({ number: z.string(), reason: z.enum(['no-answer', 'rejected', 'busy', 'unavailable', 'congestion', 'failed']), at: z.number() })
    .optional(),
});
export type AppSnapshot = z.infer<typeof appSnapshotSchema>;

/** Dialable text: what a `tel:` link or a typed number is reduced to before use. */
export const dialNumberSchema = z
  .string()
  .trim()
  .min(2, 'a number needs at least 2 digits')
  .max(32, 'a number is at most 32 characters')
  .regex(/^\+?[0-9*#]+$/, 'only digits, *, # and a leading + can be dialled');

/**
 * The settings page. The form carries the connection fields an operator or IT may change
 * from the app; the core validates it against the full configuration schema before saving.
 */
const interfaceListSchema = z.array(z.string().trim().min(1).max(80)).min(1).max(8);
export const pbxSettingsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('demo') }),
  z.object({
    type: z.literal('asterisk'),
    host: z.string().trim().min(1, 'the PBX host is required').max(255),
    port: z.number().int().min(1).max(65535).optional(),
    tls: z.boolean(),
    username: z.string().trim().min(1, 'the AMI user is required').max(80),
    interfaces: interfaceListSchema,
    originateContext: z.string().trim().min(1).max(80),
  }),
]);
export type PbxSettings = z.infer<typeof pbxSettingsSchema>;

const crmUrlSchema = z.string().trim().url('a full address, e.g. "https://crm.example.com"').max(300);
export const crmSettingsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('embedded') }),
  z.object({ type: z.literal('bitrix24'), portalUrl: crmUrlSchema }),
  /** The REST mapping itself lives in the config file (IT's job); the form changes where it points. */
  z.object({ type: z.literal('rest'), name: z.string().trim().min(1).max(60), baseUrl: crmUrlSchema }),
]);
export type CrmSettings = z.infer<typeof crmSettingsSchema>;

/** What the CRM's secret is, so the page can name it: none for the built-in directory. */
export const crmSecretKindSchema = z.enum(['webhook', 'refreshToken', 'token', 'apiKey', 'password', 'clientSecret']);
export type CrmSecretKind = z.infer<typeof crmSecretKindSchema>;

export const settingsFormSchema = z.object({
  agent: z.object({ extension: z.string().trim().max(8), name: z.string().trim().max(80).optional() }),
  pbx: pbxSettingsSchema,
  /** Left out: the CRM settings stay as they are. */
  crm: crmSettingsSchema.optional(),
  ui: z.object({ language: z.enum(['system', 'en', 'ru', 'uk']), theme: z.enum(['system', 'light', 'dark']) }),
});
export type SettingsForm = z.infer<typeof settingsFormSchema>;

export const settingsViewSchema = z.object({
  form: settingsFormSchema,
  /** A PBX secret is stored (its value never leaves the core). */
  hasPbxSecret: z.boolean(),
  /** The PBX secret comes from this environment variable (config `pbx.secretEnv`): a typed one is not used. */
  pbxSecretEnv: z.string().optional(),
  /** The CRM's secret, when it needs one: what it is, whether one is stored, or the variable it comes from. */
  crmSecret: z.object({ kind: crmSecretKindSchema, stored: z.boolean(), env: z.string().optional() }).optional(),
  /** A REST mapping is configured, so "REST" can be chosen (it cannot be set up from the page). */
  restConfigured: z.boolean(),
  /** Where secrets are kept, in words (e.g. "Windows DPAPI", "a file readable only by you"). */
  secretBackend: z.string(),
  /** The secret store refuses to work here (e.g. no system keyring): why, and what to do. */
  secretsUnavailable: z.string().optional(),
  /** The per-user file the page writes. */
  userConfigFile: z.string(),
  /** Sections the environment or the command line sets: changes to them would not take effect. */
  overridden: z.array(z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/**
 * One check of "Test connection". The texts are English (the `doctor` command prints them);
 * `say` names the same sentences for the page to show in the operator's language, with the
 * values to put in. Details that quote the PBX or the CRM stay as they said them.
 */
export const connectionCheckSchema = z.object({
  name: z.string(),
  say: z
    .object({
      name: z.string(),
      detail: z.string().optional(),
      fix: z.string().optional(),
      values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
  ok: z.boolean(),
  /** Not a failure: something that could not be checked. */
  info: z.boolean().optional(),
  detail: z.string(),
  fix: z.string().optional(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** The journal's sections (what an action concerns). */
export const activitySectionSchema = z.enum(['call', 'card', 'order', 'invoice', 'contact', 'note', 'status', 'callback', 'dial', 'transfer']);

export const historyFilterSchema = z.object({
  /** Started at or after (epoch ms). */
  from: z.number().int().min(0).optional(),
  /** Started before (epoch ms). */
  to: z.number().int().min(0).optional(),
  customerRef: z.string().trim().min(1).max(200).optional(),
  topic: z.string().trim().min(1).max(80).optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  callId: z.string().optional(),
  section: activitySectionSchema,
  action: z.string(),
  topic: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  operator: z.string(),
  customerRef: z.string().optional(),
  source: z.enum(['auto', 'manual']),
  /** Delivery per sink (`crm`, `analytics`). */
  sync: z.record(z.string(), z.enum(['pending', 'sent', 'dead'])),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const deadLetterSchema = z.object({
  actionId: z.string(),
  sink: z.string(),
  section: activitySectionSchema,
  action: z.string(),
  startedAt: z.number(),
  customerRef: z.string().optional(),
  /** What the CRM said when it refused the action. */
  error: z.string(),
});
export type DeadLetterView = z.infer<typeof deadLetterSchema>;
