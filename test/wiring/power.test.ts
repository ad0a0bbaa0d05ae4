import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeReady, powerMonitor, resetElectronFake } from '../fakes/electron.js';
import type { PowerEvent } from '../../electron/core/app.js';
import { forwardPowerEvents } from '../../electron/main/power.js';

vi.mock('electron', () => import('../fakes/electron.js'));

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

describe('power events', () => {
  it('forwards lock, unlock, suspend, resume and shutdown to core.power, until undone', () => {
    const seen: PowerEvent[] = [];
    const undo = forwardPowerEvents({ power: (event) => void seen.push(event) });
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    powerMonitor.emit('shutdown', { preventDefault() {} });
    powerMonitor.emit('on-battery'); // not a presence event
    expect(seen).toEqual(['lock-screen', 'unlock-screen', 'suspend', 'resume', 'shutdown']);

    undo();
    powerMonitor.emit('lock-screen');
    expect(seen).toHaveLength(5);
    expect(powerMonitor.eventNames()).toEqual([]);
  });
});
