import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEvent, makeReady, powerMonitor, resetElectronFake } from '../fakes/electron.js';
import { FakeClock, flushPromises } from '../fakes/fake-clock.js';
import type { PowerEvent } from '../../electron/core/app.js';
import { forwardPowerEvents, handleSessionEnd, SHUTDOWN_GRACE_MS } from '../../electron/main/power.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

/** A core whose shutdown pause settles when the test says so. */
function coreUnderTest() {
  const seen: PowerEvent[] = [];
  let confirm: () => void = () => {};
  const core = {
    power(event: PowerEvent): Promise<void> | void {
      seen.push(event);
      if (event === 'shutdown') return new Promise<void>((resolve) => (confirm = resolve));
    },
  };
  return { core, seen, confirmPause: () => confirm() };
}

describe('power events', () => {
  it('forwards lock, unlock, suspend and resume to core.power, until undone', () => {
    const { core, seen } = coreUnderTest();
    const undo = forwardPowerEvents(core, { quit: () => {}, log: recordingLogger() });
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    powerMonitor.emit('on-battery'); // not a presence event
    expect(seen).toEqual(['lock-screen', 'unlock-screen', 'suspend', 'resume']);

    undo();
    powerMonitor.emit('lock-screen');
    expect(seen).toHaveLength(4);
    expect(powerMonitor.eventNames()).toEqual([]);
  });

  it('holds a shutdown until the core has paused the agent on the PBX, then quits', async () => {
    const { core, seen, confirmPause } = coreUnderTest();
    const clock = new FakeClock();
    let quits = 0;
    forwardPowerEvents(core, { quit: () => void quits++, log: recordingLogger(), clock });
    const event = fakeEvent();
    powerMonitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true); // the OS waits for us
    expect(seen).toEqual(['shutdown']);
    await flushPromises();
    expect(quits).toBe(0);
    confirmPause();
    await flushPromises();
    expect(quits).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('quits anyway when the PBX does not answer within the grace time', async () => {
    const { core } = coreUnderTest();
    const clock = new FakeClock();
    const log = recordingLogger();
    let quits = 0;
    forwardPowerEvents(core, { quit: () => void quits++, log, clock });
    powerMonitor.emit('shutdown', fakeEvent());
    await clock.advance(SHUTDOWN_GRACE_MS - 1);
    expect(quits).toBe(0);
    await clock.advance(1);
    expect(quits).toBe(1);
    expect(log.warnings()).toEqual(['shutting down before the PBX confirmed the pause']);
  });

  it('quits when the core\'s pause fails, saying so', async () => {
    let quits = 0;
    const log = recordingLogger();
    forwardPowerEvents({ power: () => Promise.reject(new Error('AMI link down')) }, { quit: () => void quits++, log, clock: new FakeClock() });
    powerMonitor.emit('shutdown', fakeEvent());
    await flushPromises();
    expect(quits).toBe(1);
    expect(log.warnings()).toEqual(['the PBX pause before shutdown failed']);
  });
});

describe('Windows session end', () => {
  it('pauses on the query without blocking it, and quits on the end', () => {
    const { core, seen } = coreUnderTest();
    let quits = 0;
    const onSessionEnd = handleSessionEnd(core, { quit: () => void quits++, log: recordingLogger() });
    onSessionEnd('query');
    expect(seen).toEqual(['shutdown']);
    expect(quits).toBe(0); // another app may still cancel the log-off
    onSessionEnd('end');
    expect(seen).toEqual(['shutdown']); // paused once
    expect(quits).toBe(1);
  });

  it('pauses and quits at once when Windows ends the session without asking', () => {
    const { core, seen } = coreUnderTest();
    let quits = 0;
    handleSessionEnd(core, { quit: () => void quits++, log: recordingLogger() })('end');
    expect(seen).toEqual(['shutdown']);
    expect(quits).toBe(1);
  });
});
