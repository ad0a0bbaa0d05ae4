import { z } from 'zod';
import type { ActivityRecord, ActivitySection } from '../../../shared/domain/activity.js';

export const ACTIVITY_SECTIONS = ['call', 'card', 'order', 'invoice', 'contact', 'note', 'status', 'callback', 'dial', 'transfer'] as const satisfies readonly ActivitySection[];
// Fails to compile when shared/domain gains a section this list lacks.
const everySectionListed: [Exclude<ActivitySection, (typeof ACTIVITY_SECTIONS)[number]>] extends [never] ? true : never = true;
void everySectionListed;

const MAX_DETAILS_BYTES = 32 * 1024;
const epochMs = z.number().int().min(0);
const ref = z.string().min(1).max(200);

/** What the app hands the journal: an action before it has an id, a sequence number or a topic. */
export const newActionSchema = z
  .strictObject({
    startedAt: epochMs,
    endedAt: epochMs.optional(),
    callId: ref.optional(),
    section: z.enum(ACTIVITY_SECTIONS),
    action: z.string().min(1).max(64),
    details: z.record(z.string(), z.unknown()).default({}),
    operator: ref,
    customerRef: ref.optional(),
    source: z.enum(['auto', 'manual']),
  })
  .refine((a) => a.endedAt === undefined || a.endedAt >= a.startedAt, { message: 'must not be before startedAt', path: ['endedAt'] });

export type NewAction = z.input<typeof newActionSchema>;

/** The details as stored and sent, or why they cannot be (checked once, on the text that is stored). */
export function detailsJson(details: Record<string, unknown>): { json: string } | { problem: string } {
  let json: string;
  try {
    json = JSON.stringify(details);
  } catch (err) {
    return { problem: `must be plain JSON data (${(err as Error).message})` };
  }
  return json.length <= MAX_DETAILS_BYTES ? { json } : { problem: `must be JSON of at most ${MAX_DETAILS_BYTES} bytes (got ${json.length})` };
}

export const callTopicInputSchema = z.strictObject({
  callId: ref,
  /** `null` drops the operator's choice: the rules decide again. */
  topic: z.string().trim().min(1).max(80).nullable(),
  operator: ref,
  customerRef: ref.optional(),
  at: epochMs,
});

export type CallTopicInput = z.input<typeof callTopicInputSchema>;

export const historyQuerySchema = z.strictObject({
  /** Actions started at or after this time (epoch ms). */
  from: epochMs.optional(),
  /** Actions started before this time (epoch ms). */
  to: epochMs.optional(),
  customerRef: ref.optional(),
  topic: z.string().trim().min(1).optional(),
  callId: ref.optional(),
  section: z.enum(ACTIVITY_SECTIONS).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export type HistoryQuery = z.input<typeof historyQuerySchema>;

export type OutboxState = 'pending' | 'sent' | 'dead';

export interface HistoryItem extends ActivityRecord {
  /** Delivery state per sink (`crm`, `analytics`). */
  sync: Record<string, OutboxState>;
  /** The id each sink gave the action when it took it (the sync mapping), e.g. the CRM's activity id. */
  remoteIds: Record<string, string>;
}

/** Newest first. */
export interface HistoryPage {
  items: HistoryItem[];
  total: number;
}

export interface CallTopic {
  topic: string | undefined;
  /** `operator` when the operator chose it, `rules` when derived from the call's actions. */
  source: 'operator' | 'rules' | undefined;
}

export const sinkNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lower-case name like "crm"');

export const settleSchema = z.strictObject({
  sink: sinkNameSchema,
  now: epochMs,
  outcomes: z.array(
    z.discriminatedUnion('status', [
      z.strictObject({ seq: z.number().int().positive(), status: z.literal('sent'), remoteId: z.string().max(500) }),
      z.strictObject({ seq: z.number().int().positive(), status: z.literal('failed'), error: z.string(), nextAttemptAt: epochMs }),
      z.strictObject({ seq: z.number().int().positive(), status: z.literal('dead'), error: z.string() }),
    ]),
  ),
});

export type Settlement = z.input<typeof settleSchema>;
export type SettleOutcome = Settlement['outcomes'][number];

export const claimSchema = z.strictObject({ sink: sinkNameSchema, limit: z.number().int().min(1).max(1000) });
export type ClaimRequest = z.input<typeof claimSchema>;

export interface SinkStatus {
  sink: string;
  /** Actions waiting to be delivered (including ones being retried). */
  pending: number;
  /** Actions the sink refused for good, waiting for the operator's retry. */
  dead: number;
  lastSuccessAt: number | undefined;
  lastError: string | undefined;
  lastErrorAt: number | undefined;
  /** Earliest time the stored backoff allows the next attempt (survives restarts). */
  nextAttemptAt: number | undefined;
}

export interface DeadLetter {
  record: ActivityRecord;
  sink: string;
  /** What the sink said when it refused the action. */
  error: string;
  attempts: number;
}
