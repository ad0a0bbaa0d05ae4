import { describe, expect, it } from 'vitest';
import { describePhone } from '../../shared/domain/phone.js';

const ru = { defaultRegion: 'RU' as const, maxInternalDigits: 5 };

describe('describePhone', () => {
  it.each([
    ['+74951234567', '+74951234567', 'RU'],
    ['74951234567', '+74951234567', 'RU'],
    ['84951234567', '+74951234567', 'RU'],
    ['+380672345678', '+380672345678', 'UA'],
    ['380672345678', '+380672345678', 'UA'],
    ['+49 30 1234567', '+49301234567', 'DE'],
  ])('normalises %s to %s', (raw, e164, country) => {
    expect(describePhone(raw, ru)).toMatchObject({ kind: 'external', e164, country });
  });

  it('uses the default region for national numbers', () => {
    expect(describePhone('0442345678', { ...ru, defaultRegion: 'UA' })).toMatchObject({ e164: '+380442345678', country: 'UA' });
  });

  it('treats short numbers as internal extensions and withheld ones as anonymous', () => {
    expect(describePhone('101', ru)).toMatchObject({ kind: 'internal', display: '101' });
    expect(describePhone('anonymous', ru).kind).toBe('anonymous');
    expect(describePhone('', ru).kind).toBe('anonymous');
  });

  it('marks garbage as invalid without throwing', () => {
    expect(describePhone('12ab34cd5678', ru).kind).toBe('invalid');
    expect(describePhone('x'.repeat(500), ru).raw.length).toBeLessThanOrEqual(64);
  });
});
