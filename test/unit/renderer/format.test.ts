import { describe, expect, it } from 'vitest';
import { countryName, formatDate, formatDuration, formatMoney } from '../../../renderer/src/common/format.js';

describe('renderer formatting', () => {
  it('formats money in the UI language', () => {
    expect(formatMoney(1234.5, 'RUB', 'ru')).toMatch(/^1\s234,50\s₽$/);
    expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney(10, 'XXQ', 'en')).toMatch(/10|XXQ/);
  });

  it('shows an ISO date as that calendar day in any time zone', () => {
    expect(formatDate('2025-03-01', 'ru')).toBe('01.03.2025');
    expect(formatDate('2025-03-01', 'en')).toBe('03/01/2025');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('formats durations and country names', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(247)).toBe('4:07');
    expect(formatDuration(3729)).toBe('1:02:09');
    expect(countryName('RU', 'ru')).toBe('Россия');
    expect(countryName('UA', 'uk')).toBe('Україна');
    expect(countryName('DE', 'en')).toBe('Germany');
  });
});
