import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, makeReady, resetElectronFake, screen } from '../fakes/electron.js';
import { cardBounds, createAppWindows, secureWebPreferences } from '../../electron/main/secure-window.js';
import { asWebContents, recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const PRELOAD = '/app/dist/electron/preload.cjs';

const SECURE = {
  preload: PRELOAD,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
};

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

function windowsUnderTest() {
  return createAppWindows({ preload: PRELOAD, log: recordingLogger() });
}

describe('secure windows', () => {
  it('gives every window the secure webPreferences and loads only app:// pages', () => {
    const windows = windowsUnderTest();
    windows.preloadCard();
    windows.openMain();
    windows.openDashboard();
    expect(BrowserWindow.created).toHaveLength(3);
    for (const win of BrowserWindow.created) {
      expect(win.options.webPreferences).toMatchObject(SECURE);
    }
    expect(BrowserWindow.created.map((w) => w.webContents.getURL())).toEqual([
      'app://cti/card.html',
      'app://cti/main.html',
      'app://cti/dashboard.html',
    ]);
    expect(secureWebPreferences('/x.cjs')).toMatchObject({ ...SECURE, preload: '/x.cjs' });
  });

  it('creates the card hidden, small, on top and out of the taskbar, in the bottom-right corner', () => {
    screen.workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    windowsUnderTest().preloadCard();
    const [card] = BrowserWindow.created;
    expect(card!.options).toMatchObject({ show: false, alwaysOnTop: true, skipTaskbar: true, focusable: true });
    expect(card!.isVisible()).toBe(false);
    const { x, y, width, height } = card!.options;
    expect([x! + width!, y! + height!]).toEqual([1920 - 16, 1040 - 16]); // a 16px margin from the corner
    expect(cardBounds({ x: 100, y: 50, width: 300, height: 200 })).toMatchObject({ x: 100, y: 50 }); // tiny screen: stays on it
  });

  it('shows the card with showInactive when the core asks, never show() or focus()', async () => {
    const windows = windowsUnderTest();
    windows.preloadCard();
    const card = BrowserWindow.created[0]!;
    await Promise.resolve(); // ready-to-show has fired; the card must still stay hidden
    expect(card.isVisible()).toBe(false);

    windows.showCard();
    expect(card.isVisible()).toBe(true);
    expect(card.isFocused()).toBe(false);
    expect(card.calls).toEqual(['showInactive']);

    windows.hideCard();
    expect(card.isVisible()).toBe(false);
    expect(BrowserWindow.created).toHaveLength(1); // reused, not recreated
  });

  it('creates the card on the first ring when it was not created ahead', () => {
    const windows = windowsUnderTest();
    windows.showCard();
    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]!.calls).toEqual(['showInactive']);
  });

  it('hides the card when the operator closes it, and closes it for real when quitting', () => {
    const windows = windowsUnderTest();
    windows.showCard();
    const card = BrowserWindow.created[0]!;
    card.close();
    expect(card.isDestroyed()).toBe(false);
    expect(card.isVisible()).toBe(false);

    windows.prepareToQuit();
    card.close();
    expect(card.isDestroyed()).toBe(true);
    windows.showCard(); // a ring after that gets a new card
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('opens the main window when ready to show, and brings back the same one next time', async () => {
    const windows = windowsUnderTest();
    windows.openMain();
    const main = BrowserWindow.created[0]!;
    expect(main.options.show).toBe(false);
    await Promise.resolve();
    expect(main.isVisible()).toBe(true);

    main.minimize();
    windows.openMain();
    expect(BrowserWindow.created).toHaveLength(1);
    expect(main.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);

    main.close();
    windows.openMain();
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('knows which webContents are its own', () => {
    const windows = windowsUnderTest();
    windows.preloadCard();
    windows.openMain();
    const [card, main] = BrowserWindow.created;
    const stranger = new BrowserWindow({});
    expect(windows.owns(asWebContents(card!.webContents))).toBe(true);
    expect(windows.owns(asWebContents(stranger.webContents))).toBe(false);
    main!.close();
    expect(windows.owns(asWebContents(main!.webContents))).toBe(false);
    expect(windows.liveContents().map((c) => c.id)).toEqual([card!.webContents.id]);
  });
});
