import { dialNumberSchema } from '../contract/schemas.js';

/** Visual separators RFC 3966 allows inside a number (and people type); they are dropped. */
const SEPARATORS = /[\s\-.()\u00a0]/g;
/** Longer text is not a phone number, whatever it contains; refused before any work. */
const MAX_INPUT = 256;

/** Separators dropped, then the contract's dial rules: a leading `+`, digits, `*`, `#`, 2–32 long. */
function reduce(text: string): string | undefined {
  const parsed = dialNumberSchema.safeParse(text.replace(SEPARATORS, ''));
  return parsed.success ? parsed.data : undefined;
}

/**
 * `tel:`, `callto:` and `sip:` links reduced to dialable text. `;` / `?` parameters and a SIP
 * host are dropped; anything else (letters, broken escapes) means the link is refused:
 * undefined, never a truncated number.
 */
export function dialableFromLink(arg: string): string | undefined {
  if (arg.length > MAX_INPUT) return undefined;
  const link = arg.trim();
  const match = /^(?:tel|callto):(?:\/\/)?([^;?]*)/i.exec(link) ?? /^sips?:([^;?@]*)(?:[@;?]|$)/i.exec(link);
  if (!match) return undefined;
  try {
    return reduce(decodeURIComponent(match[1]!));
  } catch {
    return undefined;
  }
}

/** The number in a piece of copied text: a dial link, or a number with the usual separators. */
export function dialableFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_INPUT) return undefined;
  return /^(?:tel|callto|sips?):/i.test(trimmed) ? dialableFromLink(trimmed) : reduce(trimmed);
}
