import { JSONPath } from 'jsonpath-plus';
import type { z } from 'zod';
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
  type Order,
} from '../../../../shared/contract/schemas.js';
import type { ActivityRecord } from '../../../../shared/domain/activity.js';
import type { Clock, CrmAdapter, CrmCapabilities } from '../../ports.js';
import type { RestCrmConfig } from '../crm-config.js';
import { CrmError } from '../crm-error.js';
import { CrmHttp } from '../http/crm-http.js';
import { RestAuthenticator, type SecretLookup } from './rest-auth.js';

const OPEN_STATUSES = new Set(['new', 'processing', 'shipped']);

/** Fills `{name}` placeholders; in a path each value is URL-encoded. */
export function fillPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, key: string) => (key in values ? encodeURIComponent(String(values[key])) : whole));
}

/** A JSON body template with `"{name}"` strings replaced by the values (kept as their own type). */
export function fillBody(template: unknown, values: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = /^\{([a-zA-Z][a-zA-Z0-9]*)\}$/.exec(template);
    if (whole) return values[whole[1]!];
    return template.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (m, key: string) => (values[key] === undefined ? '' : String(values[key])));
  }
  if (Array.isArray(template)) return template.map((item) => fillBody(item, values));
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const filled = fillBody(v, values);
      if (filled !== undefined) out[k] = filled;
    }
    return out;
  }
  return template;
}

/** A JSONPath's value (the first match), evaluated without scripts. */
export function pick(json: unknown, path: string): unknown {
  if (json === null || typeof json !== 'object') return path === '$' ? json : undefined;
  const found = JSONPath({ path, json: json as object, wrap: true, eval: false }) as unknown[];
  return found[0];
}

export interface RestCrmOptions {
  config: RestCrmConfig;
  secrets: SecretLookup;
  clock: Clock;
  fetch?: typeof fetch;
}

/**
 * A CRM described in the config: a URL template per operation and a JSONPath per field.
 * Answers are checked against the contract's schemas; a field that is missing or of the wrong
 * type is a `malformed` error naming the URL and the field, never an empty card.
 */
export class RestCrm implements CrmAdapter {
  readonly kind: string;
  readonly capabilities: CrmCapabilities;
  private readonly http: CrmHttp;
  private readonly auth: RestAuthenticator;
  private readonly ops: RestCrmConfig['operations'];

  constructor(private readonly o: RestCrmOptions) {
    const { config } = o;
    this.kind = config.name;
    this.ops = config.operations;
    this.http = new CrmHttp({ timeoutMs: config.timeoutMs, rateLimit: config.rateLimit, now: () => o.clock.now(), ...(o.fetch ? { fetch: o.fetch } : {}) });
    this.auth = new RestAuthenticator(config.auth, o.secrets, o.clock);
    this.capabilities = {
      createContact: Boolean(this.ops.createContact),
      logActivity: Boolean(this.ops.logActivity),
      interactions: Boolean(this.ops.listInteractions),
      invoices: Boolean(this.ops.getCard.invoices),
      search: Boolean(this.ops.search),
      maxActivityBatch: this.ops.logActivity?.maxBatch ?? 1,
    };
  }

  async findByPhone(e164: string, options: { lastDigits?: number } = {}): Promise<CustomerMatch[]> {
    const digits = e164.replace(/\D/g, '');
    const values = { e164, digits, lastDigits: digits.slice(-(options.lastDigits || digits.length)) };
    return this.list('looking up a number', this.ops.findByPhone, values, (row, url) => this.match(row, this.ops.findByPhone.fields, url));
  }

  async search(query: string, options: { limit: number }): Promise<CustomerMatch[]> {
    const op = this.ops.search;
    if (!op) throw new CrmError('permanent', `${this.kind}: searching customers is not configured (crm.operations.search)`);
    return this.list('searching customers', op, { query, limit: options.limit }, (row, url) => this.match(row, op.fields, url));
  }

  async getCard(ref: string): Promise<CustomerCard> {
    const op = this.ops.getCard;
    const { json, url } = await this.call('reading a customer', op.method, fillPath(op.path, { ref }), undefined);
    const raw = this.fields(json, op.fields);
    if (raw.ref === undefined) raw.ref = ref;
    if (raw.ref !== undefined) raw.ref = String(raw.ref);
    raw.orders = [];
    raw.ordersTotal ??= 0;
    raw.openOrders ??= 0;
    raw.phones ??= [];
    if (op.invoices) {
      const list = pick(json, op.invoices.list);
      if (list !== undefined && !Array.isArray(list)) throw this.malformed('reading a customer', url, `invoices (${op.invoices.list})`, 'is not a list');
      raw.invoices = (list ?? []).map((row, i) => this.valid(invoiceSchema, this.fields(row, op.invoices!.fields), 'reading a customer', url, `invoices[${i}]`)).filter((inv) => !inv.paid);
    }
    if (!raw.crmUrl) {
      const recordUrl = this.recordUrl(String(raw.ref));
      if (recordUrl) raw.crmUrl = recordUrl;
    }
    return this.valid(customerCardSchema, raw, 'reading a customer', url);
  }

  async listOrders(ref: string, options: { openOnly?: boolean; limit: number; offset?: number }): Promise<Order[]> {
    const op = this.ops.listOrders;
    const orders = await this.list('reading orders', op, { ref, limit: options.limit, offset: options.offset ?? 0 }, (row, url, i) => {
      const raw = this.fields(row, op.fields);
      if (raw.id !== undefined) raw.id = String(raw.id);
      if (raw.number !== undefined) raw.number = String(raw.number);
      if (typeof raw.date === 'string') raw.date = raw.date.slice(0, 10);
      if (typeof raw.status === 'string' && op.statusMap?.[raw.status]) raw.status = op.statusMap[raw.status];
      raw.open = OPEN_STATUSES.has(String(raw.status));
      return this.valid(orderSchema, raw, 'reading orders', url, `[${i}]`);
    });
    return options.openOnly ? orders.filter((o) => o.open) : orders;
  }

  async listInteractions(ref: string, options: { limit: number }): Promise<Interaction[]> {
    const op = this.ops.listInteractions;
    if (!op) return [];
    return this.list('reading recent contacts', op, { ref, limit: options.limit }, (row, url, i) => {
      const raw = this.fields(row, op.fields);
      if (raw.id !== undefined) raw.id = String(raw.id);
      return this.valid(interactionSchema, raw, 'reading recent contacts', url, `[${i}]`);
    });
  }

  async createContact(draft: ContactDraft, idempotencyKey: string): Promise<{ ref: string }> {
    const op = this.ops.createContact;
    if (!op) throw new CrmError('permanent', `${this.kind}: creating contacts is not configured (crm.operations.createContact)`);
    const values = { ...draft, idempotencyKey };
    const { json, url } = await this.call('creating a contact', op.method, fillPath(op.path, {}), fillBody(op.body, values), idempotencyKey);
    const ref = pick(json, op.ref);
    if (typeof ref !== 'string' && typeof ref !== 'number') throw this.malformed('creating a contact', url, `ref (${op.ref})`, 'is missing');
    return { ref: String(ref) };
  }

  async logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }> {
    const op = this.ops.logActivity;
    if (!op) throw new CrmError('permanent', `${this.kind}: logging activities is not configured (crm.operations.logActivity)`);
    const values = {
      activity,
      idempotencyKey,
      ...Object.fromEntries(Object.entries(activity).filter(([, v]) => typeof v !== 'object')),
      startedAtIso: new Date(activity.startedAt).toISOString(),
      endedAtIso: activity.endedAt === undefined ? undefined : new Date(activity.endedAt).toISOString(),
      details: activity.details,
    };
    const { json, url } = await this.call('logging an activity', op.method, fillPath(op.path, { ref: activity.customerRef ?? '' }), fillBody(op.body, values), idempotencyKey);
    const id = pick(json, op.id);
    if (typeof id !== 'string' && typeof id !== 'number') throw this.malformed('logging an activity', url, `id (${op.id})`, 'is missing');
    return { crmId: String(id) };
  }

  recordUrl(ref: string): string | undefined {
    const template = this.o.config.recordUrlTemplate;
    return template ? fillPath(template, { ref }) : undefined;
  }

  async close(): Promise<void> {}

  private async call(what: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, idempotencyKey?: string): Promise<{ json: unknown; url: string }> {
    const url = new URL(path.replace(/^\//, ''), this.o.config.baseUrl.endsWith('/') ? this.o.config.baseUrl : `${this.o.config.baseUrl}/`).toString();
    const send = async (retryAuth: boolean): Promise<{ json: unknown; url: string }> => {
      const headers = {
        ...(await this.auth.headers()),
        ...(idempotencyKey ? { [this.o.config.idempotencyHeader]: idempotencyKey } : {}),
      };
      try {
        const response = await this.http.request({ method, url, headers, ...(body === undefined ? {} : { body }), what: `${this.kind}: ${what}` });
        return { json: response.json, url };
      } catch (err) {
        // An expired OAuth token: fetch a new one once, then give up with the CRM's words.
        if (retryAuth && err instanceof CrmError && err.kind === 'auth' && this.auth.canRefresh) {
          this.auth.invalidate();
          return send(false);
        }
        throw err;
      }
    };
    return send(true);
  }

  private async list<T>(what: string, op: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; body?: unknown; list: string }, values: Record<string, string | number>, map: (row: unknown, url: string, i: number) => T): Promise<T[]> {
    const { json, url } = await this.call(what, op.method, fillPath(op.path, values), op.body === undefined ? undefined : fillBody(op.body, values));
    const rows = pick(json, op.list);
    if (rows === undefined || rows === null) return [];
    if (!Array.isArray(rows)) throw this.malformed(`${what}`, url, `list (${op.list})`, 'is not a list');
    return rows.map((row, i) => map(row, url, i));
  }

  private match(row: unknown, fields: Partial<Record<string, string>>, url: string): CustomerMatch {
    const raw = this.fields(row, fields);
    if (raw.ref !== undefined) raw.ref = String(raw.ref);
    return this.valid(customerMatchSchema, raw, 'looking up a number', url);
  }

  private fields(json: unknown, fields: Partial<Record<string, string>>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(fields)) {
      if (!path) continue;
      const value = pick(json, path);
      if (value !== undefined && value !== null && value !== '') out[name] = value;
    }
    return out;
  }

  private valid<S extends z.ZodType>(schema: S, raw: unknown, what: string, url: string, where = ''): z.output<S> {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = `${where}${where && issue.path.length ? '.' : ''}${issue.path.map(String).join('.')}`;
    return (() => {
      throw this.malformed(what, url, field || 'the answer', issue.message);
    })();
  }

  private malformed(what: string, url: string, field: string, why: string): CrmError {
    return new CrmError('malformed', `${this.kind}: ${what}: ${this.http.safe(url)}: field ${field} ${why}`);
  }
}
