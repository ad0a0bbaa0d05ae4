import { z } from 'zod';
import { JOURNAL_ERROR_KINDS, type JournalErrorKind } from './journal-error.js';
import type { TopicRulesFile } from './topic-rules.js';
import type { RecoveredJournal } from './journal-store.js';

/** What the client hands the worker as `workerData`. */
export interface JournalWorkerData {
  path: string;
  sinks: string[];
  topicRules?: TopicRulesFile;
  maxPageCount?: number;
}

export interface SerializedJournalError {
  kind: JournalErrorKind;
  message: string;
}

export const journalRequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string(),
  args: z.array(z.unknown()).max(4),
});

export type JournalRequest = z.infer<typeof journalRequestSchema>;

export type JournalReply =
  | { type: 'ready'; recovered: RecoveredJournal | undefined }
  | { type: 'failed'; error: SerializedJournalError }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedJournalError };

const errorSchema = z.object({ kind: z.enum(JOURNAL_ERROR_KINDS), message: z.string() });

export const journalReplySchema = z.union([
  z.object({ type: z.literal('ready'), recovered: z.object({ reason: z.string(), movedTo: z.string(), message: z.string() }).optional() }),
  z.object({ type: z.literal('failed'), error: errorSchema }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: errorSchema }),
]);
