import { describe, expect, it } from 'vitest';
import { createI18n, resolveLanguage, resources } from '../../../renderer/src/i18n.js';

/** Keys of a locale with plural suffixes folded, so en (_one/_other) and ru (_one/_few/_many/_other) compare equal. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('renderer i18n', () => {
  it('picks the language from the setting, or from the system for "system"', () => {
    expect(resolveLanguage('system', 'ru-RU')).toBe('ru');
    expect(resolveLanguage('system', 'uk')).toBe('uk');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('system', undefined)).toBe('en');
    expect(resolveLanguage('uk', 'ru-RU')).toBe('uk');
  });

  it('has the same keys in English, Russian and Ukrainian', () => {
    const en = [...new Set(keysOf(resources.en.translation))].sort();
    expect([...new Set(keysOf(resources.ru.translation))].sort()).toEqual(en);
    expect([...new Set(keysOf(resources.uk.translation))].sort()).toEqual(en);
  });

  it('uses each language\'s plural rules', () => {
    const count = (lng: 'en' | 'ru' | 'uk', n: number) => createI18n(lng).t('orders.orderCount', { count: n });
    expect([1, 3, 5].map((n) => count('en', n))).toEqual(['1 order', '3 orders', '5 orders']);
    expect([1, 3, 5, 21, 11].map((n) => count('ru', n))).toEqual(['1 заказ', '3 заказа', '5 заказов', '21 заказ', '11 заказов']);
    expect([1, 3, 5, 22].map((n) => count('uk', n))).toEqual(['1 замовлення', '3 замовлення', '5 замовлень', '22 замовлення']);
    expect(createI18n('ru').t('customer.openOrders', { count: 2 })).toBe('2 открытых заказа');
    expect(createI18n('uk').t('customer.openOrders', { count: 7 })).toBe('7 відкритих замовлень');
  });

  it('translates the demo banner', () => {
    expect(createI18n('ru').t('common.demoBanner')).toMatch(/^Демо-режим/);
    expect(createI18n('uk').t('common.demoBanner')).toMatch(/^Демо-режим/);
    expect(createI18n('en').t('common.demoBanner')).toContain('README › Configuration');
  });
});
