import { powerMonitor } from 'electron';
import type { Core } from '../core/app.js';

/** OS lock/unlock, sleep and shutdown reach the core's presence policy. Returns the undo. */
export function forwardPowerEvents(core: Pick<Core, 'power'>): () => void {
  const lock = () => core.power('lock-screen');
  const unlock = () => core.power('unlock-screen');
  const suspend = () => core.power('suspend');
  const resume = () => core.power('resume');
  const shutdown = () => core.power('shutdown');
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
