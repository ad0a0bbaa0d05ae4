import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notification, makeReady, resetElectronFake } from '../fakes/electron.js';
import type { NotificationTarget } from '../../electron/core/ports.js';
import { createDesktopTexts } from '../../electron/main/desktop-texts.js';
import { createNotifier } from '../../electron/main/notifier.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

describe('notifier', () => {
  it('shows an OS notification, and a click runs onClick with the note\'s target', () => {
    const clicks: Array<NotificationTarget | undefined> = [];
    const notifier = createNotifier({ log: recordingLogger(), onClick: (target) => void clicks.push(target) });
    notifier.notify({ title: 'Missed call', body: '+7 495 123-45-67', target: { kind: 'callback-task', taskId: 'task-1' } });
    notifier.notify({ title: 'Cannot place the call', body: '101: busy' });
    expect(Notification.shown.map((n) => [n.title, n.body])).toEqual([
      ['Missed call', '+7 495 123-45-67'],
      ['Cannot place the call', '101: busy'],
    ]);
    Notification.shown[1]!.click();
    Notification.shown[0]!.click();
    expect(clicks).toEqual([undefined, { kind: 'callback-task', taskId: 'task-1' }]);
  });

  it('logs instead when the OS has no notifications', () => {
    Notification.supported = false;
    const log = recordingLogger();
    createNotifier({ log }).notify({ title: 'Missed call', body: '101' });
    expect(Notification.shown).toEqual([]);
    expect(log.lines.map((l) => l.msg)).toEqual(['notifications are not supported here']);
  });

  it('titles the app\'s own notifications in the operator\'s language', () => {
    const notifier = createNotifier({ log: recordingLogger(), texts: () => createDesktopTexts('uk') });
    notifier.notify({ kind: 'missed-call', title: 'Missed call', body: '+380 44 123 4567' });
    notifier.notify({ kind: 'callback-due', title: 'Time to call back', body: 'Олена: про повернення' });
    notifier.notify({ title: 'Cannot place the call', body: '101: busy' }); // already in words the caller chose
    expect(Notification.shown.map((n) => n.title)).toEqual(['Пропущений дзвінок', 'Час передзвонити', 'Cannot place the call']);
  });
});
