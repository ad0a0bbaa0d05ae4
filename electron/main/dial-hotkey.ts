import { clipboard, globalShortcut } from 'electron';
import type { Logger } from '../core/ports.js';
import type { DesktopTexts } from './desktop-texts.js';
import { dialableFromText } from './tel-links.js';

export interface DialHotkeyOptions {
  /** An Electron accelerator, e.g. "CommandOrControl+Shift+D" (config desktop.dialHotkey). */
  accelerator: string;
  texts: () => DesktopTexts;
  /** Asks the operator, then dials (see dial-confirmation.ts). */
  requestDial(number: string): void;
  notify(note: { title: string; body: string }): void;
  log: Logger;
}

export type HotkeyRegistration = { ok: true; unregister(): void } | { ok: false; problem: string };

/**
 * A desktop-wide key combination that dials the phone number in the clipboard, after showing
 * it. When the combination cannot be had, says why (for the log and the tray) instead of failing.
 */
export function registerDialHotkey(options: DialHotkeyOptions): HotkeyRegistration {
  const { accelerator, log } = options;
  const onPress = () => {
    const text = clipboard.readText();
    const number = dialableFromText(text);
    if (number) {
      options.requestDial(number);
      return;
    }
    // The clipboard may hold anything (a password, too): only its size goes to the log.
    log.info({ clipboardChars: text.length }, 'dial hotkey: no phone number in the clipboard');
    const texts = options.texts();
    options.notify({ title: texts.t('dial.no-number'), body: texts.t('dial.no-number-hint', { accelerator }) });
  };
  let registered: boolean;
  try {
    registered = globalShortcut.register(accelerator, onPress);
  } catch (err) {
    log.warn({ accelerator, err: String(err) }, 'the dial hotkey is not a valid key combination (config desktop.dialHotkey)');
    return { ok: false, problem: options.texts().t('hotkey.invalid', { accelerator }) };
  }
  if (!registered) {
    log.warn({ accelerator }, 'the dial hotkey is taken by another application; choose another in desktop.dialHotkey');
    return { ok: false, problem: options.texts().t('hotkey.taken', { accelerator }) };
  }
  log.info({ accelerator }, 'dial hotkey registered');
  return { ok: true, unregister: () => globalShortcut.unregister(accelerator) };
}
