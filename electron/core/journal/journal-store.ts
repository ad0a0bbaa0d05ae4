import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ActivityRecord } from '../../../shared/domain/activity.js';
import { historyCsvHeader, historyCsvRow } from './history-csv.js';
import { isCorruption, JournalError, journalFailure } from './journal-error.js';
import {
  callTopicInputSchema,
  claimSchema,
  detailsJson,
  historyQuerySchema,
  newActionSchema,
  settleSchema,
  sinkNameSchema,
  type CallTopic,
  type CallTopicInput,
  type ClaimRequest,
  type DeadLetter,
  type HistoryItem,
  type HistoryPage,
  type HistoryQuery,
  type NewAction,
  type OutboxState,
  type Settlement,
  type SinkStatus,
} from './journal-records.js';
import { JOURNAL_APPLICATION_ID, migrate } from './journal-schema.js';
import { NO_TOPIC_RULES, type TopicRules } from './topic-rules.js';
import { describeIssues } from './zod-issues.js';

export interface JournalStoreOptions {
  /** The SQLite file (created with its folder when missing). */
  path: string;
  /** Every recorded action gets one outbox row per sink, in the same transaction. */
  sinks: readonly string[];
  topicRules?: TopicRules;
  /** Time used only to name a damaged file when it is moved aside. */
  now?: () => number;
  /** Caps the file at this many pages: lets tests reach "disk full" without filling a disk. */
  maxPageCount?: number;
  /** Test seam: called inside the record and settle transactions, after their first write. */
  probe?: (point: 'record' | 'settle') => void;
}

/** Set when the file at the path was unusable and a new journal was started in its place. */
export interface RecoveredJournal {
  reason: string;
  movedTo: string;
  /** One line for the operator and the log. */
  message: string;
}

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

const deadLetterQuerySchema = z.strictObject({
  sink: sinkNameSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
const retryDeadSchema = z.strictObject({ actionId: z.string().min(1), sink: sinkNameSchema.optional() });
const purgeSchema = z.strictObject({ now: z.number().int().min(0), retentionDays: z.number().int().min(1).max(36_500) });
const exportQuerySchema = historyQuerySchema.omit({ limit: true, offset: true });

export type DeadLetterQuery = z.input<typeof deadLetterQuerySchema>;
export type ExportQuery = z.input<typeof exportQuerySchema>;

interface ActionRow {
  seq: number;
  id: string;
  started_at: number;
  ended_at: number | null;
  call_id: string | null;
  section: string;
  action: string;
  topic: string | null;
  details: string;
  operator: string;
  customer_ref: string | null;
  source: string;
}

interface CallTopicRow {
  auto_topic: string | null;
  auto_priority: number | null;
  operator_topic: string | null;
  topic: string | null;
}

/**
 * The action journal: one SQLite file in WAL mode with `synchronous=FULL`, so an action is
 * on disk when `record` returns. Synchronous: run it off the Electron main thread (the
 * journal worker does).
 */
export class JournalStore {
  readonly path: string;
  readonly recovered: RecoveredJournal | undefined;
  private readonly db: Database.Database;
  private readonly sinks: readonly string[];
  private readonly rules: TopicRules;
  private readonly probe: JournalStoreOptions['probe'];
  private readonly sql;
  /** Recent calls' topics, so recording an action does not read them back (this connection is the only writer). */
  private readonly topics = new LRUCache<string, CallTopicRow>({ max: 2_000 });
  private readonly ids = new ActionIds();
  private readonly recordTx: (action: z.output<typeof newActionSchema>, details: string, topics: TopicChanges) => ActivityRecord;

  private constructor(db: Database.Database, options: JournalStoreOptions, recovered: RecoveredJournal | undefined) {
    this.db = db;
    this.path = options.path;
    this.recovered = recovered;
    this.sinks = options.sinks;
    this.rules = options.topicRules ?? NO_TOPIC_RULES;
    this.probe = options.probe;
    this.sql = prepareStatements(db);
    this.recordTx = db.transaction((action, details, topics) => this.insertAction(action, details, topics));
  }

  /**
   * Opens (or creates) the journal. A damaged file, or one that is not a CTI Launcher
   * journal, is renamed to `<name>.corrupt-<time>` (its -wal too, so it stays readable) and a
   * new journal is started; `recovered` says so. A file from a newer version is refused.
   */
  static open(options: JournalStoreOptions): JournalStore {
    for (const sink of options.sinks) parseOrThrow(sinkNameSchema, sink, 'sink');
    try {
      mkdirSync(dirname(options.path), { recursive: true });
    } catch (err) {
      throw new JournalError('io', `the folder of the action journal ${options.path} cannot be created (${(err as Error).message}); check the path and its permissions`, { cause: err });
    }
    try {
      return new JournalStore(openFile(options), options, undefined);
    } catch (err) {
      if (!(isCorruption(err) || (err instanceof JournalError && err.kind === 'corrupt'))) throw journalFailure(err, 'opening the journal', options.path);
      const reason = err instanceof JournalError ? err.message : (err as Error).message;
      const movedTo = moveAside(options.path, (options.now ?? Date.now)());
      const message = `The action journal ${options.path} could not be used (${reason}); it was moved to ${movedTo} and a new journal was started. Keep the old file for support: actions in it that were not yet synced are not sent.`;
      try {
        return new JournalStore(openFile(options), options, { reason, movedTo, message });
      } catch (again) {
        throw journalFailure(again, 'starting a new journal', options.path);
      }
    }
  }

  /** Records one action and its outbox rows in one transaction; durable when it returns. */
  record(input: NewAction): ActivityRecord {
    const action = parseOrThrow(newActionSchema, input, 'journal action');
    const details = detailsJson(action.details);
    if ('problem' in details) throw new JournalError('invalid-input', `journal action rejected: details: ${details.problem}`);
    const topics: TopicChanges = new Map();
    try {
      const record = this.recordTx(action, details.json, topics);
      this.cacheTopics(topics);
      return record;
    } catch (err) {
      throw journalFailure(err, `recording "${action.section} ${action.action}"`, this.path);
    }
  }

  /**
   * The operator's topic for a call (`null`: let the rules decide again). A change is itself
   * an action (`call`/`topic`), so every sink receives the new topic in a record after the
   * ones it already has; nothing already delivered is sent again.
   */
  setCallTopic(input: CallTopicInput): { topic: CallTopic; record: ActivityRecord | undefined } {
    const req = parseOrThrow(callTopicInputSchema, input, 'call topic');
    const topics: TopicChanges = new Map();
    try {
      const result = this.db.transaction(() => {
        const before = this.topicState(req.callId, topics);
        if (before.operator_topic === req.topic) return { topic: toCallTopic(before), record: undefined };
        const after = withTopic({ ...before, operator_topic: req.topic });
        this.saveTopic(req.callId, after, topics);
        const details = { topic: after.topic, previous: before.topic, chosenBy: req.topic === null ? 'rules' : 'operator' };
        const record = this.insertAction(
          { startedAt: req.at, callId: req.callId, section: 'call', action: 'topic', details, operator: req.operator, customerRef: req.customerRef, source: 'manual' },
          JSON.stringify(details),
          topics,
        );
        return { topic: toCallTopic(after), record };
      })();
      this.cacheTopics(topics);
      return result;
    } catch (err) {
      throw journalFailure(err, `setting the topic of call ${req.callId}`, this.path);
    }
  }

  callTopic(callId: string): CallTopic {
    return toCallTopic(this.topicState(callId, new Map()));
  }

  /**
   * The next pending actions for a sink, oldest first. A record handed out for the first
   * time has its topic frozen, so a retry under the same idempotency key sends the same payload.
   */
  claim(request: ClaimRequest): ActivityRecord[] {
    const { sink, limit } = parseOrThrow(claimSchema, request, 'claim');
    try {
      return this.db.transaction(() => {
        const rows = this.sql.claim.all(sink, limit) as (ActionRow & { frozen: number; wire_topic: string | null; live_topic: string | null })[];
        return rows.map((row) => {
          if (!row.frozen) this.sql.freeze.run(row.live_topic, sink, row.seq);
          return toRecord({ ...row, topic: row.frozen ? row.wire_topic : row.live_topic });
        });
      })();
    } catch (err) {
      throw journalFailure(err, `reading the ${sink} outbox`, this.path);
    }
  }

  /** Stores what a sink said about claimed actions (sent with its id, failed, or refused) at once. */
  settle(settlement: Settlement): void {
    const { sink, now, outcomes } = parseOrThrow(settleSchema, settlement, 'settlement');
    if (outcomes.length === 0) return;
    try {
      this.db.transaction(() => {
        let lastError: string | undefined;
        let anySent = false;
        for (const o of outcomes) {
          if (o.status === 'sent') {
            const row = this.sql.takeSent.get(sink, o.seq) as { attempts: number } | undefined;
            if (row) this.sql.insertSent.run(o.seq, sink, o.remoteId, now, row.attempts + 1);
            anySent = true;
          } else if (o.status === 'failed') {
            this.sql.markFailed.run(o.error, o.nextAttemptAt, sink, o.seq);
            lastError = o.error;
          } else {
            this.sql.markDead.run(o.error, sink, o.seq);
            lastError = o.error;
          }
          this.probe?.('settle');
        }
        this.sql.sinkOutcome.run(sink, anySent ? now : null, lastError ?? null, lastError === undefined ? null : now);
      })();
    } catch (err) {
      throw journalFailure(err, `storing the ${sink} delivery results`, this.path);
    }
  }

  sinkStatus(sink: string): SinkStatus {
    parseOrThrow(sinkNameSchema, sink, 'sink');
    const counts = this.sql.openCounts.all(sink) as { state: OutboxState; n: number; next: number }[];
    const row = this.sql.sinkRow.get(sink) as { last_success_at: number | null; last_error: string | null; last_error_at: number | null } | undefined;
    const pending = counts.find((c) => c.state === 'pending');
    return {
      sink,
      pending: pending?.n ?? 0,
      dead: counts.find((c) => c.state === 'dead')?.n ?? 0,
      lastSuccessAt: row?.last_success_at ?? undefined,
      lastError: row?.last_error ?? undefined,
      lastErrorAt: row?.last_error_at ?? undefined,
      nextAttemptAt: pending?.next ? pending.next : undefined,
    };
  }

  deadLetters(query: DeadLetterQuery = {}): DeadLetter[] {
    const q = parseOrThrow(deadLetterQuerySchema, query, 'dead letter query');
    const rows = this.sql.deadLetters.all({ sink: q.sink ?? null, limit: q.limit, offset: q.offset }) as (ActionRow & {
      sink: string;
      last_error: string | null;
      attempts: number;
      wire_topic: string | null;
      frozen: number;
      live_topic: string | null;
    })[];
    return rows.map((row) => ({
      record: toRecord({ ...row, topic: row.frozen ? row.wire_topic : row.live_topic }),
      sink: row.sink,
      error: row.last_error ?? '',
      attempts: row.attempts,
    }));
  }

  /** Puts a dead letter back in the queue (after the operator fixed what the sink refused). */
  retryDead(input: { actionId: string; sink?: string }): number {
    const req = parseOrThrow(retryDeadSchema, input, 'retry');
    try {
      const changed = this.sql.retryDead.run({ id: req.actionId, sink: req.sink ?? null }).changes;
      if (changed === 0) throw new JournalError('not-found', `no dead letter for action ${req.actionId}${req.sink ? ` in the ${req.sink} outbox` : ''}: it was delivered, is still queued, or does not exist`);
      return changed;
    } catch (err) {
      throw journalFailure(err, `retrying action ${req.actionId}`, this.path);
    }
  }

  /** Newest first; `topic` is the call's current main topic. */
  history(query: HistoryQuery = {}): HistoryPage {
    const q = parseOrThrow(historyQuerySchema, query, 'history query');
    const { where, params } = historyFilter(q);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM actions a LEFT JOIN call_topics ct ON ct.call_id = a.call_id WHERE ${where}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`${HISTORY_SELECT} WHERE ${where} ORDER BY a.seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as HistoryRow[];
    return { items: rows.map((row) => this.toHistoryItem(row)), total };
  }

  /** Every action the filter matches, newest first, as CSV (header row first). */
  exportCsv(query: ExportQuery = {}): string {
    const q = parseOrThrow(exportQuerySchema, query, 'export query');
    const { where, params } = historyFilter(q);
    const parts = [historyCsvHeader()];
    for (const row of this.db.prepare(`${HISTORY_SELECT} WHERE ${where} ORDER BY a.seq DESC`).iterate(params)) {
      parts.push(historyCsvRow(this.toHistoryItem(row as HistoryRow)));
    }
    return parts.join('');
  }

  /** Deletes actions older than the retention that every sink has received; never an unsent one. */
  purge(input: { now: number; retentionDays?: number }): number {
    const { now, retentionDays } = parseOrThrow(purgeSchema, { retentionDays: DEFAULT_RETENTION_DAYS, ...input }, 'purge');
    try {
      const deleted = this.db.transaction(() => {
        const n = this.sql.purgeActions.run(now - retentionDays * DAY_MS).changes;
        if (n > 0) this.sql.purgeTopics.run();
        return n;
      })();
      this.topics.clear();
      return deleted;
    } catch (err) {
      throw journalFailure(err, 'purging old actions', this.path);
    }
  }

  /** `['ok']` for a healthy file, else SQLite's list of problems. */
  integrityCheck(): string[] {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The action with where each configured sink stands with it. */
  private toHistoryItem(row: HistoryRow): HistoryItem {
    const sync: Record<string, OutboxState> = {};
    const remoteIds: Record<string, string> = {};
    for (const sink of this.sinks) {
      const open = this.sql.openState.get(sink, row.seq) as { state: OutboxState } | undefined;
      const sent = open ? undefined : (this.sql.sentState.get(row.seq, sink) as { remote_id: string } | undefined);
      if (open) sync[sink] = open.state;
      else if (sent) (sync[sink] = 'sent'), (remoteIds[sink] = sent.remote_id);
    }
    return { ...toRecord({ ...row, topic: row.live_topic }), sync, remoteIds };
  }

  private insertAction(a: z.output<typeof newActionSchema>, details: string, topics: TopicChanges): ActivityRecord {
    const match = this.rules.match(a);
    const id = this.ids.next();
    const seq = Number(
      this.sql.insertAction.run(
        id,
        a.startedAt,
        a.endedAt ?? null,
        a.callId ?? null,
        a.section,
        a.action,
        match?.topic ?? null,
        details,
        a.operator,
        a.customerRef ?? null,
        a.source,
      ).lastInsertRowid,
    );
    this.probe?.('record');
    for (const sink of this.sinks) this.sql.insertOutbox.run(seq, sink);
    let topic = match?.topic;
    if (a.callId !== undefined) {
      let state = this.topicState(a.callId, topics);
      if (match && (state.auto_priority === null || match.priority > state.auto_priority)) {
        state = withTopic({ ...state, auto_topic: match.topic, auto_priority: match.priority });
        this.saveTopic(a.callId, state, topics);
      }
      topic = state.topic ?? undefined;
    }
    const record: ActivityRecord = { id, seq, startedAt: a.startedAt, section: a.section, action: a.action, details: a.details, operator: a.operator, source: a.source };
    if (a.endedAt !== undefined) record.endedAt = a.endedAt;
    if (a.callId !== undefined) record.callId = a.callId;
    if (topic !== undefined) record.topic = topic;
    if (a.customerRef !== undefined) record.customerRef = a.customerRef;
    return record;
  }

  /** A call's topics: this transaction's changes, else the cache, else the table. */
  private topicState(callId: string, changes: TopicChanges): CallTopicRow {
    return changes.get(callId) ?? this.topics.get(callId) ?? (this.sql.callTopic.get(callId) as CallTopicRow | undefined) ?? NO_TOPIC;
  }

  private saveTopic(callId: string, row: CallTopicRow, changes: TopicChanges): void {
    this.sql.saveTopic.run(callId, row.auto_topic, row.auto_priority, row.operator_topic, row.topic);
    changes.set(callId, row);
  }

  /** Only once committed: a rolled-back transaction must not leave its topics in the cache. */
  private cacheTopics(changes: TopicChanges): void {
    for (const [callId, row] of changes) this.topics.set(callId, row);
  }
}

type TopicChanges = Map<string, CallTopicRow>;
const NO_TOPIC: CallTopicRow = { auto_topic: null, auto_priority: null, operator_topic: null, topic: null };
const withTopic = (row: CallTopicRow): CallTopicRow => ({ ...row, topic: row.operator_topic ?? row.auto_topic });

/**
 * Checks an existing file on a read-only connection first: closing a read-write connection
 * to a damaged file would delete its -wal, which support may need.
 */
function inspect(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== JOURNAL_APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0)) {
      throw new JournalError('corrupt', 'it is not a CTI Launcher journal');
    }
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).flatMap((r) => r.quick_check.split('\n'));
    if (problems[0] !== 'ok') throw new JournalError('corrupt', `SQLite integrity check: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    db.close();
  }
}

function openFile(options: JournalStoreOptions): Database.Database {
  inspect(options.path);
  const db = new Database(options.path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function moveAside(path: string, now: number): string {
  let target = `${path}.corrupt-${stamp(now)}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.corrupt-${stamp(now)}-${n}`;
  try {
    renameSync(path, target);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  } catch (err) {
    throw new JournalError('io', `the action journal ${path} is damaged and could not be moved aside (${(err as Error).message}); close other programs using it or move it by hand`, { cause: err });
  }
  return target;
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new JournalError('invalid-input', `${what} rejected: ${describeIssues(parsed.error, input).join('; ')}`);
  return parsed.data;
}

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined || value[key] === null) delete value[key];
  return value;
}

/** UUIDv7 ids with their random bits drawn from a pooled buffer (one system call per 256 ids). */
class ActionIds {
  private readonly pool = new Uint8Array(4096);
  private offset = this.pool.length;

  next(): string {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const random = this.pool.subarray(this.offset, (this.offset += 16));
    return uuidv7({ random });
  }
}

function toRecord(row: ActionRow): ActivityRecord {
  return compact({
    id: row.id,
    seq: row.seq,
    startedAt: row.started_at,
    endedAt: row.ended_at ?? undefined,
    callId: row.call_id ?? undefined,
    section: row.section as ActivityRecord['section'],
    action: row.action,
    topic: row.topic ?? undefined,
    details: JSON.parse(row.details) as Record<string, unknown>,
    operator: row.operator,
    customerRef: row.customer_ref ?? undefined,
    source: row.source as ActivityRecord['source'],
  });
}

function toCallTopic(row: CallTopicRow | undefined): CallTopic {
  if (!row?.topic) return { topic: undefined, source: undefined };
  return { topic: row.topic, source: row.operator_topic !== null ? 'operator' : 'rules' };
}

type HistoryRow = ActionRow & { live_topic: string | null };

const HISTORY_SELECT = `SELECT a.*, COALESCE(ct.topic, a.topic) AS live_topic
  FROM actions a LEFT JOIN call_topics ct ON ct.call_id = a.call_id`;

function historyFilter(q: z.output<typeof exportQuerySchema>): { where: string; params: Record<string, unknown> } {
  const clauses = ['1'];
  const params: Record<string, unknown> = {};
  if (q.from !== undefined) (clauses.push('a.started_at >= @from'), (params.from = q.from));
  if (q.to !== undefined) (clauses.push('a.started_at < @to'), (params.to = q.to));
  if (q.callId !== undefined) (clauses.push('a.call_id = @callId'), (params.callId = q.callId));
  if (q.section !== undefined) (clauses.push('a.section = @section'), (params.section = q.section));
  if (q.topic !== undefined) (clauses.push('COALESCE(ct.topic, a.topic) = @topic'), (params.topic = q.topic));
  if (q.customerRef !== undefined) {
    // The whole call counts: its ring and answer come before the customer is known.
    clauses.push(`(a.customer_ref = @customerRef OR a.call_id IN (
      SELECT call_id FROM actions WHERE customer_ref = @customerRef AND call_id IS NOT NULL))`);
    params.customerRef = q.customerRef;
  }
  return { where: clauses.join(' AND '), params };
}

function prepareStatements(db: Database.Database) {
  return {
    insertAction: db.prepare(`INSERT INTO actions (id, started_at, ended_at, call_id, section, action, topic, details, operator, customer_ref, source)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertOutbox: db.prepare(`INSERT INTO outbox (seq, sink, state) VALUES (?, ?, 'pending')`),
    callTopic: db.prepare('SELECT auto_topic, auto_priority, operator_topic, topic FROM call_topics WHERE call_id = ?'),
    saveTopic: db.prepare(`INSERT INTO call_topics (call_id, auto_topic, auto_priority, operator_topic, topic) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (call_id) DO UPDATE SET auto_topic = excluded.auto_topic, auto_priority = excluded.auto_priority,
        operator_topic = excluded.operator_topic, topic = excluded.topic`),
    claim: db.prepare(`SELECT a.*, o.frozen, o.wire_topic, COALESCE(ct.topic, a.topic) AS live_topic
      FROM outbox o JOIN actions a ON a.seq = o.seq LEFT JOIN call_topics ct ON ct.call_id = a.call_id
      WHERE o.sink = ? AND o.state = 'pending' ORDER BY o.seq LIMIT ?`),
    freeze: db.prepare('UPDATE outbox SET frozen = 1, wire_topic = ? WHERE sink = ? AND seq = ?'),
    takeSent: db.prepare(`DELETE FROM outbox WHERE sink = ? AND seq = ? AND state = 'pending' RETURNING attempts`),
    insertSent: db.prepare('INSERT OR IGNORE INTO sync_map (seq, sink, remote_id, sent_at, attempts) VALUES (?, ?, ?, ?, ?)'),
    markFailed: db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE sink = ? AND seq = ? AND state = 'pending'`),
    markDead: db.prepare(`UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, next_attempt_at = 0 WHERE sink = ? AND seq = ? AND state = 'pending'`),
    openState: db.prepare('SELECT state FROM outbox WHERE sink = ? AND seq = ?'),
    sentState: db.prepare('SELECT remote_id FROM sync_map WHERE seq = ? AND sink = ?'),
    sinkOutcome: db.prepare(`INSERT INTO sinks (name, last_success_at, last_error, last_error_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET last_success_at = COALESCE(excluded.last_success_at, last_success_at),
        last_error = COALESCE(excluded.last_error, last_error), last_error_at = COALESCE(excluded.last_error_at, last_error_at)`),
    openCounts: db.prepare('SELECT state, COUNT(*) AS n, MAX(next_attempt_at) AS next FROM outbox WHERE sink = ? GROUP BY state'),
    sinkRow: db.prepare('SELECT last_success_at, last_error, last_error_at FROM sinks WHERE name = ?'),
    deadLetters: db.prepare(`SELECT a.*, o.sink, o.last_error, o.attempts, o.frozen, o.wire_topic, COALESCE(ct.topic, a.topic) AS live_topic
      FROM outbox o JOIN actions a ON a.seq = o.seq LEFT JOIN call_topics ct ON ct.call_id = a.call_id
      WHERE o.state = 'dead' AND (@sink IS NULL OR o.sink = @sink) ORDER BY o.seq LIMIT @limit OFFSET @offset`),
    retryDead: db.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, frozen = 0, wire_topic = NULL
      WHERE state = 'dead' AND (@sink IS NULL OR sink = @sink) AND seq = (SELECT seq FROM actions WHERE id = @id)`),
    purgeActions: db.prepare('DELETE FROM actions WHERE started_at < ? AND seq NOT IN (SELECT seq FROM outbox)'),
    purgeTopics: db.prepare('DELETE FROM call_topics WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.call_id = call_topics.call_id)'),
  };
}
