import pThrottle from 'p-throttle';
import { CrmError } from '../crm-error.js';
import { httpFailure, parseRetryAfter } from './http-failure.js';

export interface CrmHttpOptions {
  /** Per request, connect to last byte. */
  timeoutMs: number;
  rateLimit: { requests: number; perSeconds: number };
  /** Turns a URL into what may be shown and logged (a webhook token in the path, say, masked). */
  safeUrl?: (url: string) => string;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface CrmRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** What is being done, for messages: "looking up +7…", "creating a contact". */
  what: string;
}

export interface CrmResponse {
  status: number;
  json: unknown;
  headers: Headers;
}

/**
 * JSON over HTTP for CRM adapters: a timeout per request, a rate limit shared by all requests
 * of one connection, and every failure as a CrmError whose kind says what to do (see
 * http-failure.ts), naming the operation and the URL without secrets.
 */
export class CrmHttp {
  private readonly throttled: (request: CrmRequest) => Promise<CrmResponse>;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly o: CrmHttpOptions) {
    this.fetch = o.fetch ?? fetch;
    this.now = o.now ?? Date.now;
    const throttle = pThrottle({ limit: o.rateLimit.requests, interval: o.rateLimit.perSeconds * 1000 });
    this.throttled = throttle((request: CrmRequest) => this.send(request));
  }

  safe(url: string): string {
    return this.o.safeUrl ? this.o.safeUrl(url) : url;
  }

  request(request: CrmRequest): Promise<CrmResponse> {
    return this.throttled(request);
  }

  private async send({ method, url, headers, body, what }: CrmRequest): Promise<CrmResponse> {
    const where = `${method} ${this.safe(url)}`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.o.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = (err as Error)?.name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${(this.o.timeoutMs / 1000).toFixed(1)} s` : describeNetworkError(err);
      throw new CrmError('transient', `${what}: ${where}: ${reason}`, { cause: err });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new CrmError('transient', `${what}: ${where}: the answer broke off (${describeNetworkError(err)})`, { status: response.status, cause: err });
    }
    if (!response.ok) {
      const detail = text.trim().slice(0, 300).replace(/\s+/g, ' ');
      throw httpFailure(response.status, `${what}: ${where} answered ${response.status}${detail ? `: ${detail}` : ''}`, parseRetryAfter(response.headers.get('retry-after'), this.now()));
    }
    if (text.trim() === '') return { status: response.status, json: undefined, headers: response.headers };
    try {
      return { status: response.status, json: JSON.parse(text) as unknown, headers: response.headers };
    } catch {
      throw new CrmError('malformed', `${what}: ${where} answered with something that is not JSON: ${text.slice(0, 80).replace(/\s+/g, ' ')}`, { status: response.status });
    }
  }
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
}
