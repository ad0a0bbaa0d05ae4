import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle, type WebContents, type WebPreferences } from 'electron';
import type { Logger, WindowsPort } from '../core/ports.js';
import { appPageUrl, type AppPage } from './app-origin.js';

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

export const CARD_SIZE = { width: 420, height: 560 } as const;
const CARD_MARGIN = 16;

/** The card sits in the bottom-right corner of the work area, like a notification. */
export function cardBounds(workArea: Rectangle): Rectangle {
  return {
    width: CARD_SIZE.width,
    height: CARD_SIZE.height,
    x: workArea.x + Math.max(0, workArea.width - CARD_SIZE.width - CARD_MARGIN),
    y: workArea.y + Math.max(0, workArea.height - CARD_SIZE.height - CARD_MARGIN),
  };
}

const PAGE_OPTIONS: Record<AppPage, BrowserWindowConstructorOptions> = {
  card: {
    title: 'CTI Launcher — Caller',
    ...CARD_SIZE,
    minWidth: 320,
    minHeight: 360,
    alwaysOnTop: true,
    skipTaskbar: true,
    focusable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
  },
  main: { title: 'CTI Launcher', width: 1100, height: 760, minWidth: 720, minHeight: 480 },
  dashboard: { title: 'CTI Launcher — Supervisor dashboard', width: 1280, height: 820, minWidth: 900, minHeight: 560 },
};

export interface AppWindows extends WindowsPort {
  /** Creates the hidden card window ahead of the first ring. */
  preloadCard(): void;
  openMain(): void;
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
  /** Windows is logging off or shutting down (powerMonitor's 'shutdown' is Linux/macOS only). */
  onSessionEnd?: () => void;
}

export function createAppWindows(options: AppWindowsOptions): AppWindows {
  const { log } = options;
  const open = new Map<AppPage, BrowserWindow>();
  let quitting = false;

  const live = (page: AppPage): BrowserWindow | undefined => {
    const win = open.get(page);
    return win && !win.isDestroyed() ? win : undefined;
  };

  function create(page: AppPage): BrowserWindow {
    const extra: BrowserWindowConstructorOptions = page === 'card' ? cardBounds(screen.getPrimaryDisplay().workArea) : {};
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
    win.loadURL(appPageUrl(page)).catch((err: unknown) => log.error({ page, err: String(err) }, 'a window could not load'));
    return win;
  }

  function card(): BrowserWindow {
    const existing = live('card');
    if (existing) return existing;
    const win = create('card');
    win.on('session-end', () => options.onSessionEnd?.());
    // The card is reused for every call: closing it only hides it until the app quits.
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win.hide();
    });
    return win;
  }

  /** Opened on request: shows and focuses, the operator asked for it. */
  function bringUp(page: 'main' | 'dashboard'): void {
    const existing = live(page);
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const win = create(page);
    win.once('ready-to-show', () => win.show());
  }

  return {
    preloadCard: () => void card(),
    // Never steals focus from what the operator is typing.
    showCard: () => card().showInactive(),
    hideCard: () => live('card')?.hide(),
    openMain: () => bringUp('main'),
    openDashboard: () => bringUp('dashboard'),
    owns: (contents) => [...open.values()].some((w) => !w.isDestroyed() && w.webContents.id === contents.id),
    liveContents: () => [...open.values()].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
    prepareToQuit: () => {
      quitting = true;
    },
  };
}
