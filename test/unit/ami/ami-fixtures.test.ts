import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiDecoder, type AmiDrop } from '../../../electron/core/pbx/ami/ami-codec.js';
import { actionIdOf, eventName, responseOf, type AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { AMI_FIXTURES_DIR, seededRandom } from '../../fakes/fake-ami-server.js';

interface SidecarPacket {
  offset: number;
  length: number;
  t_ms: number;
  kind: 'greeting' | 'response' | 'event';
  name: string;
  actionId?: string;
}

const transcripts = readdirSync(AMI_FIXTURES_DIR).filter((f) => f.endsWith('.ami')).sort();

function load(file: string): { bytes: Buffer; packets: SidecarPacket[]; packetCount: number } {
  const bytes = readFileSync(join(AMI_FIXTURES_DIR, file));
  const sidecar = JSON.parse(readFileSync(join(AMI_FIXTURES_DIR, file.replace(/\.ami$/, '.json')), 'utf8')) as {
    packet_count: number;
    packets: SidecarPacket[];
  };
  return { bytes, packets: sidecar.packets, packetCount: sidecar.packet_count };
}

const plain = (ms: AmiMessage[]): unknown => ms.map((m) => ({ fields: [...m.fields], output: m.output }));

function decodeInPieces(bytes: Buffer, cuts: number[]): { messages: AmiMessage[]; decoder: AmiDecoder; drops: AmiDrop[] } {
  const drops: AmiDrop[] = [];
  const decoder = new AmiDecoder({ onDrop: (d) => drops.push(d) });
  const messages: AmiMessage[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    messages.push(...decoder.push(bytes.subarray(at, cut)));
    at = cut;
  }
  return { messages, decoder, drops };
}

describe('recorded Asterisk 20 transcripts', () => {
  it('are all present', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of transcripts) {
    describe(file, () => {
      const { bytes, packets, packetCount } = load(file);
      const whole = decodeInPieces(bytes, []);

      it('decodes to exactly the packets the sidecar lists, with nothing dropped', () => {
        const expected = packets.filter((p) => p.kind !== 'greeting');
        expect(packets).toHaveLength(packetCount);
        expect(whole.drops).toEqual([]);
        expect(whole.messages).toHaveLength(expected.length);
        whole.messages.forEach((m, i) => {
          const p = expected[i]!;
          if (p.kind === 'event') expect(eventName(m)).toBe(p.name);
          else expect(responseOf(m)).toBe(p.name);
          if (p.actionId) expect(actionIdOf(m)).toBe(p.actionId);
        });
        const greeting = packets.find((p) => p.kind === 'greeting');
        expect(whole.decoder.greeting).toBe(greeting?.name);
      });

      it('decodes each packet alone from its recorded offset and length', () => {
        for (const p of packets.filter((q) => q.kind !== 'greeting')) {
          const decoder = new AmiDecoder();
          const messages = decoder.push(bytes.subarray(p.offset, p.offset + p.length));
          expect(messages).toHaveLength(1);
          expect(decoder.bufferedBytes).toBe(0);
        }
      });

      it('gives the same packets when split at the recorded TCP reads', () => {
        const cuts = [...new Set(packets.map((p) => p.t_ms))].map((t) => packets.find((p) => p.t_ms === t)!.offset).filter((o) => o > 0);
        expect(plain(decodeInPieces(bytes, cuts).messages)).toEqual(plain(whole.messages));
      });

      it('gives the same packets when re-chunked at random sizes (seeded)', () => {
        for (const seed of [1, 2, 3]) {
          const random = seededRandom(seed * 7919);
          const cuts: number[] = [];
          for (let at = 0; ; ) {
            at += 1 + Math.floor(random() * (seed === 1 ? 8 : 700));
            if (at >= bytes.length) break;
            cuts.push(at);
          }
          const pieces = decodeInPieces(bytes, cuts);
          expect(plain(pieces.messages)).toEqual(plain(whole.messages));
          expect(pieces.decoder.bufferedBytes).toBe(0);
        }
      });
    });
  }
});
