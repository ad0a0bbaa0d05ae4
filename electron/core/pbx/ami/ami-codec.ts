/**
 * AMI wire codec: a streaming decoder for what Asterisk sends and an encoder for actions.
 *
 * Decoder usage:
 *   const decoder = new AmiDecoder({ maxPacketBytes: 65_536, onDrop: (d) => log.warn(d) });
 *   for (const message of decoder.push(chunk)) ...   // 0..n complete packets per chunk
 *   decoder.greeting                                   // 'Asterisk Call Manager/9.0.0' once seen
 *
 * - Lines end with `\r\n` or a bare `\n` (mixed is fine); a packet ends at a blank line.
 *   Chunks may split anywhere, also inside a CRLF or a multi-byte UTF-8 character: lines are
 *   cut at LF bytes before decoding, so characters are never split.
 * - `Key: Value` is split at the FIRST `': '`; a key that repeats keeps every value in order.
 * - `Response: Follows` (Asterisk ≤ 13 `Command`): after its ActionID/Privilege/Message headers,
 *   every line up to `--END COMMAND--` is kept verbatim in `output` (blank lines included).
 * - A line with no `:` elsewhere is dropped (reason `line-without-colon`); the packet survives.
 * - Invalid UTF-8 (e.g. a caller name sent in a legacy 8-bit charset) becomes U+FFFD; the
 *   packet is kept. Control characters (NUL, a CR inside a line…) drop the whole packet (`garbage`); a packet
 *   over `maxPacketBytes` is dropped (`oversized`). Both resynchronise at the next blank line
 *   and never keep more than `maxPacketBytes` buffered.
 * - One decoder per connection: create a new one (or call `reset()`) after a reconnect.
 */
import { AmiError } from './ami-errors.js';
import type { AmiMessage } from './ami-message.js';

export type AmiDropReason = 'oversized' | 'garbage' | 'line-without-colon' | 'no-fields';

export interface AmiDrop {
  reason: AmiDropReason;
  /** Human-readable, with at most a short escaped preview of the offending bytes. */
  detail: string;
}

export interface AmiDecoderOptions {
  /** Largest packet kept, in bytes including line endings. Default 64 KiB. */
  maxPacketBytes?: number;
  /** Called for everything the decoder throws away. */
  onDrop?: (drop: AmiDrop) => void;
}

export const DEFAULT_MAX_PACKET_BYTES = 64 * 1024;

const LF = 0x0a;
const GREETING = /^Asterisk Call Manager(?: Proxy)?\/\S+$/;
const END_COMMAND = '--END COMMAND--';
/** C0 controls except TAB, CR and LF, plus DEL: never part of a real AMI packet (nor is a CR inside a line). */
const GARBAGE = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/;
const FOLLOWS_HEADERS = new Set(['actionid', 'privilege', 'message']);

type Mode = 'headers' | 'follows' | 'discard';

export class AmiDecoder {
  /** The `Asterisk Call Manager/x.y.z` banner, once received. */
  greeting: string | undefined;
  /** Packets dropped so far (oversized, garbage, empty). */
  droppedPackets = 0;

  private readonly maxBytes: number;
  private readonly onDrop: ((drop: AmiDrop) => void) | undefined;
  /** Bytes of the current incomplete line, not yet decoded. */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** In discard mode the tail is not kept; only whether it is still a blank line. */
  private discardTailBlank = true;
  private mode: Mode = 'headers';
  private fields = new Map<string, string[]>();
  private output: string[] | undefined;
  private packetBytes = 0;
  private packetLines = 0;
  private followsEnded = false;

  constructor(options: AmiDecoderOptions = {}) {
    this.maxBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
    if (!(this.maxBytes >= 64)) throw new RangeError('AmiDecoder: maxPacketBytes must be at least 64');
    this.onDrop = options.onDrop;
  }

  /** Bytes held for incomplete lines/packets; never more than maxPacketBytes. */
  get bufferedBytes(): number {
    return this.tailBytes + this.packetBytes;
  }

  /** Forgets everything (use on a new connection). */
  reset(): void {
    this.greeting = undefined;
    this.tail = [];
    this.tailBytes = 0;
    this.discardTailBlank = true;
    this.startPacket();
  }

  push(chunk: Buffer | string): AmiMessage[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const out: AmiMessage[] = [];
    const lastLf = bytes.lastIndexOf(LF);
    if (lastLf < 0) {
      this.keepTail(bytes);
      return out;
    }
    let region: Buffer;
    if (this.tailBytes > 0) {
      this.tail.push(bytes.subarray(0, lastLf + 1));
      region = Buffer.concat(this.tail, this.tailBytes + lastLf + 1);
    } else {
      region = bytes.subarray(0, lastLf + 1);
    }
    const tailWasBlank = this.discardTailBlank;
    this.tail = [];
    this.tailBytes = 0;
    this.discardTailBlank = true;
    this.decodeRegion(region, tailWasBlank, out);
    if (lastLf + 1 < bytes.length) this.keepTail(bytes.subarray(lastLf + 1));
    return out;
  }

  private keepTail(bytes: Buffer): void {
    if (this.mode === 'discard') {
      if (this.discardTailBlank && !isAllCr(bytes)) this.discardTailBlank = false;
      return;
    }
    if (this.packetBytes + this.tailBytes + bytes.length > this.maxBytes) {
      this.discardTailBlank = isAllCr(bytes) && this.tail.every(isAllCr);
      this.tail = [];
      this.tailBytes = 0;
      this.dropPacket('oversized', `packet exceeds ${this.maxBytes} bytes`);
      return;
    }
    // Copy: a slice would pin the whole socket chunk in memory.
    this.tail.push(Buffer.from(bytes));
    this.tailBytes += bytes.length;
  }

  /** `region` holds only complete lines (it ends with LF). */
  private decodeRegion(region: Buffer, firstLineBlankSoFar: boolean, out: AmiMessage[]): void {
    const text = region.toString('utf8');
    const ascii = text.length === region.length;
    const maybeGarbage = hasControlBytes(region);
    let start = 0;
    let first = true;
    while (start < text.length) {
      const lf = text.indexOf('\n', start);
      const lineBytes = ascii ? lf + 1 - start : Buffer.byteLength(text.slice(start, lf + 1), 'utf8');
      let end = lf;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      const line = text.slice(start, end);
      if (this.mode === 'discard') {
        const blank = (!first || firstLineBlankSoFar) && isBlankDiscardLine(line);
        if (blank) this.startPacket();
      } else {
        this.takeLine(line, lineBytes, maybeGarbage, out);
      }
      first = false;
      start = lf + 1;
    }
  }

  private takeLine(line: string, lineBytes: number, maybeGarbage: boolean, out: AmiMessage[]): void {
    if (line === '' && !(this.mode === 'follows' && !this.followsEnded)) {
      this.endPacket(out);
      return;
    }
    if (this.packetLines === 0 && line.charCodeAt(0) === 0x41 && GREETING.test(line)) {
      this.greeting = line;
      return;
    }
    this.packetBytes += lineBytes;
    this.packetLines++;
    if (this.packetBytes > this.maxBytes) {
      this.dropPacket('oversized', `packet exceeds ${this.maxBytes} bytes`);
      return;
    }
    if (maybeGarbage && (GARBAGE.test(line) || line.includes('\r'))) {
      this.dropPacket('garbage', `control characters in line ${preview(line)}`);
      return;
    }
    if (this.mode === 'follows') {
      this.takeFollowsLine(line);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      this.report('line-without-colon', `line ${preview(line)} is not "Key: Value"; dropped`);
      return;
    }
    const sep = line.indexOf(': ');
    const key = sep > 0 ? line.slice(0, sep) : line.slice(0, colon);
    const value = sep > 0 ? line.slice(sep + 2) : line.slice(colon + 1);
    this.addField(key, value);
    if (this.fields.size === 1 && key.toLowerCase() === 'response' && value === 'Follows') {
      this.mode = 'follows';
      this.output = [];
    }
  }

  private takeFollowsLine(line: string): void {
    const output = this.output!;
    if (this.followsEnded) {
      const sep = line.indexOf(': ');
      if (sep > 0) this.addField(line.slice(0, sep), line.slice(sep + 2));
      return;
    }
    if (line.endsWith(END_COMMAND)) {
      const rest = line.slice(0, -END_COMMAND.length);
      if (rest !== '') output.push(rest);
      this.followsEnded = true;
      return;
    }
    if (output.length === 0) {
      const sep = line.indexOf(': ');
      if (sep > 0 && FOLLOWS_HEADERS.has(line.slice(0, sep).toLowerCase())) {
        this.addField(line.slice(0, sep), line.slice(sep + 2));
        return;
      }
    }
    output.push(line);
  }

  private addField(key: string, value: string): void {
    const values = this.fields.get(key);
    if (values) values.push(value);
    else this.fields.set(key, [value]);
  }

  private endPacket(out: AmiMessage[]): void {
    if (this.fields.size > 0) {
      out.push(this.output ? { fields: this.fields, output: this.output } : { fields: this.fields });
    } else if (this.packetLines > 0) {
      this.droppedPackets++;
      this.report('no-fields', 'packet without a single "Key: Value" line dropped');
    }
    this.startPacket();
  }

  private dropPacket(reason: AmiDropReason, detail: string): void {
    this.droppedPackets++;
    this.report(reason, `${detail}; skipping to the next blank line`);
    this.fields = new Map();
    this.output = undefined;
    this.packetBytes = 0;
    this.packetLines = 0;
    this.mode = 'discard';
  }

  private startPacket(): void {
    this.mode = 'headers';
    this.fields = new Map();
    this.output = undefined;
    this.packetBytes = 0;
    this.packetLines = 0;
    this.followsEnded = false;
  }

  private report(reason: AmiDropReason, detail: string): void {
    this.onDrop?.({ reason, detail });
  }
}

/**
 * Whether any line of the region may be garbage: a GARBAGE control byte, or a CR that does not
 * end its line. Done once on the raw bytes, so that clean lines (nearly all) are not scanned again.
 */
function hasControlBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20) {
      if (b === 0x7f) return true;
    } else if (b === 0x0d) {
      if (bytes[i + 1] !== 0x0a) return true;
    } else if (b !== 0x09 && b !== 0x0a) return true;
  }
  return false;
}

function isAllCr(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0x0d) return false;
  return true;
}

function isBlankDiscardLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) !== 0x0d) return false;
  return true;
}

function preview(line: string): string {
  return JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line);
}

export type AmiFieldValue = string | number | boolean | readonly string[] | undefined;

export class AmiEncodeError extends AmiError {
  override name = 'AmiEncodeError';
}

/** Printable ASCII without space or colon. */
const KEY = /^[!-9;-~]+$/;

/**
 * `Action: Name\r\nKey: Value\r\n…\r\n\r\n`. Arrays repeat the key (e.g. `Variable`), booleans
 * become `true`/`false`, undefined is left out. CR/LF in a name, key or value throws: it would
 * let a caller inject headers or whole actions. Values never appear in the error message.
 */
export function encodeAction(name: string, fields: Readonly<Record<string, AmiFieldValue>> = {}): string {
  if (!KEY.test(name)) throw new AmiEncodeError(`AMI action name ${JSON.stringify(name)} is not a valid action name`);
  let text = `Action: ${name}\r\n`;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    if (!KEY.test(key)) throw new AmiEncodeError(`AMI action ${name}: field name ${JSON.stringify(key)} is not a valid AMI key`);
    if (key.toLowerCase() === 'action') throw new AmiEncodeError(`AMI action ${name}: "Action" cannot be given as a field`);
    const values = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    for (const v of values) {
      if (typeof v !== 'string') throw new AmiEncodeError(`AMI action ${name}: field ${key} must hold strings`);
      if (v.includes('\r') || v.includes('\n')) {
        throw new AmiEncodeError(`AMI action ${name}: value of ${key} contains a line break (CR/LF), which would inject AMI headers; refused`);
      }
      text += `${key}: ${v}\r\n`;
    }
  }
  return `${text}\r\n`;
}
