import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, makeReady, resetElectronFake } from '../fakes/electron.js';
import { applyAutostart, AT_LOGIN_ARG, opensMainWindowAtStart, startedAtLogin } from '../../electron/main/autostart.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const EXE = 'C:\\Program Files\\CTI Launcher\\CTI Launcher.exe';

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

describe('autostart at login', () => {
  it('registers the login item on Windows with the marker argument, and removes it', () => {
    const log = recordingLogger();
    applyAutostart(true, { platform: 'win32', log, execPath: EXE });
    expect(app.loginItemCalls).toEqual([{ path: EXE, args: [AT_LOGIN_ARG], openAtLogin: true }]);
    applyAutostart(true, { platform: 'win32', log, execPath: EXE });
    expect(app.loginItemCalls).toHaveLength(1); // already registered: nothing written
    applyAutostart(false, { platform: 'win32', log, execPath: EXE });
    expect(app.loginItemCalls.at(-1)).toEqual({ path: EXE, args: [AT_LOGIN_ARG], openAtLogin: false });
    expect(log.lines.map((l) => l.msg)).toEqual(['the app now starts at login', 'the app no longer starts at login']);
  });

  it('uses a plain login item on macOS', () => {
    applyAutostart(true, { platform: 'darwin', log: recordingLogger() });
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true }]);
  });

  it('says how to do it by hand where there are no login items', () => {
    const log = recordingLogger();
    applyAutostart(true, { platform: 'linux', log });
    expect(app.loginItemCalls).toEqual([]);
    expect(log.lines[0]!.msg).toContain('~/.config/autostart');
    applyAutostart(false, { platform: 'linux', log });
    expect(log.lines).toHaveLength(1);
  });

  it('tells a start at login from a start by hand', () => {
    expect(startedAtLogin([EXE, AT_LOGIN_ARG], 'win32')).toBe(true);
    expect(startedAtLogin([EXE], 'win32')).toBe(false);
    app.wasOpenedAtLogin = true;
    expect(startedAtLogin(['/Applications/CTI Launcher.app'], 'darwin')).toBe(true);
  });

  it('opens the main window at start unless minimized at login, or started for a call', () => {
    expect(opensMainWindowAtStart({ atLogin: false, startMinimized: true, dialLink: false })).toBe(true); // started by hand
    expect(opensMainWindowAtStart({ atLogin: true, startMinimized: false, dialLink: false })).toBe(true);
    expect(opensMainWindowAtStart({ atLogin: true, startMinimized: true, dialLink: false })).toBe(false);
    expect(opensMainWindowAtStart({ atLogin: false, startMinimized: false, dialLink: true })).toBe(false);
  });
});
