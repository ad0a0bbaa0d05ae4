import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Menu, app, dialog } from 'electron';
import type { InvokeChannel, InvokeInput } from '../../shared/contract/channels.js';
import type { WireResult } from '../../shared/contract/bridge.js';
import type { Core } from '../core/app.js';
import { startCoreService } from '../core/core-service.js';
import { ConfigError, defaultConfigLocations, loadConfig, type LoadedConfig } from '../core/config/load.js';
import { createLogger } from '../core/log.js';
import type { Logger, NotifierPort } from '../core/ports.js';
import { resolveMainPaths, type MainPaths } from './app-paths.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { applyAutostart, opensMainWindowAtStart, startedAtLogin } from './autostart.js';
import { desktopSettingsOf, type DesktopSettings } from './desktop-settings.js';
import { createDesktopTexts, resolveDesktopLanguage, type DesktopTexts } from './desktop-texts.js';
import { createDialConfirmation, type DialSource } from './dial-confirmation.js';
import { registerDialHotkey } from './dial-hotkey.js';
import { bindIpc } from './ipc-binding.js';
import { createNotifier } from './notifier.js';
import { forwardPowerEvents, handleSessionEnd } from './power.js';
import { SafeStorageSecretStore, secretStorageProblem } from './safe-storage-secret-store.js';
import { createAppWindows, type AppWindows } from './secure-window.js';
import { dialableFromLink, findDialLink, registerDialLinkSchemes } from './tel-links.js';
import { createTray, type TrayController } from './tray.js';
import { hardenWebSecurity } from './web-security.js';

export const APP_USER_MODEL_ID = 'com.ctilauncher.app';

export interface StartOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Folder of the main bundle (dist/electron); default: this module's folder. */
  bundleDir?: string;
  /** Electron's resources folder when packaged; default: process.resourcesPath. */
  resourcesPath?: string;
}

export interface RunningApp {
  core: Core;
  windows: AppWindows;
  tray: TrayController;
  notifier: NotifierPort;
  log: Logger;
  paths: MainPaths;
  texts: DesktopTexts;
  /** Asks the operator, then dials (links and the dial hotkey). */
  confirmDial(number: string, source: DialSource): Promise<boolean>;
}

/** Never run half-configured: say what is wrong and exit with 1. */
function refuseToStart(title: string, err: unknown): undefined {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${title}\n${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
  return undefined;
}

/**
 * The Electron app: one instance, config validated before anything starts, then (once ready)
 * protocol, hardening, windows, tray and the core, wired through the typed contract.
 * Resolves to the running app, or undefined when it did not start (and has exited or quit).
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp | undefined> {
  try {
    return await start(options);
  } catch (err) {
    return refuseToStart('CTI Launcher — cannot start', err);
  }
}

async function start(options: StartOptions): Promise<RunningApp | undefined> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const bundleDir = options.bundleDir ?? dirname(fileURLToPath(import.meta.url));

  if (!app.requestSingleInstanceLock()) {
    // The running instance gets our command line through 'second-instance'.
    app.quit();
    return undefined;
  }
  app.setAppUserModelId(APP_USER_MODEL_ID);
  app.enableSandbox(); // every renderer, even one created without our webPreferences
  registerAppScheme();

  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(defaultConfigLocations(app.getPath('userData'), env, platform, argv));
  } catch (err) {
    if (err instanceof ConfigError) return refuseToStart('CTI Launcher — configuration error', err);
    throw err;
  }
  const paths = resolveMainPaths(app, bundleDir, options.resourcesPath ?? process.resourcesPath);
  const log = createLogger({ level: loaded.config.log.level, dir: paths.logs });
  log.info({ version: app.getVersion(), demo: loaded.demo, sources: loaded.sources }, 'starting');

  let running: RunningApp | undefined;
  const pendingDials: string[] = [];
  const dial = (number: string) => {
    if (running) void running.confirmDial(number, 'link');
    else pendingDials.push(number);
  };
  const firstDial = findDialLink(argv);
  if (firstDial) pendingDials.push(firstDial);

  // A tray app: closing every window does not quit.
  app.on('window-all-closed', () => {});
  app.on('second-instance', (_event, commandLine) => {
    const number = findDialLink(commandLine);
    if (number) dial(number);
    else running?.windows.openMain();
  });
  app.on('open-url', (event, url) => {
    const number = dialableFromLink(url);
    if (!number) return;
    event.preventDefault();
    dial(number);
  });

  await app.whenReady();
  const desktop = desktopSettingsOf(loaded.config);
  const showMain = opensMainWindowAtStart({
    atLogin: startedAtLogin(argv, platform),
    startMinimized: desktop.startMinimized,
    dialLink: firstDial !== undefined,
  });
  try {
    running = await launch(loaded, paths, platform, log, desktop);
    if (showMain) running.windows.openMain();
  } catch (err) {
    log.error({ err: err instanceof Error ? err.stack : String(err) }, 'cannot start');
    throw err;
  }
  for (const number of pendingDials.splice(0)) dial(number);
  return running;
}

async function launch(loaded: LoadedConfig, paths: MainPaths, platform: NodeJS.Platform, log: Logger, desktop: DesktopSettings): Promise<RunningApp> {
  if (platform !== 'darwin') Menu.setApplicationMenu(null);
  serveAppProtocol(paths.rendererDir, log);
  hardenWebSecurity(log);
  if (desktop.handleDialLinks) registerDialLinkSchemes(app, log);
  const texts = createDesktopTexts(resolveDesktopLanguage(desktop.language, app.getLocale()));

  let core: Core | undefined;
  let endSession: ((phase: 'query' | 'end') => void) | undefined;
  const windows = createAppWindows({
    preload: paths.preload,
    log,
    card: desktop.card,
    onSessionEnd: (phase) => {
      if (endSession) endSession(phase);
      else if (phase === 'end') app.quit();
    },
  });
  const tray = createTray({
    iconDir: join(paths.resources, 'tray'),
    log,
    texts,
    reasons: desktop.reasons,
    supervisor: desktop.supervisor,
    actions: {
      setStatus: (status, reason) => {
        if (!core) return;
        void command(core, log, 'setStatus', status === 'not-ready' && reason ? { status, reason } : { status: 'available' });
      },
      openMain: () => windows.openMain(),
      openSettings: () => windows.openMain({ page: 'settings' }),
      openDashboard: () => windows.openDashboard(),
      quit: () => app.quit(),
    },
  });
  const notifier = createNotifier({
    log,
    texts: () => texts,
    onClick: (target) => windows.openMain(target ? { page: 'calls', callbackTaskId: target.taskId } : undefined),
  });
  const secretProblem = secretStorageProblem(platform);
  if (secretProblem) log.warn({ problem: secretProblem }, 'passwords cannot be stored on this computer');
  const secrets = new SafeStorageSecretStore(join(paths.userData, 'secrets.json'), platform);

  const started = await startCoreService({ loaded, paths, windows, tray, notifier, secrets, log, version: app.getVersion(), journalWorker: paths.journalWorker });
  core = started;
  const quit = () => app.quit();
  endSession = handleSessionEnd(started, { quit, log });
  const unbindIpc = bindIpc({ core: started, windows, log });
  const unforwardPower = forwardPowerEvents(started, { quit, log });
  windows.preloadCard();

  const confirmDial = createDialConfirmation({
    texts: () => texts,
    dial: (number) => command(started, log, 'dial', { number }),
    notify: (note) => notifier.notify(note),
    log,
  });
  const hotkey = desktop.dialHotkey
    ? registerDialHotkey({
        accelerator: desktop.dialHotkey,
        texts: () => texts,
        requestDial: (number) => void confirmDial(number, 'clipboard'),
        notify: (note) => notifier.notify(note),
        log,
      })
    : undefined;
  if (hotkey && !hotkey.ok) tray.setWarning(hotkey.problem);
  if (desktop.autostart !== undefined) applyAutostart(desktop.autostart, { platform, log });

  let stopping = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    windows.prepareToQuit();
    if (stopped) return;
    // Let the core finish (journal, PBX) before the process goes away.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    unbindIpc();
    unforwardPower();
    if (hotkey?.ok) hotkey.unregister();
    started
      .stop()
      .catch((err: unknown) => log.error({ err: String(err) }, 'the core did not stop cleanly'))
      .finally(() => {
        stopped = true;
        log.info('stopped');
        tray.destroy();
        app.quit();
      });
  });

  log.info({ demo: loaded.demo }, 'started');
  return { core: started, windows, tray, notifier, log, paths, texts, confirmDial };
}

/** Main-process commands go through the same validated contract as the windows. */
async function command<C extends InvokeChannel>(core: Core, log: Logger, channel: C, input: InvokeInput<C>): Promise<WireResult> {
  const result = await core.server.handle(channel, input);
  if (!result.ok) log.warn({ channel, error: result.error }, 'a command from the main process failed');
  return result;
}
