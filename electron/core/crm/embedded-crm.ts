import Database from 'better-sqlite3';
import {
  customerCardSchema,
  customerMatchSchema,
  interactionSchema,
  invoiceSchema,
  orderSchema,
  type ContactDraft,
  type CustomerCard,
  type CustomerMatch,
  type Interaction,
  type Invoice,
  type Order,
} from '../../../shared/contract/schemas.js';
import type { ActivityRecord } from '../../../shared/domain/activity.js';
import type { CrmAdapter, CrmCapabilities } from '../ports.js';
import { CrmError } from './crm-error.js';
import { migrate, reversedDigits, searchWords } from './embedded-crm-schema.js';
import type { SampleData } from './sample-data.js';

/** A customer as an import or the app writes it. */
export interface CustomerRecord {
  /** The source system's id: a re-import updates the customer instead of adding one. */
  externalId?: string;
  name: string;
  company?: string;
  manager?: string;
  city?: string;
  segment?: string;
  email?: string;
  notes?: string;
  tags?: string[];
  timeZone?: string;
  /** E.164. */
  phones: string[];
}

export type OrderRecord = Omit<Order, 'open'>;
export type InvoiceRecord = Invoice;

const SEARCH_MIN_DIGITS = 3;

const OPEN_STATUSES = `('new','processing','shipped')`;

export class CrmDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmDataError';
  }
}

/** The default CRM: customers, phones, companies, managers and orders in a local SQLite file. */
export class EmbeddedCrm implements CrmAdapter {
  readonly kind = 'embedded';
  readonly capabilities: CrmCapabilities = {
    createContact: true,
    logActivity: true,
    interactions: true,
    invoices: true,
    search: true,
    maxActivityBatch: 50,
  };
  private readonly db: Database.Database;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  static open(path: string): EmbeddedCrm {
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (err) {
      db.close();
      throw new CrmDataError(`embedded CRM database ${path} cannot be opened: ${(err as Error).message}`);
    }
    return new EmbeddedCrm(db);
  }

  isEmpty(): boolean {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n === 0;
  }

  /** Runs `write` in one transaction: all of it lands, or none. */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  importSample(data: SampleData): void {
    const managers = new Map(data.managers.map((m) => [m.id, m.name]));
    const companies = new Map(data.companies.map((c) => [c.id, c.name]));
    this.transaction(() => {
      for (const c of data.customers) {
        const id = this.upsertCustomer({
          externalId: `sample-${c.id}`,
          name: c.name,
          company: c.companyId === undefined ? undefined : companies.get(c.companyId),
          manager: managers.get(c.managerId),
          city: c.city,
          segment: c.segment,
          notes: c.notes,
          tags: c.tags,
          timeZone: c.timeZone,
          phones: c.phones,
        }).id;
        for (const o of c.orders) this.upsertOrder(id, o);
        for (const inv of c.invoices) this.upsertInvoice(id, inv);
        for (const h of c.interactions) {
          this.sql.insertInteraction.run(h.id, id, h.at, h.channel, h.direction ?? null, h.summary, h.operator, h.durationSeconds ?? null, h.recordingUrl ?? null);
        }
      }
    });
  }

  /** Adds the customer, or updates the one with the same external id (its phones are replaced). */
  upsertCustomer(record: CustomerRecord): { id: number; created: boolean } {
    const companyId = record.company ? this.companyId(record.company, record.city) : null;
    const managerId = record.manager ? this.managerId(record.manager) : null;
    const values = [
      record.name,
      companyId,
      managerId,
      record.city ?? null,
      record.segment ?? null,
      record.email ?? null,
      record.notes ?? null,
      JSON.stringify(record.tags ?? []),
      record.timeZone ?? null,
    ];
    const existing = record.externalId
      ? (this.sql.customerByExternal.get(record.externalId) as { id: number } | undefined)
      : undefined;
    let id: number;
    if (existing) {
      id = existing.id;
      this.sql.updateCustomer.run(...values, id);
      this.sql.deletePhones.run(id);
      this.sql.deleteWords.run(id);
    } else {
      id = Number(this.sql.insertCustomer.run(...values, record.externalId ?? null).lastInsertRowid);
    }
    for (const phone of new Set(record.phones)) this.sql.insertPhone.run(phone, id, reversedDigits(phone));
    for (const word of searchWords(record.name, record.company)) this.sql.insertWord.run(word, id);
    return { id, created: !existing };
  }

  customerIdByExternalId(externalId: string): number | undefined {
    return (this.sql.customerByExternal.get(externalId) as { id: number } | undefined)?.id;
  }

  upsertOrder(customerId: number, o: OrderRecord): void {
    this.sql.upsertOrder.run(o.id, customerId, o.number, o.date, o.status, o.amount, o.currency);
  }

  upsertInvoice(customerId: number, i: InvoiceRecord): void {
    this.sql.upsertInvoice.run(i.id, customerId, i.number, i.date, i.dueDate ?? null, i.amount, i.currency, i.paid ? 1 : 0);
  }

  /** Some numbers of known customers (used by the demo PBX to ring with real-looking calls). */
  samplePhones(limit: number): string[] {
    return (
      this.db.prepare('SELECT e164 FROM customer_phones ORDER BY customer_id LIMIT ?').all(limit) as { e164: string }[]
    ).map((r) => r.e164);
  }

  async findByPhone(e164: string, options: { lastDigits?: number } = {}): Promise<CustomerMatch[]> {
    const exact = this.matches(this.sql.matchExact.all(e164) as MatchRow[]);
    if (exact.length > 0 || !options.lastDigits) return exact;
    const tail = reversedDigits(e164).slice(0, options.lastDigits);
    if (tail.length < options.lastDigits) return [];
    return this.matches(this.sql.matchReversedPrefix.all(tail, `${tail}:`) as MatchRow[]);
  }

  async search(query: string, options: { limit: number }): Promise<CustomerMatch[]> {
    const limit = Math.min(Math.max(1, options.limit), 50);
    const digits = query.replace(/[\s()+\-.]/g, '');
    if (/^[0-9]+$/.test(digits)) {
      if (digits.length < SEARCH_MIN_DIGITS) return [];
      const tail = reversedDigits(digits);
      return this.matches(this.sql.matchReversedPrefix.all(tail, `${tail}:`) as MatchRow[], limit);
    }
    const words = searchWords(query);
    if (words.length === 0) return [];
    // Customers having a word starting with each typed word: the rarest first, then intersect.
    const sets = words.map((w) => new Set((this.sql.wordPrefix.all(w, `${w}\uffff`) as { customer_id: number }[]).map((r) => r.customer_id)));
    sets.sort((a, b) => a.size - b.size);
    const ids = [...sets[0]!].filter((id) => sets.every((set) => set.has(id))).slice(0, limit);
    if (ids.length === 0) return [];
    return this.matches(this.db.prepare(`${MATCH_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')}) ORDER BY c.name`).all(...ids) as MatchRow[], limit);
  }

  async getCard(ref: string): Promise<CustomerCard> {
    const id = this.customerRef(ref);
    const row = this.sql.card.get(id) as CardRow | undefined;
    if (!row) throw new CrmDataError(`customer ${ref} does not exist in the embedded CRM`);
    const phones = (this.sql.phonesOf.all(id) as { e164: string }[]).map((p) => p.e164);
    const invoices = (this.sql.unpaidInvoices.all(id) as InvoiceRow[]).map((r) =>
      invoiceSchema.parse({ id: r.id, number: r.number, date: r.date, dueDate: r.due_date ?? undefined, amount: r.amount, currency: r.currency, paid: r.paid === 1 }),
    );
    return customerCardSchema.parse({
      ref: String(row.id),
      name: row.name,
      company: row.company ?? undefined,
      manager: row.manager ?? undefined,
      city: row.city ?? undefined,
      segment: row.segment ?? undefined,
      tags: parseTags(row.tags),
      timeZone: row.time_zone ?? undefined,
      notes: row.notes ?? undefined,
      phones,
      orders: [],
      ordersTotal: row.ordersTotal,
      openOrders: row.openOrders,
      invoices,
    });
  }

  async listOrders(ref: string, options: { openOnly?: boolean; limit: number; offset?: number }): Promise<Order[]> {
    const rows = this.db
      .prepare(
        `SELECT id, number, date, status, amount, currency FROM orders WHERE customer_id = ?
         ${options.openOnly ? `AND status IN ${OPEN_STATUSES}` : ''} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(this.customerRef(ref), options.limit, options.offset ?? 0) as Omit<Order, 'open'>[];
    return rows.map((r) => orderSchema.parse({ ...r, open: ['new', 'processing', 'shipped'].includes(r.status) }));
  }

  async listInteractions(ref: string, options: { limit: number }): Promise<Interaction[]> {
    const rows = this.sql.interactions.all(this.customerRef(ref), options.limit) as InteractionRow[];
    return rows.map((r) =>
      interactionSchema.parse({
        id: r.id,
        at: r.at,
        channel: r.channel,
        direction: r.direction ?? undefined,
        summary: r.summary ?? undefined,
        operator: r.operator ?? undefined,
        durationSeconds: r.duration_seconds ?? undefined,
        recordingUrl: r.recording_url ?? undefined,
      }),
    );
  }

  async createContact(draft: ContactDraft, idempotencyKey: string): Promise<{ ref: string }> {
    return this.once(`contact:${idempotencyKey}`, () => {
      const { id } = this.upsertCustomer({
        name: draft.name,
        company: draft.company,
        city: draft.city,
        email: draft.email,
        notes: draft.note,
        segment: 'New',
        phones: [draft.phone],
      });
      return { ref: String(id) };
    });
  }

  /**
   * Stores the action once per key. A finished call becomes an interaction on the customer's
   * card (with its talk time); a saved note becomes a note interaction.
   */
  async logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }> {
    return this.once(`activity:${idempotencyKey}`, () => {
      const customerId = activity.customerRef ? this.knownCustomer(activity.customerRef) : null;
      this.sql.insertActivity.run(
        activity.id,
        customerId,
        activity.callId ?? null,
        activity.section,
        activity.action,
        activity.topic ?? null,
        activity.startedAt,
        activity.endedAt ?? null,
        activity.operator,
        JSON.stringify(activity.details),
      );
      const interaction = interactionOf(activity);
      if (customerId !== null && interaction) {
        this.sql.insertInteraction.run(
          `a-${activity.id}`,
          customerId,
          new Date(activity.startedAt).toISOString(),
          interaction.channel,
          interaction.direction ?? null,
          interaction.summary,
          activity.operator,
          interaction.durationSeconds ?? null,
          null,
        );
      }
      return { crmId: activity.id };
    });
  }

  recordUrl(_ref: string): string | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** The stored result for `key`, or `create`'s, stored with it in one transaction. */
  private once<T>(key: string, create: () => T): T {
    return this.transaction(() => {
      const stored = this.sql.idempotent.get(key) as { result: string } | undefined;
      if (stored) return JSON.parse(stored.result) as T;
      const result = create();
      this.sql.remember.run(key, JSON.stringify(result));
      return result;
    });
  }

  private customerRef(ref: string): number {
    if (!/^[0-9]{1,15}$/.test(ref)) throw new CrmDataError(`"${ref}" is not a customer of the embedded CRM (its references are numbers)`);
    return Number(ref);
  }

  private knownCustomer(ref: string): number | null {
    if (!/^[0-9]{1,15}$/.test(ref)) return null;
    return (this.db.prepare('SELECT id FROM customers WHERE id = ?').get(Number(ref)) as { id: number } | undefined)?.id ?? null;
  }

  private companyId(name: string, city: string | undefined): number {
    const found = this.db.prepare('SELECT id FROM companies WHERE name = ?').get(name) as { id: number } | undefined;
    return found?.id ?? Number(this.db.prepare('INSERT INTO companies (name, city) VALUES (?, ?)').run(name, city ?? null).lastInsertRowid);
  }

  private managerId(name: string): number {
    const found = this.db.prepare('SELECT id FROM managers WHERE name = ?').get(name) as { id: number } | undefined;
    return found?.id ?? Number(this.db.prepare('INSERT INTO managers (name) VALUES (?)').run(name).lastInsertRowid);
  }

  private matches(rows: MatchRow[], limit = 20): CustomerMatch[] {
    const byId = new Map<number, CustomerMatch>();
    for (const r of rows) {
      const m = byId.get(r.id);
      if (m) m.phones!.push(r.e164);
      else if (byId.size < limit) {
        byId.set(r.id, customerMatchSchema.parse({ ref: String(r.id), kind: 'contact', name: r.name, company: r.company ?? undefined, city: r.city ?? undefined, phones: [r.e164] }));
      }
    }
    return [...byId.values()];
  }

  private get sql() {
    return (this.statements ??= prepare(this.db));
  }
  private statements: ReturnType<typeof prepare> | undefined;
}

interface MatchRow { id: number; name: string; company: string | null; city: string | null; e164: string }
interface CardRow {
  id: number; name: string; city: string | null; segment: string | null; company: string | null; manager: string | null;
  tags: string; time_zone: string | null; notes: string | null; ordersTotal: number; openOrders: number;
}
interface InvoiceRow { id: string; number: string; date: string; due_date: string | null; amount: number; currency: string; paid: number }
interface InteractionRow {
  id: string; at: string; channel: string; direction: string | null; summary: string | null; operator: string | null;
  duration_seconds: number | null; recording_url: string | null;
}

const MATCH_SELECT = `SELECT c.id, c.name, co.name AS company, c.city, p.e164 FROM customers c
  LEFT JOIN companies co ON co.id = c.company_id JOIN customer_phones p ON p.customer_id = c.id`;

function prepare(db: Database.Database) {
  return {
    matchExact: db.prepare(
      `SELECT c.id, c.name, co.name AS company, c.city, p.e164 FROM customer_phones p
       JOIN customers c ON c.id = p.customer_id LEFT JOIN companies co ON co.id = c.company_id
       WHERE p.e164 = ? ORDER BY c.id LIMIT 20`,
    ),
    matchReversedPrefix: db.prepare(
      `SELECT c.id, c.name, co.name AS company, c.city, p.e164 FROM customer_phones p
       JOIN customers c ON c.id = p.customer_id LEFT JOIN companies co ON co.id = c.company_id
       WHERE p.reversed >= ? AND p.reversed < ? ORDER BY c.id LIMIT 50`,
    ),
    wordPrefix: db.prepare('SELECT DISTINCT customer_id FROM customer_words WHERE word >= ? AND word < ? LIMIT 5000'),
    card: db.prepare(
      `SELECT c.id, c.name, c.city, c.segment, c.tags, c.time_zone, c.notes, co.name AS company, m.name AS manager,
         (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS ordersTotal,
         (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id AND o.status IN ${OPEN_STATUSES}) AS openOrders
       FROM customers c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN managers m ON m.id = c.manager_id
       WHERE c.id = ?`,
    ),
    phonesOf: db.prepare('SELECT e164 FROM customer_phones WHERE customer_id = ? ORDER BY e164'),
    unpaidInvoices: db.prepare('SELECT * FROM invoices WHERE customer_id = ? AND paid = 0 ORDER BY date DESC LIMIT 50'),
    interactions: db.prepare('SELECT * FROM interactions WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?'),
    customerByExternal: db.prepare('SELECT id FROM customers WHERE external_id = ?'),
    insertCustomer: db.prepare(
      `INSERT INTO customers (name, company_id, manager_id, city, segment, email, notes, tags, time_zone, external_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateCustomer: db.prepare(
      `UPDATE customers SET name = ?, company_id = ?, manager_id = ?, city = ?, segment = ?, email = ?, notes = ?, tags = ?, time_zone = ?
       WHERE id = ?`,
    ),
    deletePhones: db.prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
    deleteWords: db.prepare('DELETE FROM customer_words WHERE customer_id = ?'),
    insertPhone: db.prepare('INSERT OR IGNORE INTO customer_phones (e164, customer_id, reversed) VALUES (?, ?, ?)'),
    insertWord: db.prepare('INSERT OR IGNORE INTO customer_words (word, customer_id) VALUES (?, ?)'),
    upsertOrder: db.prepare(
      `INSERT INTO orders (id, customer_id, number, date, status, amount, currency) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number, date = excluded.date,
         status = excluded.status, amount = excluded.amount, currency = excluded.currency`,
    ),
    upsertInvoice: db.prepare(
      `INSERT INTO invoices (id, customer_id, number, date, due_date, amount, currency, paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number, date = excluded.date,
         due_date = excluded.due_date, amount = excluded.amount, currency = excluded.currency, paid = excluded.paid`,
    ),
    insertInteraction: db.prepare(
      `INSERT OR IGNORE INTO interactions (id, customer_id, at, channel, direction, summary, operator, duration_seconds, recording_url)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertActivity: db.prepare(
      `INSERT OR IGNORE INTO activities (id, customer_id, call_id, section, action, topic, started_at, ended_at, operator, details)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    idempotent: db.prepare('SELECT result FROM idempotency WHERE key = ?'),
    remember: db.prepare('INSERT INTO idempotency (key, result) VALUES (?, ?)'),
  };
}

function parseTags(text: string): string[] {
  try {
    const tags: unknown = JSON.parse(text);
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** What the customer's card shows of an action the journal sent: finished calls and notes. */
function interactionOf(a: ActivityRecord): { channel: Interaction['channel']; direction?: 'inbound' | 'outbound'; summary: string; durationSeconds?: number } | undefined {
  const d = a.details;
  if (a.section === 'call' && a.action === 'ended') {
    const direction = d.direction === 'inbound' || d.direction === 'outbound' ? d.direction : undefined;
    const talk = typeof d.talkSeconds === 'number' ? d.talkSeconds : undefined;
    const summary = [a.topic, typeof d.reason === 'string' && d.reason !== 'completed' ? d.reason : undefined].filter(Boolean).join(' · ') || 'Call';
    return { channel: 'call', ...(direction ? { direction } : {}), summary, ...(talk === undefined ? {} : { durationSeconds: talk }) };
  }
  if (a.section === 'note' && typeof d.text === 'string') return { channel: 'note', summary: d.text.slice(0, 2000) };
  return undefined;
}
