import type { AppConfig } from '../core/config/schema.js';
import { DEFAULT_PRESENCE_REASONS, type PresenceReason } from '../core/presence/presence-config.js';
import { DEFAULT_CARD_PLACEMENT, type CardPlacement } from './card-placement.js';
import type { LanguageSetting } from './desktop-texts.js';

/** What the desktop glue takes from the configuration (validated there). */
export interface DesktopSettings {
  /** desktop.autostart; undefined leaves the login item as it is. */
  autostart?: boolean;
  /** desktop.startMinimized: a start at login shows only the tray icon. */
  startMinimized: boolean;
  /** desktop.dialHotkey, e.g. "CommandOrControl+Shift+D"; undefined: no hotkey. */
  dialHotkey?: string;
  /** desktop.handleDialLinks: register as the tel:/callto:/sip: handler. */
  handleDialLinks: boolean;
  /** Supervisors get the dashboard in the tray menu. */
  supervisor: boolean;
  card: CardPlacement;
  /** presence.reasons: the not-ready reasons in the tray menu. */
  reasons: readonly PresenceReason[];
  /** ui.language: the tray and dialogs follow it ('system': the OS language). */
  language: LanguageSetting;
}

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  startMinimized: false,
  handleDialLinks: true,
  supervisor: false,
  card: DEFAULT_CARD_PLACEMENT,
  reasons: DEFAULT_PRESENCE_REASONS,
  language: 'system',
};

/** The desktop glue's settings from the validated configuration. */
export function desktopSettingsOf(config: AppConfig): DesktopSettings {
  return {
    ...(config.desktop.autostart === undefined ? {} : { autostart: config.desktop.autostart }),
    startMinimized: config.desktop.startMinimized,
    ...(config.desktop.dialHotkey === undefined ? {} : { dialHotkey: config.desktop.dialHotkey }),
    handleDialLinks: config.desktop.handleDialLinks,
    supervisor: config.agent.role === 'supervisor',
    card: { display: config.card.display, corner: config.card.corner, size: config.card.size },
    reasons: config.presence.reasons,
    language: config.ui.language,
  };
}
