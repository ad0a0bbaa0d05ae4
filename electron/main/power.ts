import { powerMonitor } from 'electron';
import type { PowerEvent } from '../core/app.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';

/** The core's side: a returned promise settles once the PBX has the "away" pause (or gave up). */
export interface PowerTarget {
  power(event: PowerEvent): unknown;
}

export interface PowerForwardingOptions {
  /** Quits the app (after the core had its chance to pause the agent on the PBX). */
  quit(): void;
  log: Logger;
  clock?: Clock;
  /** How long shutdown waits for the PBX before quitting anyway. */
  graceMs?: number;
}

export const SHUTDOWN_GRACE_MS = 2000;

/**
 * Lock/unlock, sleep and shutdown reach the core's presence policy, which pauses the agent on
 * the PBX before the machine goes away whenever the OS leaves time for it:
 * - 'suspend' is only a notification: the OS does not wait for the app. The pause request is
 *   written to the PBX socket at once (a few milliseconds), which usually makes it; if it does
 *   not, the PBX notices the silent link (AMI keepalive) and the phone's own unregistration.
 * - 'shutdown' (Linux, macOS) can be held: the app asks the OS to wait, gives the core up to
 *   `graceMs` to pause the agent, then quits.
 * - Windows has no 'shutdown' here: see `handleSessionEnd`.
 * Returns the undo.
 */
export function forwardPowerEvents(core: PowerTarget, options: PowerForwardingOptions): () => void {
  const lock = () => core.power('lock-screen');
  const unlock = () => core.power('unlock-screen');
  const suspend = () => core.power('suspend');
  const resume = () => core.power('resume');
  // Electron's typings give this listener no arguments; it gets an event it may prevent.
  const shutdown = (...args: unknown[]) => {
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    void pauseThenQuit(core, options);
  };
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('unlock-screen', unlock);
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('resume', resume);
  powerMonitor.on('shutdown', shutdown);
  return () => {
    powerMonitor.off('lock-screen', lock);
    powerMonitor.off('unlock-screen', unlock);
    powerMonitor.off('suspend', suspend);
    powerMonitor.off('resume', resume);
    powerMonitor.off('shutdown', shutdown);
  };
}

/**
 * Windows' session end, from the card window (see AppWindowsOptions.onSessionEnd). On 'query'
 * the pause goes out at once, while Windows is still asking the other apps (the app does not
 * block the shutdown; if another app cancels it, the operator's next status choice brings them
 * back). On 'end' Windows may stop the process as soon as the handler returns: quit now.
 */
export function handleSessionEnd(core: PowerTarget, options: Pick<PowerForwardingOptions, 'quit' | 'log'>): (phase: 'query' | 'end') => void {
  let paused = false;
  return (phase) => {
    options.log.info({ phase }, 'Windows is ending the session');
    if (!paused) {
      paused = true;
      void core.power('shutdown');
    }
    if (phase === 'end') options.quit();
  };
}

async function pauseThenQuit(core: PowerTarget, options: PowerForwardingOptions): Promise<void> {
  const { log, clock = systemClock, graceMs = SHUTDOWN_GRACE_MS } = options;
  let timer: { cancel(): void } | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = clock.setTimeout(() => resolve('timeout'), graceMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve(core.power('shutdown')).then(() => 'paused' as const), gaveUp]);
    if (outcome === 'timeout') log.warn({ graceMs }, 'shutting down before the PBX confirmed the pause');
  } catch (err) {
    log.warn({ err: String(err) }, 'the PBX pause before shutdown failed');
  } finally {
    timer?.cancel();
  }
  options.quit();
}
