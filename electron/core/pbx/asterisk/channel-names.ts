/**
 * Asterisk channel and interface names. A channel is its device plus an 8-hex-digit counter
 * (`SIP/101-0000000a`); a Local channel also carries its half (`Local/103@agents-00000000;1`).
 */
const CHANNEL_SUFFIX = /^(.+)-[0-9a-f]{8}(?:;[12])?$/i;
const LOCAL_HALF = /^(local\/.+);([12])$/i;

/** `SIP/101-0000000a` → `SIP/101`; `Local/103@agents-00000000;1` → `Local/103@agents`. */
export function deviceOf(channel: string): string {
  return CHANNEL_SUFFIX.exec(channel)?.[1] ?? channel;
}

export const isLocalChannel = (name: string): boolean => /^local\//i.test(name);

/** The other half of a Local pair (`;1` ↔ `;2`), or undefined for any other channel. */
export function localSibling(channel: string): string | undefined {
  const m = LOCAL_HALF.exec(channel);
  if (!m) return undefined;
  return `${m[1]};${m[2] === '1' ? '2' : '1'}`;
}

/**
 * The extension a channel or interface stands for: `SIP/101-0000000a` → `101`,
 * `Local/103@agents-00000000;1` → `103`, `PJSIP/101` → `101`, `Local/101@agents/n` → `101`.
 */
export function extensionOf(channelOrInterface: string): string {
  const device = deviceOf(channelOrInterface);
  const resource = device.slice(device.indexOf('/') + 1);
  return resource.split('@')[0]!.split('/')[0]!;
}

/**
 * A queue member interface normalised for comparison: lower case, and for Local members
 * without the trailing options (`Local/101@agents/n` → `local/101@agents`).
 */
export function normaliseInterface(iface: string): string {
  const lower = iface.trim().toLowerCase();
  if (!isLocalChannel(lower)) return lower;
  const at = lower.indexOf('@');
  if (at < 0) return lower;
  const slash = lower.indexOf('/', at);
  return slash < 0 ? lower : lower.slice(0, slash);
}
