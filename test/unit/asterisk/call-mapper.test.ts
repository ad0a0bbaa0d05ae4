import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { AsteriskCallMapper, type AsteriskCallMapperOptions } from '../../../electron/core/pbx/asterisk/call-mapper.js';
import type { AgentEvent, CallEvent } from '../../../shared/domain/call-events.js';
import {
  agentCalled,
  agentConnect,
  ami,
  connectedLine,
  dialBegin,
  dialEnd,
  ev,
  hangup,
  hangupRequest,
  hold,
  leg,
  memberEvent,
  newchannel,
  queueCallerAbandon,
  queueCallerJoin,
  queueCallerLeave,
  softHangupRequest,
  unhold,
  withFields,
} from './ami-builders.js';

function harness(options: AsteriskCallMapperOptions = { interfaces: ['SIP/101'] }) {
  const mapper = new AsteriskCallMapper(options);
  let now = 1_000;
  const calls: CallEvent[] = [];
  const agent: AgentEvent[] = [];
  const feed = (...messages: AmiMessage[]) => {
    for (const m of messages) {
      for (const out of mapper.handle(m, (now += 10))) {
        if (out.kind === 'call') calls.push(out.event);
        else agent.push(out.event);
      }
    }
  };
  /** Call events as compact strings: `ringing`, `ended:missed`, `transferred:blind`. */
  const story = () =>
    calls.map((c) => (c.type === 'ended' ? `ended:${c.reason}` : c.type === 'transferred' ? `transferred:${c.kind}` : c.type));
  return { mapper, calls, agent, feed, story };
}

const CUSTOMER = '+74951234567';
/** The trunk leg of an inbound call and the agents' legs it rings, all in one Linkedid. */
function inboundCall(linkedid = 'L1') {
  const caller = leg('SIP/pstn-in-00000001', linkedid, { uniqueid: linkedid, num: CUSTOMER, exten: '74950000000', state: 4 });
  const a101 = leg('SIP/101-00000002', linkedid, { num: '101', connected: CUSTOMER, state: 5 });
  const a102 = leg('SIP/102-00000003', linkedid, { num: '102', connected: CUSTOMER, state: 5 });
  return { caller, a101, a102 };
}

/** The queue starts ringing 101 and 102 (ring-all). */
const ringAll = ({ caller, a101, a102 }: ReturnType<typeof inboundCall>): AmiMessage[] => [
  newchannel(caller),
  queueCallerJoin(caller),
  newchannel(a101),
  agentCalled(caller, a101, 'SIP/101'),
  dialBegin(caller, a101, 'SIP/101'),
  newchannel(a102),
  agentCalled(caller, a102, 'SIP/102'),
  dialBegin(caller, a102, 'SIP/102'),
];

describe('AsteriskCallMapper: which calls are this agent’s', () => {
  it('ignores the customer simulator’s carrier legs, colleagues’ calls, originate replies and RTCP', () => {
    const { feed, calls, mapper } = harness();
    const carrier = leg('SIP/pstn-carrier-00000000', 'cust-a-1', { uniqueid: 'cust-a-1', num: CUSTOMER });
    const colleague = leg('SIP/102-00000009', 'L9', { num: '102' });
    const other = leg('SIP/103-0000000a', 'L9', { num: '103' });
    feed(
      newchannel(carrier),
      dialBegin(undefined, carrier, 'pstn-carrier/74950000000'),
      dialEnd(undefined, carrier, 'ANSWER'),
      ami({ Event: 'OriginateResponse', ActionID: 'a-1', Response: 'Success', Channel: carrier.name, Uniqueid: carrier.uniqueid }),
      dialBegin(colleague, other, '103'),
      dialEnd(colleague, other, 'ANSWER'),
      ev('RTCPSent', colleague, { SSRC: '1' }),
      ev('RTCPReceived', colleague, { SSRC: '2' }),
      hangup(other),
      hangup(colleague),
      hangup(carrier),
    );
    expect(calls).toEqual([]);
    expect(mapper.trackedChannels).toBe(0);
  });

  it('never takes QueueMemberStatus for a ring', () => {
    const { feed, calls, mapper } = harness();
    feed(memberEvent('QueueMemberStatus', 'SIP/101', { Status: '6', InCall: '0' }));
    feed(memberEvent('QueueMemberStatus', 'SIP/101', { Status: '2', InCall: '1' }));
    expect(calls).toEqual([]);
    expect(mapper.agentState()).toEqual({ queues: { support: { paused: false } } });
  });

  it('uses the PBX’s Timestamp when the event has one', () => {
    const { feed, calls } = harness();
    const c = inboundCall();
    feed(newchannel(c.caller), queueCallerJoin(c.caller));
    feed(withFields(agentCalled(c.caller, c.a101, 'SIP/101'), { Timestamp: '1795361249.872345' }));
    expect(calls[0]).toMatchObject({ type: 'ringing', at: 1795361249872 });
  });
});

describe('AsteriskCallMapper: ring-all queue', () => {
  it('rings once per agent even though AgentCalled and DialBegin both announce the ring', () => {
    const { feed, calls } = harness();
    feed(...ringAll(inboundCall()));
    expect(calls).toEqual([
      { type: 'ringing', callId: 'L1', at: expect.any(Number), direction: 'inbound', remote: CUSTOMER, queue: 'support', did: '74950000000' },
    ]);
  });

  it('ends the loser’s ring as answered-elsewhere, once, despite duplicate CANCELs', () => {
    const c = inboundCall();
    const { feed, story } = harness({ interfaces: ['SIP/102'] });
    feed(
      ...ringAll(c),
      dialEnd(c.caller, { ...c.a101, state: 6 }, 'ANSWER'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      hangup(c.a102, '26'),
      queueCallerLeave(c.caller),
      agentConnect(c.caller, c.a101, 'SIP/101'),
    );
    expect(story()).toEqual(['ringing', 'ended:answered-elsewhere']);
  });

  it('gives the winner answered, then completed when the call ends', () => {
    const c = inboundCall();
    const { feed, story, calls } = harness();
    feed(
      ...ringAll(c),
      dialEnd(c.caller, { ...c.a101, state: 6 }, 'ANSWER'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      queueCallerLeave(c.caller),
      agentConnect(c.caller, c.a101, 'SIP/101'),
      hangupRequest(c.caller),
      hangup(c.a101),
      hangup(c.caller),
    );
    expect(story()).toEqual(['ringing', 'answered', 'ended:completed']);
    expect(calls.every((e) => e.callId === 'L1')).toBe(true);
  });

  it('calls it abandoned when the caller hangs up first, whatever QueueCallerAbandon says', () => {
    const c = inboundCall();
    const { feed, story } = harness();
    feed(
      ...ringAll(c),
      hangupRequest(c.caller),
      dialEnd(c.caller, c.a101, 'CANCEL'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      hangup(c.a101),
      queueCallerAbandon(c.caller),
      queueCallerLeave(c.caller),
      hangup(c.caller),
    );
    expect(story()).toEqual(['ringing', 'ended:abandoned']);
  });

  it('keeps one card through ring rounds and calls a queue timeout missed, not abandoned', () => {
    const c = inboundCall();
    const { feed, story, calls } = harness();
    feed(...ringAll(c));
    for (let round = 1; round <= 3; round++) {
      const next = leg(`SIP/101-0000001${round}`, 'L1', { num: '101', connected: CUSTOMER, state: 5 });
      feed(
        ev('AgentRingNoAnswer', c.caller, { Queue: 'support', Interface: 'SIP/101', DestChannel: c.a101.name }),
        dialEnd(c.caller, c.a101, 'NOANSWER'),
        dialEnd(c.caller, c.a101, 'CANCEL'),
        hangup(c.a101),
        newchannel(next),
        agentCalled(c.caller, next, 'SIP/101'),
        dialBegin(c.caller, next, 'SIP/101'),
      );
      c.a101 = next;
    }
    feed(dialEnd(c.caller, c.a101, 'NOANSWER'), hangup(c.a101));
    expect(story()).toEqual(['ringing']);
    feed(
      queueCallerAbandon(c.caller),
      queueCallerLeave(c.caller),
      ami({ Event: 'UserEvent', UserEvent: 'CallLabMissedCall', Reason: 'TIMEOUT' }),
      softHangupRequest(c.caller),
      hangup(c.caller),
    );
    expect(story()).toEqual(['ringing', 'ended:missed']);
    expect(calls[1]!.at).toBeGreaterThan(calls[0]!.at);
  });

  it('calls it abandoned when the caller gives up between two ring rounds', () => {
    const c = inboundCall();
    const { feed, story } = harness();
    feed(...ringAll(c), dialEnd(c.caller, c.a101, 'NOANSWER'), hangup(c.a101));
    expect(story()).toEqual(['ringing']);
    feed(hangupRequest(c.caller));
    expect(story()).toEqual(['ringing', 'ended:abandoned']);
  });

  it('calls it answered-elsewhere when a colleague takes the call in a round that skipped this agent', () => {
    const c = inboundCall();
    const { feed, story } = harness();
    feed(...ringAll(c), dialEnd(c.caller, c.a101, 'NOANSWER'), dialEnd(c.caller, c.a102, 'NOANSWER'), hangup(c.a101), hangup(c.a102));
    const again102 = leg('SIP/102-00000020', 'L1', { num: '102', connected: CUSTOMER });
    feed(agentCalled(c.caller, again102, 'SIP/102'), dialBegin(c.caller, again102), dialEnd(c.caller, again102, 'ANSWER'));
    expect(story()).toEqual(['ringing']);
    feed(queueCallerLeave(c.caller));
    expect(story()).toEqual(['ringing', 'ended:answered-elsewhere']);
  });
});

describe('AsteriskCallMapper: direct calls', () => {
  it('ends an unanswered direct call as missed at once (no queue will ring again)', () => {
    const { feed, story } = harness();
    const colleague = leg('SIP/102-00000005', 'L5', { uniqueid: 'L5', num: '102' });
    const me = leg('SIP/101-00000006', 'L5', { num: '101', connected: '102' });
    feed(newchannel(colleague), dialBegin(colleague, me, 'SIP/101'), dialEnd(colleague, me, 'NOANSWER'));
    expect(story()).toEqual(['ringing', 'ended:missed']);
  });

  it('rings a colleague’s call as internal, and an outside caller as inbound', () => {
    const a = harness();
    const colleague = leg('SIP/102-00000005', 'L5', { uniqueid: 'L5', num: '102', name2: 'Agent 102' });
    a.feed(dialBegin(colleague, leg('SIP/101-00000006', 'L5', { connected: '102' })));
    expect(a.calls[0]).toMatchObject({ direction: 'internal', remote: '102' });

    const b = harness();
    const outside = leg('SIP/pstn-in-00000007', 'L7', { uniqueid: 'L7', num: '84951234567' });
    b.feed(dialBegin(outside, leg('SIP/101-00000008', 'L7', { connected: '84951234567' })));
    expect(b.calls[0]).toMatchObject({ direction: 'inbound', remote: '84951234567' });
    expect(b.calls[0]).not.toHaveProperty('queue');
  });

  it('follows a call the agent dials from the phone', () => {
    const { feed, story, calls } = harness();
    const me = leg('SIP/101-00000030', 'L30', { uniqueid: 'L30', num: '101', exten: '84957777777' });
    const trunk = leg('SIP/pstn-out-00000031', 'L30', { num: '84957777777' });
    feed(newchannel(me), dialBegin(me, trunk, 'pstn-out/84957777777'), dialEnd(me, trunk, 'ANSWER'), hangup(trunk), hangup(me));
    expect(story()).toEqual(['ringing', 'answered', 'ended:completed']);
    expect(calls[0]).toMatchObject({ direction: 'outbound', remote: '84957777777' });
    expect(calls[1]).toMatchObject({ remote: '84957777777' });
  });
});

describe('AsteriskCallMapper: hold and transfers', () => {
  function answered101() {
    const c = inboundCall();
    const h = harness();
    h.feed(...ringAll(c), dialEnd(c.caller, { ...c.a101, state: 6 }, 'ANSWER'), dialEnd(c.caller, c.a102, 'CANCEL'), hangup(c.a102), queueCallerLeave(c.caller));
    return { ...h, ...c };
  }

  it('turns Hold/Unhold on the agent’s channel into held/resumed', () => {
    const h = answered101();
    h.feed(hold(h.a101), hold(h.a101), unhold(h.a101), hangup(h.a101));
    expect(h.story()).toEqual(['ringing', 'answered', 'held', 'resumed', 'ended:completed']);
  });

  it('ignores the Unhold a phone sends before its blind transfer, and reports the transfer', () => {
    const h = answered101();
    h.feed(
      unhold(h.a101),
      ami({
        Event: 'BlindTransfer',
        Result: 'Success',
        TransfererChannel: h.a101.name,
        TransfererCallerIDNum: '101',
        TransfereeChannel: h.caller.name,
        TransfereeCallerIDNum: CUSTOMER,
        Context: 'agents',
        Extension: '102',
        IsExternal: 'Yes',
      }),
      ev('AgentComplete', h.caller, { Queue: 'support', Interface: 'SIP/101', Reason: 'transfer', DestChannel: h.a101.name }),
      hangup(h.a101),
    );
    expect(h.story()).toEqual(['ringing', 'answered', 'transferred:blind', 'ended:transferred-away']);
    expect(h.calls[2]).toMatchObject({ kind: 'blind', target: '102' });
  });

  it('rings the blind-transfer target with the customer’s number and who transferred it', () => {
    const c = inboundCall();
    const { feed, calls, story } = harness({ interfaces: ['SIP/102'] });
    feed(
      ...ringAll(c),
      dialEnd(c.caller, { ...c.a101, state: 6 }, 'ANSWER'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      hangup(c.a102),
      queueCallerLeave(c.caller),
      ami({ Event: 'BlindTransfer', Result: 'Success', TransfererChannel: c.a101.name, TransfereeChannel: c.caller.name, Extension: '102' }),
      hangup(c.a101),
    );
    const target = leg('SIP/102-0000000c', 'L1', { num: '102', connected: CUSTOMER });
    feed(dialBegin({ ...c.caller, connected: '101' }, target, '102'), dialEnd(c.caller, target, 'ANSWER'), hangupRequest(target), hangup(target));
    expect(story()).toEqual(['ringing', 'ended:answered-elsewhere', 'ringing', 'answered', 'ended:completed']);
    expect(calls[2]).toEqual({
      type: 'ringing',
      callId: 'L1',
      at: expect.any(Number),
      direction: 'inbound',
      remote: CUSTOMER,
      did: '74950000000',
      transferredBy: '101',
    });
  });

  /** 101 consults 103 through a Local pair (AMI Atxfer), then completes the transfer. */
  function attended(agent: string, connectedLine: 'after' | 'before' | 'never') {
    const c = inboundCall();
    const h = harness({ interfaces: [agent] });
    const local1 = leg('Local/103@agents-00000000;1', 'L1', { num: '103', connected: '101' });
    const local2 = leg('Local/103@agents-00000000;2', 'L1', { num: '101', connected: '103' });
    const a103 = leg('SIP/103-00000011', 'L1', { num: '103', connected: '101' });
    h.feed(
      ...ringAll(c),
      dialEnd(c.caller, { ...c.a101, state: 6 }, 'ANSWER'),
      dialEnd(c.caller, c.a102, 'CANCEL'),
      hangup(c.a102),
      queueCallerLeave(c.caller),
      ev('DTMFEnd', c.a101, { Digit: '*', Direction: 'Received' }),
      hold(c.a101),
      newchannel(local1),
      newchannel(local2),
      dialBegin(local2, a103, '103'),
      dialEnd(local2, a103, 'ANSWER'),
      dialEnd(undefined, local1, 'ANSWER'),
      hangupRequest(c.a101),
      ami({ Event: 'BridgeMerge', ToBridgeUniqueid: 'b1', FromBridgeUniqueid: 'b2' }),
      ...(connectedLine === 'before' ? [connectedLine103(a103)] : []),
      ami({
        Event: 'AttendedTransfer',
        Result: 'Success',
        OrigTransfererChannel: c.a101.name,
        SecondTransfererChannel: c.a101.name,
        SecondTransfererConnectedLineNum: '103',
        TransfereeChannel: c.caller.name,
        TransfereeCallerIDNum: CUSTOMER,
        TransferTargetChannel: local1.name,
        TransferTargetCallerIDNum: '103',
        DestType: 'Bridge',
      }),
      ...(connectedLine === 'after' ? [connectedLine103(a103)] : []),
      hangup(c.a101),
      hangupRequest(c.caller),
      hangup(local1),
      hangup(c.caller),
      hangup(a103),
      hangup(local2),
    );
    return h;
  }

  it('tells the transferring agent the call went to the consulted colleague', () => {
    const h = attended('SIP/101', 'after');
    expect(h.story()).toEqual(['ringing', 'answered', 'held', 'transferred:attended', 'ended:transferred-away']);
    expect(h.calls[3]).toMatchObject({ kind: 'attended', target: '103' });
  });

  const connectedLine103 = (a103: ReturnType<typeof leg>) => connectedLine(a103, CUSTOMER);

  it.each(['after', 'before'] as const)('moves the target’s card from the colleague to the customer behind the Local pair (connected line %s the transfer)', (order) => {
    const h = attended('SIP/103', order);
    expect(h.story()).toEqual(['ringing', 'answered', 'transferred:attended', 'ended:completed']);
    expect(h.calls[0]).toMatchObject({ remote: '101', direction: 'internal' });
    expect(h.calls[2]).toEqual({
      type: 'transferred',
      callId: 'L1',
      at: expect.any(Number),
      kind: 'attended',
      remote: CUSTOMER,
      transferredBy: '101',
    });
    expect(h.mapper.trackedChannels).toBe(0);
  });

  it('still names the customer if the connected-line update never comes', () => {
    const h = attended('SIP/103', 'never');
    expect(h.story()).toEqual(['ringing', 'answered', 'transferred:attended', 'ended:completed']);
    expect(h.calls[2]).toMatchObject({ remote: CUSTOMER, transferredBy: '101' });
  });

  it('reports a Redirect transfer the app asked for', () => {
    const h = answered101();
    expect(h.mapper.noteBlindTransfer('L1', '105', 5_000)).toEqual([
      { kind: 'call', event: { type: 'transferred', callId: 'L1', at: 5_000, kind: 'blind', target: '105' } },
    ]);
    expect(h.mapper.noteBlindTransfer('L1', '105', 5_001)).toEqual([]);
    h.feed(hangup(h.a101));
    expect(h.story()).toEqual(['ringing', 'answered', 'ended:transferred-away']);
  });
});

describe('AsteriskCallMapper: click-to-call (Originate)', () => {
  const NUMBER = '79161234567';
  function originate() {
    const h = harness();
    // The agent's own leg carries the Originate's CallerID, not "101".
    const me = leg('SIP/101-00000016', 'L24', { uniqueid: 'L24', num: NUMBER, connected: NUMBER, state: 5 });
    const far = leg('Local/79161234567@customer-sim-00000001;1', 'L24', { num: NUMBER, connected: NUMBER });
    h.feed(newchannel(me), memberEvent('QueueMemberStatus', 'SIP/101', { Status: '6' }), dialBegin(undefined, me, '101'));
    return { ...h, me, far };
  }

  it('rings outbound, answers only when the far end does, not when the agent picks up', () => {
    const h = originate();
    h.feed(
      dialEnd(undefined, { ...h.me, state: 6 }, 'ANSWER'),
      ami({ Event: 'OriginateResponse', Response: 'Success', Channel: h.me.name, Reason: '4', Uniqueid: 'L24' }),
    );
    expect(h.story()).toEqual(['ringing']);
    h.feed(dialBegin(h.me, h.far, `${NUMBER}@customer-sim`), dialEnd(h.me, h.far, 'ANSWER'), hangupRequest(h.me), hangup(h.far), hangup(h.me));
    expect(h.calls).toEqual([
      { type: 'ringing', callId: 'L24', at: expect.any(Number), direction: 'outbound', remote: NUMBER },
      { type: 'answered', callId: 'L24', at: expect.any(Number), remote: NUMBER },
      { type: 'ended', callId: 'L24', at: expect.any(Number), reason: 'completed' },
    ]);
  });

  it('says why a click-to-call could not be placed, for this agent\'s phone only', () => {
    const h = harness();
    const failure = (channel: string, reason: string) =>
      ami({ Event: 'OriginateResponse', Response: 'Failure', Channel: channel, Context: 'agents-out', Exten: NUMBER, Reason: reason, Uniqueid: 'L30' });
    h.feed(failure('SIP/101', '0'), failure('SIP/101', '3'), failure('SIP/101', '5'), failure('SIP/101', '42'));
    // Another phone's failure, and the recorded one of the test rig's own trunk, are not ours.
    h.feed(failure('SIP/102', '3'), failure('SIP/pstn-carrier/74950000000', '0'));
    expect(h.agent).toEqual([
      { type: 'dial-failed', number: NUMBER, reason: 'unavailable', at: expect.any(Number) },
      { type: 'dial-failed', number: NUMBER, reason: 'no-answer', at: expect.any(Number) },
      { type: 'dial-failed', number: NUMBER, reason: 'busy', at: expect.any(Number) },
      { type: 'dial-failed', number: NUMBER, reason: 'failed', at: expect.any(Number) },
    ]);
    expect(h.calls).toEqual([]);
  });

  it('ends as failed when the far end is busy or the agent never picks up', () => {
    const busy = originate();
    busy.feed(dialEnd(undefined, busy.me, 'ANSWER'), dialBegin(busy.me, busy.far), dialEnd(busy.me, busy.far, 'BUSY'), hangup(busy.me));
    expect(busy.story()).toEqual(['ringing', 'ended:failed']);

    const ignored = originate();
    ignored.feed(dialEnd(undefined, ignored.me, 'NOANSWER'), hangup(ignored.me));
    expect(ignored.story()).toEqual(['ringing', 'ended:failed']);
  });
});

describe('AsteriskCallMapper: Local queue members (PJSIP phone behind Local/101@agents/n)', () => {
  it('rings once, answers and ends on the phone’s channel', () => {
    const { feed, story, calls } = harness({ interfaces: ['Local/101@agents/n'], stateInterfaces: ['PJSIP/101'] });
    const c = inboundCall();
    const local1 = leg('Local/101@agents-00000005;1', 'L1', { connected: CUSTOMER });
    const local2 = leg('Local/101@agents-00000005;2', 'L1', { num: CUSTOMER });
    const phone = leg('PJSIP/101-0000000b', 'L1', { num: '101', connected: CUSTOMER });
    feed(
      newchannel(c.caller),
      queueCallerJoin(c.caller),
      agentCalled(c.caller, local1, 'Local/101@agents/n'),
      dialBegin(c.caller, local1, 'Local/101@agents/n'),
      dialBegin(local2, phone, 'PJSIP/101'),
      dialEnd(local2, phone, 'ANSWER'),
      dialEnd(c.caller, local1, 'ANSWER'),
      queueCallerLeave(c.caller),
      agentConnect(c.caller, local1, 'Local/101@agents/n'),
      hangup(local1),
    );
    expect(story()).toEqual(['ringing', 'answered']);
    feed(hangup(phone), hangup(local2), hangup(c.caller));
    expect(story()).toEqual(['ringing', 'answered', 'ended:completed']);
    expect(calls[0]).toMatchObject({ queue: 'support', remote: CUSTOMER });
  });

  it('accepts a PJSIP interface directly', () => {
    const { feed, story } = harness({ interfaces: ['PJSIP/101'] });
    const caller = leg('PJSIP/trunk-00000001', 'L3', { uniqueid: 'L3', num: CUSTOMER });
    const phone = leg('PJSIP/101-00000002', 'L3', { num: '101', connected: CUSTOMER });
    feed(dialBegin(caller, phone), dialEnd(caller, phone, 'ANSWER'), hangup(phone));
    expect(story()).toEqual(['ringing', 'answered', 'ended:completed']);
  });
});
