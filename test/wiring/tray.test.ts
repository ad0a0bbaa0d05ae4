import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, Tray, makeReady, nativeImage, resetElectronFake } from '../fakes/electron.js';
import type { TrayState } from '../../electron/core/ports.js';
import { buildTrayMenuTemplate, createTray, type TrayActions } from '../../electron/main/tray.js';
import { recordingLogger, sampleSnapshot } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const ICON_DIR = resolve(import.meta.dirname, '../../resources/tray');
const STATUSES: TrayState['status'][] = ['available', 'not-ready', 'on-call', 'offline', 'error'];

function recordingActions() {
  const calls: unknown[][] = [];
  const actions: TrayActions = {
    setStatus: (...args) => void calls.push(['setStatus', ...args]),
    openMain: () => void calls.push(['openMain']),
    openDashboard: () => void calls.push(['openDashboard']),
    quit: () => void calls.push(['quit']),
  };
  return { actions, calls };
}

const radios = (template: MenuItemConstructorOptions[]) =>
  template.filter((i) => i.type === 'radio').map((i) => ({ label: i.label, checked: i.checked }));

describe('tray menu template', () => {
  it('checks the radio of the current not-ready reason and says so in the status line', () => {
    const { actions } = recordingActions();
    const template = buildTrayMenuTemplate(sampleSnapshot({ status: 'not-ready', reason: 'Lunch' }), actions);
    expect(template[0]).toMatchObject({ enabled: false });
    expect(template[0]!.label).toContain('Not ready');
    expect(template[0]!.label).toContain('Lunch');
    expect(template[0]!.label).toContain('101');
    expect(radios(template)).toEqual([
      { label: 'Available', checked: false },
      { label: 'Not ready — Break', checked: false },
      { label: 'Not ready — Lunch', checked: true },
      { label: 'Not ready — Training', checked: false },
    ]);
  });

  it('checks Available when available, and nothing while on a call', () => {
    const { actions } = recordingActions();
    const available = buildTrayMenuTemplate(sampleSnapshot({ status: 'available' }), actions);
    expect(radios(available).filter((r) => r.checked).map((r) => r.label)).toEqual(['Available']);
    expect(available[0]!.label).toContain('Available');
    const onCall = buildTrayMenuTemplate(sampleSnapshot({ status: 'on-call' }), actions);
    expect(radios(onCall).some((r) => r.checked)).toBe(false);
    expect(onCall[0]!.label).toContain('On a call');
  });

  it('shows a reason set elsewhere (screen locked) as its own checked item', () => {
    const { actions } = recordingActions();
    const template = buildTrayMenuTemplate(sampleSnapshot({ status: 'not-ready', reason: 'screen locked', screenLocked: true }), actions);
    expect(radios(template).filter((r) => r.checked)).toEqual([{ label: 'Not ready — screen locked', checked: true }]);
  });

  it('shows the link state and demo mode', () => {
    const { actions } = recordingActions();
    const template = buildTrayMenuTemplate(sampleSnapshot({}, { links: { pbx: 'down', crm: 'up' } }), actions);
    expect(template[1]).toMatchObject({ label: 'PBX down · CRM up · demo mode', enabled: false });
  });

  it('calls the actions when items are clicked', () => {
    const { actions, calls } = recordingActions();
    const menu = new Menu(buildTrayMenuTemplate(sampleSnapshot({ status: 'not-ready', reason: 'Break' }), actions));
    menu.click('Available');
    menu.click('Not ready — Training');
    menu.click('Open main window');
    menu.click('Open supervisor dashboard');
    menu.click('Quit CTI Launcher');
    expect(calls).toEqual([['setStatus', 'available'], ['setStatus', 'not-ready', 'Training'], ['openMain'], ['openDashboard'], ['quit']]);
    expect(() => menu.click('status')).toThrow(/disabled/);
  });
});

describe('tray icon', () => {
  beforeEach(async () => {
    resetElectronFake();
    await makeReady();
  });

  it('starts offline with a starting menu, then follows TrayState', () => {
    const { actions, calls } = recordingActions();
    const tray = createTray({ iconDir: ICON_DIR, actions, log: recordingLogger() });
    const icon = Tray.created[0]!;
    expect(icon.image.path).toBe(join(ICON_DIR, 'offline.png'));
    expect(icon.tooltip).toMatch(/starting/);
    expect(icon.menu!.item('status').label).toBe('Starting…');

    tray.update({ status: 'on-call', tooltip: 'CTI Launcher — on-call\nPBX: up' });
    expect(icon.image.path).toBe(join(ICON_DIR, 'on-call.png'));
    expect(icon.tooltip).toBe('CTI Launcher — on-call\nPBX: up');
    tray.update({ status: 'error', tooltip: 'CTI Launcher — offline\nPBX: down' });
    expect(icon.image.path).toBe(join(ICON_DIR, 'error.png'));
    expect(icon.tooltip).toContain('PBX: down');

    const before = icon.calls.length;
    tray.update({ status: 'error', tooltip: 'CTI Launcher — offline\nPBX: down' });
    expect(icon.calls.length).toBe(before); // nothing changed, nothing redrawn

    icon.click();
    expect(calls).toEqual([['openMain']]);
  });

  it('rebuilds the menu only when the agent or links change', () => {
    const { actions, calls } = recordingActions();
    const tray = createTray({ iconDir: ICON_DIR, actions, log: recordingLogger() });
    const icon = Tray.created[0]!;
    tray.showSnapshot(sampleSnapshot({ status: 'not-ready', reason: 'Break' }));
    expect(icon.menu!.item('Not ready — Break').checked).toBe(true);
    const built = Menu.built.length;
    tray.showSnapshot(sampleSnapshot({ status: 'not-ready', reason: 'Break' }, { recentCalls: [] }));
    expect(Menu.built.length).toBe(built);
    tray.showSnapshot(sampleSnapshot({ status: 'available' }));
    expect(Menu.built.length).toBe(built + 1);
    icon.menu!.click('Not ready — Lunch');
    expect(calls).toEqual([['setStatus', 'not-ready', 'Lunch']]);
  });

  it('has a 16x16 icon and a 32x32 @2x icon for every status', () => {
    for (const status of STATUSES) {
      expect(nativeImage.createFromPath(join(ICON_DIR, `${status}.png`)).getSize()).toEqual({ width: 16, height: 16 });
      expect(nativeImage.createFromPath(join(ICON_DIR, `${status}@2x.png`)).getSize()).toEqual({ width: 32, height: 32 });
    }
    expect(readdirSync(ICON_DIR).sort()).toEqual(STATUSES.flatMap((s) => [`${s}.png`, `${s}@2x.png`]).sort());
  });

  it('logs a missing icon instead of failing', () => {
    const log = recordingLogger();
    createTray({ iconDir: '/nowhere', actions: recordingActions().actions, log });
    expect(log.warnings()).toEqual(['tray icon missing']);
  });
});
