import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiActionError, AmiError, AmiLinkDownError, AmiTimeoutError } from '../../../electron/core/pbx/ami/ami-errors.js';
import { AmiEncodeError } from '../../../electron/core/pbx/ami/ami-codec.js';
import { eventName, field, type AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import { AMI_FIXTURES_DIR } from '../../fakes/fake-ami-server.js';
import { closeRigs, startRig, until, type Rig } from './support.js';

afterEach(closeRigs);

async function upRig(...args: Parameters<typeof startRig>): Promise<Rig & { events: AmiMessage[] }> {
  const rig = await startRig(...args);
  const events: AmiMessage[] = [];
  rig.client.onEvent((e) => events.push(e));
  rig.client.start();
  await rig.client.ready({ timeoutMs: 3_000 });
  return { ...rig, events };
}

describe('AMI actions', () => {
  it('correlates answers by ActionID when they arrive out of order between events', async () => {
    const { server, client, events } = await upRig();
    const held: { id: string; conn: (typeof server.connections)[number] }[] = [];
    server.handle('Originate', (action, conn) => {
      held.push({ id: action.actionId!, conn });
      if (held.length < 2) return null; // answer both once the second arrives, newest first
      for (const h of [...held].reverse()) {
        conn.send({ Event: 'Newchannel', Channel: `SIP/101-${h.id}` });
        conn.send({ Response: 'Success', ActionID: h.id, Message: `queued ${h.id}` });
        conn.send({ Event: 'OriginateResponse', ActionID: h.id, Response: 'Success' });
      }
      return [];
    });
    const first = client.send('Originate', { Channel: 'SIP/101', Exten: '111', Async: true });
    const second = client.send('Originate', { Channel: 'SIP/101', Exten: '222', Async: true });
    const [a, b] = await Promise.all([first, second]);

    const ids = server.actionsNamed('Originate').map((x) => x.actionId);
    expect(new Set(ids).size).toBe(2);
    expect(field(a, 'Message')).toBe(`queued ${ids[0]}`);
    expect(field(b, 'Message')).toBe(`queued ${ids[1]}`);
    await until(() => events.filter((e) => eventName(e) === 'OriginateResponse').length === 2, 'OriginateResponse events');
    expect(events.filter((e) => eventName(e) !== 'FullyBooted').map(eventName)).toEqual(['Newchannel', 'OriginateResponse', 'Newchannel', 'OriginateResponse']);
  });

  it('rejects Response: Error with the action name and Asterisk message', async () => {
    const { server, client } = await upRig();
    server.handle('Hangup', (action) => [{ Response: 'Error', ActionID: action.actionId!, Message: 'No such channel' }]);
    const error = await client.send('Hangup', { Channel: 'SIP/999-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiActionError);
    expect((error as AmiActionError).message).toBe('AMI action Hangup failed: No such channel');
  });

  it('times out an unanswered action, naming it, and the link stays up', async () => {
    const { server, client } = await upRig();
    server.handle('QueuePause', () => null);
    const error = await client.send('QueuePause', { Interface: 'SIP/101', Paused: true }, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiTimeoutError);
    expect((error as Error).message).toBe('AMI action QueuePause got no answer within 150 ms');
    expect(client.state).toBe('up');
    expect(field(await client.send('Ping'), 'Ping')).toBe('Pong');
  });

  it('collects list actions until their Complete event, keeping other events flowing', async () => {
    const { server, client, events } = await upRig();
    server.setList('CoreShowChannels', [
      { Event: 'CoreShowChannel', Channel: 'SIP/pstn-in-00000001', Linkedid: 'L1', BridgeId: 'b1' },
      { Event: 'CoreShowChannel', Channel: 'SIP/101-00000002', Linkedid: 'L1', BridgeId: 'b1' },
    ]);
    server.setList('QueueStatus', [
      { Event: 'QueueParams', Queue: 'support', Strategy: 'ringall' },
      { Event: 'QueueMember', Queue: 'support', Location: 'SIP/101', Paused: 0 },
    ]);
    server.handle('Status', (action, conn) => {
      const id = action.actionId!;
      conn.send({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Channel status will follow' });
      conn.send({ Event: 'Status', ActionID: id, Channel: 'SIP/101-00000002', BridgeID: 'b1' });
      conn.send({ Event: 'Hangup', Channel: 'SIP/102-00000009', Cause: 16 }); // unsolicited, mid-list
      conn.send({ Event: 'StatusComplete', ActionID: id, EventList: 'Complete', ListItems: 1, Items: 1 });
      return [];
    });

    const [channels, queues, status, empty] = await Promise.all([
      client.sendList('CoreShowChannels'),
      client.sendList('QueueStatus', { Queue: 'support' }),
      client.sendList('Status'),
      client.sendList('ExtensionStateList'),
    ]);
    expect(channels.map((m) => field(m, 'Channel'))).toEqual(['SIP/pstn-in-00000001', 'SIP/101-00000002']);
    expect(queues.map(eventName)).toEqual(['QueueParams', 'QueueMember']);
    expect(status.map((m) => field(m, 'BridgeID'))).toEqual(['b1']);
    expect(empty).toEqual([]);
    expect(events.map(eventName)).toEqual(['FullyBooted', 'Hangup']);
  });

  it('fails a list that reports an error (e.g. missing permission)', async () => {
    const { server, client } = await upRig();
    server.handle('QueueStatus', (a) => [{ Response: 'Error', ActionID: a.actionId!, Message: 'Permission denied' }]);
    await expect(client.sendList('QueueStatus')).rejects.toThrow('AMI action QueueStatus failed: Permission denied');
  });

  it('times out a list whose Complete event never comes', async () => {
    const { server, client } = await upRig();
    server.handle('CoreShowChannels', (a) => [{ Response: 'Success', ActionID: a.actionId!, EventList: 'start' }, { Event: 'CoreShowChannel', ActionID: a.actionId! }]);
    await expect(client.sendList('CoreShowChannels', {}, { timeoutMs: 150 })).rejects.toThrow('AMI action CoreShowChannels got no answer within 150 ms');
  });

  it('refuses header injection and caller-chosen ActionIDs before anything is sent', async () => {
    const { server, client } = await upRig();
    const before = server.actions.length;
    await expect(client.send('Originate', { Channel: 'SIP/101', Exten: '1\r\nAction: Hangup' })).rejects.toBeInstanceOf(AmiEncodeError);
    await expect(client.send('Ping', { ActionID: 'mine' })).rejects.toThrow('ActionID is assigned by AmiClient');
    expect(server.actions.length).toBe(before);
  });

  it('rejects actions at once while the link is not up', async () => {
    const { client } = await startRig();
    const error = await client.send('Ping').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiLinkDownError);
    expect((error as Error).message).toMatch(/^AMI action Ping not completed: AMI link to 127\.0\.0\.1:\d+ is down$/);
    await client.close();
    await expect(client.sendList('Status')).rejects.toThrow('the AMI client is closed');
    await expect(client.ready()).rejects.toBeInstanceOf(AmiError);
  });

  it('delivers every event of a recorded transcript, whatever the TCP chunking', async () => {
    const sidecar = JSON.parse(readFileSync(join(AMI_FIXTURES_DIR, '04-attended-transfer.json'), 'utf8')) as {
      packets: { kind: string; name: string }[];
    };
    const recorded = sidecar.packets.filter((p) => p.kind === 'event').map((p) => p.name);
    const { server, events } = await upRig();
    await server.playTranscript('04-attended-transfer.ami', { chunks: { seed: 11, maxBytes: 300 } });
    await until(() => events.length === 1 + recorded.length, 'all transcript events');
    await server.playTranscript('04-attended-transfer.ami');
    await until(() => events.length === 1 + 2 * recorded.length, 'the transcript events again');
    expect(events.map(eventName)).toEqual(['FullyBooted', ...recorded, ...recorded]);
  });

  it('replays a transcript at its recorded timing, scaled down', async () => {
    const { server, events } = await upRig();
    await server.playTranscript('07-agent-availability.ami', { timing: { scale: 0.02 } });
    await until(() => events.some((e) => eventName(e) === 'QueueMemberPause'), 'a pause event');
    expect(events.filter((e) => eventName(e) === 'QueueMemberPause').length).toBeGreaterThan(0);
  });
});
