/**
 * A CRM activity log over HTTP for journal sync tests, on 127.0.0.1: `POST /activities` with
 * the activity as JSON and an `Idempotency-Key` header. A key seen before is not stored again:
 * the server answers with the first id and counts a duplicate delivery. Faults can be injected
 * at a seeded rate: 500, 503, 429 with Retry-After, no answer (timeout), connection reset, and
 * the nastiest — a reset or silence *after* the activity was stored, so the client never sees
 * the 2xx and must resend.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import { seededRandom } from '../../electron/core/seeded-random.js';

export const CRM_FAULTS = ['http-500', 'http-503', 'http-429', 'timeout', 'reset', 'reset-after-store', 'timeout-after-store'] as const;
export type CrmFault = (typeof CRM_FAULTS)[number];

export interface ActivityCrmServerOptions {
  /** Share of requests that fail (0..1). */
  faultRate?: number;
  faults?: readonly CrmFault[];
  seed?: number;
  retryAfterSeconds?: number;
  /** Require `Authorization: Bearer <token>`. */
  token?: string;
  /** A message makes the CRM refuse the activity with 422 (a validation error). */
  refuse?: (activity: ActivityRecord) => string | undefined;
}

export interface StoredActivity {
  crmId: string;
  activity: ActivityRecord;
  /** Position among all stored activities (arrival order). */
  order: number;
}

export class ActivityCrmServer {
  readonly activities = new Map<string, StoredActivity>();
  duplicates = 0;
  /** Resends under a known key whose payload differs from the first one (a client bug). */
  conflicts = 0;
  requests = 0;
  readonly faultCounts: Partial<Record<CrmFault, number>> = {};
  token: string | undefined;
  private nextId = 1;
  private readonly random: () => number;

  private constructor(
    private readonly server: Server,
    private readonly options: ActivityCrmServerOptions,
  ) {
    this.random = seededRandom(options.seed ?? 1);
    this.token = options.token;
  }

  static async start(options: ActivityCrmServerOptions = {}): Promise<ActivityCrmServer> {
    let instance: ActivityCrmServer | undefined;
    const server = createServer((req, res) => instance!.handle(req, res));
    server.keepAliveTimeout = 30_000;
    instance = new ActivityCrmServer(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pickFault(): CrmFault | undefined {
    const { faultRate = 0, faults = CRM_FAULTS } = this.options;
    if (faultRate <= 0 || this.random() >= faultRate) return undefined;
    const fault = faults[Math.floor(this.random() * faults.length)]!;
    this.faultCounts[fault] = (this.faultCounts[fault] ?? 0) + 1;
    return fault;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.requests++;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/activities') return reply(404, { error: 'not found' });
      if (this.token && req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { error: 'invalid token' });
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key) return reply(400, { error: 'Idempotency-Key header is required' });
      let activity: ActivityRecord;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ActivityRecord;
      } catch {
        return reply(400, { error: 'body is not JSON' });
      }

      const fault = this.pickFault();
      if (fault === 'http-500') return reply(500, { error: 'internal error' });
      if (fault === 'http-503') return reply(503, { error: 'maintenance' });
      if (fault === 'http-429') return reply(429, { error: 'rate limited' }, { 'retry-after': String(this.options.retryAfterSeconds ?? 1) });
      if (fault === 'reset') return void req.socket.destroy();
      if (fault === 'timeout') return; // never answers; the client gives up

      const refused = this.options.refuse?.(activity);
      if (refused) return reply(422, { error: refused });
      let stored = this.activities.get(key);
      const duplicate = stored !== undefined;
      if (stored) {
        this.duplicates++;
        if (JSON.stringify(stored.activity) !== JSON.stringify(activity)) this.conflicts++;
      }
      else {
        stored = { crmId: `act-${this.nextId}`, activity, order: this.nextId++ };
        this.activities.set(key, stored);
      }
      if (fault === 'reset-after-store') return void req.socket.destroy();
      if (fault === 'timeout-after-store') return;
      reply(duplicate ? 200 : 201, { id: stored.crmId });
    });
  }
}
