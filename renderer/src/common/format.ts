/** Intl-based formatting in the active UI language. Formatters are cached per language. */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return cached(`money:${language}:${currency}`, () => new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })).format(amount);
  } catch {
    return `${amount} ${currency}`; // unknown currency code
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Compact numeric date. "2024-05-01" is a calendar day: shown as such whatever the local time zone. */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = DATE_ONLY.test(iso);
  return cached(`date:${language}:${utc}`, () =>
    new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', ...(utc ? { timeZone: 'UTC' } : {}) }),
  ).format(date);
}

export function formatTime(epochMs: number, language: string): string {
  return cached(`time:${language}`, () => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })).format(epochMs);
}

/** The time alone when it is today, else the day and month with the time. */
export function formatWhen(epochMs: number, now: number, language: string): string {
  const sameDay = new Date(epochMs).toDateString() === new Date(now).toDateString();
  if (sameDay) return formatTime(epochMs, language);
  return cached(`when:${language}`, () => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })).format(epochMs);
}

/** "4:07" or "1:02:09". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "RU" → "Russia" / "Россия" / "Росія"; the code itself when Intl does not know it. */
export function countryName(code: string, language: string): string {
  try {
    return cached(`region:${language}`, () => new Intl.DisplayNames([language], { type: 'region' })).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function isSameLocalDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
