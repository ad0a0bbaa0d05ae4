import { geocoder, timezones } from 'libphonenumber-geo-carrier';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { LRUCache } from 'lru-cache';
import type { LocalizedText } from '../../../shared/contract/schemas.js';
import type { Logger } from '../ports.js';

export interface CallerRegion {
  /** City or region of a landline number (English, and Russian/Ukrainian where the data has them). */
  region?: LocalizedText;
  /** A landline's area time zone, when it has exactly one. */
  timeZone?: string;
}

/**
 * Where a number is, from Google libphonenumber's geocoding and time-zone tables (the
 * libphonenumber-geo-carrier package). Mobile numbers have a country but no city.
 * Each lookup reads the country's table from disk: results are cached per number.
 */
export class CallerRegions {
  private readonly cache = new LRUCache<string, Promise<CallerRegion>>({ max: 2000 });

  constructor(private readonly log: Logger) {}

  lookup(e164: string): Promise<CallerRegion> {
    let found = this.cache.get(e164);
    if (!found) {
      found = this.find(e164);
      this.cache.set(e164, found);
    }
    return found;
  }

  private async find(e164: string): Promise<CallerRegion> {
    const number = parsePhoneNumberFromString(e164);
    if (!number) return {};
    try {
      // The package's types name the full build's PhoneNumber; the min build's has the same fields.
      const parsed = number as unknown as Parameters<typeof geocoder>[0];
      const [en, ru, uk, zones] = await Promise.all([geocoder(parsed, 'en'), geocoder(parsed, 'ru'), geocoder(parsed, 'uk'), timezones(parsed)]);
      const result: CallerRegion = {};
      if (en) {
        result.region = { en };
        if (ru && ru !== en) result.region.ru = ru;
        if (uk && uk !== en) result.region.uk = uk;
      }
      // Mobile numbers (no city) say nothing reliable about where the caller is: the data puts
      // every Russian mobile in Moscow, even Vladivostok's. Only a located number gets a zone.
      if (result.region && zones?.length === 1 && zones[0] !== 'Etc/Unknown') result.timeZone = zones[0];
      return result;
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'caller region lookup failed');
      return {};
    }
  }
}
