import { describe, expect, it } from 'vitest';
import { generateSampleData } from '../../electron/core/crm/sample-data.js';

describe('sample customer names', () => {
  it('make a Slavic surname agree with the first name', () => {
    const { customers } = generateSampleData({ seed: 1, customers: 400, now: new Date('2026-11-22') });
    const names = customers.map((c) => c.name);
    expect(names.filter((n) => /^(Михаил|Дмитрий|Сергей|Андрей|Иван) \S+(ова|ева)$/.test(n))).toEqual([]);
    expect(names.filter((n) => /^(Мария|Елена|Ольга|Анна) \S+(ов|ев)$/.test(n))).toEqual([]);
    expect(names.some((n) => /^(Мария|Елена|Ольга|Анна|Наталья|Татьяна|Екатерина) \S+(ова|ева|ская)$/.test(n))).toBe(true);
  });
});
