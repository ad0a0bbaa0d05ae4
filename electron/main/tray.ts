import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { configuredReasonLabel, SCREEN_LOCKED, type PresenceReason } from '../core/presence/presence-config.js';
import type { Logger, TrayPort, TrayState, TrayStatus } from '../core/ports.js';
import type { DesktopTexts } from './desktop-texts.js';

export interface TrayActions {
  /** `reason`: a configured reason code. */
  setStatus(status: 'available' | 'not-ready', reason?: string): void;
  openMain(): void;
  openSettings(): void;
  openDashboard(): void;
  quit(): void;
}

/** Everything the tray shows: the core's TrayState but its English tooltip (the tray writes its own). */
export type TrayView = Omit<TrayState, 'tooltip'>;

export interface TrayContext {
  texts: DesktopTexts;
  /** The configured not-ready reasons, in menu order. */
  reasons: readonly PresenceReason[];
  /** Supervisors get the dashboard item. */
  supervisor: boolean;
  /** A problem the operator should know about, e.g. the dial hotkey could not be registered. */
  warning?: string;
}

/** A not-ready reason as the operator reads it: configured label, "Screen locked", or the PBX's own words. */
export function reasonText(view: Pick<TrayView, 'reason' | 'reasonBy'>, { texts, reasons }: Pick<TrayContext, 'texts' | 'reasons'>): string | undefined {
  const { reason, reasonBy } = view;
  if (reason === undefined) return reasonBy === 'pbx' ? texts.t('reason.pbx-no-reason') : undefined;
  const label = reason === SCREEN_LOCKED ? texts.t('reason.screen-locked') : (configuredReasonLabel(reasons, reason, texts.language) ?? reason);
  return reasonBy === 'pbx' ? texts.t('reason.by-pbx', { reason: label }) : label;
}

export function statusText(view: TrayView, context: Pick<TrayContext, 'texts' | 'reasons'>): string {
  const { texts } = context;
  const status = texts.t(view.status === 'error' && view.error === 'journal' ? 'status.journal-error' : `status.${view.status}`);
  const detail =
    view.status === 'not-ready' ? reasonText(view, context) : view.status === 'offline' && view.offline ? texts.t(`offline.${view.offline}`) : undefined;
  return detail ? texts.t('status.detail', { status, detail }) : status;
}

function linksText(view: TrayView, texts: DesktopTexts): string | undefined {
  if (!view.links) return undefined;
  return texts.t('tooltip.links', { pbx: texts.t(`link.${view.links.pbx}`), crm: texts.t(`link.${view.links.crm}`) });
}

const pendingText = (view: TrayView, texts: DesktopTexts): string | undefined =>
  view.pendingSync ? texts.t('sync.pending', { count: view.pendingSync }) : undefined;

/** Windows truncates tray tooltips at 127 characters. */
export const MAX_TOOLTIP = 127;

/** State, links, actions waiting to sync, a warning, demo mode — whole lines, as many as fit. */
export function trayTooltip(view: TrayView, context: TrayContext): string {
  const { texts } = context;
  const lines = [
    `${texts.t('app.name')} — ${statusText(view, context)}`,
    linksText(view, texts),
    pendingText(view, texts),
    context.warning,
    view.demo ? texts.t('mode.demo') : undefined,
  ].filter((l): l is string => l !== undefined);
  let tooltip = lines[0]!.slice(0, MAX_TOOLTIP);
  for (const line of lines.slice(1)) {
    if (tooltip.length + 1 + line.length > MAX_TOOLTIP) break;
    tooltip += `\n${line}`;
  }
  return tooltip;
}

/** The tray menu. Pure: no Electron objects, clicks call `actions`. */
export function buildTrayMenuTemplate(view: TrayView, context: TrayContext, actions: TrayActions): MenuItemConstructorOptions[] {
  const { texts, reasons } = context;
  const status = statusText(view, context);
  const info = (id: string, label: string | undefined): MenuItemConstructorOptions[] => (label ? [{ id, label, enabled: false }] : []);
  const links = linksText(view, texts);
  const notReady = view.status === 'not-ready';
  const configured = notReady && reasons.some((r) => r.code === view.reason) && view.reasonBy !== 'pbx';
  const reasonItems = reasons.map(
    (reason): MenuItemConstructorOptions => ({
      id: `set:not-ready:${reason.code}`,
      label: texts.t('menu.set-not-ready', { reason: reasonText({ reason: reason.code }, context)! }),
      type: 'radio',
      checked: configured && view.reason === reason.code,
      click: () => actions.setStatus('not-ready', reason.code),
    }),
  );
  // A reason set elsewhere (screen locked, a pause made on the PBX) is shown checked; it cannot be picked.
  const elsewhere: MenuItemConstructorOptions[] =
    notReady && !configured
      ? [{ id: 'not-ready:current', label: texts.t('menu.set-not-ready', { reason: reasonText(view, context) ?? '' }), type: 'radio', checked: true, enabled: false }]
      : [];
  return [
    ...info('status', view.extension ? texts.t('menu.status-line', { status, extension: view.extension }) : status),
    ...info('links', links && view.demo ? `${links} · ${texts.t('mode.demo')}` : links),
    ...info('sync', pendingText(view, texts)),
    ...info('warning', context.warning),
    { type: 'separator' },
    {
      id: 'set:available',
      label: texts.t('menu.set-available'),
      type: 'radio',
      checked: view.status === 'available',
      click: () => actions.setStatus('available'),
    },
    ...reasonItems,
    ...elsewhere,
    { type: 'separator' },
    { id: 'open-main', label: texts.t('menu.open-main'), click: () => actions.openMain() },
    ...(context.supervisor ? [{ id: 'open-dashboard', label: texts.t('menu.open-dashboard'), click: () => actions.openDashboard() }] : []),
    { id: 'settings', label: texts.t('menu.settings'), click: () => actions.openSettings() },
    { type: 'separator' },
    { id: 'quit', label: texts.t('menu.quit'), click: () => actions.quit() },
  ];
}

/** Before the core has published anything. */
function startingTemplate(texts: DesktopTexts, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { id: 'status', label: texts.t('menu.starting'), enabled: false },
    { type: 'separator' },
    { id: 'quit', label: texts.t('menu.quit'), click: () => actions.quit() },
  ];
}

export interface TrayOptions extends Omit<TrayContext, 'warning'> {
  iconDir: string;
  actions: TrayActions;
  log: Logger;
}

export interface TrayController extends TrayPort {
  /** Shown in the tooltip and the menu until cleared with undefined. */
  setWarning(warning: string | undefined): void;
  /** Another language (the operator changed it in the settings). */
  setTexts(texts: DesktopTexts): void;
  destroy(): void;
}

export function createTray(options: TrayOptions): TrayController {
  const { iconDir, actions, log } = options;
  const context: TrayContext = { texts: options.texts, reasons: options.reasons, supervisor: options.supervisor };
  const icons = new Map<TrayStatus, NativeImage>();
  const icon = (status: TrayStatus): NativeImage => {
    let image = icons.get(status);
    if (!image) {
      // `<status>@2x.png` next to it is picked up for high-DPI screens.
      image = nativeImage.createFromPath(join(iconDir, `${status}.png`));
      if (image.isEmpty()) log.warn({ status, iconDir }, 'tray icon missing');
      icons.set(status, image);
    }
    return image;
  };

  const tray = new Tray(icon('offline'));
  tray.setToolTip(`${context.texts.t('app.name')} — ${context.texts.t('menu.starting')}`);
  tray.setContextMenu(Menu.buildFromTemplate(startingTemplate(context.texts, actions)));
  tray.on('click', () => actions.openMain());

  let fromCore: TrayState | undefined;
  let shownIcon: TrayStatus | undefined;
  let shownTooltip = '';
  let menuKey = '';

  function render(): void {
    if (!fromCore) return;
    const { tooltip: _english, ...view } = fromCore;
    if (view.status !== shownIcon) {
      tray.setImage(icon(view.status));
      shownIcon = view.status;
    }
    const tooltip = trayTooltip(view, context);
    if (tooltip !== shownTooltip) {
      tray.setToolTip(tooltip);
      shownTooltip = tooltip;
    }
    // Rebuilding an open context menu closes it, so only when what it shows has changed.
    const key = JSON.stringify([view, context.warning, context.texts.language]);
    if (key === menuKey) return;
    menuKey = key;
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(view, context, actions)));
  }

  return {
    update(state) {
      fromCore = state;
      render();
    },
    setWarning(warning) {
      context.warning = warning;
      render();
    },
    setTexts(texts) {
      context.texts = texts;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
