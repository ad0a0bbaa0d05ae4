import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { PhoneInfo } from '../contract/schemas.js';

export interface PhoneOptions {
  /** Region used for numbers written without a country code (e.g. `8 495…` in Russia). */
  defaultRegion: CountryCode;
  /** Numbers with at most this many digits are internal extensions, never looked up. */
  maxInternalDigits: number;
}

const ANONYMOUS = new Set(['', 'anonymous', 'unknown', 'restricted', 'private', 'unavailable', '<unknown>']);

/**
 * Normalises caller ID as the PBX sends it: E.164 when possible, with the number's country;
 * short numbers are internal extensions; withheld numbers are anonymous.
 */
export function describePhone(raw: string, options: PhoneOptions): PhoneInfo {
  const text = raw.trim().slice(0, 64);
  if (ANONYMOUS.has(text.toLowerCase())) return { raw: text, display: text || 'anonymous', kind: 'anonymous' };
  const digits = text.replace(/[^0-9]/g, '');
  if (!text.startsWith('+') && digits.length > 0 && digits.length <= options.maxInternalDigits) {
    return { raw: text, display: digits, kind: 'internal' };
  }
  // Carriers often deliver international numbers without "+" (e.g. 74951234567): try both.
  const parsed =
    parsePhoneNumberFromString(text, options.defaultRegion) ??
    (digits.length >= 10 ? parsePhoneNumberFromString(`+${digits}`) : undefined);
  const best =
    parsed && !parsed.isValid() && !text.startsWith('+') && digits.length >= 10
      ? parsePhoneNumberFromString(`+${digits}`) ?? parsed
      : parsed;
  if (!best || !best.isPossible()) return { raw: text, display: text, kind: 'invalid' };
  return {
    raw: text,
    e164: best.number,
    display: best.formatInternational(),
    kind: 'external',
    country: best.country,
  };
}
