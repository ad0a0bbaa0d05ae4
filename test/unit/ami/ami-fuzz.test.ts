import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiDecoder, type AmiDrop } from '../../../electron/core/pbx/ami/ami-codec.js';
import { field } from '../../../electron/core/pbx/ami/ami-message.js';
import { AMI_FIXTURES_DIR, seededRandom } from '../../fakes/fake-ami-server.js';

const MAX = 4096;
const ITERATIONS = 400;

/** Every recorded packet, as raw bytes (greeting included: it is part of the stream too). */
function recordedPackets(): Buffer[] {
  const out: Buffer[] = [];
  for (const file of readdirSync(AMI_FIXTURES_DIR).filter((f) => f.endsWith('.ami'))) {
    const bytes = readFileSync(join(AMI_FIXTURES_DIR, file));
    const sidecar = JSON.parse(readFileSync(join(AMI_FIXTURES_DIR, file.replace(/\.ami$/, '.json')), 'utf8')) as {
      packets: { offset: number; length: number }[];
    };
    for (const p of sidecar.packets) out.push(bytes.subarray(p.offset, p.offset + p.length));
  }
  return out;
}

type Mutation = (b: Buffer, r: () => number) => Buffer;
const pick = (r: () => number, n: number): number => Math.floor(r() * n);

const MUTATIONS: Record<string, Mutation> = {
  flipBytes: (b, r) => {
    const c = Buffer.from(b);
    for (let i = 0, n = 1 + pick(r, 8); i < n && c.length > 0; i++) c[pick(r, c.length)] = pick(r, 256);
    return c;
  },
  truncate: (b, r) => b.subarray(0, pick(r, b.length)),
  hugeLine: (b, r) => {
    const at = pick(r, b.length);
    const line = r() < 0.5 ? `Data: ${'x'.repeat(MAX * (1 + pick(r, 20)))}\r\n` : 'y'.repeat(MAX * 3);
    return Buffer.concat([b.subarray(0, at), Buffer.from(line), b.subarray(at)]);
  },
  missingBlankLine: (b) => Buffer.from(b.toString('latin1').replace(/\r?\n\r?\n$/, '\r\n'), 'latin1'),
  randomGarbage: (b, r) => {
    const junk = Buffer.alloc(1 + pick(r, 300));
    for (let i = 0; i < junk.length; i++) junk[i] = pick(r, 256);
    return Buffer.concat([b, junk]);
  },
  followsWithoutEnd: (b) => Buffer.concat([Buffer.from('Response: Follows\r\nActionID: 9\r\n'), b, b, b]),
};

describe('AmiDecoder under mutated input (seeded fuzz)', () => {
  it(`survives ${ITERATIONS} mutated packet runs: no throw, bounded buffer, resynchronises`, () => {
    const packets = recordedPackets();
    const random = seededRandom(20261122);
    const names = Object.keys(MUTATIONS);
    const drops: AmiDrop[] = [];
    const decoder = new AmiDecoder({ maxPacketBytes: MAX, onDrop: (d) => drops.push(d) });
    const used = new Set<string>();
    let decoded = 0;

    for (let i = 0; i < ITERATIONS; i++) {
      const start = pick(random, packets.length);
      let bytes: Buffer = Buffer.concat(packets.slice(start, start + 1 + pick(random, 4)));
      for (let m = 0, n = 1 + pick(random, 3); m < n; m++) {
        const name = names[pick(random, names.length)]!;
        used.add(name);
        bytes = MUTATIONS[name]!(bytes, random);
      }
      // `Response: Follows` swallows blank lines until --END COMMAND-- or the size limit.
      const sentinel = `\r\n\r\n--END COMMAND--\r\n\r\nEvent: Sentinel\r\nIteration: ${i}\r\n\r\n`;
      const stream = Buffer.concat([bytes, Buffer.from(sentinel)]);
      const out = [];
      for (let at = 0; at < stream.length; ) {
        const size = 1 + pick(random, random() < 0.2 ? 16 : 2048);
        out.push(...decoder.push(stream.subarray(at, at + size)));
        expect(decoder.bufferedBytes).toBeLessThanOrEqual(MAX);
        at += size;
      }
      for (const message of out) {
        expect(message.fields.size).toBeGreaterThan(0);
        for (const key of message.fields.keys()) expect(key).not.toMatch(/^$|[\r\n]/);
      }
      const last = out.at(-1);
      expect(last && field(last, 'Event')).toBe('Sentinel');
      expect(field(last!, 'Iteration')).toBe(String(i));
      decoded += out.length;
    }

    expect(used).toEqual(new Set(names));
    expect(decoded).toBeGreaterThan(ITERATIONS);
    expect(new Set(drops.map((d) => d.reason))).toEqual(new Set(['oversized', 'garbage', 'line-without-colon', 'no-fields']));
  });
});
