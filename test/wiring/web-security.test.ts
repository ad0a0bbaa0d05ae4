import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, app, fakeEvent, makeReady, resetElectronFake, session, shell } from '../fakes/electron.js';
import { hardenWebSecurity, isAllowedNavigation } from '../../electron/main/web-security.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

let log: ReturnType<typeof recordingLogger>;

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
  log = recordingLogger();
  hardenWebSecurity(log);
});

/** A page as Electron announces it to the app ('web-contents-created'). */
function page(url = 'app://cti/main.html'): FakeWebContents {
  const contents = new FakeWebContents();
  contents.url = url;
  app.emit('web-contents-created', fakeEvent(), contents);
  return contents;
}

describe('web security for every webContents', () => {
  it('denies window.open; a web link (the customer in the CRM) opens in the browser instead', () => {
    const contents = page();
    expect(contents.openWindow('https://crm.example.com/contacts/42')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://cti/main.html')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.openWindow('tel:+74951234567')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://user:secret@crm.example.com/')).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://crm.example.com/contacts/42']);
    expect(log.warnings()).toContain('blocked a new window');
  });

  it('prevents navigation and redirects away from the page', () => {
    const contents = page('app://cti/card.html');
    expect(contents.navigate('https://example.com/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('app://cti/dashboard.html')).toBe(false);
    expect(contents.navigate('app://cti.evil/card.html')).toBe(false);
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(false);
    expect(contents.getURL()).toBe('app://cti/card.html');
    expect(log.warnings().filter((w) => w === 'blocked a navigation')).toHaveLength(5);
  });

  it('lets a page reload itself with another query or hash', () => {
    const contents = page('app://cti/main.html');
    expect(contents.navigate('app://cti/main.html?tab=recent#top')).toBe(true);
  });

  it('prevents <webview>', () => {
    expect(page().attachWebview('https://example.com/')).toBe(false);
  });

  it('denies every permission request and check', async () => {
    const contents = page();
    const ses = session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture'] as const) {
      expect(await ses.requestPermission(contents, permission)).toBe(false);
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'hid', 'usb'] as const) {
      expect(ses.checkPermission(contents, permission)).toBe(false);
    }
    expect(ses.checkDevicePermission(contents)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    ['app://cti/main.html', 'app://cti/main.html#calls', true],
    ['app://cti/main.html', 'app://cti/main.html?x=1', true],
    ['app://cti/main.html', 'app://cti/card.html', false],
    ['app://cti/main.html', 'app://other/main.html', false],
    ['app://cti/main.html', 'https://cti/main.html', false],
    ['https://example.com/main.html', 'https://example.com/main.html', false],
    ['', 'app://cti/main.html', false],
    ['app://cti/main.html', 'not a url', false],
  ])('%s -> %s: %s', (from, to, allowed) => {
    expect(isAllowedNavigation(from, to)).toBe(allowed);
  });
});
