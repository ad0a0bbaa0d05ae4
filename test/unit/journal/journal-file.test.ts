import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalError } from '../../../electron/core/journal/journal-error.js';
import { JOURNAL_SCHEMA_VERSION, migrate, MIGRATIONS } from '../../../electron/core/journal/journal-schema.js';
import { action, journalFixtures, T0 } from './journal-fixtures.js';

const fx = journalFixtures();
afterEach(() => fx.cleanup());

/** A journal file as an older CTI Launcher left it: the first `version` migrations only. */
function oldJournal(version: number, fill?: (db: Database.Database) => void): string {
  const path = fx.path();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, version));
  fill?.(db);
  db.close();
  return path;
}

const userVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true });
  } finally {
    db.close();
  }
};

describe('schema upgrades', () => {
  it.each(Array.from({ length: JOURNAL_SCHEMA_VERSION }, (_, v) => v))('opens a version %i journal and brings it to the current schema', (version) => {
    const path = oldJournal(version);
    const store = fx.open({ path });
    expect(userVersion(path)).toBe(JOURNAL_SCHEMA_VERSION);
    const a = store.record(action({ callId: 'L9', section: 'contact', action: 'created' }));
    expect(store.claim({ sink: 'crm', limit: 5 }).map((r) => [r.id, r.topic])).toEqual([[a.id, 'New customer']]);
    expect(store.integrityCheck()).toEqual(['ok']);
  });

  it('keeps v1 actions: synced ones stay delivered with their CRM id, unsynced ones wait in the CRM outbox, typed topics stay', () => {
    const path = oldJournal(1, (db) => {
      const insert = db.prepare(`INSERT INTO actions (id, started_at, call_id, section, action, topic, details, operator, customer_ref, source, synced_at, crm_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, '101', ?, ?, ?, ?)`);
      insert.run('0190a0a0-0000-7000-8000-000000000001', T0, 'L1', 'call', 'rang', null, '{}', null, 'auto', T0 + 10, 'crm-1');
      insert.run('0190a0a0-0000-7000-8000-000000000002', T0 + 1, 'L1', 'note', 'saved', 'Warranty', '{"text":"x"}', 'c-1', 'manual', T0 + 20, 'crm-2');
      insert.run('0190a0a0-0000-7000-8000-000000000003', T0 + 2, 'L1', 'call', 'ended', null, '{"reason":"completed"}', 'c-1', 'auto', null, null);
      insert.run('0190a0a0-0000-7000-8000-000000000004', T0 + 3, null, 'status', 'changed', null, '{}', null, 'manual', null, null);
    });
    const store = fx.open({ path, sinks: ['crm', 'analytics'] });
    expect(store.sinkStatus('crm')).toMatchObject({ pending: 2, dead: 0, lastSuccessAt: T0 + 20 });
    // Sinks added later get only what is recorded from now on.
    expect(store.sinkStatus('analytics')).toMatchObject({ pending: 0 });
    expect(store.callTopic('L1')).toEqual({ topic: 'Warranty', source: 'operator' });
    expect(store.claim({ sink: 'crm', limit: 10 }).map((r) => [r.seq, r.action, r.topic])).toEqual([
      [3, 'ended', 'Warranty'],
      [4, 'changed', undefined],
    ]);
    const items = store.history({ callId: 'L1' }).items;
    expect(items.map((i) => [i.action, i.sync.crm])).toEqual([
      ['ended', 'pending'],
      ['saved', 'sent'],
      ['rang', 'sent'],
    ]);
    expect(items[1]).toMatchObject({ details: { text: 'x' }, customerRef: 'c-1', source: 'manual', topic: 'Warranty' });
    // New actions continue the sequence.
    expect(store.record(action()).seq).toBe(5);
  });

  it('refuses a journal from a newer version and leaves the file alone', () => {
    const path = oldJournal(JOURNAL_SCHEMA_VERSION, (db) => db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`));
    const before = readFileSync(path);
    let caught: unknown;
    try {
      fx.open({ path });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(JournalError);
    expect(caught).toMatchObject({ kind: 'newer-schema', message: expect.stringMatching(/written by a newer CTI Launcher \(schema 3, this version knows 2\); install that version again/) });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dirname(path))).not.toContainEqual(expect.stringContaining('.corrupt-'));
  });
});

describe('a damaged or foreign file', () => {
  function expectMovedAside(path: string, original: Buffer, reason: RegExp) {
    const store = fx.open({ path });
    expect(store.recovered?.reason).toMatch(reason);
    const moved = store.recovered!.movedTo;
    expect(basename(moved)).toBe('journal.sqlite.corrupt-20261122-090000');
    expect(readFileSync(moved).equals(original)).toBe(true);
    expect(store.recovered!.message).toMatch(/could not be used .* moved to .*journal\.sqlite\.corrupt-20261122-090000 and a new journal was started/);
    // The new journal works and is at the usual path.
    store.record(action());
    expect(store.history().total).toBe(1);
    expect(store.integrityCheck()).toEqual(['ok']);
  }

  it('moves a file that is not SQLite aside, keeps it byte for byte, and starts a new journal', () => {
    const path = fx.path();
    const garbage = Buffer.from('this is not a database '.repeat(400));
    writeFileSync(path, garbage);
    expectMovedAside(path, garbage, /not a database/);
  });

  it("moves another program's SQLite database aside instead of writing into it", () => {
    const path = fx.path();
    const db = new Database(path);
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);");
    db.close();
    expectMovedAside(path, readFileSync(path), /not a CTI Launcher journal/);
  });

  it('moves a journal with damaged pages aside', () => {
    const path = fx.path();
    const store = fx.open({ path });
    for (let i = 0; i < 400; i++) store.record(action({ details: { text: `note ${i} `.repeat(20) } }));
    store.close();
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(20 * 4096);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096 * 3); // pages 4–7 overwritten
    closeSync(fd);
    expectMovedAside(path, readFileSync(path), /malformed|integrity check|not a database/i);
  });

  it('moves the -wal file along with it, so the old pair stays readable together', () => {
    const path = fx.path();
    const garbage = Buffer.from('garbage'.repeat(1000));
    writeFileSync(path, garbage);
    writeFileSync(`${path}-wal`, 'wal bytes');
    const store = fx.open({ path });
    expect(readFileSync(`${store.recovered!.movedTo}-wal`, 'utf8')).toBe('wal bytes');
    expect(existsSync(`${path}-wal`)).toBe(true); // the new journal's own WAL
    expect(readFileSync(`${path}-wal`, 'utf8')).not.toBe('wal bytes');
  });
});

describe('disk full', () => {
  it('refuses the action that does not fit with a clear error, loses nothing acknowledged, and records again once there is room', () => {
    const path = fx.path();
    const store = fx.open({ path, maxPageCount: 40 });
    const acknowledged: string[] = [];
    let failure: unknown;
    for (let i = 0; i < 5_000 && !failure; i++) {
      try {
        acknowledged.push(store.record(action({ callId: `L${i % 7}`, details: { text: 'x'.repeat(500), i } })).id);
      } catch (err) {
        failure = err;
      }
    }
    expect(failure).toBeInstanceOf(JournalError);
    expect(failure).toMatchObject({ kind: 'disk-full', message: expect.stringMatching(/^recording "card shown" failed: the action journal .*journal\.sqlite is full .*nothing was lost, but nothing new is recorded until space is freed/) });
    expect(acknowledged.length).toBeGreaterThan(10);
    // Still usable: reads work, delivery results can be stored.
    expect(store.history({ limit: 1 }).total).toBe(acknowledged.length);
    const first = store.claim({ sink: 'crm', limit: 1 })[0]!;
    store.settle({ sink: 'crm', now: T0, outcomes: [{ seq: first.seq, status: 'sent', remoteId: 'r' }] });
    store.close();

    const roomy = fx.open({ path });
    expect(roomy.integrityCheck()).toEqual(['ok']);
    const page = roomy.history({ limit: 1000 });
    expect(page.items.map((i) => i.id).reverse()).toEqual(acknowledged);
    roomy.record(action());
    expect(roomy.history().total).toBe(acknowledged.length + 1);
  });
});

describe('opening', () => {
  it('creates the folder and says plainly when the path cannot be used', () => {
    const dir = fx.dir();
    const nested = join(dir, 'a', 'b', 'journal.sqlite');
    fx.open({ path: nested }).record(action());
    expect(existsSync(nested)).toBe(true);
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => fx.open({ path: join(dir, 'file', 'journal.sqlite') })).toThrow(/^the folder of the action journal .*file\/journal.sqlite cannot be created \(EEXIST.*check the path and its permissions$/);
  });
});
