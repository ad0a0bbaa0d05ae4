import type { CallEvent } from '../../../shared/domain/call-events.js';
import type { TrackedCall } from '../../../shared/domain/call-tracker.js';
import { z } from 'zod';
import { callDirectionSchema, callEndReasonSchema, type PhoneInfo } from '../../../shared/contract/schemas.js';
import type { AppAction } from './action-journal.js';

/**
 * What a call event means for the journal: rang, answered, transferred, ended (with the
 * reason and durations). Held/resumed are not logged. `phone` is the caller as normalised.
 */
export function callAction(event: CallEvent, call: TrackedCall, phone: PhoneInfo, customerRef: string | undefined): AppAction | undefined {
  const base = { section: 'call' as const, callId: call.id, ...(customerRef ? { customerRef } : {}) };
  const who = { number: phone.e164 ?? phone.display, direction: call.direction };
  switch (event.type) {
    case 'ringing':
      return {
        ...base,
        action: 'rang',
        startedAt: call.ringingAt,
        details: { ...who, ...(call.queue ? { queue: call.queue } : {}), ...(call.did ? { did: call.did } : {}), ...(call.transferredBy ? { transferredBy: call.transferredBy } : {}) },
      };
    case 'answered':
      return { ...base, action: 'answered', startedAt: call.answeredAt ?? event.at, details: who };
    case 'transferred':
      return {
        ...base,
        section: 'transfer',
        action: event.target ? 'sent' : 'received',
        startedAt: event.at,
        details: { kind: event.kind, ...(event.target ? { target: event.target } : {}), ...(event.transferredBy ? { from: event.transferredBy } : {}) },
      };
    case 'ended': {
      const endedAt = call.endedAt ?? event.at;
      const talkSeconds = call.answeredAt === undefined ? 0 : Math.max(0, Math.round((endedAt - call.answeredAt) / 1000));
      return {
        ...base,
        action: 'ended',
        startedAt: call.ringingAt,
        endedAt,
        details: { ...who, reason: event.reason, talkSeconds, ringSeconds: Math.max(0, Math.round(((call.answeredAt ?? endedAt) - call.ringingAt) / 1000)) },
      };
    }
    default:
      return undefined;
  }
}

const endedDetailsSchema = z.object({
  number: z.string().min(1),
  direction: callDirectionSchema,
  reason: callEndReasonSchema,
  talkSeconds: z.number().min(0),
});

/**
 * A call as its journal "call ended" record has it (the inverse of `callAction` for that
 * record): for today's calls after a restart. A record that does not read as one is skipped.
 */
export function callFromEnded(item: { callId?: string; startedAt: number; endedAt?: number; details: Record<string, unknown> }, name?: string): TrackedCall | undefined {
  const details = endedDetailsSchema.safeParse(item.details);
  if (!item.callId || !details.success) return undefined;
  const { number, direction, reason, talkSeconds } = details.data;
  const endedAt = item.endedAt ?? item.startedAt;
  return {
    id: item.callId,
    seq: 0,
    direction,
    phase: 'ended',
    remoteRaw: number,
    ...(name ? { remoteName: name } : {}),
    ringingAt: item.startedAt,
    // Answered: it was talked on, or it completed (a few hundred milliseconds round to 0 s).
    ...(talkSeconds > 0 || reason === 'completed' ? { answeredAt: endedAt - talkSeconds * 1000 } : {}),
    endedAt,
    endReason: reason,
  };
}
