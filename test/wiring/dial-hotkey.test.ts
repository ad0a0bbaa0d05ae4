import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard, dialog, globalShortcut, makeReady, resetElectronFake } from '../fakes/electron.js';
import type { WireResult } from '../../shared/contract/bridge.js';
import { createDesktopTexts } from '../../electron/main/desktop-texts.js';
import { createDialConfirmation } from '../../electron/main/dial-confirmation.js';
import { registerDialHotkey } from '../../electron/main/dial-hotkey.js';
import { recordingLogger } from './support.js';

vi.mock('electron', () => import('../fakes/electron.js'));

const HOTKEY = 'CommandOrControl+Shift+D';

beforeEach(async () => {
  resetElectronFake();
  await makeReady();
});

function setup(language: 'en' | 'ru' = 'en', dialResult: WireResult = { ok: true, value: { callId: 'c1' } }) {
  const dialled: string[] = [];
  const notes: Array<{ title: string; body: string }> = [];
  const log = recordingLogger();
  const texts = createDesktopTexts(language);
  const confirm = createDialConfirmation({
    texts: () => texts,
    dial: async (number) => {
      dialled.push(number);
      return dialResult;
    },
    notify: (note) => void notes.push(note),
    log,
  });
  const requests: Array<Promise<boolean>> = [];
  const registration = registerDialHotkey({
    accelerator: HOTKEY,
    texts: () => texts,
    requestDial: (number) => void requests.push(confirm(number, 'clipboard')),
    notify: (note) => void notes.push(note),
    log,
  });
  return { dialled, notes, log, registration, confirm, settled: () => Promise.all(requests) };
}

describe('dial hotkey', () => {
  it('shows the number from the clipboard and dials it once the operator agrees', async () => {
    const { dialled, registration, settled } = setup();
    expect(registration.ok).toBe(true);
    clipboard.text = ' +7 (495) 123-45-67 ';
    globalShortcut.press(HOTKEY);
    await settled();
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0]).toMatchObject({
      type: 'question',
      message: 'Call +74951234567?',
      detail: 'This number was in the clipboard.',
      buttons: ['Call', 'Cancel'],
      cancelId: 1,
    });
    expect(dialled).toEqual(['+74951234567']);
  });

  it('does not dial when the operator cancels', async () => {
    const { dialled, settled } = setup();
    dialog.answer = 1;
    clipboard.text = '101';
    globalShortcut.press(HOTKEY);
    expect(await settled()).toEqual([false]);
    expect(dialled).toEqual([]);
  });

  it('says there is no number, without dialling or logging the clipboard, when it holds something else', () => {
    const { dialled, notes, log } = setup('ru');
    clipboard.text = 'my password is hunter2';
    globalShortcut.press(HOTKEY);
    expect(dialog.messageBoxes).toEqual([]);
    expect(dialled).toEqual([]);
    expect(notes).toEqual([
      { title: 'В буфере обмена нет номера телефона', body: `Скопируйте номер (цифры, пробелы, +, *, #) и снова нажмите ${HOTKEY}.` },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('hunter2');
  });

  it('asks one question at a time: presses while the dialog is open are dropped', async () => {
    const { dialled, confirm } = setup();
    const first = confirm('101', 'clipboard');
    const second = confirm('102', 'clipboard');
    expect(await Promise.all([first, second])).toEqual([true, false]);
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialled).toEqual(['101']);
  });

  it('reports a failed call in plain words', async () => {
    const { notes, confirm } = setup('en', { ok: false, error: { code: 'failed', message: 'The PBX could not place the call: busy' } });
    expect(await confirm('101', 'link')).toBe(false);
    expect(dialog.messageBoxes[0]!.detail).toBe('A link asked CTI Launcher to place this call.');
    expect(notes).toEqual([{ title: 'Cannot place the call', body: '101: The PBX could not place the call: busy' }]);
  });

  it('says so instead of failing when another app holds the combination', () => {
    globalShortcut.takenByOthers.add(HOTKEY);
    const { registration, log } = setup();
    expect(registration).toEqual({ ok: false, problem: `Hotkey ${HOTKEY} is used by another app` });
    expect(log.warnings()).toEqual(['the dial hotkey is taken by another application; choose another in desktop.dialHotkey']);
  });

  it('says so instead of failing when the combination is not one', () => {
    const log = recordingLogger();
    const registration = registerDialHotkey({
      accelerator: 'Ctrl+Banana',
      texts: () => createDesktopTexts('en'),
      requestDial: () => {},
      notify: () => {},
      log,
    });
    expect(registration).toEqual({ ok: false, problem: 'Hotkey "Ctrl+Banana" is not a key combination' });
    expect(log.warnings()).toEqual(['the dial hotkey is not a valid key combination (config desktop.dialHotkey)']);
  });

  it('gives the combination back when unregistered', () => {
    const { registration } = setup();
    expect(globalShortcut.isRegistered(HOTKEY)).toBe(true);
    if (registration.ok) registration.unregister();
    expect(globalShortcut.isRegistered(HOTKEY)).toBe(false);
  });
});
