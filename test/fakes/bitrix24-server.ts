import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bitrix24 portal on 127.0.0.1, answering the REST methods the adapter uses with the
 * documented shapes: `{result, time, total?, next?}`, errors as `{error, error_description}`
 * (QUERY_LIMIT_EXCEEDED with 503, expired or wrong token with 401). Reached through an inbound
 * webhook (/rest/1/<token>/<method>.json) or with a local application's OAuth access token
 * (/rest/<method>.json with `auth`), whose token endpoint (/oauth/token/, as oauth.bitrix.info)
 * issues access tokens and replaces the refresh token each time.
 */
export const WEBHOOK_TOKEN = 'w3bh00k-t0ken-s3cret';
export const OAUTH_CLIENT = { id: 'local.5f1a2b3c4d', secret: 'cl13nt-s3cret' };

interface Contact { ID: string; NAME: string; LAST_NAME?: string; COMPANY_ID?: string; ASSIGNED_BY_ID?: string; ADDRESS_CITY?: string; COMMENTS?: string; ORIGIN_ID?: string; PHONE: Array<{ VALUE: string; VALUE_TYPE: string }> }

export class Bitrix24Server {
  readonly calls: Array<{ method: string; params: Record<string, unknown> }> = [];
  readonly contacts: Contact[] = [
    { ID: '12', NAME: 'Мария', LAST_NAME: 'Соколова', COMPANY_ID: '5', ASSIGNED_BY_ID: '1', ADDRESS_CITY: 'Москва', COMMENTS: '<b>VIP</b> клиент', PHONE: [{ VALUE: '84951234567', VALUE_TYPE: 'WORK' }] },
  ];
  readonly companies = [{ ID: '5', TITLE: 'ООО «Вектор»', ASSIGNED_BY_ID: '1', PHONE: [{ VALUE: '+74951234567', VALUE_TYPE: 'WORK' }] }];
  readonly deals = [
    { ID: '90', TITLE: 'Поставка ноябрь', STAGE_SEMANTIC_ID: 'P', CLOSED: 'N', OPPORTUNITY: '15000.00', CURRENCY_ID: 'RUB', DATE_CREATE: '2026-11-10T10:00:00+03:00', CONTACT_ID: '12' },
    { ID: '80', TITLE: 'Поставка октябрь', STAGE_SEMANTIC_ID: 'S', CLOSED: 'Y', OPPORTUNITY: '9000.00', CURRENCY_ID: 'RUB', DATE_CREATE: '2026-10-10T10:00:00+03:00', CONTACT_ID: '12' },
  ];
  readonly externalCalls = new Map<string, { params: Record<string, unknown>; finished?: Record<string, unknown> }>();
  readonly comments: Array<Record<string, unknown>> = [];
  /** The only refresh token the token endpoint accepts now (each use replaces it). */
  refreshToken = 'r3fresh-0';
  private accessTokens = new Set<string>();
  private issued = 0;
  tokenRequests = 0;

  get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/oauth/token/`;
  }

  /** Every access token issued so far expires (as after an hour). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }
  /** The next call of this method fails this way (once). */
  private faults = new Map<string, { status: number; body: string }>();
  private losing = new Set<string>();
  private server!: Server;
  port = 0;

  static async start(): Promise<Bitrix24Server> {
    const s = new Bitrix24Server();
    s.server = createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  get webhook(): string {
    return `http://127.0.0.1:${this.port}/rest/1/${WEBHOOK_TOKEN}/`;
  }

  private token(q: URLSearchParams, send: (status: number, body: unknown) => void): void {
    this.tokenRequests++;
    if (q.get('grant_type') !== 'refresh_token') return send(400, { error: 'unsupported_grant_type' });
    if (q.get('client_id') !== OAUTH_CLIENT.id || q.get('client_secret') !== OAUTH_CLIENT.secret) return send(401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
    if (q.get('refresh_token') !== this.refreshToken) return send(400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
    const access = `acc3ss-${++this.issued}`;
    this.accessTokens.add(access);
    this.refreshToken = `r3fresh-${this.issued}`;
    send(200, { access_token: access, refresh_token: this.refreshToken, expires_in: 3600, scope: 'crm,telephony', domain: `127.0.0.1:${this.port}`, member_id: 'a1b2', status: 'L' });
  }

  /** The next call of this method is done, but its answer is lost (the connection breaks). */
  loseAnswer(method: string): void {
    this.losing.add(method);
  }

  fail(method: string, status: number, error: string, description = ''): void {
    this.faults.set(method, { status, body: JSON.stringify({ error, error_description: description }) });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const send = (status: number, body: unknown) => void res.writeHead(status, { 'Content-Type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    if ((req.url ?? '').startsWith('/oauth/token/')) return this.token(new URL(req.url!, 'http://x').searchParams, send);
    const m = /^\/rest\/(?:1\/([^/]+)\/)?([a-z.]+)\.json$/i.exec(req.url ?? '');
    if (!m) return send(404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
    const { auth, ...params } = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (m[1] === undefined) {
      if (typeof auth !== 'string') return send(401, { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
      if (!this.accessTokens.has(auth)) return send(401, { error: 'expired_token', error_description: 'The access token provided has expired.' });
    } else if (m[1] !== WEBHOOK_TOKEN) return send(401, { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' });
    const method = m[2]!;
    this.calls.push({ method, params });
    const fault = this.faults.get(method);
    if (fault) {
      this.faults.delete(method);
      return send(fault.status, fault.body);
    }
    // A lost answer: the portal did the work, the connection broke before the caller heard.
    const lose = this.losing.delete(method);
    const ok = (result: unknown, extra: Record<string, unknown> = {}) =>
      lose ? void res.destroy() : send(200, { result, ...extra, time: { start: Date.now() / 1000, duration: 0.01 } });
    const filter = (params.filter ?? {}) as Record<string, unknown>;
    switch (method) {
      case 'crm.duplicate.findbycomm': {
        const values = (params.values as string[]) ?? [];
        const contacts = this.contacts.filter((c) => c.PHONE.some((p) => values.includes(p.VALUE))).map((c) => Number(c.ID));
        const companies = this.companies.filter((c) => c.PHONE.some((p) => values.includes(p.VALUE))).map((c) => Number(c.ID));
        if (contacts.length === 0 && companies.length === 0) return ok([]);
        return ok({ ...(contacts.length ? { CONTACT: contacts } : {}), ...(companies.length ? { COMPANY: companies } : {}) });
      }
      case 'crm.contact.list': {
        const ids = (filter.ID as string[] | undefined) ?? undefined;
        const rows = this.contacts.filter((c) => (ids ? ids.includes(c.ID) : true) && (filter.ORIGIN_ID === undefined || c.ORIGIN_ID === filter.ORIGIN_ID));
        return ok(rows, { total: rows.length });
      }
      case 'crm.company.list': {
        const ids = (filter.ID as string[]) ?? [];
        return ok(this.companies.filter((c) => ids.includes(c.ID)), { total: 1 });
      }
      case 'crm.contact.get': {
        const c = this.contacts.find((x) => x.ID === String(params.id));
        return c ? ok(c) : send(400, { error: '', error_description: 'Not found' });
      }
      case 'crm.company.get': {
        const c = this.companies.find((x) => x.ID === String(params.id));
        return c ? ok(c) : send(400, { error: '', error_description: 'Not found' });
      }
      case 'user.get':
        return ok([{ ID: '1', NAME: 'Ирина', LAST_NAME: 'Громова' }]);
      case 'crm.deal.list': {
        const rows = this.deals.filter((d) => d.CONTACT_ID === filter.CONTACT_ID);
        return ok(rows.slice(Number(params.start ?? 0), Number(params.start ?? 0) + 50), { total: rows.length });
      }
      case 'crm.contact.add': {
        const fields = params.fields as Record<string, unknown>;
        if (!fields.NAME) return send(400, { error: '', error_description: 'Не заполнено обязательное поле "Имя"' });
        const id = String(100 + this.contacts.length);
        this.contacts.push({ ID: id, NAME: String(fields.NAME), LAST_NAME: fields.LAST_NAME as string | undefined, ORIGIN_ID: fields.ORIGIN_ID as string, PHONE: fields.PHONE as Contact['PHONE'] });
        return ok(Number(id));
      }
      case 'telephony.externalcall.register': {
        const id = `externalCall.${(this.externalCalls.size + 1).toString(16).padStart(8, '0')}`;
        this.externalCalls.set(id, { params });
        return ok({ CALL_ID: id, CRM_CREATED_LEAD: null, CRM_ENTITY_TYPE: params.CRM_ENTITY_TYPE ?? 'CONTACT', CRM_ENTITY_ID: params.CRM_ENTITY_ID ?? 0 });
      }
      case 'telephony.externalcall.finish': {
        const call = this.externalCalls.get(String(params.CALL_ID));
        if (!call) return send(400, { error: 'ERROR_CALL_NOT_FOUND', error_description: 'Call not found' });
        call.finished = params;
        return ok({ CALL_ID: params.CALL_ID });
      }
      case 'crm.timeline.comment.add':
        this.comments.push(params.fields as Record<string, unknown>);
        return ok(this.comments.length);
      case 'crm.timeline.comment.list': {
        if (filter.ENTITY_ID === undefined || filter.ENTITY_TYPE === undefined) return send(400, { error: 'ERROR_ARGUMENT', error_description: 'ENTITY_ID and ENTITY_TYPE are required' });
        const rows = this.comments
          .map((c, i) => ({ ID: String(i + 1), ENTITY_ID: c.ENTITY_ID, ENTITY_TYPE: c.ENTITY_TYPE, COMMENT: c.COMMENT }))
          .filter((c) => c.ENTITY_ID === filter.ENTITY_ID && c.ENTITY_TYPE === filter.ENTITY_TYPE)
          .reverse()
          .slice(0, 50);
        return ok(rows.map(({ ID, COMMENT }) => ({ ID, COMMENT })), { total: rows.length });
      }
      default:
        return send(400, { error: 'ERROR_METHOD_NOT_FOUND', error_description: `Method not found: ${method}` });
    }
  }
}
