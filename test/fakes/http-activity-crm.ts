/**
 * A test-only CrmAdapter whose `logActivity` talks HTTP to ActivityCrmServer, mapping what
 * happens on the wire to CrmError kinds the way real adapters do (network errors and timeouts
 * are transient; statuses via httpFailure). It only logs activities.
 */
import { Agent, request } from 'node:http';
import { z } from 'zod';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import type { ContactDraft, CustomerCard, CustomerMatch, Interaction, Order } from '../../shared/contract/schemas.js';
import { CrmError } from '../../electron/core/crm/crm-error.js';
import { httpFailure, parseRetryAfter } from '../../electron/core/crm/http/http-failure.js';
import type { CrmAdapter, CrmCapabilities } from '../../electron/core/ports.js';

const createdSchema = z.object({ id: z.string().min(1) });

export interface HttpActivityCrmOptions {
  url: string;
  maxActivityBatch?: number;
  timeoutMs?: number;
  token?: string;
}

export class HttpActivityCrm implements CrmAdapter {
  readonly kind = 'http-test';
  readonly capabilities: CrmCapabilities;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(private readonly options: HttpActivityCrmOptions) {
    this.capabilities = { createContact: false, logActivity: true, interactions: false, invoices: false, search: false, maxActivityBatch: options.maxActivityBatch ?? 20 };
  }

  async logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }> {
    const url = `${this.options.url}/activities`;
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let answer: { status: number; retryAfter: string | undefined; text: string };
    try {
      answer = await post(url, headers, JSON.stringify(activity), timeoutMs, this.agent);
    } catch (err) {
      throw new CrmError('transient', `logActivity ${url}: ${(err as Error).message}`, { cause: err });
    }
    if (answer.status < 200 || answer.status >= 300) {
      const message = `logActivity ${url}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
      throw httpFailure(answer.status, message, parseRetryAfter(answer.retryAfter, Date.now()));
    }
    const body = createdSchema.safeParse(safeJson(answer.text));
    if (!body.success) throw new CrmError('malformed', `logActivity ${url}: answer has no "id" (${answer.text.slice(0, 100)})`);
    return { crmId: body.data.id };
  }

  search(): Promise<CustomerMatch[]> {
    return unsupported('search');
  }

  findByPhone(): Promise<CustomerMatch[]> {
    return unsupported('findByPhone');
  }
  getCard(): Promise<CustomerCard> {
    return unsupported('getCard');
  }
  listOrders(): Promise<Order[]> {
    return unsupported('listOrders');
  }
  listInteractions(): Promise<Interaction[]> {
    return unsupported('listInteractions');
  }
  createContact(_draft: ContactDraft): Promise<{ ref: string }> {
    return unsupported('createContact');
  }
  recordUrl(): string | undefined {
    return undefined;
  }
  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** One POST over node:http (much lighter than fetch when thousands are in flight). */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, agent: Agent) {
  return new Promise<{ status: number; retryAfter: string | undefined; text: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], text }));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('connection lost while reading the answer')));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unsupported(what: string): Promise<never> {
  return Promise.reject(new Error(`HttpActivityCrm is a test adapter for logActivity only (${what} called)`));
}
