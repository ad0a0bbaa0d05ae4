import { describe, expect, it } from 'vitest';
import { dialableFromLink, findDialLink } from '../../electron/main/tel-links.js';

describe('tel: and callto: links', () => {
  it.each([
    ['tel:+7 (495) 123-45-67', '+74951234567'],
    ['tel:+7-495-123-45-67;ext=12', '+74951234567'],
    ['TEL:%2B380%2044%20123%2045%2067', '+380441234567'],
    ['callto://+44 20 7946 0958', '+442079460958'],
    ['tel:*72#', '*72#'],
    ['tel:101?x=1', '101'],
    ['tel:+1-800-FLOWERS', undefined], // never a truncated number
    ['tel:+7 495 123+45', undefined],
    ['tel:%2B7%20(495)%20123.45.67', '+74951234567'],
    ['tel:%E0%A4%A', undefined],
    ['tel:', undefined],
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
