import { Notification } from 'electron';
import type { Logger, NotifierPort } from '../core/ports.js';

/** OS notifications (missed calls). Clicking one runs `onClick`, e.g. opens the main window. */
export function createNotifier(options: { log: Logger; onClick?: () => void }): NotifierPort {
  // Kept referenced until closed, or a click could arrive at a collected object.
  const live = new Set<Notification>();
  return {
    notify({ title, body }) {
      if (!Notification.isSupported()) {
        options.log.info({ title }, 'notifications are not supported here');
        return;
      }
      const note = new Notification({ title, body });
      live.add(note);
      note.on('click', () => options.onClick?.());
      note.on('close', () => live.delete(note));
      note.show();
    },
  };
}
