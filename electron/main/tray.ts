import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { AgentView, AppSnapshot } from '../../shared/contract/schemas.js';
import type { Logger, TrayPort, TrayState } from '../core/ports.js';

export const NOT_READY_REASONS = ['Break', 'Lunch', 'Training'] as const;

export interface TrayActions {
  setStatus(status: 'available' | 'not-ready', reason?: string): void;
  openMain(): void;
  openDashboard(): void;
  quit(): void;
}

const STATUS_LABEL: Record<AgentView['status'], string> = {
  available: 'Available',
  'not-ready': 'Not ready',
  'on-call': 'On a call',
  offline: 'Offline',
};

export function statusLine(agent: AgentView): string {
  return `${STATUS_LABEL[agent.status]}${agent.reason ? ` — ${agent.reason}` : ''} · ext. ${agent.extension}`;
}

/** The tray menu for a snapshot. Pure: no Electron objects, clicks call `actions`. */
export function buildTrayMenuTemplate(snapshot: AppSnapshot, actions: TrayActions): MenuItemConstructorOptions[] {
  const { agent, links } = snapshot;
  const notReady = agent.status === 'not-ready';
  const reasons: string[] = [...NOT_READY_REASONS];
  // A reason set elsewhere (screen locked, paused on the PBX) is shown as the checked one.
  if (notReady && agent.reason && !reasons.includes(agent.reason)) reasons.push(agent.reason);
  return [
    { id: 'status', label: statusLine(agent), enabled: false },
    { id: 'links', label: `PBX ${links.pbx} · CRM ${links.crm}${snapshot.mode === 'demo' ? ' · demo mode' : ''}`, enabled: false },
    { type: 'separator' },
    {
      id: 'set:available',
      label: 'Available',
      type: 'radio',
      checked: agent.status === 'available',
      click: () => actions.setStatus('available'),
    },
    ...reasons.map(
      (reason): MenuItemConstructorOptions => ({
        id: `set:not-ready:${reason}`,
        label: `Not ready — ${reason}`,
        type: 'radio',
        checked: notReady && agent.reason === reason,
        click: () => actions.setStatus('not-ready', reason),
      }),
    ),
    { type: 'separator' },
    { id: 'open-main', label: 'Open main window', click: () => actions.openMain() },
    { id: 'open-dashboard', label: 'Open supervisor dashboard', click: () => actions.openDashboard() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit CTI Launcher', click: () => actions.quit() },
  ];
}

/** Before the core has published anything. */
function startingTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { id: 'status', label: 'Starting…', enabled: false },
    { type: 'separator' },
    { id: 'quit', label: 'Quit CTI Launcher', click: () => actions.quit() },
  ];
}

export interface TrayController extends TrayPort {
  /** Rebuilds the menu when the agent or link state it shows has changed. */
  showSnapshot(snapshot: AppSnapshot): void;
  destroy(): void;
}

/** Windows truncates tray tooltips at 127 characters. */
const MAX_TOOLTIP = 127;

export function createTray(options: { iconDir: string; actions: TrayActions; log: Logger }): TrayController {
  const { iconDir, actions, log } = options;
  const icons = new Map<TrayState['status'], NativeImage>();
  const icon = (status: TrayState['status']): NativeImage => {
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
  tray.setToolTip('CTI Launcher — starting…');
  tray.setContextMenu(Menu.buildFromTemplate(startingTemplate(actions)));
  tray.on('click', () => actions.openMain());

  let shown: TrayState | undefined;
  let menuKey = '';
  return {
    update(state) {
      if (state.status !== shown?.status) tray.setImage(icon(state.status));
      if (state.tooltip !== shown?.tooltip) tray.setToolTip(state.tooltip.slice(0, MAX_TOOLTIP));
      shown = state;
    },
    showSnapshot(snapshot) {
      // Rebuilding an open context menu closes it, so only when what it shows has changed.
      const key = JSON.stringify([snapshot.agent, snapshot.links, snapshot.mode]);
      if (key === menuKey) return;
      menuKey = key;
      tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(snapshot, actions)));
    },
    destroy: () => tray.destroy(),
  };
}
