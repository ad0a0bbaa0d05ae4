import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { AsteriskCallMapper, type MappedEvent } from '../../../electron/core/pbx/asterisk/call-mapper.js';
import { agentCalled, ami, dialBegin, dialEnd, hangup, hold, leg, memberEvent, newchannel, queueCallerJoin, snapshot, type Leg } from './ami-builders.js';

const CUSTOMER = '+74951234567';
const AT = 1_800_000_000_000;

const coreShowChannel = (l: Leg, extra: Record<string, string> = {}) =>
  ami({ Event: 'CoreShowChannel', ActionID: 'r-1', ...snapshot(l), BridgeId: '', Application: 'AppDial', ApplicationData: '(Outgoing Line)', Duration: '00:00:10', ...extra });
const statusEntry = (l: Leg, extra: Record<string, string> = {}) =>
  ami({ Event: 'Status', ActionID: 'r-3', ...snapshot(l), BridgeID: '', Seconds: '10', ...extra });
const queueParams = (queue: string) => ami({ Event: 'QueueParams', Queue: queue, Strategy: 'ringall', ActionID: 'r-2' });
const queueMember = (queue: string, iface: string, paused = '0', reason = '') =>
  ami({ Event: 'QueueMember', Queue: queue, Name: iface, Location: iface, StateInterface: iface, Paused: paused, PausedReason: reason, ActionID: 'r-2' });

const callEvents = (out: MappedEvent[]) => out.flatMap((o) => (o.kind === 'call' ? [o.event] : []));
const agentEvents = (out: MappedEvent[]) => out.flatMap((o) => (o.kind === 'agent' ? [o.event] : []));

function mapperWith(...messages: AmiMessage[]) {
  const mapper = new AsteriskCallMapper({ interfaces: ['SIP/101'] });
  let now = AT - 60_000;
  for (const m of messages) mapper.handle(m, (now += 10));
  return mapper;
}

function queueCall(linkedid: string, n: number) {
  const caller = leg(`SIP/pstn-in-0000000${n}`, linkedid, { uniqueid: linkedid, num: CUSTOMER, exten: '74950000000', state: 6 });
  const me = leg(`SIP/101-0000001${n}`, linkedid, { num: '101', connected: CUSTOMER, state: 5 });
  return { caller, me };
}

describe('AsteriskCallMapper.rebuildFrom (after a reconnect)', () => {
  it('ends every call the PBX no longer has, so nothing is left ringing or on call', () => {
    const talking = queueCall('L1', 1);
    const onHold = queueCall('L2', 2);
    const ringing = queueCall('L3', 3);
    const mapper = mapperWith(
      dialBegin(talking.caller, talking.me),
      dialEnd(talking.caller, talking.me, 'ANSWER'),
      dialBegin(onHold.caller, onHold.me),
      dialEnd(onHold.caller, onHold.me, 'ANSWER'),
      hold(onHold.me),
      dialBegin(ringing.caller, ringing.me),
    );
    expect(mapper.activeCalls().map((c) => c.phase)).toEqual(['connected', 'held', 'ringing']);

    const out = mapper.rebuildFrom({ coreShowChannels: [ami({ Event: 'CoreShowChannelsComplete', ListItems: '0' })], queueStatus: [] }, AT);
    expect(callEvents(out)).toEqual([
      { type: 'ended', callId: 'L1', at: AT, reason: 'completed' },
      { type: 'ended', callId: 'L2', at: AT, reason: 'completed' },
      { type: 'ended', callId: 'L3', at: AT, reason: 'missed' },
    ]);
    expect(mapper.activeCalls()).toEqual([]);
    expect(mapper.trackedChannels).toBe(0);
  });

  it('keeps a call that is still there, answering it if it was answered meanwhile', () => {
    const c = queueCall('L1', 1);
    const mapper = mapperWith(newchannel(c.caller), dialBegin(c.caller, c.me));
    const out = mapper.rebuildFrom(
      {
        coreShowChannels: [
          coreShowChannel(c.caller, { BridgeId: 'b1', Application: 'Dial' }),
          coreShowChannel({ ...c.me, state: 6 }, { BridgeId: 'b1' }),
        ],
        queueStatus: [],
      },
      AT,
    );
    expect(callEvents(out)).toEqual([{ type: 'answered', callId: 'L1', at: AT }]);
    expect(mapper.rebuildFrom({ coreShowChannels: [coreShowChannel(c.caller), coreShowChannel({ ...c.me, state: 6 })], queueStatus: [] }, AT + 1)).toEqual([]);
    expect(mapper.activeCalls()).toEqual([{ callId: 'L1', phase: 'connected', direction: 'inbound', remote: CUSTOMER }]);
  });

  it('adopts calls that started while disconnected, dated from the channel’s age', () => {
    const talking = queueCall('L7', 7);
    const ringing = queueCall('L8', 8);
    const mapper = mapperWith();
    const out = mapper.rebuildFrom(
      {
        coreShowChannels: [
          coreShowChannel(talking.caller, { Application: 'Queue', ApplicationData: 'support,t,,,60', BridgeId: 'b7', Duration: '00:01:00' }),
          coreShowChannel({ ...talking.me, state: 6 }, { BridgeId: 'b7', Duration: '00:00:42' }),
          coreShowChannel({ ...ringing.caller, state: 4 }, { Application: 'Queue', ApplicationData: 'support,t,,,60', Duration: '00:00:05' }),
          coreShowChannel(ringing.me, { Duration: '00:00:03' }),
        ],
        queueStatus: [],
      },
      AT,
    );
    expect(callEvents(out)).toEqual([
      { type: 'ringing', callId: 'L7', at: AT - 42_000, direction: 'inbound', remote: CUSTOMER, queue: 'support', did: '74950000000' },
      { type: 'answered', callId: 'L7', at: AT },
      { type: 'ringing', callId: 'L8', at: AT - 3_000, direction: 'inbound', remote: CUSTOMER, queue: 'support', did: '74950000000' },
    ]);
    // Live events carry on from the adopted state.
    const next = mapper.handle(dialEnd(ringing.caller, { ...ringing.me, state: 6 }, 'ANSWER'), AT + 1_000);
    expect(callEvents(next)).toEqual([{ type: 'answered', callId: 'L8', at: AT + 1_000 }]);
    expect(callEvents(mapper.handle(hangup(ringing.me), AT + 2_000))).toEqual([
      { type: 'ended', callId: 'L8', at: AT + 2_000, reason: 'completed' },
    ]);
  });

  it('does not take voicemail or a feature code for a call', () => {
    const me = leg('SIP/101-00000040', 'L40', { uniqueid: 'L40', num: '101', exten: '*97', state: 6 });
    const mapper = new AsteriskCallMapper({ interfaces: ['SIP/101'] });
    const lists = { coreShowChannels: [coreShowChannel(me, { Application: 'VoiceMailMain', ApplicationData: '101@default' })], queueStatus: [] };
    expect(mapper.rebuildFrom(lists, AT)).toEqual([]);
    expect(mapper.activeCalls()).toEqual([]);
  });

  it('reads the bridge from Status (BridgeID) when CoreShowChannel has none', () => {
    const me = leg('SIP/101-00000016', 'L24', { uniqueid: 'L24', num: '79161234567', connected: '79161234567', state: 6 });
    const lists = (withStatus: boolean) => ({
      coreShowChannels: [coreShowChannel(me, { Application: 'Dial', ApplicationData: '79161234567@customer-sim' })],
      queueStatus: [],
      status: withStatus ? [statusEntry(me, { BridgeID: 'b24' })] : [],
    });
    // A click-to-call leg that is up but not bridged is the agent waiting for the far end.
    const waiting = new AsteriskCallMapper({ interfaces: ['SIP/101'] });
    expect(callEvents(waiting.rebuildFrom(lists(false), AT)).map((e) => e.type)).toEqual(['ringing']);
    expect(callEvents(waiting.rebuildFrom(lists(true), AT + 1)).map((e) => e.type)).toEqual(['answered']);
  });

  it('keeps the card of a queue call that waits between two ring rounds', () => {
    const c = queueCall('L1', 1);
    const mapper = mapperWith(
      newchannel(c.caller),
      queueCallerJoin(c.caller),
      agentCalled(c.caller, c.me, 'SIP/101'),
      dialEnd(c.caller, c.me, 'NOANSWER'),
      hangup(c.me),
    );
    const waiting = [coreShowChannel({ ...c.caller, state: 4 }, { Application: 'Queue', ApplicationData: 'support,t,,,60' })];
    expect(mapper.rebuildFrom({ coreShowChannels: waiting, queueStatus: [] }, AT)).toEqual([]);
    expect(mapper.activeCalls()).toHaveLength(1);
    expect(callEvents(mapper.rebuildFrom({ coreShowChannels: [], queueStatus: [] }, AT + 1))).toEqual([
      { type: 'ended', callId: 'L1', at: AT + 1, reason: 'missed' },
    ]);
  });

  it('takes pause state and membership from QueueStatus, only for the queues it covers', () => {
    const mapper = mapperWith(
      memberEvent('QueueMemberPause', 'SIP/101', { Queue: 'support', Paused: '0' }),
      memberEvent('QueueMemberAdded', 'SIP/101', { Queue: 'sales' }),
      memberEvent('QueueMemberAdded', 'SIP/101', { Queue: 'vip' }),
    );
    const queueStatus = [
      queueParams('support'),
      queueMember('support', 'SIP/102'),
      queueMember('support', 'SIP/101', '1', 'supervisor'),
      queueParams('sales'),
      queueMember('sales', 'SIP/102'),
      queueParams('billing'),
      queueMember('billing', 'SIP/101'),
      ami({ Event: 'QueueStatusComplete', ListItems: '7' }),
    ];
    const out = mapper.rebuildFrom({ coreShowChannels: [], queueStatus }, AT);
    expect(agentEvents(out)).toEqual([
      { type: 'paused', queue: 'support', reason: 'supervisor', at: AT },
      { type: 'member-removed', queue: 'sales', at: AT },
      { type: 'member-added', queue: 'billing', at: AT },
    ]);
    expect(mapper.agentState()).toEqual({
      queues: { billing: { paused: false }, support: { paused: true, reason: 'supervisor' }, vip: { paused: false } },
    });
    expect(mapper.rebuildFrom({ coreShowChannels: [], queueStatus }, AT + 1)).toEqual([]);
  });
});
