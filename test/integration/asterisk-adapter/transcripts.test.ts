import { describe, expect, it } from 'vitest';
import { eventName, field, type AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { DEFAULT_EVENT_FILTERS } from '../../../electron/core/pbx/asterisk/ami-event-filter.js';
import { AsteriskCallMapper, type MappedEvent } from '../../../electron/core/pbx/asterisk/call-mapper.js';
import type { AgentEvent, CallEvent } from '../../../shared/domain/call-events.js';
import { applyCallEvent, emptyCallTracker } from '../../../shared/domain/call-tracker.js';
import {
  chunkingName,
  decodeTranscript,
  loadExpected,
  loadTranscript,
  seededRandom,
  transcriptFiles,
  type Chunking,
  type ReceivedMessage,
} from './fixture-replay.js';

type Listed = Record<string, unknown> & { type: string };
interface Expectation {
  calls?: Record<string, Listed[]>;
  agent?: Record<string, Listed[]>;
  state_after?: Record<string, { queues: Record<string, Record<string, unknown>> }>;
}

const CHUNKINGS: Chunking[] = [
  { kind: 'whole' },
  { kind: 'tcp-reads' },
  { kind: 'random', seed: 1, maxChunk: 7 },
  { kind: 'random', seed: 42, maxChunk: 64 },
  { kind: 'random', seed: 20_26, maxChunk: 1500 },
];

const expectedFile = loadExpected();

function expectationFor(file: string): Expectation {
  const entry = expectedFile[file] as (Expectation & { same_as?: string }) | undefined;
  if (!entry) throw new Error(`expected.json has no entry for ${file}`);
  return entry.same_as ? expectationFor(entry.same_as) : entry;
}

/** The actual events reduced to the fields the expectation lists (extra events stay whole). */
function listedFields<T extends object>(actual: T[], expected: Listed[]): Record<string, unknown>[] {
  return actual.map((a, i) => {
    const want = expected[i];
    if (!want) return { ...(a as Record<string, unknown>) };
    return Object.fromEntries(Object.keys(want).map((k) => [k, (a as Record<string, unknown>)[k]]));
  });
}

function replay(messages: ReceivedMessage[], agent: string) {
  const mapper = new AsteriskCallMapper({ interfaces: [agent] });
  const out: MappedEvent[] = [];
  for (const { message, receivedAt } of messages) out.push(...mapper.handle(message, receivedAt));
  const calls = out.flatMap((o) => (o.kind === 'call' ? [o.event] : []));
  const agentEvents = out.flatMap((o) => (o.kind === 'agent' ? [o.event] : []));
  return { mapper, calls, agentEvents };
}

/** Every call event must make sense to the app's call tracker, and nothing may stay open. */
function expectCoherentLifecycle(calls: CallEvent[]): void {
  let state = emptyCallTracker;
  const ignored: string[] = [];
  for (const ev of calls) {
    const r = applyCallEvent(state, ev);
    if (r.change.kind === 'ignored') ignored.push(`${ev.type} ${ev.callId}: ${r.change.why}`);
    state = r.state;
  }
  expect(ignored).toEqual([]);
  expect(state.active.map((c) => `${c.id} ${c.phase}`)).toEqual([]);
}

describe.each(transcriptFiles())('Asterisk 20 transcript %s', (file) => {
  const transcript = loadTranscript(file);
  const expectation = expectationFor(file);
  const agents = [
    ...new Set([
      ...Object.keys(expectation.calls ?? {}),
      ...Object.keys(expectation.agent ?? {}),
      ...Object.keys(expectation.state_after ?? {}),
    ]),
  ];
  const first = transcript.packets[0]!.t_ms;
  const last = transcript.packets[transcript.packets.length - 1]!.t_ms;

  it.each(CHUNKINGS.map((c) => [chunkingName(c), c] as const))('decodes every recorded packet (%s)', (_name, chunking) => {
    const messages = decodeTranscript(transcript, chunking);
    for (const { message, packet } of messages) {
      const name = packet.kind === 'event' ? eventName(message) : field(message, 'Response');
      expect(`#${packet.n} ${name}`).toBe(`#${packet.n} ${packet.name}`);
    }
  });

  describe.each(agents)('agent %s', (agent) => {
    it.each(CHUNKINGS.map((c) => [chunkingName(c), c] as const))('emits the expected events (%s)', (_name, chunking) => {
      const { mapper, calls, agentEvents } = replay(decodeTranscript(transcript, chunking), agent);

      const wantCalls = expectation.calls?.[agent];
      if (wantCalls) expect(listedFields(calls, wantCalls)).toEqual(wantCalls);
      const wantAgent = expectation.agent?.[agent];
      if (wantAgent) expect(listedFields<AgentEvent>(agentEvents, wantAgent)).toEqual(wantAgent);

      expectCoherentLifecycle(calls);
      expect(mapper.activeCalls()).toEqual([]);
      for (const ev of [...calls, ...agentEvents]) {
        expect(ev.at).toBeGreaterThanOrEqual(first);
        expect(ev.at).toBeLessThanOrEqual(last);
      }
      const wantState = expectation.state_after?.[agent];
      if (wantState) {
        const state = mapper.agentState();
        expect(Object.keys(state.queues).sort()).toEqual(Object.keys(wantState.queues).sort());
        expect(state).toMatchObject(wantState);
      }
    });
  });
});

describe('Asterisk 20 transcripts, details beyond expected.json', () => {
  const run = (file: string, agent: string) =>
    replay(decodeTranscript(loadTranscript(file), { kind: 'whole' }), agent);

  it('keys each call by its Linkedid and stamps events with the receive time of their packet', () => {
    const { calls } = run('01-inbound-answered.ami', 'SIP/101');
    expect(new Set(calls.map((c) => c.callId))).toEqual(new Set(['calllab-1795361249.1']));
    const transcript = loadTranscript('01-inbound-answered.ami');
    const agentCalled = transcript.packets.find((p) => p.name === 'AgentCalled')!;
    expect(calls[0]).toMatchObject({ type: 'ringing', at: agentCalled.t_ms, did: '74950000000' });
  });

  it('keeps one card through four unanswered ring rounds and ends it when the queue gives up', () => {
    const transcript = loadTranscript('12-queue-timeout-missed.ami');
    const { calls } = run('12-queue-timeout-missed.ami', 'SIP/101');
    const leave = transcript.packets.find((p) => p.name === 'QueueCallerLeave')!;
    expect(calls.map((c) => c.type)).toEqual(['ringing', 'ended']);
    expect(calls[1]!.at).toBe(leave.t_ms);
  });

  it('rings a blind-transfer target with the customer, not the transferring colleague', () => {
    const { calls } = run('03-blind-transfer.ami', 'SIP/102');
    const second = calls.filter((c) => c.type === 'ringing')[1];
    expect(second).toMatchObject({ remote: '+74951234567', transferredBy: '101' });
    expect(second).not.toHaveProperty('queue');
  });

  it('shows the attended-transfer target its colleague while consulting, then the customer', () => {
    const { calls } = run('04-attended-transfer.ami', 'SIP/103');
    expect(calls[0]).toMatchObject({ type: 'ringing', remote: '101', direction: 'internal' });
    expect(calls.map((c) => c.callId)).toEqual(Array(calls.length).fill('calllab-1795361276.14'));
  });

  it('follows one long session: the recordings made back to back on one connection', () => {
    // 00 … 07 were recorded in this order on connection conn1 (12 on its own connection).
    const session = transcriptFiles().filter((f) => /^0[0-7]-/.test(f) && !f.includes('cti-filtered'));
    const messages = session.flatMap((f) => decodeTranscript(loadTranscript(f), { kind: 'tcp-reads' }));
    for (const agent of ['SIP/101', 'SIP/102']) {
      const want = session.flatMap((f) => expectationFor(f).calls?.[agent] ?? []);
      const { mapper, calls } = replay(messages, agent);
      expect(listedFields(calls, want)).toEqual(want);
      expectCoherentLifecycle(calls);
      expect(mapper.trackedChannels).toBe(0);
    }
  });

  it('never throws on damaged packets (fields missing at random)', () => {
    const rnd = seededRandom(7);
    for (const file of transcriptFiles()) {
      const mapper = new AsteriskCallMapper({ interfaces: ['SIP/101'] });
      for (const { message, receivedAt } of decodeTranscript(loadTranscript(file), { kind: 'whole' })) {
        const kept = [...message.fields].filter(([k]) => k === 'Event' || rnd() > 0.3);
        expect(() => mapper.handle({ fields: new Map(kept) }, receivedAt)).not.toThrow();
      }
    }
  });

  it('forgets every channel once the calls are over (memory stays bounded)', () => {
    for (const file of transcriptFiles()) {
      const { mapper } = run(file, 'SIP/101');
      expect({ file, channels: mapper.trackedChannels }).toEqual({ file, channels: 0 });
    }
  });
});


/** The text Asterisk matches `Filter` expressions against: the event as it would be sent. */
function eventText(message: AmiMessage): string {
  let text = '';
  for (const [key, values] of message.fields) for (const v of values) text += `${key}: ${v}\r\n`;
  return text;
}

/** What a session with the default filters receives: action answers always, events only if they pass. */
function throughDefaultFilters(messages: ReceivedMessage[]): ReceivedMessage[] {
  const filters = DEFAULT_EVENT_FILTERS.map((f) => new RegExp(f));
  return messages.filter(({ message }) => {
    if (eventName(message) === undefined || field(message, 'ActionID') !== undefined) return true;
    return filters.every((f) => f.test(eventText(message)));
  });
}

describe.each(transcriptFiles())('Asterisk 20 transcript %s through the default server-side filters', (file) => {
  const transcript = loadTranscript(file);
  const expectation = expectationFor(file);
  const agents = [...new Set([...Object.keys(expectation.calls ?? {}), ...Object.keys(expectation.agent ?? {})])];
  it.each(agents)('still gives agent %s the expected events', (agent) => {
    const all = decodeTranscript(transcript, { kind: 'whole' });
    const passed = throughDefaultFilters(all);
    const { mapper, calls, agentEvents } = replay(passed, agent);
    const wantCalls = expectation.calls?.[agent];
    if (wantCalls) expect(listedFields(calls, wantCalls)).toEqual(wantCalls);
    const wantAgent = expectation.agent?.[agent];
    if (wantAgent) expect(listedFields<AgentEvent>(agentEvents, wantAgent)).toEqual(wantAgent);
    expectCoherentLifecycle(calls);
    expect(mapper.activeCalls()).toEqual([]);
  });

  it('drops the noise a CTI desktop does not read', () => {
    const all = decodeTranscript(transcript, { kind: 'whole' });
    const dropped = new Set(all.filter((m) => !throughDefaultFilters([m]).length).map((m) => eventName(m.message)));
    for (const noise of ['RTCPSent', 'RTCPReceived', 'MixMonitorStart', 'MusicOnHoldStart', 'Cdr', 'DTMFEnd', 'VarSet']) {
      expect(throughDefaultFilters(all).some((m) => eventName(m.message) === noise)).toBe(false);
    }
    expect(dropped.has('Hangup')).toBe(false);
  });
});
