import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/log.js';
import { CallerRegions } from '../../electron/core/pop/caller-region.js';

const regions = new CallerRegions(silentLogger);

describe('caller city/region and time zone (Google libphonenumber data)', () => {
  it.each([
    ['+74951234567', { en: 'Moscow', ru: 'Московская обл.' }, 'Europe/Moscow'],
    ['+78123456789', { en: 'St Petersburg', ru: 'г. Санкт-Петербург' }, 'Europe/Moscow'],
    ['+73832123456', { en: 'Novosibirsk', ru: 'Новосибирская обл.' }, 'Asia/Novosibirsk'],
    ['+380442345678', { en: 'Kyiv city', uk: 'м. Київ' }, 'Europe/Kyiv'],
    ['+442071234567', { en: 'London' }, 'Europe/London'],
  ])('%s is in %o, time zone %s', async (e164, region, timeZone) => {
    expect(await regions.lookup(e164)).toEqual({ region, timeZone });
  });

  it('gives a mobile number neither city nor time zone (the data would put a Vladivostok mobile in Moscow)', async () => {
    expect(await regions.lookup('+380501234567')).toEqual({});
    expect(await regions.lookup('+79241234567')).toEqual({});
  });

  it('names a time zone only where the area has one, and nothing for nonsense', async () => {
    expect(await regions.lookup('+74232123456')).toMatchObject({ timeZone: 'Asia/Vladivostok' });
    expect((await regions.lookup('+18005551234')).timeZone).toBeUndefined(); // toll-free: every North American zone
    expect(await regions.lookup('not a number')).toEqual({});
  });

  it('asks the data files once per number', async () => {
    const first = regions.lookup('+74957654321');
    expect(regions.lookup('+74957654321')).toBe(first);
  });
});
