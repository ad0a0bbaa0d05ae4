import { z } from 'zod';
import type { ActivityRecord } from '../../../shared/domain/activity.js';
import { CrmError } from '../crm/crm-error.js';
import type { ActivitySink, DeliveryOutcome } from './activity-sink.js';
import { httpFailure, parseRetryAfter } from '../crm/http/http-failure.js';

export interface BulkNdjsonSinkOptions {
  /** The outbox this sink keeps in the journal. */
  name?: string;
  /** An Elasticsearch/OpenSearch-compatible `_bulk` endpoint, e.g. https://logs.example.local:9200/_bulk. */
  url: string;
  index?: string;
  /** Extra headers, e.g. `Authorization` read from the secret store; never logged. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBatch?: number;
}

const bulkItemSchema = z.object({
  status: z.number().int(),
  _id: z.string().optional(),
  error: z.object({ type: z.string().optional(), reason: z.string().optional() }).loose().optional(),
});
const bulkResponseSchema = z.object({
  errors: z.boolean(),
  items: z.array(z.record(z.string(), bulkItemSchema).refine((o) => Object.keys(o).length === 1, 'one operation per item')),
});

/** Refuses URLs that cannot work or would put a password in the config file. */
function checkedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('the analytics sink URL is not a valid URL; give the full _bulk address, e.g. https://logs.example.local:9200/_bulk');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`the analytics sink URL must start with http:// or https:// (got ${u.protocol})`);
  if (u.username || u.password) {
    u.username = '';
    u.password = '';
    throw new Error(`the analytics sink URL ${u.toString()} must not contain a user name or password: keep the credentials in the OS secret store and pass them as a header`);
  }
  return u.toString();
}

/**
 * Analytics sink: newline-delimited JSON to a log collector's `_bulk` endpoint. Each action is
 * indexed under its own id, so a resend overwrites the same document instead of adding one.
 * Throws at once when the URL is unusable.
 */
export function bulkNdjsonSink(options: BulkNdjsonSinkOptions): ActivitySink {
  const { name = 'analytics', url, index = 'cti-actions', headers = {}, timeoutMs = 10_000, maxBatch = 500 } = options;
  const where = checkedUrl(url);
  const all = (batch: readonly ActivityRecord[], error: CrmError): DeliveryOutcome[] => batch.map(() => ({ status: 'failed', error }));

  return {
    name,
    maxBatch,
    async deliver(batch) {
      const body = batch
        .map((r) => `${JSON.stringify({ index: { _index: index, _id: r.id } })}\n${JSON.stringify({ '@timestamp': new Date(r.startedAt).toISOString(), ...r })}\n`)
        .join('');
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-ndjson' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const cause = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
        return all(batch, new CrmError('transient', `log collector ${where} unreachable: ${cause}`, { cause: err }));
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        const message = `log collector ${where} answered HTTP ${response.status}: ${text.slice(0, 200)}`;
        const failure = httpFailure(response.status, message, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
        // A whole request refused (wrong path or index settings) is the collector's setup, not
        // the actions': keep them queued instead of turning every one into a dead letter.
        return all(batch, failure.kind === 'permanent' ? new CrmError('transient', message, { status: response.status }) : failure);
      }
      let parsed: z.infer<typeof bulkResponseSchema>;
      try {
        parsed = bulkResponseSchema.parse(JSON.parse(text));
      } catch (err) {
        return all(batch, new CrmError('malformed', `log collector ${where} sent a _bulk answer that is not understood (${(err as Error).message.slice(0, 200)})`));
      }
      if (parsed.items.length !== batch.length) {
        return all(batch, new CrmError('malformed', `log collector ${where} answered for ${parsed.items.length} of ${batch.length} actions`));
      }
      return parsed.items.map((item, i): DeliveryOutcome => {
        const result = Object.values(item)[0]!;
        const id = batch[i]!.id;
        if ((result.status >= 200 && result.status < 300) || result.status === 409) return { status: 'sent', remoteId: result._id ?? id };
        const reason = [result.error?.type, result.error?.reason].filter(Boolean).join(': ') || `HTTP ${result.status}`;
        return { status: 'failed', error: httpFailure(result.status, `log collector ${where} refused action ${id}: ${reason}`) };
      });
    },
  };
}
