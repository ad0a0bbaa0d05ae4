import type { ActivityRecord } from '../../../shared/domain/activity.js';
import { CrmError } from '../crm/crm-error.js';
import type { CrmAdapter } from '../ports.js';

export type DeliveryOutcome =
  | { status: 'sent'; remoteId: string }
  /** The error's kind decides: transient/malformed → retry, permanent → dead letter, auth → pause. */
  | { status: 'failed'; error: CrmError }
  /** Not attempted (an earlier record of the same call failed); stays queued as it was. */
  | { status: 'skipped' };

/** Somewhere actions are delivered to, with its own outbox rows (`name`) in the journal. */
export interface ActivitySink {
  readonly name: string;
  /** Most records handed to one `deliver` call. */
  readonly maxBatch: number;
  /** One outcome per record, in the batch's order. Never rejects. */
  deliver(batch: readonly ActivityRecord[]): Promise<DeliveryOutcome[]>;
}

/** Any failure as a CrmError; unknown ones are worth retrying (the idempotency key makes that safe). */
export function asCrmError(err: unknown, what: string): CrmError {
  if (err instanceof CrmError) return err;
  return new CrmError('transient', `${what}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/**
 * The CRM as a sink: `logActivity` with the action's id as idempotency key. Records of one
 * call go one after another, in order, and stop at the first failure; different calls go
 * in parallel, up to the CRM's `maxActivityBatch` records at once.
 */
export function crmActivitySink(crm: CrmAdapter, name = 'crm'): ActivitySink {
  return {
    name,
    maxBatch: Math.max(1, Math.floor(crm.capabilities.maxActivityBatch)),
    async deliver(batch) {
      const outcomes: DeliveryOutcome[] = batch.map(() => ({ status: 'skipped' }));
      const chains = new Map<string, number[]>();
      batch.forEach((record, i) => {
        const key = record.callId ?? '';
        chains.set(key, [...(chains.get(key) ?? []), i]);
      });
      await Promise.all(
        [...chains.values()].map(async (indexes) => {
          for (const i of indexes) {
            const record = batch[i]!;
            try {
              const { crmId } = await crm.logActivity(record, record.id);
              outcomes[i] = { status: 'sent', remoteId: crmId };
            } catch (err) {
              outcomes[i] = { status: 'failed', error: asCrmError(err, `${crm.kind} CRM logActivity`) };
              return;
            }
          }
        }),
      );
      return outcomes;
    },
  };
}
