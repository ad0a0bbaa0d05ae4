// Benchmark: AMI ingest. The recorded Asterisk 20 transcripts, concatenated to ≥ 1M events, go
// through our decoder + call mapper, and the same bytes through the `asterisk-manager` npm
// package's parser (its socket replaced by an in-process stream, so neither side pays for TCP).
// Run with `npm run bench -- ami`; writes test-results/bench/ami.json.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AmiDecoder } from '../../electron/core/pbx/ami/ami-codec.js';
import { eventName } from '../../electron/core/pbx/ami/ami-message.js';
import { AsteriskCallMapper } from '../../electron/core/pbx/asterisk/call-mapper.js';
import { AMI_FIXTURES_DIR, transcriptBody } from '../fakes/fake-ami-server.js';
import { writeBenchResult } from './bench-result.js';

const TARGET_EVENTS = 1_000_000;
/** Each side runs this many times and its best run counts (the machine is shared and noisy). */
const RUNS = 3;
const CHUNK_BYTES = 16 * 1024; // a typical TCP read

const files = readdirSync(AMI_FIXTURES_DIR).filter((f) => f.endsWith('.ami')).sort();
const round = Buffer.concat(files.map((f) => transcriptBody(f)));
const eventsPerRound = round.toString('latin1').match(/^Event: /gm)!.length;
const rounds = Math.ceil(TARGET_EVENTS / eventsPerRound);
const chunks: Buffer[] = [];
for (let i = 0; i < round.length; i += CHUNK_BYTES) chunks.push(round.subarray(i, i + CHUNK_BYTES));

function ours(): { events: number; seconds: number; calls: number } {
  const decoder = new AmiDecoder();
  const mapper = new AsteriskCallMapper({ interfaces: ['SIP/101'], maxInternalDigits: 5 });
  let events = 0;
  let calls = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const chunk of chunks) {
      for (const message of decoder.push(chunk)) {
        if (eventName(message) !== undefined) events++;
        calls += mapper.handle(message, 0).length;
      }
    }
  }
  return { events, seconds: (performance.now() - start) / 1000, calls };
}

const require = createRequire(import.meta.url);

/** asterisk-manager parses in its socket's 'data' handler: give it a stream that is not a socket. */
async function theirs(): Promise<{ events: number; seconds: number }> {
  const net = require('node:net') as { createConnection: unknown };
  const fake = Object.assign(new EventEmitter(), { setKeepAlive() {}, setNoDelay() {}, setEncoding() {}, readyState: 'open' });
  const original = net.createConnection;
  net.createConnection = () => fake;
  const Manager = require('asterisk-manager') as (port: number, host: string) => EventEmitter;
  const manager = Manager(5038, '127.0.0.1');
  net.createConnection = original;

  const texts = chunks.map((c) => c.toString('utf8'));
  let events = 0;
  manager.on('managerevent', () => events++);
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) fake.emit('data', text);
    await new Promise((resolve) => setImmediate(resolve)); // it emits events on process.nextTick
  }
  return { events, seconds: (performance.now() - start) / 1000 };
}

const rate = (r: { events: number; seconds: number }) => r.events / r.seconds;
const best = <T extends { events: number; seconds: number }>(runs: T[]): T => runs.reduce((x, y) => (rate(y) > rate(x) ? y : x));
const oursRuns: ReturnType<typeof ours>[] = [];
const theirRuns: Array<{ events: number; seconds: number }> = [];
for (let i = 0; i < RUNS; i++) {
  oursRuns.push(ours());
  theirRuns.push(await theirs());
}
const a = best(oursRuns);
const b = best(theirRuns);
const oursPerSecond = a.events / a.seconds;
const theirsPerSecond = b.events / b.seconds;
writeBenchResult(
  'ami',
  {
    'ami.events_per_s': Math.round(oursPerSecond),
    'ami.ratio_vs_asterisk_manager': Math.round((oursPerSecond / theirsPerSecond) * 100) / 100,
  },
  {
    events: a.events,
    bytes: round.length * rounds,
    transcripts: files.length,
    mapped_call_and_agent_events: a.calls,
    asterisk_manager_events: b.events,
    asterisk_manager_events_per_s: Math.round(theirsPerSecond),
    runs_each: RUNS,
  },
);
