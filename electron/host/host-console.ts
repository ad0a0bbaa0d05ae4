import { createInterface } from 'node:readline';
import type { PowerEvent } from '../core/app.js';
import type { Logger, TrayState } from '../core/ports.js';

const POWER_EVENTS: readonly string[] = ['lock-screen', 'unlock-screen', 'suspend', 'resume', 'shutdown'] satisfies PowerEvent[];

/**
 * The browser host has no lock screen to watch: a line on its standard input stands for one
 * (`lock-screen`, `unlock-screen`, `suspend`, `resume`, `shutdown`) — for tests, kiosks and
 * trying the availability rules by hand. Anything else is ignored with a warning.
 */
export function readPowerEvents(input: NodeJS.ReadableStream, power: (event: PowerEvent) => Promise<void>, log: Logger): () => void {
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (raw) => {
    const line = raw.trim();
    if (line === '') return;
    if (!POWER_EVENTS.includes(line)) {
      log.warn({ line: line.slice(0, 40) }, `unknown input; type one of: ${POWER_EVENTS.join(', ')}`);
      return;
    }
    power(line as PowerEvent).catch((err: unknown) => log.warn({ event: line, err: (err as Error).message }, 'power event not applied'));
  });
  return () => lines.close();
}

/** One line per change of what a tray would show (the browser host has no tray). */
export function trayLine(state: TrayState): string {
  const parts = [`[tray] ${state.status}`];
  if (state.reason) parts.push(`reason=${state.reason}`);
  if (state.reasonBy) parts.push(`by=${state.reasonBy}`);
  if (state.offline) parts.push(`offline=${state.offline}`);
  if (state.links) parts.push(`pbx=${state.links.pbx}`, `crm=${state.links.crm}`);
  parts.push(`pending=${state.pendingSync ?? 0}`);
  return parts.join(' ');
}
