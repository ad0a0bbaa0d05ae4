import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import type { CardSize, Logger, WindowsPort } from '../core/ports.js';
import { appPageUrl, mainPageUrl, type AppPage, type MainView } from './app-origin.js';
import { CARD_SIZES, cardBounds, cardDisplay, DEFAULT_CARD_PLACEMENT, resizedCardBounds, type CardPlacement } from './card-placement.js';

/** The only place webPreferences are defined: every app window gets exactly these. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

const PAGE_OPTIONS: Record<AppPage, BrowserWindowConstructorOptions> = {
  card: {
    title: 'CTI Launcher — Caller',
    minWidth: CARD_SIZES.compact.width,
    minHeight: CARD_SIZES.compact.height,
    skipTaskbar: true,
    focusable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
  },
  main: { title: 'CTI Launcher', width: 1100, height: 760, minWidth: 720, minHeight: 480 },
  dashboard: { title: 'CTI Launcher — Supervisor dashboard', width: 1280, height: 820, minWidth: 900, minHeight: 560 },
};

/**
 * While a call rings the card floats at 'floating': above every normal and maximised window,
 * yet below the Windows taskbar and the macOS Dock, which 'pop-up-menu' and higher (up to
 * 'screen-saver') cover. A window that appears by itself must not hide the system's own UI.
 */
export const CARD_ON_TOP_LEVEL = 'floating';

export interface AppWindows extends Required<WindowsPort> {
  /** Creates the hidden card window ahead of the first ring. */
  preloadCard(): void;
  /** Shows and focuses the main window (the operator asked for it), on `view` when given. */
  openMain(view?: MainView): void;
  openDashboard(): void;
  /** Whether `contents` belongs to one of the app's live windows. */
  owns(contents: WebContents): boolean;
  /** The webContents of every live app window. */
  liveContents(): WebContents[];
  /** From now on closing the card closes it (otherwise it only hides). */
  prepareToQuit(): void;
}

export interface AppWindowsOptions {
  preload: string;
  log: Logger;
  /** Where the card appears and its first size (config card.display, card.corner, card.size). */
  card?: CardPlacement;
  /**
   * Windows is about to end the session ('query': it asks, the end may still be cancelled;
   * 'end': it will end). powerMonitor's 'shutdown' is Linux/macOS only.
   */
  onSessionEnd?: (phase: 'query' | 'end') => void;
}

export function createAppWindows(options: AppWindowsOptions): AppWindows {
  const { log } = options;
  const placement = options.card ?? DEFAULT_CARD_PLACEMENT;
  const open = new Map<AppPage, BrowserWindow>();
  let quitting = false;
  let cardSize: CardSize = placement.size;
  let ringing = false;
  let pinned = false;
  let warnedMissingDisplay = false;

  const live = (page: AppPage): BrowserWindow | undefined => {
    const win = open.get(page);
    return win && !win.isDestroyed() ? win : undefined;
  };

  function create(page: AppPage, url = appPageUrl(page), extra: BrowserWindowConstructorOptions = {}): BrowserWindow {
    const win = new BrowserWindow({
      ...PAGE_OPTIONS[page],
      ...extra,
      show: false,
      webPreferences: secureWebPreferences(options.preload),
    });
    open.set(page, win);
    win.on('closed', () => {
      if (open.get(page) === win) open.delete(page);
    });
    win.webContents.on('render-process-gone', (_event, details) =>
      log.error({ page, reason: details.reason }, 'a window renderer stopped'),
    );
    win.loadURL(url).catch((err: unknown) => log.error({ page, err: String(err) }, 'a window could not load'));
    return win;
  }

  /** Where a card that is not on screen appears: the configured monitor and corner. */
  function placedCardBounds() {
    const chosen = cardDisplay(screen, placement.display);
    if (chosen.missing && !warnedMissingDisplay) {
      warnedMissingDisplay = true;
      log.warn({ display: placement.display, connected: screen.getAllDisplays().length }, 'card.display names a monitor that is not connected; using the primary one');
    }
    return cardBounds(chosen.display.workArea, placement.corner, cardSize);
  }

  function card(): BrowserWindow {
    const existing = live('card');
    if (existing) return existing;
    const win = create('card', undefined, placedCardBounds());
    win.on('query-session-end', () => options.onSessionEnd?.('query'));
    win.on('session-end', () => options.onSessionEnd?.('end'));
    // The card is reused for every call: closing it only hides it until the app quits.
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win.hide();
    });
    return win;
  }

  /** The card floats above other windows while a call rings, or while the operator keeps it pinned. */
  function keepCardOnTop(win: BrowserWindow): void {
    const onTop = ringing || pinned;
    if (win.isAlwaysOnTop() === onTop) return;
    if (onTop) win.setAlwaysOnTop(true, CARD_ON_TOP_LEVEL);
    else win.setAlwaysOnTop(false);
  }

  /** Opened on request: shows and focuses, the operator asked for it. */
  function bringUp(page: 'main' | 'dashboard', url: string, changeUrl: boolean): void {
    const existing = live(page);
    if (existing) {
      // Same page, another hash: the renderer switches view without reloading.
      if (changeUrl && existing.webContents.getURL() !== url) {
        existing.loadURL(url).catch((err: unknown) => log.error({ page, err: String(err) }, 'a window could not switch view'));
      }
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const win = create(page, url);
    win.once('ready-to-show', () => win.show());
  }

  return {
    preloadCard: () => void card(),
    showCard: ({ ringing: rings = true } = {}) => {
      const win = card();
      // A card already on screen stays where the operator put it.
      if (!win.isVisible()) win.setBounds(placedCardBounds());
      ringing = rings;
      keepCardOnTop(win);
      // Never steals focus from what the operator is typing.
      win.showInactive();
    },
    hideCard: () => {
      const win = live('card');
      if (!win || pinned) return;
      ringing = false;
      keepCardOnTop(win);
      win.hide();
    },
    setCardRinging: (rings) => {
      ringing = rings;
      const win = live('card');
      if (win) keepCardOnTop(win);
    },
    setCardPinned: (pin) => {
      pinned = pin;
      const win = live('card');
      if (win) keepCardOnTop(win);
    },
    setCardSize: (size) => {
      cardSize = size;
      const win = live('card');
      if (!win) return;
      const bounds = win.getBounds();
      win.setBounds(resizedCardBounds(bounds, placement.corner, size, screen.getDisplayMatching(bounds).workArea));
    },
    openMain: (view) => bringUp('main', mainPageUrl(view), view !== undefined),
    openDashboard: () => bringUp('dashboard', appPageUrl('dashboard'), false),
    owns: (contents) => [...open.values()].some((w) => !w.isDestroyed() && w.webContents.id === contents.id),
    liveContents: () => [...open.values()].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
    prepareToQuit: () => {
      quitting = true;
    },
  };
}
