import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleForNode } from '../integration/journal/bundle-for-node.js';
import {
  BrowserWindow,
  FakeWebContents,
  Menu,
  Notification,
  Tray,
  app,
  clipboard,
  dialog,
  fakeEvent,
  globalShortcut,
  ipcMain,
  powerMonitor,
  protocol,
  resetElectronFake,
  session,
} from '../fakes/electron.js';
import { invokeChannelNames, ipcEventName, ipcInvokeName } from '../../shared/contract/channels.js';
import type { AppSnapshot } from '../../shared/contract/schemas.js';
import { AT_LOGIN_ARG } from '../../electron/main/autostart.js';
import { startApp, type RunningApp, type StartOptions } from '../../electron/main/start-app.js';
import { tempDir } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE_DIR = join(ROOT, 'dist', 'electron');

// The journal's worker bundle, as scripts/build.mjs makes it, so these tests need no full build.
beforeAll(async () => {
  await bundleForNode(join(ROOT, 'electron/core/journal/journal-worker.ts'), BUNDLE_DIR, 'journal-worker');
}, 60_000);

let dir: ReturnType<typeof tempDir>;
let running: RunningApp | undefined;

beforeEach(() => {
  resetElectronFake();
  dir = tempDir('app');
  app.setPath('userData', join(dir.path, 'user-data'));
  app.setPath('logs', join(dir.path, 'logs'));
});

afterEach(async () => {
  if (running && !app.quitted) {
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  }
  running = undefined;
  // The log file opens asynchronously; let it open before its folder goes away.
  const logs = join(dir.path, 'logs');
  if (existsSync(logs)) await vi.waitFor(() => expect(existsSync(join(logs, 'cti-launcher.log'))).toBe(true));
  dir.remove();
});

/** Config from a temp machine file (absent unless written) and the user file in userData. */
/** `desktop` goes into the user's config file, as an operator or IT would set it. */
function options(
  extra: Partial<StartOptions> & { env?: Record<string, string>; desktop?: Record<string, unknown>; config?: Record<string, unknown> } = {},
): StartOptions {
  const config = { ...extra.config, ...(extra.desktop ? { desktop: extra.desktop } : {}) };
  // Named explicitly: with platform 'win32' the default user file would be "<userData>\\config.json".
  const userConfig = Object.keys(config).length > 0 ? { CTI_USER_CONFIG: writeUserConfig(JSON.stringify(config)) } : {};
  return {
    argv: ['cti-launcher', ...(extra.argv ?? [])],
    platform: 'linux',
    bundleDir: BUNDLE_DIR,
    env: {
      CTI_MACHINE_CONFIG: join(dir.path, 'machine-config.json'),
      CTI_CFG__pbx__firstCallSeconds: '3600', // no demo call unless a test asks for one
      ...userConfig,
      ...extra.env,
    },
  };
}

function writeUserConfig(text: string): string {
  const file = join(dir.path, 'user-data', 'config.json');
  mkdirSync(join(dir.path, 'user-data'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function start(opts = options()): Promise<RunningApp> {
  const started = await startApp(opts);
  expect(dialog.errorBoxes).toEqual([]);
  expect(started).toBeDefined();
  running = started;
  return started!;
}

const card = () => BrowserWindow.created.find((w) => w.webContents.getURL() === 'app://cti/card.html')!;
const mainWindow = () => BrowserWindow.created.find((w) => w.webContents.getURL().startsWith('app://cti/main.html'));
const trayMenu = () => Tray.created[0]!.menu!;

describe('startApp', () => {
  it('quits at once when another instance already runs, touching nothing else', async () => {
    app.singleInstanceLock = false;
    expect(await startApp(options())).toBeUndefined();
    expect(app.quitCalls).toBe(1);
    expect(app.isReady()).toBe(false);
    expect(protocol.privileged).toEqual([]);
    expect(BrowserWindow.created).toEqual([]);
    expect(Tray.created).toEqual([]);
    expect(dialog.errorBoxes).toEqual([]);
  });

  it.each([
    ['an invalid value and an unknown key', '{ "agent": { "extension": "abc" }, "pbx": { "type": "demo", "ringTone": 1 } }', ['agent.extension', 'pbx.ringTone']],
    ['broken JSON', '{ "agent": ', ['is not valid JSON']],
  ])('refuses to start on %s: error box with every problem, exit code 1', async (_what, text, expected) => {
    const file = writeUserConfig(text);
    expect(await startApp(options())).toBeUndefined();
    expect(dialog.errorBoxes).toHaveLength(1);
    const [box] = dialog.errorBoxes;
    expect(box!.title).toBe('CTI Launcher — configuration error');
    expect(box!.content).toContain(file);
    for (const part of expected) expect(box!.content).toContain(part);
    expect(app.exitCode).toBe(1);
    expect(app.isReady()).toBe(false); // never started half-configured
    expect(BrowserWindow.created).toEqual([]);
    expect(Tray.created).toEqual([]);
  });

  it('refuses to start with an error box when the core cannot boot', async () => {
    writeFileSync(join(dir.path, 'not-a-folder'), '');
    const startedApp = await startApp(options({ env: { CTI_CFG__crm__path: join(dir.path, 'not-a-folder', 'crm.sqlite') } }));
    expect(startedApp).toBeUndefined();
    expect(dialog.errorBoxes.map((b) => b.title)).toEqual(['CTI Launcher — cannot start']);
    expect(app.exitCode).toBe(1);
  });

  it('starts a hardened app: protocol, hidden secure card, main window, tray, IPC for every channel', async () => {
    await start();
    expect(app.userModelId).toBe('com.ctilauncher.app');
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(protocol.isProtocolHandled('app')).toBe(true);
    expect(Menu.applicationMenu).toBeNull();

    expect(BrowserWindow.created).toHaveLength(2);
    const cardWindow = card();
    expect(cardWindow.isVisible()).toBe(false);
    await vi.waitFor(() => expect(mainWindow()!.isVisible()).toBe(true)); // started by hand: the operator sees the app
    expect(cardWindow.options.webPreferences).toMatchObject({
      preload: join(BUNDLE_DIR, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });

    expect([...ipcMain.handlers.keys()].sort()).toEqual(invokeChannelNames.map(ipcInvokeName).sort());
    const page = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), page);
    expect(page.openWindow('https://example.com')).toEqual({ action: 'deny' });
    expect(await session.defaultSession.requestPermission(page, 'media')).toBe(false);

    expect(Tray.created).toHaveLength(1);
    expect(Tray.created[0]!.image.path).toBe(join(ROOT, 'resources', 'tray', 'available.png'));
    expect(trayMenu().item('status').label).toContain('Available');
    expect(trayMenu().item('set:available').checked).toBe(true);
    expect(Tray.created[0]!.tooltip).toMatch(/^CTI Launcher — Available\nPBX connected · CRM connected/);
  });

  it('starts to the tray only when started at login with startMinimized', async () => {
    await start(options({ argv: [AT_LOGIN_ARG], desktop: { startMinimized: true } }));
    expect(BrowserWindow.created.map((w) => w.webContents.getURL())).toEqual(['app://cti/card.html']);
  });

  it('offers the configured not-ready reasons in the tray, and the dashboard to supervisors only', async () => {
    await start(
      options({
        config: {
          agent: { role: 'supervisor' },
          presence: { reasons: [{ code: 'meeting', label: { en: 'Team meeting', ru: 'Планёрка' } }] },
        },
      }),
    );
    expect(trayMenu().item('set:not-ready:meeting').label).toBe('Not ready — Team meeting');
    expect(() => trayMenu().item('set:not-ready:lunch')).toThrow();
    trayMenu().click('open-dashboard');
    expect(BrowserWindow.created.map((w) => w.webContents.getURL())).toContain('app://cti/dashboard.html');
  });

  it('speaks the OS language in the tray unless the config says otherwise', async () => {
    app.locale = 'ru-RU';
    await start();
    expect(trayMenu().item('status').label).toBe('Доступен · вн. 101');
    expect(trayMenu().item('set:not-ready:lunch').label).toBe('Не готов — Обед');
  });

  it('opens the settings page from the tray, and the callback task from a notification', async () => {
    const { notifier } = await start(options({ argv: [AT_LOGIN_ARG], desktop: { startMinimized: true } }));
    trayMenu().click('settings');
    expect(mainWindow()!.webContents.getURL()).toBe('app://cti/main.html#settings');
    notifier.notify({ title: 'Missed call', body: '+7 495 123-45-67', target: { kind: 'callback-task', taskId: 'task-7' } });
    Notification.shown.at(-1)!.click();
    expect(mainWindow()!.loadedUrls.at(-1)).toBe('app://cti/main.html#callback=task-7');
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('dials the number in the clipboard with the hotkey, after the operator confirms', async () => {
    const { core } = await start(options({ desktop: { dialHotkey: 'CommandOrControl+Shift+D' } }));
    clipboard.text = '+7 (495) 765-43-21';
    globalShortcut.press('CommandOrControl+Shift+D');
    await vi.waitFor(() => expect(core.snapshot().activeCalls.map((c) => c.remote.raw)).toContain('+74957654321'));
    expect(dialog.messageBoxes.map((b) => b.message)).toEqual(['Call +74957654321?']);
  });

  it('warns in the tray, and keeps running, when the hotkey is taken', async () => {
    globalShortcut.takenByOthers.add('CommandOrControl+Shift+D');
    await start(options({ desktop: { dialHotkey: 'CommandOrControl+Shift+D' } }));
    expect(Tray.created[0]!.tooltip).toContain('Hotkey CommandOrControl+Shift+D is used by another app');
    expect(trayMenu().item('warning').label).toBe('Hotkey CommandOrControl+Shift+D is used by another app');
  });

  it('registers the app to start at login as the config says', async () => {
    await start({ ...options({ desktop: { autostart: true } }), platform: 'win32' });
    expect(app.loginItemCalls).toEqual([{ path: process.execPath, args: [AT_LOGIN_ARG], openAtLogin: true }]);
  });

  it('leaves the login item alone when the config says nothing about it', async () => {
    await start({ ...options(), platform: 'win32' });
    expect(app.loginItemCalls).toEqual([]);
  });

  it('keeps running in the tray when every window is closed', async () => {
    await start();
    card().close();
    expect(card().isDestroyed()).toBe(false); // the card only hides
    mainWindow()!.close();
    card().destroy(); // e.g. torn down after its renderer crashed: no window is left
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    expect(app.quitCalls).toBe(0);
  });

  it('shows the main window when a second instance starts', async () => {
    await start();
    app.emit('second-instance', fakeEvent(), ['cti-launcher'], dir.path, {});
    const main = BrowserWindow.created.find((w) => w.webContents.getURL() === 'app://cti/main.html');
    expect(main).toBeDefined();
    await vi.waitFor(() => expect(main!.isVisible()).toBe(true));
  });

  it('pops the card without focus when the phone rings, and tells every window', async () => {
    await start(options({ env: { CTI_CFG__pbx__firstCallSeconds: '0' } }));
    const cardWindow = card();
    await vi.waitFor(() => expect(cardWindow.isVisible()).toBe(true));
    expect(cardWindow.calls).toContain('showInactive');
    expect(cardWindow.calls).not.toContain('show');
    expect(cardWindow.calls).not.toContain('focus');
    await vi.waitFor(() => {
      const snapshots = cardWindow.webContents.sent.filter((m) => m.channel === ipcEventName('snapshot'));
      expect(snapshots.some((m) => (m.args[0] as AppSnapshot).activeCalls.length > 0)).toBe(true);
    });
  });

  it('sets the operator not ready on screen lock and restores on unlock; the tray follows', async () => {
    const { core } = await start();
    trayMenu().click('Not ready — Lunch');
    await vi.waitFor(() => expect(core.snapshot().agent).toMatchObject({ status: 'not-ready', reason: 'lunch' }));

    powerMonitor.emit('lock-screen');
    expect(core.snapshot().agent).toMatchObject({ status: 'not-ready', screenLocked: true });
    await vi.waitFor(() => expect(trayMenu().item('status').label).toMatch(/screen.locked/i));
    expect(trayMenu().item('set:not-ready:lunch').checked).toBe(false);
    expect(Tray.created[0]!.image.path).toMatch(/not-ready\.png$/);

    powerMonitor.emit('unlock-screen');
    expect(core.snapshot().agent).toMatchObject({ status: 'not-ready', reason: 'lunch', screenLocked: false });
    await vi.waitFor(() => expect(trayMenu().item('set:not-ready:lunch').checked).toBe(true));
  });

  it('dials a tel: link from its command line, and from a second instance', async () => {
    const { core } = await start(options({ argv: ['tel:+7 (495) 123-45-67'] }));
    const outbound = () => core.snapshot().activeCalls.filter((c) => c.direction === 'outbound').map((c) => c.remote.raw);
    await vi.waitFor(() => expect(outbound()).toEqual(['+74951234567']));
    app.emit('second-instance', fakeEvent(), ['cti-launcher', 'callto:+44 20 7946 0958'], dir.path, {});
    await vi.waitFor(() => expect(outbound()).toContain('+442079460958'));
    expect(dialog.messageBoxes.map((b) => b.message)).toEqual(['Call +74951234567?', 'Call +442079460958?']);
    expect(BrowserWindow.created).toHaveLength(1); // no main window for a dial link
  });

  it('registers an installed app as the handler of dial links, unless the config says not to', async () => {
    // Packaged: resources/ sits in Electron's resources folder, the renderer in the app folder.
    const packaged = { resourcesPath: ROOT };
    app.isPackaged = true;
    app.appPath = ROOT;
    await start({ ...options(), ...packaged });
    expect([...app.protocolClients].sort()).toEqual(['callto', 'sip', 'sips', 'tel']);
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));

    resetElectronFake();
    app.setPath('userData', join(dir.path, 'user-data'));
    app.setPath('logs', join(dir.path, 'logs'));
    app.isPackaged = true;
    app.appPath = ROOT;
    await start({ ...options({ desktop: { handleDialLinks: false } }), ...packaged });
    expect(app.protocolClients.size).toBe(0);
  });

  it('does not dial a link the operator cancels', async () => {
    const { core } = await start();
    dialog.answer = 1;
    app.emit('second-instance', fakeEvent(), ['cti-launcher', 'tel:+74951234567'], dir.path, {});
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(core.snapshot().activeCalls.filter((c) => c.direction === 'outbound')).toEqual([]);
  });

  it('quits cleanly when Windows ends the session (powerMonitor has no shutdown there)', async () => {
    const { core } = await start({ ...options(), platform: 'win32' });
    const power = vi.spyOn(core, 'power');
    card().emit('query-session-end', fakeEvent({ reasons: ['shutdown'] }));
    expect(power.mock.calls).toEqual([['shutdown']]); // the PBX pause goes out while Windows asks
    expect(app.quitCalls).toBe(0);
    card().emit('session-end', fakeEvent({ reasons: ['shutdown'] }));
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(await core.server.handle('dial', { number: '101' })).toMatchObject({ ok: false });
  });

  it('stops the core before quitting, then closes the card for real', async () => {
    const { core } = await start();
    app.quit();
    expect(app.quitted).toBe(false); // held until the core has stopped
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    // The PBX link is closed: the core cannot place calls any more.
    expect(await core.server.handle('dial', { number: '101' })).toMatchObject({ ok: false, error: { message: /not connected/ } });
    expect(card().isDestroyed()).toBe(true);
    expect(Tray.created[0]!.isDestroyed()).toBe(true);
    expect(ipcMain.handlers.size).toBe(0);
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });
});
