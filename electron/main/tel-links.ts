import type { App } from 'electron';
import type { Logger } from '../core/ports.js';
import { dialableFromLink } from '../../shared/domain/dial-link.js';

// The rules live in shared/ so that the browser host's page applies the very same ones.
export { dialableFromLink, dialableFromText } from '../../shared/domain/dial-link.js';

/** The link schemes the app answers (the same ones dialableFromLink reads). */
export const DIAL_LINK_SCHEMES = ['tel', 'callto', 'sip', 'sips'] as const;

/** The first dial link on a command line (first start, or a second instance's argv). */
export function findDialLink(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const number = dialableFromLink(arg);
    if (number) return number;
  }
  return undefined;
}

type ProtocolApp = Pick<App, 'isPackaged' | 'isDefaultProtocolClient' | 'setAsDefaultProtocolClient'>;

/**
 * Registers the installed app for dial links for the signed-in user (on Windows under
 * HKCU\Software\Classes; Windows 10+ still lets the user pick it in "Default apps").
 * The MSI cannot do it per machine, so every start does it. A development run never
 * claims the links: it would point them at a bare Electron binary. Returns the schemes
 * registered now.
 */
export function registerDialLinkSchemes(app: ProtocolApp, log: Logger): string[] {
  if (!app.isPackaged) {
    log.info('dial links are not registered by a development run');
    return [];
  }
  const registered: string[] = [];
  for (const scheme of DIAL_LINK_SCHEMES) {
    if (app.isDefaultProtocolClient(scheme)) continue;
    if (app.setAsDefaultProtocolClient(scheme)) registered.push(scheme);
    else log.warn({ scheme }, 'cannot register as the handler of these links; the operator can choose CTI Launcher in the system settings');
  }
  if (registered.length > 0) log.info({ schemes: registered }, 'registered as the dial link handler');
  return registered;
}
