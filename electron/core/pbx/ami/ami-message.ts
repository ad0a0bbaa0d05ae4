/**
 * One AMI packet: `Key: Value` lines ended by a blank line. Keys keep their spelling as sent
 * (Asterisk mixes `BridgeId`/`BridgeID`); a key that repeats (e.g. `ChanVariable`) keeps
 * every value in order. `Response: Follows` command output is kept in `output`.
 */
export interface AmiMessage {
  /** Header values by key, in arrival order; repeated keys have several values. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /** Lines of `Response: Follows` command output (without the `--END COMMAND--` marker). */
  readonly output?: readonly string[];
}

/** First value of a key, looked up case-insensitively (AMI keys are case-insensitive). */
export function field(message: AmiMessage, key: string): string | undefined {
  const exact = message.fields.get(key);
  if (exact) return exact[0];
  // A miss is common (most events have no Dest… keys): compare lengths before lower-casing.
  let lower: string | undefined;
  for (const [k, v] of message.fields) {
    if (k.length !== key.length) continue;
    lower ??= key.toLowerCase();
    if (k.toLowerCase() === lower) return v[0];
  }
  return undefined;
}

export const eventName = (m: AmiMessage): string | undefined => field(m, 'Event');
export const responseOf = (m: AmiMessage): string | undefined => field(m, 'Response');
export const actionIdOf = (m: AmiMessage): string | undefined => field(m, 'ActionID');
