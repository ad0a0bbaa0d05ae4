import type { JournalSync } from '../../../electron/core/journal/journal-sync.js';
import type { FakeClock } from '../../fakes/fake-clock.js';

const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Real HTTP on loopback, backoff on a fake clock: whenever the sync is waiting, time jumps to
 * its next attempt, so Retry-After and backoff are honoured without the test sleeping through them.
 */
export async function pumpUntilDelivered(sync: JournalSync, clock: FakeClock, maxRounds = 2_000): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const stats = await sync.stats();
    if (stats.pending === 0 && stats.state === 'idle') return;
    if (stats.state === 'sending') await realPause(2);
    else await clock.advance(stats.retryAt ? stats.retryAt - clock.now() : 1_000);
  }
  throw new Error(`not delivered after ${maxRounds} rounds: ${JSON.stringify(await sync.stats())}`);
}
