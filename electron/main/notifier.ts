import { Notification } from 'electron';
import type { Logger, NotificationTarget, NotifierPort } from '../core/ports.js';

/** OS notifications (missed calls). Clicking one runs `onClick` with the note's target, e.g. its callback task. */
export function createNotifier(options: { log: Logger; onClick?: (target: NotificationTarget | undefined) => void }): NotifierPort {
  // Kept referenced until closed, or a click could arrive at a collected object.
  const live = new Set<Notification>();
  return {
    notify({ title, body, target }) {
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
