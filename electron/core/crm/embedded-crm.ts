import Database from 'better-sqlite3';
import { customerCardSchema, orderSchema, type CustomerCard, type CustomerMatch, type Order } from '../../../shared/contract/schemas.js';
import type { ContactDraft, Interaction } from '../../../shared/contract/schemas.js';
import type { ActivityRecord } from '../../../shared/domain/activity.js';
import type { CrmAdapter, CrmCapabilities } from '../ports.js';
import { CrmError } from './crm-error.js';
import type { SampleData } from './sample-data.js';

const MIGRATIONS: readonly string[] = [
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
];

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
  // TODO(issue 5): interactions, invoices, contacts and activities — being implemented.
  readonly capabilities: CrmCapabilities = {
    createContact: false,
    logActivity: false,
    interactions: false,
    invoices: false,
    search: false,
    maxActivityBatch: 1,
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

  importSample(data: SampleData): void {
    const insManager = this.db.prepare('INSERT INTO managers (id, name) VALUES (?, ?)');
    const insCompany = this.db.prepare('INSERT INTO companies (id, name, city) VALUES (?, ?, ?)');
    const insCustomer = this.db.prepare(
      'INSERT INTO customers (id, name, company_id, manager_id, city, segment) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insPhone = this.db.prepare('INSERT INTO customer_phones (e164, customer_id) VALUES (?, ?)');
    const insOrder = this.db.prepare(
      'INSERT INTO orders (id, customer_id, number, date, status, amount, currency) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const m of data.managers) insManager.run(m.id, m.name);
      for (const c of data.companies) insCompany.run(c.id, c.name, c.city);
      for (const c of data.customers) {
        insCustomer.run(c.id, c.name, c.companyId ?? null, c.managerId, c.city, c.segment);
        for (const p of c.phones) insPhone.run(p, c.id);
        for (const o of c.orders) insOrder.run(o.id, c.id, o.number, o.date, o.status, o.amount, o.currency);
      }
    })();
  }

  /** Some numbers of known customers (used by the demo PBX to ring with real-looking calls). */
  samplePhones(limit: number): string[] {
    return (
      this.db.prepare('SELECT e164 FROM customer_phones ORDER BY customer_id LIMIT ?').all(limit) as { e164: string }[]
    ).map((r) => r.e164);
  }

  async findByPhone(e164: string): Promise<CustomerMatch[]> {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.name, co.name AS company FROM customer_phones p
         JOIN customers c ON c.id = p.customer_id LEFT JOIN companies co ON co.id = c.company_id
         WHERE p.e164 = ? ORDER BY c.id LIMIT 20`,
      )
      .all(e164) as { id: number; name: string; company: string | null }[];
    return rows.map((r) => ({ ref: String(r.id), kind: 'contact', name: r.name, company: r.company ?? undefined }));
  }

  async search(_query: string, _options: { limit: number }): Promise<CustomerMatch[]> {
    throw new CrmError('permanent', 'the embedded CRM cannot search yet');
  }

  async getCard(ref: string): Promise<CustomerCard> {
    const id = Number(ref);
    const row = this.db
      .prepare(
        `SELECT c.id, c.name, c.city, c.segment, co.name AS company, m.name AS manager,
           (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS ordersTotal,
           (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id AND o.status IN ${OPEN_STATUSES}) AS openOrders
         FROM customers c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN managers m ON m.id = c.manager_id
         WHERE c.id = ?`,
      )
      .get(id) as Record<string, unknown> | undefined;
    if (!row) throw new CrmDataError(`customer ${ref} does not exist in the embedded CRM`);
    const phones = (
      this.db.prepare('SELECT e164 FROM customer_phones WHERE customer_id = ? ORDER BY e164').all(id) as { e164: string }[]
    ).map((p) => p.e164);
    return customerCardSchema.parse({
      ref: String(row.id),
      name: row.name,
      company: row.company ?? undefined,
      manager: row.manager ?? undefined,
      city: row.city ?? undefined,
      segment: row.segment ?? undefined,
      phones,
      orders: [],
      ordersTotal: row.ordersTotal,
      openOrders: row.openOrders,
    });
  }

  async listOrders(ref: string, options: { openOnly?: boolean; limit: number; offset?: number }): Promise<Order[]> {
    const rows = this.db
      .prepare(
        `SELECT id, number, date, status, amount, currency FROM orders WHERE customer_id = ?
         ${options.openOnly ? `AND status IN ${OPEN_STATUSES}` : ''} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(Number(ref), options.limit, options.offset ?? 0) as Omit<Order, 'open'>[];
    return rows.map((r) => orderSchema.parse({ ...r, open: ['new', 'processing', 'shipped'].includes(r.status) }));
  }

  async listInteractions(_ref: string, _options: { limit: number }): Promise<Interaction[]> {
    return [];
  }

  async createContact(_draft: ContactDraft, _idempotencyKey: string): Promise<{ ref: string }> {
    throw new CrmError('permanent', 'the embedded CRM cannot create contacts yet');
  }

  async logActivity(_activity: ActivityRecord, _idempotencyKey: string): Promise<{ crmId: string }> {
    throw new CrmError('permanent', 'the embedded CRM cannot log activities yet');
  }

  recordUrl(_ref: string): string | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`it was written by a newer CTI Launcher (schema ${version}, this build knows ${MIGRATIONS.length})`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
