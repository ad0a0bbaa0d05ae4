import { describe, expect, it } from 'vitest';
import { dialableFromLink, dialableFromText, findDialLink, registerDialLinkSchemes } from '../../electron/main/tel-links.js';
import { recordingLogger } from './support.js';

describe('tel:, callto: and sip: links', () => {
  it.each([
    ['tel:+7 (495) 123-45-67', '+74951234567'],
    ['tel:+7-495-123-45-67;ext=12', '+74951234567'],
    ['TEL:%2B380%2044%20123%2045%2067', '+380441234567'],
    ['callto://+44 20 7946 0958', '+442079460958'],
    ['tel:*72#', '*72#'],
    ['tel:101?x=1', '101'],
    ['sip:+74951234567@pbx.example.local;user=phone', '+74951234567'],
    ['sips:101@pbx.example.local', '101'],
    ['sip:101', '101'],
    ['sip:alice@example.com', undefined],
    ['tel:+1-800-FLOWERS', undefined], // never a truncated number
    ['tel:+7 495 123+45', undefined],
    ['tel:%2B7%20(495)%20123.45.67', '+74951234567'],
    ['tel:%E0%A4%A', undefined],
    ['tel:', undefined],
    ['tel:7', undefined], // too short to be a number
    [`tel:${'1'.repeat(33)}`, undefined], // longer than any number
    [`tel:${'1'.repeat(300)}`, undefined],
    ['callto:operator.skype', undefined],
    ['https://evil.example/tel:+123', undefined],
    ['--set=pbx.type=demo', undefined],
  ])('%s -> %s', (link, dialable) => {
    expect(dialableFromLink(link)).toBe(dialable);
  });

  it('finds the first dial link on a command line', () => {
    expect(findDialLink(['C:\\Program Files\\CTI Launcher\\cti-launcher.exe', '--flag', 'tel:+7 495 000-00-01'])).toBe('+74950000001');
    expect(findDialLink(['cti-launcher.exe', '--set', 'agent.extension=101'])).toBeUndefined();
  });
});

describe('numbers in copied text', () => {
  it.each([
    ['  +7 (495) 123-45-67\n', '+74951234567'],
    ['8 800 555\u00a035 35', '88005553535'],
    ['044.123.45.67', '0441234567'],
    ['tel:+380441234567', '+380441234567'],
    ['Call me: +7 495 123-45-67', undefined], // words around it: not a number to dial blindly
    ['+7 495 123-45-67 ext 5', undefined],
    ['', undefined],
    ['rm -rf / ; 101', undefined],
    [`${'1 '.repeat(200)}`, undefined],
  ])('%j -> %s', (text, dialable) => {
    expect(dialableFromText(text)).toBe(dialable);
  });
});

describe('registering as the dial link handler', () => {
  function fakeApp(isPackaged: boolean, refused: string[] = [], already: string[] = []) {
    const clients = new Set(already);
    return {
      clients,
      isPackaged,
      isDefaultProtocolClient: (scheme: string) => clients.has(scheme),
      setAsDefaultProtocolClient: (scheme: string) => (refused.includes(scheme) ? false : (clients.add(scheme), true)),
    };
  }

  it('registers an installed app for every scheme it reads, once', () => {
    const app = fakeApp(true, [], ['tel']);
    expect(registerDialLinkSchemes(app, recordingLogger())).toEqual(['callto', 'sip', 'sips']);
    expect(registerDialLinkSchemes(app, recordingLogger())).toEqual([]);
    for (const scheme of app.clients) expect(dialableFromLink(`${scheme}:+74951234567`)).toBe('+74951234567');
  });

  it('never claims the links for a development run', () => {
    const app = fakeApp(false);
    expect(registerDialLinkSchemes(app, recordingLogger())).toEqual([]);
    expect(app.clients.size).toBe(0);
  });

  it('warns, and goes on, when the system refuses a scheme', () => {
    const app = fakeApp(true, ['sip']);
    const log = recordingLogger();
    expect(registerDialLinkSchemes(app, log)).toEqual(['tel', 'callto', 'sips']);
    expect(log.warnings()).toHaveLength(1);
  });
});
