import { app, session, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/ports.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** A page may only navigate to itself (e.g. a reload with another query or hash). */
export function isAllowedNavigation(currentUrl: string, targetUrl: string): boolean {
  try {
    const current = new URL(currentUrl);
    const target = new URL(targetUrl);
    return (
      target.protocol === `${APP_SCHEME}:` &&
      target.host === APP_HOST &&
      current.protocol === target.protocol &&
      current.host === target.host &&
      current.pathname === target.pathname
    );
  } catch {
    return false;
  }
}

/** Web pages a window may send to the operator's browser: the customer in the CRM, a recording. */
export function isExternalWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && url.length <= 2048;
  } catch {
    return false;
  }
}

/**
 * No new windows (http/https links open in the default browser instead), no navigation
 * away, no <webview>, for every webContents the app creates.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) {
      log.info({ url: new URL(url).origin }, 'opening a link in the browser');
      shell.openExternal(url).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'the browser did not open the link'));
    } else {
      log.warn({ url }, 'blocked a new window');
    }
    return { action: 'deny' };
  });
  const guard = (event: Electron.Event<{ url: string }>) => {
    if (isAllowedNavigation(contents.getURL(), event.url)) return;
    event.preventDefault();
    log.warn({ from: contents.getURL(), to: event.url }, 'blocked a navigation');
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({ url: contents.getURL() }, 'blocked a <webview>');
  });
}

/** The renderer needs no camera, microphone, location, devices or any other permission. */
export function denyAllPermissions(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    log.warn({ permission, url: contents.getURL() }, 'denied a permission request');
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** After ready and before the first window. */
export function hardenWebSecurity(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  denyAllPermissions(session.defaultSession, log);
}
