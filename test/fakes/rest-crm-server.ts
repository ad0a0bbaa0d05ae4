import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * "Acme CRM": a small CRM with its own JSON shapes, on 127.0.0.1, for the generic REST
 * adapter. `next` makes the next matching request fail or stall in a given way.
 */
export interface AcmeContact {
  id: number;
  full_name: string;
  org?: { name: string };
  owner?: { name: string };
  address?: { city: string };
  segment?: string;
  labels?: string[];
  tz?: string;
  comment?: string;
  phones: string[];
}

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'stall'; ms: number }
  | { kind: 'body'; body: string }
  | { kind: 'reset' };

export class RestCrmServer {
  readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: unknown }> = [];
  readonly contacts: AcmeContact[] = [
    { id: 7, full_name: 'Мария Соколова', org: { name: 'ООО «Вектор»' }, owner: { name: 'Ирина Громова' }, address: { city: 'Москва' }, segment: 'VIP', labels: ['loyal'], tz: 'Europe/Moscow', comment: 'Звонить после 14:00', phones: ['+74951234567'] },
    { id: 8, full_name: 'Тарас Шевченко', address: { city: 'Київ' }, phones: ['+380442345678'] },
  ];
  readonly activities = new Map<string, unknown>();
  readonly created = new Map<string, number>();
  private faults: Array<{ match: RegExp; fault: Fault }> = [];
  private tokens = new Set<string>();
  private server!: Server;
  port = 0;
  /** Requests need `Authorization: Bearer <one of these>` (OAuth) or this API key, when set. */
  apiKey: string | undefined;
  /** Every answer waits this long (a CRM across the network). */
  latencyMs = 0;
  oauth: { clientId: string; clientSecret: string } | undefined;

  static async start(): Promise<RestCrmServer> {
    const s = new RestCrmServer();
    s.server = createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next request whose "METHOD path" matches fails this way (once). */
  next(match: RegExp, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  /** Every issued OAuth token stops working (as if it expired). */
  expireTokens(): void {
    this.tokens.clear();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', this.url);
    const line = `${req.method} ${url.pathname}${url.search}`;
    let body: unknown = text;
    try {
      body = text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text;
    } catch {
      // keep the text
    }
    this.requests.push({ method: req.method ?? '', url: url.pathname + url.search, headers: req.headers, body });
    if (this.requests.length > 10_000) this.requests.splice(0, 5_000);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const i = this.faults.findIndex((f) => f.match.test(line));
    if (i >= 0) {
      const { fault } = this.faults.splice(i, 1)[0]!;
      if (fault.kind === 'reset') return void req.socket.destroy();
      if (fault.kind === 'stall') await new Promise((r) => setTimeout(r, fault.ms));
      if (fault.kind === 'status') return void res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers }).end(fault.body ?? '{"error":"injected"}');
      if (fault.kind === 'body') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(fault.body);
    }
    const json = (status: number, value: unknown): void => void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));

    if (url.pathname === '/oauth/token') {
      const form = new URLSearchParams(text);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.oauth?.clientId || form.get('client_secret') !== this.oauth?.clientSecret) {
        return json(401, { error: 'invalid_client' });
      }
      const token = `tok-${Math.random().toString(36).slice(2)}`;
      this.tokens.add(token);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    if (this.apiKey && req.headers['x-api-key'] !== this.apiKey) return json(401, { error: 'bad key' });
    if (this.oauth && !this.tokens.has(String(req.headers.authorization ?? '').replace(/^Bearer /, ''))) return json(401, { error: 'expired' });

    const contact = (id: string) => this.contacts.find((c) => String(c.id) === id);
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && url.pathname === '/api/contacts') {
      const phone = url.searchParams.get('phone') ?? '';
      return json(200, { data: this.contacts.filter((c) => c.phones.includes(phone)) });
    }
    if (req.method === 'GET' && url.pathname === '/api/contacts/search') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(200, { data: this.contacts.filter((c) => c.full_name.toLowerCase().includes(q)) });
    }
    if (req.method === 'GET' && (m = /^\/api\/contacts\/(\d+)$/.exec(url.pathname))) {
      const c = contact(m[1]!);
      if (!c) return json(404, { error: 'no such contact' });
      return json(200, { ...c, stats: { orders: 3, open: 1 }, invoices: [{ no: 'A-17', issued: '2026-11-01', due: '2026-11-15', total: 1200, cur: 'RUB', paid: false }, { no: 'A-16', issued: '2026-10-01', total: 99, cur: 'RUB', paid: true }] });
    }
    if (req.method === 'GET' && (m = /^\/api\/contacts\/(\d+)\/orders$/.exec(url.pathname))) {
      const all = [
        { id: 301, no: 'AC-301', created: '2026-11-10T10:00:00Z', state: 'in_delivery', sum: 5100.5, cur: 'RUB' },
        { id: 300, no: 'AC-300', created: '2026-10-01T10:00:00Z', state: 'done', sum: 100, cur: 'RUB' },
        { id: 299, no: 'AC-299', created: '2026-09-01T10:00:00Z', state: 'cancelled', sum: 10, cur: 'RUB' },
      ];
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return json(200, { items: all.slice(offset, offset + Number(url.searchParams.get('limit') ?? 20)) });
    }
    if (req.method === 'GET' && (m = /^\/api\/contacts\/(\d+)\/calls$/.exec(url.pathname))) {
      return json(200, [{ id: 'c1', when: '2026-11-20T09:00:00Z', type: 'call', dir: 'inbound', note: 'Asked about delivery', agent: '101', secs: 62, record: 'https://rec.example.invalid/c1.mp3' }]);
    }
    if (req.method === 'POST' && url.pathname === '/api/contacts') {
      const key = String(req.headers['idempotency-key'] ?? '');
      const existing = this.created.get(key);
      if (existing) return json(200, { contact: { id: existing } });
      const b = body as { name?: string; phone?: string };
      if (!b.name) return json(422, { error: 'name is required' });
      const id = 100 + this.created.size;
      this.created.set(key, id);
      this.contacts.push({ id, full_name: b.name, phones: [b.phone ?? ''] });
      return json(201, { contact: { id } });
    }
    if (req.method === 'POST' && url.pathname === '/api/activities') {
      const b = body as { external_id?: string; kind?: string };
      if (!b.external_id) return json(422, { error: 'external_id is required' });
      if (!this.activities.has(b.external_id)) this.activities.set(b.external_id, b);
      return json(200, { activity_id: `act-${b.external_id}` });
    }
    json(404, { error: `no route ${line}` });
  }
}

/** The worked example of README › Connecting your CRM, pointed at this server. */
export function acmeConfig(baseUrl: string, auth: unknown = { type: 'none' }) {
  return {
    type: 'rest',
    name: 'Acme CRM',
    baseUrl: `${baseUrl}/api`,
    auth,
    timeoutMs: 1000,
    recordUrlTemplate: 'https://acme.example.com/contacts/{ref}',
    operations: {
      findByPhone: { path: '/contacts?phone={e164}', list: '$.data', fields: { ref: '$.id', name: '$.full_name', company: '$.org.name', city: '$.address.city' } },
      search: { path: '/contacts/search?q={query}', list: '$.data', fields: { ref: '$.id', name: '$.full_name', company: '$.org.name', phones: '$.phones' } },
      getCard: {
        path: '/contacts/{ref}',
        fields: { ref: '$.id', name: '$.full_name', company: '$.org.name', manager: '$.owner.name', city: '$.address.city', segment: '$.segment', tags: '$.labels', timeZone: '$.tz', notes: '$.comment', phones: '$.phones', ordersTotal: '$.stats.orders', openOrders: '$.stats.open' },
        invoices: { list: '$.invoices', fields: { id: '$.no', number: '$.no', date: '$.issued', dueDate: '$.due', amount: '$.total', currency: '$.cur', paid: '$.paid' } },
      },
      listOrders: {
        path: '/contacts/{ref}/orders?limit={limit}&offset={offset}',
        list: '$.items',
        fields: { id: '$.id', number: '$.no', date: '$.created', status: '$.state', amount: '$.sum', currency: '$.cur' },
        statusMap: { new: 'new', in_work: 'processing', in_delivery: 'shipped', done: 'delivered', cancelled: 'cancelled', returned: 'returned' },
      },
      listInteractions: { path: '/contacts/{ref}/calls?limit={limit}', fields: { id: '$.id', at: '$.when', channel: '$.type', direction: '$.dir', summary: '$.note', operator: '$.agent', durationSeconds: '$.secs', recordingUrl: '$.record' } },
      createContact: { path: '/contacts', body: { name: '{name}', phone: '{phone}', company: '{company}', email: '{email}' }, ref: '$.contact.id' },
      logActivity: { path: '/activities', body: { external_id: '{idempotencyKey}', kind: '{section}.{action}', contact_id: '{customerRef}', at: '{startedAtIso}', topic: '{topic}', data: '{details}' }, id: '$.activity_id' },
    },
  };
}
