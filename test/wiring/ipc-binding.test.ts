import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, FakeWebContents, ipcMain, makeReady, resetElectronFake } from '../fakes/electron.js';
import { invokeChannelNames, ipcEventName, ipcInvokeName } from '../../shared/contract/channels.js';
import { createContractServer, createEventHub, type ContractHandlers } from '../../shared/contract/rpc.js';
import type { Core } from '../../electron/core/app.js';
import { bindIpc } from '../../electron/main/ipc-binding.js';
import { createAppWindows, type AppWindows } from '../../electron/main/secure-window.js';
import { recordingLogger, sampleSnapshot } from './support.js';
import { stubHandlers } from '../fakes/contract-handlers.js';

vi.mock('electron', () => import('../fakes/electron.js'));

/** A core that is only its contract: the real server and event hub over recording handlers. */
function contractCore() {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const record = (channel: string, input: unknown) => void calls.push({ channel, input });
  const handlers: ContractHandlers = stubHandlers({
    getSnapshot: () => (record('getSnapshot', undefined), sampleSnapshot()),
    setStatus: (input) => (record('setStatus', input), { extension: '101', ...input, screenLocked: false }),
    dial: (input) => (record('dial', input), { callId: 'call-1' }),
    retryLookup: (input) => record('retryLookup', input),
    dismissCall: (input) => record('dismissCall', input),
  });
  const core: Pick<Core, 'server' | 'events'> = { server: createContractServer(handlers), events: createEventHub() };
  return { core, calls };
}

let windows: AppWindows;
let log: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
  log = recordingLogger();
  windows = createAppWindows({ preload: '/p.cjs', log });
});

function mainWindow(): BrowserWindow {
  windows.openMain();
  return BrowserWindow.created.at(-1)!;
}

describe('IPC binding', () => {
  it('registers one handler per contract channel, and only those; the undo removes them', () => {
    const { core } = contractCore();
    const unbind = bindIpc({ core, windows, log });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(invokeChannelNames.map(ipcInvokeName).sort());
    expect(invokeChannelNames.length).toBeGreaterThanOrEqual(5);
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('returns the core result to an app window', async () => {
    const { core, calls } = contractCore();
    bindIpc({ core, windows, log });
    const { webContents } = mainWindow();
    const result = await ipcMain.invoke('cti:invoke:setStatus', { sender: webContents }, { status: 'not-ready', reason: 'Lunch' });
    expect(result).toEqual({ ok: true, value: { extension: '101', status: 'not-ready', reason: 'Lunch', screenLocked: false } });
    expect(calls).toEqual([{ channel: 'setStatus', input: { status: 'not-ready', reason: 'Lunch' } }]);
    expect(await ipcMain.invoke('cti:invoke:dial', { sender: webContents }, { number: '+74951234567' })).toEqual({
      ok: true,
      value: { callId: 'call-1' },
    });
  });

  it('answers bad-input for a bad payload from a valid sender, without calling the core', async () => {
    const { core, calls } = contractCore();
    bindIpc({ core, windows, log });
    const { webContents } = mainWindow();
    const dial = (await ipcMain.invoke('cti:invoke:dial', { sender: webContents }, { number: '123; rm -rf /' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(dial.ok).toBe(false);
    expect(dial.error.code).toBe('bad-input');
    expect(dial.error.message).toMatch(/^dial: number/);
    const extra = await ipcMain.invoke('cti:invoke:setStatus', { sender: webContents }, { status: 'available', admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a foreign page', { frameUrl: 'https://evil.example/' }],
    ['a look-alike host', { frameUrl: 'app://cti.evil/main.html' }],
    ['a file page', { frameUrl: 'file:///C:/Users/op/Downloads/x.html' }],
    ['a frame that is gone', { frameUrl: null }],
  ])('refuses %s with "forbidden" and never reaches the core', async (_what, from) => {
    const { core, calls } = contractCore();
    bindIpc({ core, windows, log });
    const { webContents } = mainWindow();
    const result = await ipcMain.invoke('cti:invoke:dial', { sender: webContents, ...from }, { number: '101' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    expect(log.warnings()).toEqual(['refused an IPC call']);
  });

  it('refuses an app:// page that is not one of the app windows', async () => {
    const { core, calls } = contractCore();
    bindIpc({ core, windows, log });
    const stranger = new FakeWebContents();
    stranger.url = 'app://cti/main.html';
    const result = await ipcMain.invoke('cti:invoke:getSnapshot', { sender: stranger });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('sends core events to every live app window on the event channel', async () => {
    const { core } = contractCore();
    const unbind = bindIpc({ core, windows, log });
    windows.preloadCard();
    const card = BrowserWindow.created[0]!;
    const main = mainWindow();
    const dashboard = (windows.openDashboard(), BrowserWindow.created.at(-1)!);
    dashboard.close();

    const snapshot = sampleSnapshot({ status: 'on-call' });
    core.events.publish('snapshot', snapshot);
    for (const win of [card, main]) {
      expect(win.webContents.sent).toEqual([{ channel: ipcEventName('snapshot'), args: [snapshot] }]);
    }
    expect(dashboard.webContents.sent).toEqual([]);

    // A window that somehow left the app's pages gets nothing.
    main.webContents.url = 'https://example.com/';
    core.events.publish('snapshot', snapshot);
    expect(main.webContents.sent).toHaveLength(1);
    expect(card.webContents.sent).toHaveLength(2);

    unbind();
    core.events.publish('snapshot', snapshot);
    expect(card.webContents.sent).toHaveLength(2);
  });
});
