/** Reconnect delays: capped exponential backoff with full jitter, above a small floor. */
export interface BackoffPolicy {
  /** Ceiling of the first retry; doubles per consecutive failure. */
  baseMs: number;
  /** The ceiling never grows past this. */
  capMs: number;
  /** No retry sooner than this (keeps a bad secret from becoming a tight loop). */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, minMs: 250 };

/** Upper bound of the delay before retry number `attempt` (0 = first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const exp = policy.baseMs * 2 ** Math.min(attempt, 30);
  return Math.max(policy.minMs, Math.min(policy.capMs, exp));
}

/**
 * Full jitter: uniform in [minMs, ceiling). Spreads 130 desktops reconnecting after a PBX
 * restart over the whole window instead of hitting the PBX's `authlimit` together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = backoffCeiling(attempt, policy);
  const floor = Math.min(policy.minMs, ceiling);
  return Math.floor(floor + random() * (ceiling - floor));
}
