import { join } from 'node:path';
import { z } from 'zod';
import {
  customerCardSchema,
  type ContactDraft,
  type CustomerCard,
  type CustomerMatch,
  type Interaction,
  type Order,
} from '../../../../shared/contract/schemas.js';
import type { ActivityRecord } from '../../../../shared/domain/activity.js';
import type { Clock, CrmAdapter, CrmCapabilities, Logger, SecretStore } from '../../ports.js';
import type { Bitrix24CrmConfig } from '../crm-config.js';
import { CrmError } from '../crm-error.js';
import { CrmHttp } from '../http/crm-http.js';
import type { SecretLookup } from '../rest/rest-auth.js';
import { bitrix24Access, type Bitrix24Access } from './bitrix24-access.js';
import { SentRecords, sentCallSchema, sentCommentSchema } from './sent-records.js';

/** Bitrix24 answers `{result, time, next?, total?}` or `{error, error_description}`. */
const answerSchema = z.object({ result: z.unknown(), next: z.number().optional(), total: z.number().optional() }).loose();
const errorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).loose();
const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
const multiField = z.array(z.object({ VALUE: z.string() }).loose()).optional();
const contactSchema = z
  .object({ ID: id, NAME: z.string().nullish(), LAST_NAME: z.string().nullish(), COMPANY_ID: z.string().nullish(), ASSIGNED_BY_ID: z.string().nullish(), ADDRESS_CITY: z.string().nullish(), COMMENTS: z.string().nullish(), PHONE: multiField })
  .loose();
const companySchema = z.object({ ID: id, TITLE: z.string(), ASSIGNED_BY_ID: z.string().nullish(), ADDRESS_CITY: z.string().nullish(), COMMENTS: z.string().nullish(), PHONE: multiField }).loose();
const dealSchema = z
  .object({ ID: id, TITLE: z.string().nullish(), STAGE_SEMANTIC_ID: z.enum(['P', 'S', 'F']).nullish(), CLOSED: z.enum(['Y', 'N']).nullish(), OPPORTUNITY: z.union([z.string(), z.number()]).nullish(), CURRENCY_ID: z.string().nullish(), DATE_CREATE: z.string() })
  .loose();
const userSchema = z.object({ ID: id, NAME: z.string().nullish(), LAST_NAME: z.string().nullish() }).loose();
const registerSchema = z.object({ CALL_ID: z.string().min(1) }).loose();

/** A deal's stage group → the card's order status. */
const DEAL_STATUS = { P: 'processing', S: 'delivered', F: 'cancelled' } as const;
/** Bitrix24 pages lists by 50. */
const PAGE = 50;
/** Bitrix24 keeps a registered call's CALL_ID usable this long. */
const CALL_ID_REUSE_MS = 30 * 60_000;

export interface Bitrix24CrmOptions {
  config: Bitrix24CrmConfig;
  secrets: SecretLookup;
  /** Keeps OAuth's renewed refresh tokens. */
  store?: SecretStore;
  env?: NodeJS.ProcessEnv;
  clock: Clock;
  log: Logger;
  /** Where the CALL_IDs of registered calls and the comments sent are kept (survives restarts); in memory without it. */
  stateDir?: string;
  fetch?: typeof fetch;
}

const fullName = (c: { NAME?: string | null; LAST_NAME?: string | null }) => [c.NAME, c.LAST_NAME].filter(Boolean).join(' ').trim();

/** Contact refs are "C<id>", company refs "CO<id>": both kinds share one card. */
const parseRef = (ref: string): { type: 'contact' | 'company'; id: string } => {
  const m = /^(C|CO)(\d+)$/.exec(ref);
  if (!m) throw new CrmError('permanent', `"${ref}" is not a Bitrix24 reference (C<contact id> or CO<company id>)`);
  return { type: m[1] === 'C' ? 'contact' : 'company', id: m[2]! };
};

/**
 * Bitrix24 through an inbound webhook or a local application's OAuth: duplicate search by phone, contacts and companies for
 * the card, deals as orders, contacts created once (their ORIGIN_ID is the idempotency key),
 * finished calls registered in telephony (their CALL_ID kept and reused), other actions as
 * timeline comments.
 */
export class Bitrix24Crm implements CrmAdapter {
  readonly kind = 'bitrix24';
  readonly capabilities: CrmCapabilities = { createContact: true, logActivity: true, interactions: false, invoices: false, search: false, maxActivityBatch: 1 };
  private readonly http: CrmHttp;
  private readonly calls: SentRecords<z.infer<typeof sentCallSchema>>;
  private readonly comments: SentRecords<z.infer<typeof sentCommentSchema>>;
  private readonly access: Bitrix24Access;

  constructor(private readonly o: Bitrix24CrmOptions) {
    this.http = new CrmHttp({
      timeoutMs: o.config.timeoutMs,
      rateLimit: o.config.rateLimit,
      now: () => o.clock.now(),
      // The webhook's token is a password: never in a message or a log.
      safeUrl: (url) => url.replace(/\/rest\/(\d+)\/[^/]+\//, '/rest/$1/••••/'),
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
    const file = (name: string) => (o.stateDir ? join(o.stateDir, name) : undefined);
    this.calls = new SentRecords(file('bitrix24-calls.json'), sentCallSchema, o.log);
    this.comments = new SentRecords(file('bitrix24-comments.json'), sentCommentSchema, o.log);
    this.access = bitrix24Access(o.config, {
      secrets: o.secrets,
      ...(o.store ? { store: o.store } : {}),
      env: o.env ?? process.env,
      clock: o.clock,
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
  }

  async findByPhone(e164: string): Promise<CustomerMatch[]> {
    // Portals store numbers as typed: +7…, 8… and 7… are all tried.
    const digits = e164.replace(/\D/g, '');
    const values = [...new Set([e164, digits, e164.startsWith('+7') ? `8${digits.slice(1)}` : digits])];
    const found = z.record(z.string(), z.array(z.union([z.number(), z.string()]))).or(z.array(z.never())).parse(
      await this.call('crm.duplicate.findbycomm', { type: 'PHONE', values }, 'looking up a number'),
    );
    const byType = Array.isArray(found) ? {} : found;
    const contacts = (byType.CONTACT ?? []).slice(0, 20).map(String);
    const companies = (byType.COMPANY ?? []).slice(0, 20).map(String);
    const matches: CustomerMatch[] = [];
    if (contacts.length > 0) {
      const rows = z.array(contactSchema).parse(await this.call('crm.contact.list', { filter: { ID: contacts }, select: ['ID', 'NAME', 'LAST_NAME', 'COMPANY_ID', 'ADDRESS_CITY'] }, 'reading contacts'));
      for (const c of rows) matches.push({ ref: `C${c.ID}`, kind: 'contact', name: fullName(c) || `#${c.ID}`, ...(c.ADDRESS_CITY ? { city: c.ADDRESS_CITY } : {}) });
    }
    if (companies.length > 0) {
      const rows = z.array(companySchema).parse(await this.call('crm.company.list', { filter: { ID: companies }, select: ['ID', 'TITLE', 'ADDRESS_CITY'] }, 'reading companies'));
      for (const c of rows) matches.push({ ref: `CO${c.ID}`, kind: 'company', name: c.TITLE, ...(c.ADDRESS_CITY ? { city: c.ADDRESS_CITY } : {}) });
    }
    return matches;
  }

  async search(): Promise<CustomerMatch[]> {
    throw new CrmError('permanent', 'searching customers is not available for Bitrix24 here');
  }

  async getCard(ref: string): Promise<CustomerCard> {
    const { type, id: entityId } = parseRef(ref);
    const raw = type === 'contact'
      ? contactSchema.parse(await this.call('crm.contact.get', { id: entityId }, 'reading a contact'))
      : companySchema.parse(await this.call('crm.company.get', { id: entityId }, 'reading a company'));
    const [manager, company, deals] = await Promise.all([
      raw.ASSIGNED_BY_ID ? this.userName(raw.ASSIGNED_BY_ID) : Promise.resolve(undefined),
      'COMPANY_ID' in raw && raw.COMPANY_ID && raw.COMPANY_ID !== '0' ? this.companyTitle(String(raw.COMPANY_ID)) : Promise.resolve(undefined),
      this.deals(type, entityId, 0),
    ]);
    const open = deals.items.filter((d) => this.isOpen(d)).length;
    return customerCardSchema.parse({
      ref,
      kind: type,
      name: 'TITLE' in raw ? raw.TITLE : fullName(raw as z.infer<typeof contactSchema>) || `#${raw.ID}`,
      company,
      manager,
      city: raw.ADDRESS_CITY ?? undefined,
      notes: raw.COMMENTS ? raw.COMMENTS.replace(/<[^>]*>/g, '').slice(0, 10_000) : undefined,
      phones: (raw.PHONE ?? []).map((p) => p.VALUE),
      orders: [],
      ordersTotal: deals.total,
      openOrders: open,
      crmUrl: this.recordUrl(ref),
    });
  }

  async listOrders(ref: string, options: { openOnly?: boolean; limit: number; offset?: number }): Promise<Order[]> {
    const { type, id: entityId } = parseRef(ref);
    const offset = options.offset ?? 0;
    const page = await this.deals(type, entityId, Math.floor(offset / PAGE) * PAGE);
    const orders = page.items.slice(offset % PAGE, (offset % PAGE) + options.limit).map((d) => this.order(d));
    return options.openOnly ? orders.filter((o) => o.open) : orders;
  }

  async listInteractions(): Promise<Interaction[]> {
    return [];
  }

  /** Idempotent through ORIGIN_ID: a retry finds the contact the first attempt made. */
  async createContact(draft: ContactDraft, idempotencyKey: string): Promise<{ ref: string }> {
    const originId = `cti:${idempotencyKey}`.slice(0, 100);
    const existing = z.array(contactSchema).parse(await this.call('crm.contact.list', { filter: { ORIGIN_ID: originId }, select: ['ID'] }, 'checking for a contact made before'));
    if (existing[0]) return { ref: `C${existing[0].ID}` };
    const [first, ...rest] = draft.name.split(/\s+/);
    const result = await this.call(
      'crm.contact.add',
      {
        fields: {
          NAME: first,
          ...(rest.length ? { LAST_NAME: rest.join(' ') } : {}),
          PHONE: [{ VALUE: draft.phone, VALUE_TYPE: 'WORK' }],
          ...(draft.email ? { EMAIL: [{ VALUE: draft.email, VALUE_TYPE: 'WORK' }] } : {}),
          ...(draft.city ? { ADDRESS_CITY: draft.city } : {}),
          ...(draft.company ? { COMPANY_TITLE: draft.company } : {}),
          ...(draft.note ? { COMMENTS: draft.note } : {}),
          ORIGIN_ID: originId,
          SOURCE_ID: 'CALL',
        },
      },
      'creating a contact',
    );
    return { ref: `C${id.parse(result)}` };
  }

  /**
   * A finished call → telephony.externalcall.register + finish (the CALL_ID is kept, so a
   * retry finishes the call it registered instead of registering another); other actions →
   * a timeline comment on the customer.
   */
  async logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }> {
    if (activity.section === 'call' && activity.action === 'ended') return this.logCall(activity, idempotencyKey);
    if (!activity.customerRef) return { crmId: `skipped:${activity.id}` }; // nothing in Bitrix24 to attach it to
    return this.logComment(activity, activity.customerRef, idempotencyKey);
  }

  /**
   * A timeline comment, once: marked as being sent before it is sent, so that a retry after a
   * lost answer or a crash first looks for it on the customer's timeline (by the action id
   * the comment carries) instead of adding a second one.
   */
  private async logComment(activity: ActivityRecord, customerRef: string, key: string): Promise<{ crmId: string }> {
    const { type, id: entityId } = parseRef(customerRef);
    const marker = `(CTI Launcher ${activity.id})`;
    const sent = this.comments.get(key);
    if (sent?.commentId) return { crmId: `comment:${sent.commentId}` };
    if (sent) {
      const found = await this.findComment(type, entityId, marker);
      if (found) {
        this.comments.set(key, { ...sent, commentId: found });
        return { crmId: `comment:${found}` };
      }
    }
    const sentAt = this.o.clock.now();
    this.comments.set(key, { sentAt });
    const text = [activity.topic ? `[${activity.topic}]` : '', `${activity.section} ${activity.action}`, summary(activity.details), marker].filter(Boolean).join(' ');
    const commentId = id.parse(await this.call('crm.timeline.comment.add', { fields: { ENTITY_ID: Number(entityId), ENTITY_TYPE: type, COMMENT: text } }, 'adding a timeline comment'));
    this.comments.set(key, { sentAt, commentId });
    return { crmId: `comment:${commentId}` };
  }

  /** The newest comments on the customer's timeline: one carrying this marker was sent before. */
  private async findComment(type: 'contact' | 'company', entityId: string, marker: string): Promise<string | undefined> {
    const rows = z
      .array(z.object({ ID: z.union([z.string(), z.number()]), COMMENT: z.string().nullish() }))
      .parse(await this.call('crm.timeline.comment.list', { filter: { ENTITY_ID: Number(entityId), ENTITY_TYPE: type }, select: ['ID', 'COMMENT'], order: { ID: 'DESC' } }, 'looking for a comment sent before'));
    const row = rows.find((r) => r.COMMENT?.includes(marker));
    return row ? String(row.ID) : undefined;
  }

  recordUrl(ref: string): string {
    const { type, id: entityId } = parseRef(ref);
    return new URL(`/crm/${type}/details/${entityId}/`, this.o.config.portalUrl).toString();
  }

  async close(): Promise<void> {}

  private async logCall(a: ActivityRecord, key: string): Promise<{ crmId: string }> {
    const d = a.details;
    const now = this.o.clock.now();
    let entry = this.calls.get(key);
    if (entry?.finished) return { crmId: entry.callId };
    if (!entry || now - entry.registeredAt > CALL_ID_REUSE_MS) {
      const customer = a.customerRef ? parseRef(a.customerRef) : undefined;
      const registered = registerSchema.parse(
        await this.call(
          'telephony.externalcall.register',
          {
            USER_PHONE_INNER: a.operator.split(' ')[0],
            PHONE_NUMBER: String(d.number ?? ''),
            TYPE: d.direction === 'outbound' ? 1 : 2,
            CALL_START_DATE: new Date(a.startedAt).toISOString(),
            CRM_CREATE: 0,
            SHOW: 0,
            ...(customer ? { CRM_ENTITY_TYPE: customer.type.toUpperCase(), CRM_ENTITY_ID: Number(customer.id) } : {}),
          },
          'registering a call',
        ),
      );
      entry = { callId: registered.CALL_ID, registeredAt: now, finished: false };
      this.calls.set(key, entry);
    }
    const talk = typeof d.talkSeconds === 'number' ? d.talkSeconds : 0;
    await this.call(
      'telephony.externalcall.finish',
      { CALL_ID: entry.callId, USER_PHONE_INNER: a.operator.split(' ')[0], DURATION: talk, STATUS_CODE: talk > 0 ? 200 : 304, ADD_TO_CHAT: 0 },
      'finishing a call',
    );
    this.calls.set(key, { ...entry, finished: true });
    return { crmId: entry.callId };
  }

  private isOpen(d: z.infer<typeof dealSchema>): boolean {
    return this.o.config.openStageSemantics.includes(d.STAGE_SEMANTIC_ID ?? 'P') && d.CLOSED !== 'Y';
  }

  private order(d: z.infer<typeof dealSchema>): Order {
    const open = this.isOpen(d);
    return {
      id: d.ID,
      number: d.TITLE || `#${d.ID}`,
      date: d.DATE_CREATE.slice(0, 10),
      status: open ? 'processing' : DEAL_STATUS[d.STAGE_SEMANTIC_ID ?? 'S'],
      amount: Number(d.OPPORTUNITY ?? 0),
      currency: /^[A-Z]{3}$/.test(d.CURRENCY_ID ?? '') ? d.CURRENCY_ID! : 'RUB',
      open,
    };
  }

  private async deals(type: 'contact' | 'company', entityId: string, start: number): Promise<{ items: Array<z.infer<typeof dealSchema>>; total: number }> {
    const answer = await this.callWithPaging(
      'crm.deal.list',
      {
        filter: { [type === 'contact' ? 'CONTACT_ID' : 'COMPANY_ID']: entityId },
        order: { DATE_CREATE: 'DESC' },
        select: ['ID', 'TITLE', 'STAGE_SEMANTIC_ID', 'CLOSED', 'OPPORTUNITY', 'CURRENCY_ID', 'DATE_CREATE'],
        start,
      },
      'reading deals',
    );
    return { items: z.array(dealSchema).parse(answer.result), total: answer.total ?? 0 };
  }

  private async userName(userId: string): Promise<string | undefined> {
    const users = z.array(userSchema).parse(await this.call('user.get', { ID: userId }, 'reading the manager'));
    return users[0] ? fullName(users[0]) || undefined : undefined;
  }

  private async companyTitle(companyId: string): Promise<string | undefined> {
    return companySchema.parse(await this.call('crm.company.get', { id: companyId }, 'reading the company')).TITLE;
  }

  private async call(method: string, params: unknown, what: string): Promise<unknown> {
    return (await this.callWithPaging(method, params, what)).result;
  }

  private async callWithPaging(method: string, params: unknown, what: string): Promise<z.infer<typeof answerSchema>> {
    try {
      return await this.callOnce(method, params, what);
    } catch (err) {
      // An OAuth access token lasts an hour: renew it once and ask again.
      if (isExpiredToken(err) && (await this.access.renew())) return this.callOnce(method, params, what);
      throw err;
    }
  }

  private async callOnce(method: string, params: unknown, what: string): Promise<z.infer<typeof answerSchema>> {
    const { base, auth } = await this.access.endpoint();
    const url = `${base}${method}.json`;
    // OAuth's token travels in the body, never in the URL (URLs appear in messages).
    const body = auth ? { ...(params as Record<string, unknown>), auth } : params;
    let json: unknown;
    try {
      json = (await this.http.request({ method: 'POST', url, body, what: `Bitrix24: ${what}` })).json;
    } catch (err) {
      throw this.bitrixError(err, what, url);
    }
    const answer = answerSchema.safeParse(json);
    if (!answer.success || answer.data.result === undefined) {
      const problem = errorSchema.safeParse(json);
      if (problem.success) throw this.fromBitrix(problem.data, what, url, 200);
      throw new CrmError('malformed', `Bitrix24: ${what}: ${this.http.safe(url)} answered without "result"`);
    }
    return answer.data;
  }

  /** Bitrix24 says what went wrong in its JSON body; the HTTP status alone can mislead. */
  private bitrixError(err: unknown, what: string, url: string): unknown {
    if (!(err instanceof CrmError) || err.status === undefined) return err;
    const body = /answered \d+: (.*)$/.exec(err.message)?.[1];
    if (!body) return err;
    try {
      const problem = errorSchema.safeParse(JSON.parse(body));
      return problem.success ? this.fromBitrix(problem.data, what, url, err.status, err.retryAfterMs) : err;
    } catch {
      return err;
    }
  }

  private fromBitrix(problem: z.infer<typeof errorSchema>, what: string, url: string, status: number, retryAfterMs?: number): CrmError {
    const message = `Bitrix24: ${what}: ${this.http.safe(url)}: ${problem.error}${problem.error_description ? ` — ${problem.error_description}` : ''}`;
    switch (problem.error) {
      case 'QUERY_LIMIT_EXCEEDED':
        return new CrmError('transient', message, { status, retryAfterMs: retryAfterMs ?? 1000 });
      case 'expired_token':
      case 'invalid_token':
      case 'NO_AUTH_FOUND':
      case 'INVALID_CREDENTIALS':
      case 'ACCESS_DENIED':
      case 'insufficient_scope':
        return new CrmError('auth', message, { status });
      case 'INTERNAL_SERVER_ERROR':
      case 'ERROR_CORE':
        return new CrmError(status >= 500 ? 'transient' : 'permanent', message, { status });
      default:
        return new CrmError(status >= 500 ? 'transient' : 'permanent', message, { status });
    }
  }
}

function summary(details: Record<string, unknown>): string {
  const parts = ['text', 'number', 'status', 'target', 'reason'].map((k) => details[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
  return parts.join(', ').slice(0, 500);
}

/** Bitrix24's error code is part of every message fromBitrix() makes. */
function isExpiredToken(err: unknown): boolean {
  return err instanceof CrmError && err.kind === 'auth' && /: expired_token\b/.test(err.message);
}
