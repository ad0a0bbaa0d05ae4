import { field, type AmiMessage } from '../ami/ami-message.js';

/** A caller-id style value, or undefined when Asterisk sent nothing useful. */
export function known(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return v === '' || v === '<unknown>' || v === '<Unknown>' ? undefined : v;
}

export const firstKnown = (...values: (string | undefined)[]): string | undefined => {
  for (const v of values) {
    const k = known(v);
    if (k !== undefined) return k;
  }
  return undefined;
};

/** A known field value of a message. */
export const knownField = (m: AmiMessage, key: string): string | undefined => known(field(m, key));

/** AMI booleans: `1`/`0`, `true`/`false`, `yes`/`no`. */
export const isTrue = (value: string | undefined): boolean => /^(1|true|yes|on)$/i.test(value?.trim() ?? '');

/**
 * When an event happened, in epoch ms: the PBX's `Timestamp:` (sent with timestampevents=yes)
 * or, without it, the time the caller received the packet.
 */
export function eventTime(m: AmiMessage, receivedAt: number): number {
  const ts = field(m, 'Timestamp');
  if (ts !== undefined) {
    const seconds = Number(ts);
    if (Number.isFinite(seconds) && seconds > 0) return Math.round(seconds * 1000);
  }
  return receivedAt;
}

/** A channel age as CoreShowChannel (`HH:MM:SS`) or Status (`Seconds: n`) reports it, in ms. */
export function durationMs(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const m = /^(\d+):(\d{2}):(\d{2})$/.exec(v);
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 : undefined;
}

/** Short digit strings are colleagues' extensions, anything else is an outside number. */
export const looksInternal = (number: string, maxInternalDigits: number): boolean =>
  new RegExp(`^\\d{1,${maxInternalDigits}}$`).test(number.trim());
