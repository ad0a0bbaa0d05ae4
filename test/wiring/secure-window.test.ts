import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, fakeEvent, makeReady, resetElectronFake, screen } from '../fakes/electron.js';
import { cardBounds, type CardPlacement } from '../../electron/main/card-placement.js';
import { createAppWindows, secureWebPreferences } from '../../electron/main/secure-window.js';
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

function windowsUnderTest(card?: CardPlacement, log = recordingLogger()) {
  return createAppWindows({ preload: PRELOAD, log, card });
}

const cardWindow = () => BrowserWindow.created.find((w) => w.webContents.getURL() === 'app://cti/card.html')!;

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

  it('creates the card hidden, small and out of the taskbar, in the bottom-right corner', () => {
    screen.workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    windowsUnderTest().preloadCard();
    const [card] = BrowserWindow.created;
    expect(card!.options).toMatchObject({ show: false, skipTaskbar: true, focusable: true });
    expect(card!.isVisible()).toBe(false);
    expect(card!.isAlwaysOnTop()).toBe(false); // only while a call rings
    const { x, y, width, height } = card!.options;
    expect([x! + width!, y! + height!]).toEqual([1920 - 16, 1040 - 16]); // a 16px margin from the corner
    expect([width, height]).toEqual([420, 560]);
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

  it('floats the card above other windows while a call rings, and only then', () => {
    const windows = windowsUnderTest();
    windows.showCard({ ringing: true });
    const card = cardWindow();
    expect(card.isAlwaysOnTop()).toBe(true);
    expect(card.alwaysOnTopLevel).toBe('floating'); // above app windows, below the taskbar and system dialogs
    windows.setCardRinging(false); // answered: the operator works in other windows again
    expect(card.isAlwaysOnTop()).toBe(false);
    expect(card.isVisible()).toBe(true);
    windows.showCard({ ringing: false }); // shown on request, e.g. from the main window
    expect(card.isAlwaysOnTop()).toBe(false);
    windows.showCard(); // a ring
    expect(card.isAlwaysOnTop()).toBe(true);
    windows.hideCard();
    expect(card.isAlwaysOnTop()).toBe(false);
  });

  it('never stacks cards: every ring reuses the one window', () => {
    const windows = windowsUnderTest();
    for (let i = 0; i < 5; i++) windows.showCard({ ringing: true });
    windows.preloadCard();
    expect(BrowserWindow.created).toHaveLength(1);
    expect(cardWindow().calls).toEqual(Array(5).fill('showInactive'));
  });

  it('keeps a pinned card after the call: hideCard leaves it, on top, until unpinned', () => {
    const windows = windowsUnderTest();
    windows.showCard({ ringing: true });
    windows.setCardPinned(true);
    windows.setCardRinging(false);
    windows.hideCard(); // the core's "call and wrap-up are over"
    const card = cardWindow();
    expect(card.isVisible()).toBe(true);
    expect(card.isAlwaysOnTop()).toBe(true);
    windows.setCardPinned(false);
    expect(card.isAlwaysOnTop()).toBe(false);
    windows.hideCard();
    expect(card.isVisible()).toBe(false);
  });

  it('places the card on the configured monitor and corner each time it appears, not while it is on screen', () => {
    screen.secondary = [{ bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } }];
    const windows = windowsUnderTest({ display: 'cursor', corner: 'top-left', size: 'expanded' });
    screen.cursor = { x: 3000, y: 700 };
    windows.showCard();
    const card = cardWindow();
    expect(card.getBounds()).toEqual({ x: 1920 + 16, y: 16, width: 420, height: 560 });
    card.setBounds({ x: 2500, y: 300 }); // the operator moved it
    screen.cursor = { x: 10, y: 10 };
    windows.showCard(); // a second call while it is on screen
    expect(card.getBounds()).toMatchObject({ x: 2500, y: 300 });
    windows.hideCard();
    windows.showCard(); // the next call: where the pointer is now
    expect(card.getBounds()).toEqual({ x: 16, y: 16, width: 420, height: 560 });
  });

  it('uses a monitor by index (0: the first)', () => {
    screen.secondary = [{ bounds: { x: -1280, y: 0, width: 1280, height: 1024 }, workArea: { x: -1280, y: 0, width: 1280, height: 1024 } }];
    windowsUnderTest({ display: 1, corner: 'bottom-left', size: 'compact' }).showCard();
    expect(cardWindow().getBounds()).toEqual({ x: -1280 + 16, y: 1024 - 240 - 16, width: 380, height: 240 });
  });

  it('uses the primary monitor, warning once, when the configured one is not connected', () => {
    const log = recordingLogger();
    const windows = windowsUnderTest({ display: 3, corner: 'bottom-right', size: 'expanded' }, log);
    windows.showCard();
    windows.hideCard();
    windows.showCard();
    expect(cardWindow().getBounds()).toEqual({ x: 1920 - 420 - 16, y: 1040 - 560 - 16, width: 420, height: 560 });
    expect(log.warnings()).toEqual(['card.display names a monitor that is not connected; using the primary one']);
  });

  it('switches between compact and expanded keeping its corner in place', () => {
    const windows = windowsUnderTest({ display: 'primary', corner: 'bottom-right', size: 'compact' });
    windows.showCard();
    const card = cardWindow();
    expect(card.getBounds()).toEqual({ x: 1920 - 380 - 16, y: 1040 - 240 - 16, width: 380, height: 240 });
    windows.setCardSize('expanded');
    expect(card.getBounds()).toEqual({ x: 1920 - 420 - 16, y: 1040 - 560 - 16, width: 420, height: 560 });
    windows.hideCard();
    windows.showCard(); // the next call keeps the chosen size
    expect(card.getBounds()).toMatchObject({ width: 420, height: 560 });
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

  it('opens the main window on the settings page or on a callback task, switching the view of an open one', () => {
    const windows = windowsUnderTest();
    windows.openMain({ page: 'calls', callbackTaskId: '0190f3a2-7c1e-7000-8000-000000000001' });
    const main = BrowserWindow.created[0]!;
    expect(main.webContents.getURL()).toBe('app://cti/main.html#callback=0190f3a2-7c1e-7000-8000-000000000001');
    windows.openMain({ page: 'settings' });
    expect(BrowserWindow.created).toHaveLength(1);
    expect(main.loadedUrls.at(-1)).toBe('app://cti/main.html#settings');
    windows.openMain(); // no view asked for: the page stays as it is
    expect(main.loadedUrls).toHaveLength(2);
    windows.openMain({ page: 'calls', callbackTaskId: '"><script>' }); // never into a URL
    expect(main.loadedUrls.at(-1)).toBe('app://cti/main.html#calls');
  });

  it('reports Windows asking to end the session and ending it, from the card window', () => {
    const phases: string[] = [];
    createAppWindows({ preload: PRELOAD, log: recordingLogger(), onSessionEnd: (phase) => void phases.push(phase) }).preloadCard();
    cardWindow().emit('query-session-end', fakeEvent({ reasons: ['logoff'] }));
    cardWindow().emit('session-end', fakeEvent({ reasons: ['logoff'] }));
    expect(phases).toEqual(['query', 'end']);
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

describe('card bounds', () => {
  it('stays on a screen too small for it', () => {
    expect(cardBounds({ x: 100, y: 50, width: 300, height: 200 })).toMatchObject({ x: 100, y: 50 });
    expect(cardBounds({ x: 100, y: 50, width: 300, height: 200 }, 'top-left', 'compact')).toMatchObject({ x: 100, y: 50 });
  });
});
