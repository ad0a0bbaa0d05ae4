/** Reads the recorded Asterisk 20 AMI transcripts and replays them through the real codec. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AmiDecoder } from '../../../electron/core/pbx/ami/ami-codec.js';
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { seededRandom } from '../../../electron/core/seeded-random.js';
export { seededRandom };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES_DIR = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'ami');

interface SidecarPacket {
  n: number;
  kind: 'greeting' | 'response' | 'event';
  name?: string;
  offset: number;
  length: number;
  t_ms: number;
}

export interface Transcript {
  file: string;
  bytes: Buffer;
  /** Packets as recorded, without the greeting banner (the decoder does not emit it). */
  packets: SidecarPacket[];
}

export const transcriptFiles = (): string[] =>
  readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.ami'))
    .sort();

export function loadTranscript(file: string): Transcript {
  const bytes = readFileSync(path.join(FIXTURES_DIR, file));
  const sidecar = JSON.parse(readFileSync(path.join(FIXTURES_DIR, file.replace(/\.ami$/, '.json')), 'utf8')) as {
    packets: SidecarPacket[];
  };
  return { file, bytes, packets: sidecar.packets.filter((p) => p.kind !== 'greeting') };
}

export function loadExpected(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
}


export type Chunking =
  | { kind: 'whole' }
  | { kind: 'tcp-reads' }
  | { kind: 'random'; seed: number; maxChunk: number };

export const chunkingName = (c: Chunking): string =>
  c.kind === 'random' ? `random chunks ≤${c.maxChunk} B (seed ${c.seed})` : c.kind;

/** Cuts the byte stream as one buffer, as the recorded TCP reads, or at random places. */
export function chunksOf(t: Transcript, chunking: Chunking): Buffer[] {
  if (chunking.kind === 'whole') return [t.bytes];
  const cuts: number[] = [];
  if (chunking.kind === 'tcp-reads') {
    // Packets of one TCP read share a receive time.
    t.packets.forEach((p, i) => {
      const next = t.packets[i + 1];
      if (!next || next.t_ms !== p.t_ms) cuts.push(p.offset + p.length);
    });
  } else {
    const rnd = seededRandom(chunking.seed);
    for (let at = 0; at < t.bytes.length; ) cuts.push((at += 1 + Math.floor(rnd() * chunking.maxChunk)));
  }
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of cuts) {
    const to = Math.min(cut, t.bytes.length);
    if (to > from) chunks.push(t.bytes.subarray(from, to));
    from = to;
  }
  if (from < t.bytes.length) chunks.push(t.bytes.subarray(from));
  return chunks;
}

export interface ReceivedMessage {
  message: AmiMessage;
  /** Receive time of the packet as recorded (epoch ms). */
  receivedAt: number;
  packet: SidecarPacket;
}

/** Decodes the transcript with the real AMI decoder, pairing each packet with its receive time. */
export function decodeTranscript(t: Transcript, chunking: Chunking): ReceivedMessage[] {
  const decoder = new AmiDecoder({
    onDrop: (d) => {
      throw new Error(`${t.file}: the decoder dropped a recorded packet (${d.reason}: ${d.detail})`);
    },
  });
  const messages = chunksOf(t, chunking).flatMap((chunk) => decoder.push(chunk));
  if (messages.length !== t.packets.length) {
    throw new Error(`${t.file}: decoded ${messages.length} packets, the recording has ${t.packets.length}`);
  }
  return messages.map((message, i) => ({ message, receivedAt: t.packets[i]!.t_ms, packet: t.packets[i]! }));
}
