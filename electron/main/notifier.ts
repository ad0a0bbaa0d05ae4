import { Notification } from 'electron';
import type { Logger, NotificationTarget, NotifierPort } from '../core/ports.js';
import type { DesktopTexts } from './desktop-texts.js';

/**
 * OS notifications (missed calls, call backs due), titled in the operator's language. Clicking
 * one runs `onClick` with the note's target, e.g. its callback task.
 */
export function createNotifier(options: { log: Logger; texts?: () => DesktopTexts; onClick?: (target: NotificationTarget | undefined) => void }): NotifierPort {
  // Kept referenced until closed, or a click could arrive at a collected object.
  const live = new Set<Notification>();
  return {
    notify({ title: english, body, target, kind }) {
      const title = kind && options.texts ? options.texts().t(`notify.${kind}`) : english;
      if (!Notification.isSupported()) {
        options.log.info({ title }, 'notifications are not supported here');
        return;
      }
      const note = new Notification({ title, body });
      live.add(note);
      note.on('click', () => options.onClick?.(target));
      note.on('close', () => live.delete(note));
      note.show();
    },
  };
}
