import { dialog } from 'electron';
import type { WireResult } from '../../shared/contract/bridge.js';
import type { Logger } from '../core/ports.js';
import type { DesktopTexts } from './desktop-texts.js';

/** Where a number to dial came from: a tel:/callto:/sip: link, or the clipboard (the dial hotkey). */
export type DialSource = 'link' | 'clipboard';

export interface DialConfirmationOptions {
  texts: () => DesktopTexts;
  /** Places the call through the core (the `dial` contract channel). */
  dial(number: string): Promise<WireResult>;
  notify(note: { title: string; body: string }): void;
  log: Logger;
}

/**
 * Any program, web page or copied text can hand us a number: it is dialled only after the
 * operator says yes. One question at a time; a request while one is open is dropped.
 * Resolves to whether the call was placed.
 */
export function createDialConfirmation(options: DialConfirmationOptions): (number: string, source: DialSource) => Promise<boolean> {
  let asking = false;
  return async (number, source) => {
    if (asking) {
      options.log.info({ source }, 'a dial request came while another waits for the operator; dropped');
      return false;
    }
    asking = true;
    const texts = options.texts();
    let response: number;
    try {
      ({ response } = await dialog.showMessageBox({
        type: 'question',
        buttons: [texts.t('dial.call'), texts.t('dial.cancel')],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
        title: texts.t('app.name'),
        message: texts.t('dial.question', { number }),
        detail: texts.t(source === 'link' ? 'dial.from-link' : 'dial.from-clipboard'),
      }));
    } finally {
      asking = false;
    }
    if (response !== 0) {
      options.log.info({ source }, 'dial request cancelled by the operator');
      return false;
    }
    const result = await options.dial(number);
    if (!result.ok) options.notify({ title: texts.t('dial.failed'), body: `${number}: ${result.error.message}` });
    return result.ok;
  };
}
