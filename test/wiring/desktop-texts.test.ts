import { describe, expect, it } from 'vitest';
import { createDesktopTexts, desktopResources, resolveDesktopLanguage } from '../../electron/main/desktop-texts.js';

describe('desktop texts', () => {
  it('follows the OS language unless the config names one', () => {
    expect(resolveDesktopLanguage('system', 'ru-RU')).toBe('ru');
    expect(resolveDesktopLanguage('system', 'uk')).toBe('uk');
    expect(resolveDesktopLanguage('system', 'de-DE')).toBe('en');
    expect(resolveDesktopLanguage('system', '')).toBe('en');
    expect(resolveDesktopLanguage('uk', 'ru-RU')).toBe('uk');
  });

  it.each([
    ['en', [1, 2, 5, 21], ['1 action waiting to sync', '2 actions waiting to sync', '5 actions waiting to sync', '21 actions waiting to sync']],
    ['ru', [1, 3, 11, 21], ['1 действие ждёт синхронизации', '3 действия ждут синхронизации', '11 действий ждут синхронизации', '21 действие ждёт синхронизации']],
    ['uk', [1, 4, 12, 22], ['1 дія чекає на синхронізацію', '4 дії чекають на синхронізацію', '12 дій чекають на синхронізацію', '22 дії чекають на синхронізацію']],
  ] as const)('uses the right plural forms in %s', (language, counts, expected) => {
    const texts = createDesktopTexts(language);
    expect(counts.map((count) => texts.t('sync.pending', { count }))).toEqual(expected);
  });

  it('has every text in every language, and interpolates without HTML escaping', () => {
    const keys = (o: object) => Object.keys(o).map((k) => k.replace(/_(one|few|many|other)$/, '')).sort();
    expect([...new Set(keys(desktopResources.ru))]).toEqual([...new Set(keys(desktopResources.en))]);
    expect([...new Set(keys(desktopResources.uk))]).toEqual([...new Set(keys(desktopResources.en))]);
    expect(createDesktopTexts('en').t('dial.question', { number: '+7 <495>' })).toBe('Call +7 <495>?');
  });
});
