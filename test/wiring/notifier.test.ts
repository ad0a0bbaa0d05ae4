import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notification, makeReady, resetElectronFake } from '../fakes/electron.js';
import { createNotifier } from '../../electron/main/notifier.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

describe('notifier', () => {
  it('shows an OS notification, and a click runs onClick', () => {
    let clicks = 0;
    createNotifier({ log: recordingLogger(), onClick: () => void clicks++ }).notify({ title: 'Missed call', body: '+7 495 123-45-67' });
    expect(Notification.shown.map((n) => [n.title, n.body])).toEqual([['Missed call', '+7 495 123-45-67']]);
    Notification.shown[0]!.click();
    expect(clicks).toBe(1);
  });

  it('logs instead when the OS has no notifications', () => {
    Notification.supported = false;
    const log = recordingLogger();
    createNotifier({ log }).notify({ title: 'Missed call', body: '101' });
    expect(Notification.shown).toEqual([]);
    expect(log.lines.map((l) => l.msg)).toEqual(['notifications are not supported here']);
  });
});
