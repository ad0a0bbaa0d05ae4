import type { Clock, Logger, TimerHandle } from '../ports.js';
import type { Journal } from './journal-api.js';
import { DEFAULT_RETENTION_DAYS } from './journal-store.js';

const DAY_MS = 86_400_000;

/** Purges delivered actions older than `retentionDays` now and once a day after. */
export function scheduleRetention(
  journal: Pick<Journal, 'purge'>,
  options: { clock: Clock; log: Logger; retentionDays?: number; everyMs?: number },
): { stop(): void } {
  const { clock, log, retentionDays = DEFAULT_RETENTION_DAYS, everyMs = DAY_MS } = options;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const deleted = await journal.purge({ now: clock.now(), retentionDays });
      if (deleted > 0) log.info({ deleted, retentionDays }, 'journal: old delivered actions purged');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'journal: purge failed; will try again');
    }
    if (!stopped) timer = clock.setTimeout(() => void run(), everyMs);
  };
  void run();
  return {
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
