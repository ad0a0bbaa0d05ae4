import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, type BackoffPolicy } from '../../../electron/core/pbx/ami/ami-backoff.js';
import { seededRandom } from '../../fakes/fake-ami-server.js';

const policy: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, minMs: 250 };

describe('reconnect backoff', () => {
  it('doubles the ceiling per failure and caps it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map((a) => backoffCeiling(a, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('draws each delay uniformly between the floor and the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(250);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(250 + Math.floor(0.5 * (8_000 - 250)));
    expect(backoffDelay(3, policy, () => 0.999_999)).toBeLessThan(8_000);
    const random = seededRandom(42);
    const delays = Array.from({ length: 2_000 }, (_, i) => [i % 12, backoffDelay(i % 12, policy, random)] as const);
    for (const [attempt, delay] of delays) {
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThan(backoffCeiling(attempt, policy));
    }
    // Spread, not a thundering herd: capped draws cover the window.
    const capped = delays.filter(([a]) => a >= 6).map(([, d]) => d);
    expect(Math.min(...capped)).toBeLessThan(10_000);
    expect(Math.max(...capped)).toBeGreaterThan(50_000);
  });

  it('never goes below the floor, even with a tiny base', () => {
    expect(backoffDelay(0, { baseMs: 10, capMs: 100, minMs: 50 }, () => 0)).toBe(50);
    expect(backoffDelay(0, { baseMs: 10, capMs: 100, minMs: 50 }, () => 0.99)).toBe(50);
  });
});
