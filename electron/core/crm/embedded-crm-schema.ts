import type Database from 'better-sqlite3';

/** Digits of a number, last first: a suffix match becomes an indexed prefix range. */
export const reversedDigits = (e164: string): string => e164.replace(/[^0-9]/g, '').split('').reverse().join('');

/** Lower-case words of a name or company (any script) for the word-prefix search index. */
export function searchWords(...texts: Array<string | undefined | null>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of (text ?? '').toLocaleLowerCase('ru').split(/[^\p{L}\p{N}]+/u)) if (word.length > 0) words.add(word.slice(0, 40));
  }
  return [...words];
}

type Migration = string | ((db: Database.Database) => void);

/** Versioned with `PRAGMA user_version`; never edit a released step, add one. */
export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE managers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
   CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
   CREATE TABLE customers (
     id INTEGER PRIMARY KEY, name TEXT NOT NULL,
     company_id INTEGER REFERENCES companies(id), manager_id INTEGER REFERENCES managers(id),
     city TEXT, segment TEXT);
   CREATE TABLE customer_phones (
     e164 TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers(id),
     PRIMARY KEY (e164, customer_id)) WITHOUT ROWID;
   CREATE INDEX customer_phones_by_customer ON customer_phones(customer_id);
   CREATE TABLE orders (
     id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
     number TEXT NOT NULL, date TEXT NOT NULL, status TEXT NOT NULL,
     amount REAL NOT NULL, currency TEXT NOT NULL);
   CREATE INDEX orders_by_customer_date ON orders(customer_id, date DESC);`,
  // 2: invoices, interactions, notes/tags/time zone, contacts created by the app, activities
  // logged by the journal sync, last-digits and word-prefix search indexes, import keys.
  `ALTER TABLE customers ADD COLUMN notes TEXT;
   ALTER TABLE customers ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE customers ADD COLUMN time_zone TEXT;
   ALTER TABLE customers ADD COLUMN email TEXT;
   ALTER TABLE customers ADD COLUMN external_id TEXT;
   CREATE UNIQUE INDEX customers_by_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
   ALTER TABLE customer_phones ADD COLUMN reversed TEXT NOT NULL DEFAULT '';
   CREATE TABLE customer_words (word TEXT NOT NULL, customer_id INTEGER NOT NULL REFERENCES customers(id),
     PRIMARY KEY (word, customer_id)) WITHOUT ROWID;
   CREATE INDEX customer_words_by_customer ON customer_words(customer_id);
   CREATE TABLE invoices (
     id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
     number TEXT NOT NULL, date TEXT NOT NULL, due_date TEXT,
     amount REAL NOT NULL, currency TEXT NOT NULL, paid INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX invoices_by_customer ON invoices(customer_id, paid, date DESC);
   CREATE TABLE interactions (
     id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
     at TEXT NOT NULL, channel TEXT NOT NULL, direction TEXT, summary TEXT, operator TEXT,
     duration_seconds REAL, recording_url TEXT);
   CREATE INDEX interactions_by_customer ON interactions(customer_id, at DESC);
   CREATE TABLE idempotency (key TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE activities (
     id TEXT PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), call_id TEXT,
     section TEXT NOT NULL, action TEXT NOT NULL, topic TEXT, started_at INTEGER NOT NULL,
     ended_at INTEGER, operator TEXT NOT NULL, details TEXT NOT NULL);
   CREATE INDEX activities_by_customer ON activities(customer_id, started_at DESC);`,
  (db) => {
    const setReversed = db.prepare('UPDATE customer_phones SET reversed = ? WHERE e164 = ? AND customer_id = ?');
    // .all(): better-sqlite3 allows no writes while a statement iterates.
    for (const row of db.prepare('SELECT e164, customer_id FROM customer_phones').all() as { e164: string; customer_id: number }[]) {
      setReversed.run(reversedDigits(row.e164), row.e164, row.customer_id);
    }
    const addWord = db.prepare('INSERT OR IGNORE INTO customer_words (word, customer_id) VALUES (?, ?)');
    const rows = db
      .prepare('SELECT c.id, c.name, co.name AS company FROM customers c LEFT JOIN companies co ON co.id = c.company_id')
      .all() as { id: number; name: string; company: string | null }[];
    for (const row of rows) for (const word of searchWords(row.name, row.company)) addWord.run(word, row.id);
    db.exec('CREATE INDEX customer_phones_by_reversed ON customer_phones(reversed)');
  },
];

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`it was written by a newer CTI Launcher (schema ${version}, this build knows ${MIGRATIONS.length})`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v]!;
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
