import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, FakeWebContents, contextBridge, ipcMain, ipcRenderer, makeReady, resetElectronFake } from '../fakes/electron.js';
import { eventChannelNames, eventMethodName, invokeChannelNames } from '../../shared/contract/channels.js';
import { createContractServer, createEventHub } from '../../shared/contract/rpc.js';
import { ContractError, type CtiApi } from '../../shared/contract/bridge.js';
import { bindIpc } from '../../electron/main/ipc-binding.js';
import { createAppWindows } from '../../electron/main/secure-window.js';
import { recordingLogger, sampleSnapshot } from './support.js';
import { stubHandlers } from '../fakes/contract-handlers.js';

vi.mock('electron', () => import('../fakes/electron.js'));

let cti: CtiApi;

beforeAll(async () => {
  resetElectronFake();
  await makeReady();
  await import('../../electron/preload/index.js');
  cti = contextBridge.exposed.get('cti') as CtiApi;
});

beforeEach(() => {
  ipcMain.handlers.clear();
  ipcRenderer.page = undefined;
  ipcRenderer.invocations.length = 0;
});

/** The page the preload runs in. */
function connectPage(url = 'app://cti/card.html'): FakeWebContents {
  const contents = new FakeWebContents();
  contents.url = url;
  ipcRenderer.page = { sender: contents };
  return contents;
}

describe('preload bridge', () => {
  it('exposes only window.cti, with exactly one method per contract channel', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['cti']);
    const expected = [...invokeChannelNames, ...eventChannelNames.map(eventMethodName)];
    expect(Object.keys(cti).sort()).toEqual(expected.sort());
    expect(expected).toContain('onSnapshot');
    for (const name of expected) expect(typeof (cti as unknown as Record<string, unknown>)[name]).toBe('function');
    expect(Object.isFrozen(cti)).toBe(true);
  });

  it('invokes cti:invoke:<channel> with the payload and returns the value', async () => {
    connectPage();
    ipcMain.handle('cti:invoke:setStatus', (_event, input: { status: string; reason?: string }) => ({
      ok: true,
      value: { extension: '101', status: input.status, reason: input.reason, screenLocked: false },
    }));
    const agent = await cti.setStatus({ status: 'not-ready', reason: 'Break' });
    expect(agent).toEqual({ extension: '101', status: 'not-ready', reason: 'Break', screenLocked: false });
    expect(ipcRenderer.invocations).toEqual([{ channel: 'cti:invoke:setStatus', args: [{ status: 'not-ready', reason: 'Break' }] }]);
  });

  it('turns a refused call into a ContractError with its code', async () => {
    connectPage();
    ipcMain.handle('cti:invoke:dial', () => ({ ok: false, error: { code: 'bad-input', message: 'dial: number: only digits' } }));
    const call = cti.dial({ number: 'abc' });
    await expect(call).rejects.toBeInstanceOf(ContractError);
    await expect(call).rejects.toMatchObject({ code: 'bad-input', message: 'dial: number: only digits' });
  });

  it('reports a broken IPC link as a transport error', async () => {
    connectPage();
    await expect(cti.getSnapshot()).rejects.toMatchObject({ code: 'transport' });
  });

  it('delivers events without the IpcRendererEvent, until unsubscribed', () => {
    const page = connectPage();
    const received: unknown[][] = [];
    const off = cti.onSnapshot((...args: unknown[]) => void received.push(args));
    const snapshot = sampleSnapshot();
    page.send('cti:event:snapshot', snapshot);
    page.send('cti:event:other', 'ignored');
    expect(received).toEqual([[snapshot]]);
    off();
    page.send('cti:event:snapshot', snapshot);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount('cti:event:snapshot')).toBe(0);
  });

  it('reaches the core through the real main-process binding, and is refused from a foreign page', async () => {
    const log = recordingLogger();
    const windows = createAppWindows({ preload: '/p.cjs', log });
    const snapshot = sampleSnapshot({ status: 'not-ready', reason: 'Training' });
    const core = {
      server: createContractServer(
        stubHandlers({
          getSnapshot: () => snapshot,
          setStatus: () => snapshot.agent,
          dial: () => ({ callId: 'x' }),
        }),
      ),
      events: createEventHub(),
    };
    const unbind = bindIpc({ core, windows, log });
    windows.preloadCard();
    const card = BrowserWindow.created.at(-1)!;
    ipcRenderer.page = { sender: card.webContents };
    expect(await cti.getSnapshot()).toEqual(snapshot);
    await expect(cti.dial({ number: 'not a number' })).rejects.toMatchObject({ code: 'bad-input' });

    const pushed: unknown[] = [];
    const off = cti.onSnapshot((s) => void pushed.push(s));
    core.events.publish('snapshot', snapshot);
    expect(pushed).toEqual([snapshot]);
    off();

    ipcRenderer.page = { sender: card.webContents, frameUrl: 'https://evil.example/' };
    await expect(cti.getSnapshot()).rejects.toMatchObject({ code: 'forbidden' });
    unbind();
  });
});
