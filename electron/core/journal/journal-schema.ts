import type Database from 'better-sqlite3';
import { JournalError } from './journal-error.js';

/** `PRAGMA application_id` of every journal file ("CTJL"): tells our files from foreign ones. */
export const JOURNAL_APPLICATION_ID = 0x43544a4c;

/**
 * Schema versions, oldest first; `PRAGMA user_version` is the number applied. Never edit a
 * released entry: add one. Each runs in its own transaction.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: the journal alone; the CRM sync kept its state on the action row. Besides the id, no
  // index on actions: each one costs every commit a page write, and history filters scan
  // 90 days of actions in milliseconds.
  `CREATE TABLE actions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     started_at INTEGER NOT NULL,
     ended_at INTEGER,
     call_id TEXT,
     section TEXT NOT NULL,
     action TEXT NOT NULL,
     topic TEXT,
     details TEXT NOT NULL,
     operator TEXT NOT NULL,
     customer_ref TEXT,
     source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
     synced_at INTEGER,
     crm_id TEXT);
   CREATE INDEX actions_unsynced ON actions(seq) WHERE synced_at IS NULL;`,

  // v2: sinks (CRM, analytics). The outbox holds only open work — pending or refused (dead) —
  // so a commit touches few pages and the sync reads it in key order; a delivered action moves
  // to sync_map with the sink's id. Call topics get their own table.
  `CREATE TABLE outbox (
     sink TEXT NOT NULL,
     seq INTEGER NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'dead')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     frozen INTEGER NOT NULL DEFAULT 0,   -- 1 once handed to the sink: retries resend wire_topic
     wire_topic TEXT,
     last_error TEXT,
     PRIMARY KEY (sink, seq)) WITHOUT ROWID;
   CREATE TABLE sync_map (
     seq INTEGER NOT NULL REFERENCES actions(seq) ON DELETE CASCADE,
     sink TEXT NOT NULL,
     remote_id TEXT NOT NULL,             -- the sink's id for the action, e.g. the CRM activity id
     sent_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL,
     PRIMARY KEY (seq, sink)) WITHOUT ROWID;
   CREATE TABLE call_topics (
     call_id TEXT PRIMARY KEY,
     auto_topic TEXT,
     auto_priority INTEGER,
     operator_topic TEXT,
     topic TEXT) WITHOUT ROWID;           -- operator_topic, else auto_topic
   CREATE TABLE sinks (
     name TEXT PRIMARY KEY,
     last_success_at INTEGER,
     last_error TEXT,
     last_error_at INTEGER) WITHOUT ROWID;
   INSERT INTO outbox (sink, seq, state) SELECT 'crm', seq, 'pending' FROM actions WHERE synced_at IS NULL;
   INSERT INTO sync_map (seq, sink, remote_id, sent_at, attempts)
     SELECT seq, 'crm', COALESCE(crm_id, ''), synced_at, 1 FROM actions WHERE synced_at IS NOT NULL;
   INSERT INTO sinks (name, last_success_at)
     SELECT 'crm', last FROM (SELECT MAX(synced_at) AS last FROM actions) WHERE last IS NOT NULL;
   -- v1 topics were typed by the operator per action: a call keeps its latest one.
   INSERT INTO call_topics (call_id, operator_topic, topic)
     SELECT a.call_id, a.topic, a.topic FROM actions a
     WHERE a.call_id IS NOT NULL AND a.seq = (
       SELECT MAX(b.seq) FROM actions b WHERE b.call_id = a.call_id AND b.topic IS NOT NULL);
   DROP INDEX actions_unsynced;
   ALTER TABLE actions DROP COLUMN synced_at;
   ALTER TABLE actions DROP COLUMN crm_id;`,
];

export const JOURNAL_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a journal file up to the newest schema in `migrations`. A file from a newer
 * build is refused (never downgraded), so its data stays intact for that build.
 */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new JournalError(
      'newer-schema',
      `the action journal ${db.name} was written by a newer CTI Launcher (schema ${version}, this version knows ${migrations.length}); install that version again, or move the file away to start a new journal`,
    );
  }
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`application_id = ${JOURNAL_APPLICATION_ID}`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
