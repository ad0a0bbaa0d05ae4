import { dialableFromLink } from '../../shared/domain/dial-link.js';

// The rules live in shared/ so that the browser host's page applies the very same ones.
export { dialableFromLink, dialableFromText } from '../../shared/domain/dial-link.js';

/** The first dial link on a command line (first start, or a second instance's argv). */
export function findDialLink(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const number = dialableFromLink(arg);
    if (number) return number;
  }
  return undefined;
}
