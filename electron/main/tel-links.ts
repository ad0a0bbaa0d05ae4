/** Visual separators RFC 3966 allows inside a number; they are dropped. */
const SEPARATORS = /[\s\-.()]/g;

/**
 * `tel:` / `callto:` links (the installer registers the app for both) reduced to dialable
 * text: a leading `+`, digits, `*` and `#`. Separators and `;` / `?` parameters are dropped;
 * anything else (letters, broken escapes) means the link is refused: undefined, never a
 * truncated number.
 */
export function dialableFromLink(arg: string): string | undefined {
  const match = /^(?:tel|callto):(?:\/\/)?([^;?]*)/i.exec(arg.trim());
  if (!match) return undefined;
  let number: string;
  try {
    number = decodeURIComponent(match[1]!).replace(SEPARATORS, '');
  } catch {
    return undefined;
  }
  return /^\+?[0-9*#]+$/.test(number) ? number : undefined;
}

/** The first dial link on a command line (first start, or a second instance's argv). */
export function findDialLink(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const number = dialableFromLink(arg);
    if (number) return number;
  }
  return undefined;
}
