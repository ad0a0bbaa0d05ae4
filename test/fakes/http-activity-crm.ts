/**
 * A test-only CrmAdapter whose `logActivity` talks HTTP to ActivityCrmServer, mapping what
 * happens on the wire to CrmError kinds the way real adapters do. It only logs activities.
 */
import { z } from 'zod';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import type { ContactDraft, CustomerCard, CustomerMatch, Interaction, Order } from '../../shared/contract/schemas.js';
import { CrmError } from '../../electron/core/crm/crm-error.js';
import { httpFailure, parseRetryAfter } from '../../electron/core/journal/http-failure.js';
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

  constructor(private readonly options: HttpActivityCrmOptions) {
    this.capabilities = { createContact: false, logActivity: true, interactions: false, invoices: false, maxActivityBatch: options.maxActivityBatch ?? 20 };
  }

  async logActivity(activity: ActivityRecord, idempotencyKey: string): Promise<{ crmId: string }> {
    const url = `${this.options.url}/activities`;
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
      throw new CrmError('transient', `logActivity ${url}: ${why}`, { cause: err });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new CrmError('transient', `logActivity ${url}: connection lost while reading the answer`, { cause: err });
    }
    if (!response.ok) {
      const message = `logActivity ${url}: HTTP ${response.status} ${text.slice(0, 200)}`;
      throw httpFailure(response.status, message, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
    }
    const body = createdSchema.safeParse(safeJson(text));
    if (!body.success) throw new CrmError('malformed', `logActivity ${url}: answer has no "id" (${text.slice(0, 100)})`);
    return { crmId: body.data.id };
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
  async close(): Promise<void> {}
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
