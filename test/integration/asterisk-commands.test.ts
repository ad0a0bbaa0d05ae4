import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/log.js';
import { field } from '../../electron/core/pbx/ami/ami-message.js';
import { AsteriskPbx } from '../../electron/core/pbx/asterisk-pbx.js';
import { systemClock } from '../../electron/core/ports.js';
import type { CallEvent } from '../../shared/domain/call-events.js';
import { FakeAmiServer, transcriptBody, type ReceivedAction } from '../fakes/fake-ami-server.js';

const fieldsOf = (a: ReceivedAction | undefined): Record<string, string | undefined> =>
  Object.fromEntries([...(a?.message.fields.keys() ?? [])].map((k) => [k, field(a!.message, k)]));

let server: FakeAmiServer | undefined;
let pbx: AsteriskPbx | undefined;
afterEach(async () => {
  await pbx?.disconnect();
  await server?.close();
  pbx = undefined;
  server = undefined;
});

const recorded = () => transcriptBody('01-inbound-answered.ami').toString('latin1').split(/\r?\n\r?\n/);
const asBytes = (packets: string[]) => Buffer.from(`${packets.join('\r\n\r\n')}\r\n\r\n`, 'latin1');

/** The recorded call up to the moment agent 101 talks to the caller (before anyone hangs up). */
function callInProgress(): Buffer {
  const packets = recorded();
  return asBytes(packets.slice(0, packets.findIndex((p) => /^Event: SoftHangupRequest/m.test(p))));
}

/** The recorded Hangup of agent 101's phone leg. */
function agentLegHangup(): Buffer {
  return asBytes(recorded().filter((p) => /^Event: Hangup$/m.test(p) && /^Channel: SIP\/101-/m.test(p)));
}

async function connected(interfaces = ['SIP/101']) {
  server = await FakeAmiServer.start({ users: { cti: 'secret' } });
  const events: CallEvent[] = [];
  pbx = new AsteriskPbx({
    client: { host: '127.0.0.1', port: server.port, username: 'cti', secret: 'secret', connectTimeoutMs: 2_000, actionTimeoutMs: 2_000 },
    interfaces,
    originateContext: 'agents-out',
    maxInternalDigits: 5,
    clock: systemClock,
    log: silentLogger,
  });
  pbx.onCallEvent((e) => events.push(e));
  let up = false;
  pbx.onLinkState((s) => (up = s === 'up'));
  await pbx.connect();
  await vi.waitFor(() => expect(up).toBe(true), { timeout: 5_000 });
  return { server, pbx, events };
}

async function talking() {
  const ctx = await connected();
  for (const c of ctx.server.connections) c.send(callInProgress());
  await vi.waitFor(() => expect(ctx.events.map((e) => e.type)).toEqual(['ringing', 'answered']), { timeout: 5_000 });
  return { ...ctx, callId: ctx.events[0]!.callId };
}

describe('Asterisk call commands (real AMI client against the in-repo AMI server)', () => {
  it('asks the PBX to send only the events the app reads, after every login', async () => {
    const { server } = await connected();
    expect(server.actionsNamed('Filter').map(fieldsOf)).toEqual([
      expect.objectContaining({ Operation: 'Add', Filter: expect.stringMatching(/^\^Event: \(Newchannel\|.*Hangup.*QueueMember/) }),
    ]);
    expect(server.connections[0]!.filters).toHaveLength(1);
  });

  it('reports what it can do, and that AMI has no hold', async () => {
    const { pbx } = await connected();
    expect(pbx.capabilities).toMatchObject({ hangup: true, blindTransfer: true, attendedTransfer: true, spy: true, hold: false });
  });

  it('hangs up the agent\'s own leg of the call', async () => {
    const { server, pbx, callId } = await talking();
    await pbx.hangup(callId);
    expect(server.actionsNamed('Hangup').map(fieldsOf)).toEqual([expect.objectContaining({ Channel: 'SIP/101-00000002' })]);
  });

  it('blind-transfers the caller with Redirect, and the call leaves this agent as transferred-away', async () => {
    const { server, pbx, events, callId } = await talking();
    await pbx.blindTransfer(callId, '102');
    expect(server.actionsNamed('Redirect').map(fieldsOf)).toEqual([
      expect.objectContaining({ Channel: 'SIP/pstn-in-00000001', Exten: '102', Context: 'agents-out', Priority: '1' }),
    ]);
    expect(events.slice(2)).toEqual([expect.objectContaining({ type: 'transferred', callId, kind: 'blind', target: '102' })]);
    // Asterisk then takes the agent's phone out of the call.
    for (const c of server.connections) c.send(agentLegHangup());
    await vi.waitFor(() => expect(events.slice(3)).toEqual([expect.objectContaining({ type: 'ended', callId, reason: 'transferred-away' })]));
  });

  it('starts an attended transfer with Atxfer on the agent\'s channel', async () => {
    const { server, pbx, callId } = await talking();
    await pbx.attendedTransfer(callId, '103');
    expect(server.actionsNamed('Atxfer').map(fieldsOf)).toEqual([
      expect.objectContaining({ Channel: 'SIP/101-00000002', Exten: '103', Context: 'agents-out' }),
    ]);
  });

  it('rings the supervisor into ChanSpy in the chosen mode', async () => {
    const { server, pbx } = await connected(['SIP/200']);
    const { callId } = await pbx.spy('101', 'whisper');
    await pbx.spy('101', 'barge');
    await pbx.spy('101', 'listen');
    expect(server.actionsNamed('Originate').map(fieldsOf)).toEqual([
      expect.objectContaining({ Channel: 'SIP/200', Application: 'ChanSpy', Data: 'SIP/101,qEw', Async: 'true', ChannelId: callId }),
      expect.objectContaining({ Data: 'SIP/101,qEB' }),
      expect.objectContaining({ Data: 'SIP/101,qE' }),
    ]);
  });

  it('pauses in one queue when asked', async () => {
    const { server, pbx } = await connected();
    await pbx.setPaused(true, 'break', 'support');
    expect(fieldsOf(server.actionsNamed('QueuePause')[0])).toMatchObject({ Interface: 'SIP/101', Queue: 'support', Paused: 'true', Reason: 'break' });
  });

  it('refuses commands for unknown calls and targets that are not numbers, without sending anything', async () => {
    const { server, pbx, callId } = await talking();
    await expect(pbx.hangup('no-such-call')).rejects.toThrow(/not in progress/);
    await expect(pbx.blindTransfer(callId, '102\r\nAction: Originate')).rejects.toThrow(/cannot be dialled|not a number/);
    await expect(pbx.spy('101,qB', 'listen')).rejects.toThrow(/not a number/);
    expect(server.actionsNamed('Hangup')).toHaveLength(0);
    expect(server.actionsNamed('Redirect')).toHaveLength(0);
  });

  it('passes on the PBX\'s refusal in plain words', async () => {
    const { server, pbx, callId } = await talking();
    server.handle('Redirect', (a) => [{ Response: 'Error', ActionID: a.actionId, Message: 'Permission denied' }]);
    await expect(pbx.blindTransfer(callId, '102')).rejects.toThrow(/Permission denied/);
  });
});

describe('colleagues\' lamps over AMI', () => {
  it('reports every extension after login, then each change', async () => {
    server = await FakeAmiServer.start({ users: { cti: 'secret' } });
    server.setList('ExtensionStateList', [
      { Event: 'ExtensionStatus', Exten: '102', Context: 'ext-local', Hint: 'SIP/102', Status: 1, StatusText: 'InUse' },
      { Event: 'ExtensionStatus', Exten: '103', Context: 'ext-local', Hint: 'SIP/103', Status: 0, StatusText: 'Idle' },
    ]);
    pbx = new AsteriskPbx({
      client: { host: '127.0.0.1', port: server.port, username: 'cti', secret: 'secret', connectTimeoutMs: 2_000, actionTimeoutMs: 2_000 },
      interfaces: ['SIP/101'],
      originateContext: 'agents-out',
      maxInternalDigits: 5,
      clock: systemClock,
      log: silentLogger,
    });
    const lamps: string[] = [];
    pbx.onAgentEvent((e) => e.type === 'device-state' && lamps.push(`${e.extension}:${e.state}`));
    await pbx.connect();
    await vi.waitFor(() => expect(lamps).toEqual(['102:in-use', '103:idle']), { timeout: 5_000 });
    server.emitEvent({ Event: 'ExtensionStatus', Exten: '103', Context: 'ext-local', Hint: 'SIP/103', Status: 8, StatusText: 'Ringing' });
    await vi.waitFor(() => expect(lamps).toEqual(['102:in-use', '103:idle', '103:ringing']));
    expect(pbx.capabilities.deviceState).toBe(true);
  });
});
