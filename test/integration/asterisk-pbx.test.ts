import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/core/log.js';
import { AsteriskPbx } from '../../electron/core/pbx/asterisk-pbx.js';
import { systemClock } from '../../electron/core/ports.js';
import type { CallEvent } from '../../shared/domain/call-events.js';
import { startHarness, type Harness } from '../fakes/core-harness.js';
import { field } from '../../electron/core/pbx/ami/ami-message.js';
import { FakeAmiServer, type ReceivedAction } from '../fakes/fake-ami-server.js';

/** The fields of a received action as a plain object (first value of each key). */
const fieldsOf = (a: ReceivedAction | undefined): Record<string, string | undefined> =>
  Object.fromEntries([...(a?.message.fields.keys() ?? [])].map((k) => [k, field(a!.message, k)]));

const SECRET = 'agent-101-secret';
let server: FakeAmiServer | undefined;
let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  await server?.close();
  h = undefined;
  server = undefined;
});

/** The real core on the real AMI client and mapper, against the in-repo AMI server on 127.0.0.1. */
async function start(interfaces = ['SIP/101']) {
  server = await FakeAmiServer.start({ users: { cti: SECRET } });
  const events: CallEvent[] = [];
  const port = server.port;
  h = await startHarness({
    pbx: () => {
      const pbx = new AsteriskPbx({
        client: { host: '127.0.0.1', port, username: 'cti', secret: SECRET, connectTimeoutMs: 2_000, actionTimeoutMs: 2_000, reconnect: { baseMs: 50, capMs: 200 } },
        interfaces,
        originateContext: 'agents-out',
        maxInternalDigits: 5,
        clock: systemClock, // real sockets: real time (the harness clock only drives the core's own timers)
        log: silentLogger,
      });
      pbx.onCallEvent((e) => events.push(e));
      return pbx;
    },
    config: { pop: { hideAfterSeconds: 0 } },
  });
  await vi.waitFor(() => expect(h!.core.snapshot().links.pbx).toBe('up'), { timeout: 5_000 });
  return { server, h, events };
}

describe('Asterisk PBX adapter (core + AMI client + mapper + fake AMI server)', () => {
  it('logs in, rebuilds state, and reports the link up only after the resync', async () => {
    const { server } = await start();
    expect(server.actionsNamed('Login')).toHaveLength(1);
    expect(fieldsOf(server.actionsNamed('Login')[0])).toMatchObject({ AuthType: 'MD5', Events: 'call,agent' });
    for (const list of ['CoreShowChannels', 'QueueStatus', 'Status']) expect(server.actionsNamed(list), list).toHaveLength(1);
  });

  it('pops the card for a recorded Asterisk 20 call to this agent and ends it as completed', async () => {
    const { server, h, events } = await start();
    await server.playTranscript('01-inbound-answered.ami', { chunks: { seed: 3, maxBytes: 700 } });
    await vi.waitFor(() => expect(events.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']), { timeout: 5_000 });
    const call = h.core.snapshot().recentCalls[0]!;
    expect(call).toMatchObject({ direction: 'inbound', queue: 'support', endReason: 'completed', remote: { e164: '+74951234567', country: 'RU' } });
  });

  it('sends click-to-call, pause and unpause as the right AMI actions', async () => {
    const { server, h } = await start(['PJSIP/101']);
    const { callId } = await h.api.dial({ number: '+79161234567' });
    const [originate] = server.actionsNamed('Originate');
    expect(fieldsOf(originate)).toMatchObject({ Channel: 'PJSIP/101', Context: 'agents-out', Exten: '+79161234567', Async: 'true', ChannelId: callId });

    await h.api.setStatus({ status: 'not-ready', reason: 'lunch' });
    await h.api.setStatus({ status: 'available' });
    await vi.waitFor(() => expect(server.actionsNamed('QueuePause')).toHaveLength(2));
    expect(server.actionsNamed('QueuePause').map(fieldsOf)).toEqual([
      expect.objectContaining({ Interface: 'PJSIP/101', Paused: 'true', Reason: 'lunch' }),
      expect.objectContaining({ Interface: 'PJSIP/101', Paused: 'false' }),
    ]);
  });

  it('shows the operator offline when the PBX takes them out of their last queue (recorded QueueRemove), without pausing anything', async () => {
    const { server, h } = await start(['SIP/103']);
    await server.playTranscript('07-agent-availability.ami');
    await vi.waitFor(() => expect(h.core.snapshot().agent).toMatchObject({ status: 'offline', offline: 'logged-off' }), { timeout: 5_000 });
    expect(h.trayStates.at(-1)).toMatchObject({ status: 'offline', offline: 'logged-off' });
    await h.api.setStatus({ status: 'not-ready', reason: 'lunch' }); // no queue to pause in: nothing is sent
    expect(h.core.snapshot().agent).toMatchObject({ status: 'offline', offline: 'logged-off' });
    expect(server.actionsNamed('QueuePause')).toEqual([]);
  });

  it('reconnects after the PBX drops the connection: a new login and a fresh resync', async () => {
    const { server, h } = await start();
    server.dropAll();
    await vi.waitFor(() => expect(server.actionsNamed('Login')).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(server.actionsNamed('CoreShowChannels')).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(h.core.snapshot().links.pbx).toBe('up'), { timeout: 5_000 });
  });
});
