import { app } from 'electron';
import type { Logger } from '../core/ports.js';

/** Added to the command line of the login item, so a start at login can be told from a start by hand. */
export const AT_LOGIN_ARG = '--at-login';

export interface AutostartOptions {
  platform: NodeJS.Platform;
  log: Logger;
  /** Windows: the executable the login item starts; default: this one. */
  execPath?: string;
}

/**
 * Starts the app at login, or stops doing so, as config desktop.autostart says. Windows and
 * macOS have login items; elsewhere the log says how to do it by hand. The login item is only
 * written when it differs from what is registered.
 */
export function applyAutostart(autostart: boolean, { platform, log, execPath = process.execPath }: AutostartOptions): void {
  if (platform !== 'win32' && platform !== 'darwin') {
    if (autostart) log.info({ platform }, `starting at login is not supported here: add a .desktop file that runs the app with ${AT_LOGIN_ARG} to ~/.config/autostart`);
    return;
  }
  // Windows finds its login item by path and arguments, so both are passed every time.
  const item = platform === 'win32' ? { path: execPath, args: [AT_LOGIN_ARG] } : {};
  if (app.getLoginItemSettings(item).openAtLogin === autostart) return;
  app.setLoginItemSettings({ ...item, openAtLogin: autostart });
  log.info({ autostart }, autostart ? 'the app now starts at login' : 'the app no longer starts at login');
}

/** Whether the OS started this run at login (rather than the operator or a dial link). */
export function startedAtLogin(argv: readonly string[], platform: NodeJS.Platform): boolean {
  return argv.includes(AT_LOGIN_ARG) || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
}

/**
 * The main window opens at start, except for a start at login with "start minimized to tray"
 * (config desktop.startMinimized), and for a start by a dial link (the call is what was asked for).
 */
export function opensMainWindowAtStart(start: { atLogin: boolean; startMinimized: boolean; dialLink: boolean }): boolean {
  if (start.dialLink) return false;
  return !(start.atLogin && start.startMinimized);
}
