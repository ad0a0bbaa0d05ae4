/**
 * Every CRM adapter failure. `kind` tells callers (the pop, the journal sync) what to do:
 * - `transient`: network error, timeout, 5xx, 429 — try again later (after `retryAfterMs` if given);
 * - `permanent`: the CRM rejected this request (validation 4xx) — retrying the same data cannot help;
 * - `auth`: credentials missing, wrong or expired — nothing works until IT fixes them;
 * - `malformed`: the CRM answered with something this adapter does not understand.
 * Messages name the operation, the URL (without secrets) and, for malformed data, the field.
 */
export type CrmErrorKind = 'transient' | 'permanent' | 'auth' | 'malformed';

export class CrmError extends Error {
  readonly kind: CrmErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: CrmErrorKind, message: string, details: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CrmError';
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind === 'transient';
  }
}
