import { dialNumberSchema } from '../../../shared/contract/schemas.js';
import type { AppSnapshot, CallView } from '../../../shared/contract/schemas.js';

export { talkSeconds } from '../../../shared/domain/call-tracker.js';

/** The number to dial back, or undefined when there is none (withheld, not dialable). */
export function callbackNumber(call: Pick<CallView, 'remote'>): string | undefined {
  if (call.remote.kind === 'anonymous') return undefined;
  const parsed = dialNumberSchema.safeParse(call.remote.e164 ?? call.remote.raw);
  return parsed.success ? parsed.data : undefined;
}

/** The customer's name when the CRM found one, else the PBX caller ID name. */
export function callerName(call: CallView): string | undefined {
  if (call.lookup.status === 'found') return call.lookup.card.name;
  if (call.lookup.status === 'matched') return call.lookup.match.name;
  return call.remoteName || undefined;
}

/** Calls the card window shows: active ones first (oldest first), then ended ones (newest first). */
export function cardCalls(snapshot: AppSnapshot): CallView[] {
  const seen = new Set<string>();
  const calls: CallView[] = [];
  for (const call of [...snapshot.activeCalls, ...snapshot.recentCalls]) {
    if (!call.onCard || seen.has(call.id)) continue;
    seen.add(call.id);
    calls.push(call);
  }
  return calls;
}

const PRIORITY: Record<CallView['phase'], number> = { ringing: 0, connected: 1, held: 2, ended: 3 };

/**
 * Which call the card shows. The operator's pick stays while that call is on the card,
 * except that a newly ringing call takes over from a picked call that has ended.
 */
export function chooseCall(calls: readonly CallView[], picked: string | null, known: ReadonlySet<string>): CallView | undefined {
  const current = calls.find((c) => c.id === picked);
  const newRinging = calls.filter((c) => c.phase === 'ringing' && !known.has(c.id)).sort((a, b) => b.seq - a.seq)[0];
  if (current && (current.phase !== 'ended' || !newRinging)) return current;
  if (newRinging) return newRinging;
  return [...calls].sort((a, b) => PRIORITY[a.phase] - PRIORITY[b.phase] || b.seq - a.seq)[0];
}
