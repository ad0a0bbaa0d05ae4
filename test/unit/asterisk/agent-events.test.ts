import { describe, expect, it } from 'vitest';
import { AsteriskCallMapper } from '../../../electron/core/pbx/asterisk/call-mapper.js';
import type { AgentEvent } from '../../../shared/domain/call-events.js';
import { ami, memberEvent } from './ami-builders.js';
import type { AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';

function agentHarness(interfaces: string[] = ['SIP/101']) {
  const mapper = new AsteriskCallMapper({ interfaces });
  const events: AgentEvent[] = [];
  let now = 0;
  const feed = (...ms: AmiMessage[]) => {
    for (const m of ms) for (const o of mapper.handle(m, (now += 1))) if (o.kind === 'agent') events.push(o.event);
  };
  const story = () => events.map(({ at: _at, ...rest }) => rest);
  return { mapper, feed, story };
}

describe('AsteriskCallMapper: agent events', () => {
  it('reports pause with its reason and unpause from QueueMemberPause (Asterisk 20)', () => {
    const h = agentHarness();
    h.feed(
      memberEvent('QueueMemberPause', 'SIP/101', { Paused: '1', PausedReason: 'screen locked' }),
      memberEvent('QueueMemberPause', 'SIP/101', { Paused: '0', PausedReason: '' }),
    );
    expect(h.story()).toEqual([
      { type: 'paused', queue: 'support', reason: 'screen locked' },
      { type: 'unpaused', queue: 'support' },
    ]);
    expect(h.mapper.agentState()).toEqual({ queues: { support: { paused: false } } });
  });

  it('understands the older QueueMemberPaused with Location and Reason', () => {
    const h = agentHarness();
    h.feed(ami({ Event: 'QueueMemberPaused', Queue: 'sales', Location: 'SIP/101', MemberName: 'Agent 101', Paused: '1', Reason: 'lunch' }));
    expect(h.story()).toEqual([{ type: 'paused', queue: 'sales', reason: 'lunch' }]);
    expect(h.mapper.agentState()).toEqual({ queues: { sales: { paused: true, reason: 'lunch' } } });
  });

  it('does not repeat a pause the PBX repeats, but reports a new reason', () => {
    const h = agentHarness();
    const pause = (reason: string) => memberEvent('QueueMemberPause', 'SIP/101', { Paused: '1', PausedReason: reason });
    h.feed(pause('screen locked'), pause('screen locked'), pause('break'));
    expect(h.story()).toEqual([
      { type: 'paused', queue: 'support', reason: 'screen locked' },
      { type: 'paused', queue: 'support', reason: 'break' },
    ]);
  });

  it('reports membership changes and ignores other agents', () => {
    const h = agentHarness(['SIP/103']);
    h.feed(
      memberEvent('QueueMemberPause', 'SIP/101', { Paused: '1' }),
      memberEvent('QueueMemberAdded', 'SIP/103', { Membership: 'dynamic' }),
      memberEvent('QueueMemberRemoved', 'SIP/103', { Membership: 'dynamic' }),
    );
    expect(h.story()).toEqual([
      { type: 'member-added', queue: 'support' },
      { type: 'member-removed', queue: 'support' },
    ]);
    expect(h.mapper.agentState()).toEqual({ queues: {} });
  });

  it('learns state silently from QueueStatus list entries, reporting only real changes', () => {
    const h = agentHarness();
    const listed = (paused: string, reason = '') =>
      ami({ Event: 'QueueMember', Queue: 'support', Name: 'Agent 101', Location: 'SIP/101', StateInterface: 'SIP/101', Paused: paused, PausedReason: reason, ActionID: 'q-1' });
    h.feed(listed('0'), listed('0'));
    expect(h.story()).toEqual([]);
    h.feed(listed('1', 'supervisor'));
    expect(h.story()).toEqual([{ type: 'paused', queue: 'support', reason: 'supervisor' }]);
  });

  it('matches a Local member by its interface and learns the phone behind it', () => {
    const h = agentHarness(['Local/101@agents/n']);
    h.feed(memberEvent('QueueMemberPause', 'Local/101@agents/n', { StateInterface: 'PJSIP/101', Paused: '1' }));
    expect(h.story()).toEqual([{ type: 'paused', queue: 'support' }]);
  });
});
