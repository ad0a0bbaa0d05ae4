import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, Tray, makeReady, nativeImage, resetElectronFake } from '../fakes/electron.js';
import type { TrayState } from '../../electron/core/ports.js';
import { DEFAULT_PRESENCE_REASONS } from '../../electron/core/presence/presence-config.js';
import { createDesktopTexts } from '../../electron/main/desktop-texts.js';
import { buildTrayMenuTemplate, createTray, MAX_TOOLTIP, trayTooltip, type TrayActions, type TrayContext, type TrayView } from '../../electron/main/tray.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const ICON_DIR = resolve(import.meta.dirname, '../../resources/tray');
const STATUSES: TrayState['status'][] = ['available', 'not-ready', 'on-call', 'wrap-up', 'offline', 'error'];

function recordingActions() {
  const calls: unknown[][] = [];
  const actions: TrayActions = {
    setStatus: (...args) => void calls.push(['setStatus', ...args]),
    openMain: () => void calls.push(['openMain']),
    openSettings: () => void calls.push(['openSettings']),
    openDashboard: () => void calls.push(['openDashboard']),
    quit: () => void calls.push(['quit']),
  };
  return { actions, calls };
}

const english = createDesktopTexts('en');
const context = (extra: Partial<TrayContext> = {}): TrayContext => ({ texts: english, reasons: DEFAULT_PRESENCE_REASONS, supervisor: false, ...extra });
const online = (view: Partial<TrayView> = {}): TrayView => ({
  status: 'available',
  extension: '101',
  links: { pbx: 'up', crm: 'up' },
  demo: false,
  ...view,
});

const radios = (template: MenuItemConstructorOptions[]) =>
  template.filter((i) => i.type === 'radio').map((i) => ({ label: i.label, checked: i.checked, enabled: i.enabled !== false }));
const ids = (template: MenuItemConstructorOptions[]) => template.filter((i) => i.id).map((i) => i.id);

describe('tray menu', () => {
  it('lists the configured reasons and checks the current one', () => {
    const template = buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'lunch', reasonBy: 'operator' }), context(), recordingActions().actions);
    expect(template[0]).toMatchObject({ id: 'status', label: 'Not ready: Lunch · ext. 101', enabled: false });
    expect(radios(template)).toEqual([
      { label: 'Available', checked: false, enabled: true },
      { label: 'Not ready — Break', checked: false, enabled: true },
      { label: 'Not ready — Lunch', checked: true, enabled: true },
      { label: 'Not ready — Training', checked: false, enabled: true },
    ]);
  });

  it('shows a reason set elsewhere as checked but not pickable: screen locked, or the PBX\'s own', () => {
    const locked = buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'screen-locked', reasonBy: 'lock' }), context(), recordingActions().actions);
    expect(radios(locked).filter((r) => r.checked)).toEqual([{ label: 'Not ready — Screen locked', checked: true, enabled: false }]);
    const supervisor = buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'Coaching', reasonBy: 'pbx' }), context(), recordingActions().actions);
    expect(radios(supervisor).filter((r) => r.checked)).toEqual([{ label: 'Not ready — Coaching (set on the PBX)', checked: true, enabled: false }]);
    expect(supervisor[0]!.label).toBe('Not ready: Coaching (set on the PBX) · ext. 101');
    // Our own code set on the PBX (e.g. by a supervisor tool) is still the PBX's.
    const viaPbx = buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'lunch', reasonBy: 'pbx' }), context(), recordingActions().actions);
    expect(radios(viaPbx).filter((r) => r.checked).map((r) => r.label)).toEqual(['Not ready — Lunch (set on the PBX)']);
  });

  it('checks nothing on a call or in wrap-up; the status line says which', () => {
    for (const status of ['on-call', 'wrap-up'] as const) {
      const template = buildTrayMenuTemplate(online({ status }), context(), recordingActions().actions);
      expect(radios(template).some((r) => r.checked)).toBe(false);
      expect(template[0]!.label).toBe(`${status === 'on-call' ? 'On a call' : 'Wrap-up'} · ext. 101`);
    }
  });

  it('shows links, actions waiting to sync, a warning and demo mode as information lines', () => {
    const template = buildTrayMenuTemplate(
      online({ links: { pbx: 'down', crm: 'up' }, pendingSync: 3, demo: true }),
      context({ warning: 'Hotkey Ctrl+Shift+D is used by another app' }),
      recordingActions().actions,
    );
    expect(template.slice(0, 4).map((i) => [i.id, i.label, i.enabled])).toEqual([
      ['status', 'Available · ext. 101', false],
      ['links', 'PBX disconnected · CRM connected · Demo mode', false],
      ['sync', '3 actions waiting to sync', false],
      ['warning', 'Hotkey Ctrl+Shift+D is used by another app', false],
    ]);
    expect(ids(buildTrayMenuTemplate(online(), context(), recordingActions().actions))).not.toContain('sync');
  });

  it('offers the dashboard to supervisors only', () => {
    expect(ids(buildTrayMenuTemplate(online(), context(), recordingActions().actions))).toEqual([
      'status', 'links', 'set:available', 'set:not-ready:break', 'set:not-ready:lunch', 'set:not-ready:training', 'open-main', 'settings', 'quit',
    ]);
    expect(ids(buildTrayMenuTemplate(online(), context({ supervisor: true }), recordingActions().actions))).toContain('open-dashboard');
  });

  it('calls the actions with reason codes when items are clicked', () => {
    const { actions, calls } = recordingActions();
    const menu = new Menu(buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'break' }), context({ supervisor: true }), actions));
    menu.click('set:available');
    menu.click('Not ready — Training');
    menu.click('open-main');
    menu.click('open-dashboard');
    menu.click('Settings…');
    menu.click('quit');
    expect(calls).toEqual([['setStatus', 'available'], ['setStatus', 'not-ready', 'training'], ['openMain'], ['openDashboard'], ['openSettings'], ['quit']]);
    expect(() => menu.click('status')).toThrow(/disabled/);
  });

  it('speaks Russian and Ukrainian, with configured labels and plural forms', () => {
    const ru = context({ texts: createDesktopTexts('ru') });
    const template = buildTrayMenuTemplate(online({ status: 'not-ready', reason: 'lunch', pendingSync: 5 }), ru, recordingActions().actions);
    expect(template[0]!.label).toBe('Не готов: Обед · вн. 101');
    expect(template.find((i) => i.id === 'sync')!.label).toBe('5 действий ждут синхронизации');
    expect(radios(template).map((r) => r.label)).toEqual(['Доступен', 'Не готов — Перерыв', 'Не готов — Обед', 'Не готов — Обучение']);
    const uk = context({ texts: createDesktopTexts('uk'), reasons: [{ code: 'paperwork', label: { en: 'Paperwork' } }] });
    const ukTemplate = buildTrayMenuTemplate(online({ pendingSync: 2 }), uk, recordingActions().actions);
    expect(radios(ukTemplate).map((r) => r.label)).toEqual(['Доступний', 'Не готовий — Paperwork']); // no Ukrainian label: English
    expect(ukTemplate.find((i) => i.id === 'sync')!.label).toBe('2 дії чекають на синхронізацію');
  });
});

describe('tray tooltip', () => {
  it('names the state, the PBX and CRM links and how many actions wait to sync', () => {
    expect(trayTooltip(online({ status: 'not-ready', reason: 'break', pendingSync: 1 }), context())).toBe(
      'CTI Launcher — Not ready: Break\nPBX connected · CRM connected\n1 action waiting to sync',
    );
    expect(trayTooltip(online({ status: 'offline', offline: 'asleep' }), context())).toMatch(/^CTI Launcher — Offline: computer asleep\n/);
    expect(trayTooltip(online({ status: 'error', error: 'pbx-link', links: { pbx: 'down', crm: 'up' } }), context())).toMatch(/^CTI Launcher — No connection to the PBX\nPBX disconnected/);
    // A journal that cannot save is not blamed on the PBX, which is fine.
    expect(trayTooltip(online({ status: 'error', error: 'journal' }), context())).toMatch(/^CTI Launcher — Actions cannot be saved — see the main window\nPBX connected/);
    expect(trayTooltip(online({ status: 'error', error: 'journal' }), context({ texts: createDesktopTexts('uk') }))).toMatch(/^CTI Launcher — Дії не зберігаються/);
    expect(trayTooltip(online({ status: 'wrap-up' }), context({ texts: createDesktopTexts('ru') }))).toMatch(/^CTI Launcher — Обработка звонка\nАТС: подключено/);
  });

  it('keeps whole lines within the 127 characters Windows shows', () => {
    const tooltip = trayTooltip(
      online({ status: 'not-ready', reason: 'A very long reason typed on the PBX by a supervisor', reasonBy: 'pbx', pendingSync: 12345, demo: true }),
      context({ texts: createDesktopTexts('ru'), warning: 'Сочетание CommandOrControl+Shift+Alt+D занято другой программой' }),
    );
    expect(tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP);
    expect(tooltip.split('\n').every((line) => !line.endsWith('…'))).toBe(true);
    expect(tooltip.split('\n')[0]).toContain('A very long reason');
  });
});

describe('tray icon', () => {
  beforeEach(async () => {
    resetElectronFake();
    await makeReady();
  });

  const trayUnderTest = (extra: Partial<TrayContext> = {}) => {
    const recorded = recordingActions();
    const tray = createTray({ iconDir: ICON_DIR, actions: recorded.actions, log: recordingLogger(), ...context(extra) });
    return { tray, icon: Tray.created[0]!, ...recorded };
  };

  it('starts offline with a starting menu, then follows the core\'s TrayState', () => {
    const { tray, icon, calls } = trayUnderTest();
    expect(icon.image.path).toBe(join(ICON_DIR, 'offline.png'));
    expect(icon.tooltip).toBe('CTI Launcher — Starting…');
    expect(icon.menu!.item('status').label).toBe('Starting…');

    tray.update({ status: 'on-call', tooltip: 'ignored', extension: '101', links: { pbx: 'up', crm: 'up' } });
    expect(icon.image.path).toBe(join(ICON_DIR, 'on-call.png'));
    expect(icon.tooltip).toBe('CTI Launcher — On a call\nPBX connected · CRM connected');
    tray.update({ status: 'wrap-up', tooltip: '', extension: '101', links: { pbx: 'up', crm: 'up' }, pendingSync: 2 });
    expect(icon.image.path).toBe(join(ICON_DIR, 'wrap-up.png'));
    expect(icon.tooltip).toContain('2 actions waiting to sync');

    const before = icon.calls.length;
    tray.update({ status: 'wrap-up', tooltip: '', extension: '101', links: { pbx: 'up', crm: 'up' }, pendingSync: 2 });
    expect(icon.calls.length).toBe(before); // nothing changed, nothing redrawn

    icon.click();
    expect(calls).toEqual([['openMain']]);
  });

  it('rebuilds the menu only when what it shows has changed', () => {
    const { tray, icon, calls } = trayUnderTest();
    const notReady: TrayState = { status: 'not-ready', reason: 'break', reasonBy: 'operator', tooltip: 'x', extension: '101', links: { pbx: 'up', crm: 'up' } };
    tray.update(notReady);
    expect(icon.menu!.item('set:not-ready:break').checked).toBe(true);
    const built = Menu.built.length;
    tray.update({ ...notReady, tooltip: 'other English text' });
    expect(Menu.built.length).toBe(built);
    tray.update({ ...notReady, status: 'available', reason: undefined, reasonBy: undefined });
    expect(Menu.built.length).toBe(built + 1);
    icon.menu!.click('Not ready — Lunch');
    expect(calls).toEqual([['setStatus', 'not-ready', 'lunch']]);
  });

  it('shows a warning in the tooltip and the menu until it is cleared, and switches language', () => {
    const { tray, icon } = trayUnderTest();
    tray.update({ status: 'available', tooltip: '', extension: '101', links: { pbx: 'up', crm: 'up' } });
    tray.setWarning('Hotkey Ctrl+Shift+D is used by another app');
    expect(icon.tooltip.split('\n').at(-1)).toBe('Hotkey Ctrl+Shift+D is used by another app');
    expect(icon.menu!.item('warning').label).toBe('Hotkey Ctrl+Shift+D is used by another app');
    tray.setWarning(undefined);
    expect(icon.tooltip).not.toContain('Hotkey');
    tray.setTexts(createDesktopTexts('uk'));
    expect(icon.menu!.item('status').label).toBe('Доступний · вн. 101');
  });

  it('has a 16x16 icon and a 32x32 @2x icon for every status, and nothing else', () => {
    for (const status of STATUSES) {
      expect(nativeImage.createFromPath(join(ICON_DIR, `${status}.png`)).getSize()).toEqual({ width: 16, height: 16 });
      expect(nativeImage.createFromPath(join(ICON_DIR, `${status}@2x.png`)).getSize()).toEqual({ width: 32, height: 32 });
    }
    expect(readdirSync(ICON_DIR).sort()).toEqual(STATUSES.flatMap((s) => [`${s}.png`, `${s}@2x.png`]).sort());
  });

  it('logs a missing icon instead of failing', () => {
    const log = recordingLogger();
    createTray({ iconDir: '/nowhere', actions: recordingActions().actions, log, ...context() });
    expect(log.warnings()).toEqual(['tray icon missing']);
  });
});
