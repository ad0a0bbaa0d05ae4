import { CrmError } from '../crm-error.js';

/** `Retry-After` (seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * What an HTTP status means for a delivery: 401/403 → auth; 408, 425, 429 and 5xx → transient
 * (with Retry-After when given); other 4xx → permanent.
 */
export function httpFailure(status: number, message: string, retryAfterMs?: number): CrmError {
  if (status === 401 || status === 403) return new CrmError('auth', message, { status });
  if (status === 408 || status === 425 || status === 429 || status >= 500) return new CrmError('transient', message, { status, retryAfterMs });
  return new CrmError('permanent', message, { status });
}
