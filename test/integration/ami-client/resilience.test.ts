import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AMI_CLIENT_DEFAULTS, AmiClient, type AmiReconnectInfo, type AmiSessionInfo } from '../../../electron/core/pbx/ami/ami-client.js';
import { backoffCeiling } from '../../../electron/core/pbx/ami/ami-backoff.js';
import { AmiLinkDownError } from '../../../electron/core/pbx/ami/ami-errors.js';
import { eventName, field, type AmiMessage } from '../../../electron/core/pbx/ami/ami-message.js';
import type { LinkState } from '../../../shared/domain/call-events.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { seededRandom } from '../../fakes/fake-ami-server.js';
import { SECRET, closeRigs, recordingLogger, startRig, until } from './support.js';

afterEach(closeRigs);

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AMI link keepalive', () => {
  it('by default finds a silent peer within 10 s', () => {
    expect(AMI_CLIENT_DEFAULTS.keepaliveIntervalMs + AMI_CLIENT_DEFAULTS.keepaliveTimeoutMs).toBeLessThanOrEqual(10_000);
  });

  it('pings while healthy, drops a half-open connection after the Ping timeout, and reconnects', async () => {
    const clock = new FakeClock();
    const { server, client } = await startRig({
      clock,
      keepaliveIntervalMs: AMI_CLIENT_DEFAULTS.keepaliveIntervalMs,
      keepaliveTimeoutMs: AMI_CLIENT_DEFAULTS.keepaliveTimeoutMs,
      reconnect: { baseMs: 1_000, capMs: 8_000, minMs: 500 },
      random: () => 0,
    });
    const states: LinkState[] = [];
    const sessions: AmiSessionInfo[] = [];
    client.onLinkState((s) => states.push(s));
    client.onSessionReady((s) => sessions.push(s));
    client.start();
    await until(() => client.state === 'up', 'first login');

    await clock.advance(AMI_CLIENT_DEFAULTS.keepaliveIntervalMs);
    await until(() => server.actionsNamed('Ping').length === 1, 'a keepalive Ping');
    await client.send('Ping'); // answers come in order: the keepalive's Pong is in too

    server.goSilent(); // no FIN, no answers: the peer is just gone
    await clock.advance(AMI_CLIENT_DEFAULTS.keepaliveIntervalMs + AMI_CLIENT_DEFAULTS.keepaliveTimeoutMs - 1);
    expect(client.state).toBe('up');
    await clock.advance(1);
    expect(client.state).toBe('down');
    expect(client.lastError?.message).toMatch(/did not answer Ping within 5000 ms; connection considered dead/);
    expect(server.connections.filter((c) => c.isSilent)).toHaveLength(1); // the server never closed it

    await clock.advance(500);
    await until(() => client.state === 'up', 'relogin');
    expect(server.logins).toBe(2);
    expect(sessions.map((s) => [s.session, s.reconnected])).toEqual([[1, false], [2, true]]);
    expect(states).toEqual(['connecting', 'up', 'down', 'connecting', 'up']);
  });

  it('gives up on a PBX that accepts TCP but never greets, then retries', async () => {
    const { server, client } = await startRig({ connectTimeoutMs: 150 });
    server.hangNewConnections = true;
    const retries: AmiReconnectInfo[] = [];
    client.onReconnectScheduled((r) => retries.push(r));
    client.start();
    await until(() => retries.length >= 1, 'a retry');
    expect(retries[0]!.reason).toMatch(/^no AMI greeting from 127\.0\.0\.1:\d+ within 150 ms$/);
    server.hangNewConnections = false;
    await client.ready({ timeoutMs: 3_000 });
  });
});

describe('AMI reconnect', () => {
  it('after the server drops the link: logs in again, re-applies filters, signals a resync', async () => {
    const filters = ['Event: (Newchannel|Hangup)', '!Channel: SIP/pstn-carrier-'];
    const { server, client } = await startRig({ filters, events: 'call,agent' });
    const states: LinkState[] = [];
    const events: AmiMessage[] = [];
    const resynced: AmiMessage[][] = [];
    server.setList('CoreShowChannels', [{ Event: 'CoreShowChannel', Channel: 'SIP/101-00000007', Linkedid: 'L7' }]);
    client.onLinkState((s) => states.push(s));
    client.onEvent((e) => events.push(e));
    client.onSessionReady(() => void client.sendList('CoreShowChannels').then((items) => resynced.push(items)));
    client.start();
    await until(() => resynced.length === 1, 'the first state load');

    server.handle('Redirect', () => null);
    const pending = client.send('Redirect', { Channel: 'SIP/101-00000007', Exten: '103' }).catch((e: unknown) => e);
    await until(() => server.actionsNamed('Redirect').length === 1, 'the Redirect to arrive');
    server.dropAll();
    const lost = await pending;
    expect(lost).toBeInstanceOf(AmiLinkDownError);
    expect((lost as Error).message).toMatch(/^AMI action Redirect not completed: connection to 127\.0\.0\.1:\d+ closed before the answer$/);

    await until(() => resynced.length === 2, 'the state reload after reconnect');
    expect(states).toEqual(['connecting', 'up', 'down', 'connecting', 'up']);
    expect(resynced[1]!.map((m) => field(m, 'Linkedid'))).toEqual(['L7']);
    const byConnection = (name: string) => server.actionsNamed(name).map((a) => a.connection);
    expect(byConnection('Login')).toEqual([1, 2]);
    expect(server.actionsNamed('Filter').map((a) => [a.connection, field(a.message, 'Operation'), field(a.message, 'Filter')])).toEqual([
      [1, 'Add', filters[0]],
      [1, 'Add', filters[1]],
      [2, 'Add', filters[0]],
      [2, 'Add', filters[1]],
    ]);
    // Filters are in place before the session is declared ready (and before the reload).
    const order = server.actions.filter((a) => a.connection === 2).map((a) => a.name);
    expect(order).toEqual(['Challenge', 'Login', 'Filter', 'Filter', 'CoreShowChannels']);

    server.emitEvent({ Event: 'Newchannel', Channel: 'SIP/101-00000008' });
    server.emitEvent({ Event: 'Newchannel', Channel: 'SIP/pstn-carrier-00000009' });
    server.emitEvent({ Event: 'RTCPSent', Channel: 'SIP/101-00000008' });
    server.emitEvent({ Event: 'Hangup', Channel: 'SIP/101-00000008' });
    await until(() => events.some((e) => eventName(e) === 'Hangup'), 'the Hangup');
    expect(events.map((e) => `${eventName(e)} ${field(e, 'Channel') ?? ''}`.trim())).toEqual([
      'FullyBooted',
      'FullyBooted',
      'Newchannel SIP/101-00000008',
      'Hangup SIP/101-00000008',
    ]);
  });

  it('reports a failing Filter without giving up the session', async () => {
    const { server, client, log } = await startRig({ filters: ['Event: Newchannel'] });
    server.handle('Filter', (a) => [{ Response: 'Error', ActionID: a.actionId!, Message: 'Permission denied' }]);
    const errors: string[] = [];
    client.onError((e) => errors.push(e.message));
    client.start();
    await client.ready({ timeoutMs: 3_000 });
    expect(errors).toEqual(['AMI action Filter failed: Permission denied']);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('AMI event filter refused'))).toBe(true);
  });

  it('backs off exponentially with full jitter up to the cap while the PBX is unreachable', async () => {
    const clock = new FakeClock();
    const policy = { baseMs: 100, capMs: 1_600, minMs: 50 };
    const client = new AmiClient({ host: '127.0.0.1', port: await deadPort(), username: 'cti', secret: SECRET, clock, reconnect: policy, random: seededRandom(9) });
    const retries: AmiReconnectInfo[] = [];
    client.onReconnectScheduled((r) => retries.push(r));
    client.start();
    try {
      for (let n = 1; n <= 9; n++) {
        await until(() => retries.length === n, `retry ${n}`);
        const { attempt, delayMs, reason } = retries[n - 1]!;
        expect(attempt).toBe(n);
        expect(reason).toMatch(/ECONNREFUSED/);
        expect(delayMs).toBeGreaterThanOrEqual(policy.minMs);
        expect(delayMs).toBeLessThan(backoffCeiling(n - 1, policy));
        expect(clock.pending()).toBe(1); // one retry timer, nothing else
        await clock.advance(delayMs);
      }
      expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffCeiling(a, policy))).toEqual([100, 200, 400, 800, 1_600, 1_600, 1_600]);
      expect(client.state).not.toBe('up');
    } finally {
      await client.close();
    }
    expect(clock.pending()).toBe(0);
  });

  it('starts over from the shortest delay once a login succeeds', async () => {
    const { server, client } = await startRig({ random: () => 0.999, reconnect: { baseMs: 20, capMs: 400, minMs: 10 } });
    const retries: AmiReconnectInfo[] = [];
    client.onReconnectScheduled((r) => retries.push(r));
    server.refuseLogins = true;
    client.start();
    await until(() => retries.length >= 3, 'three refused logins');
    server.refuseLogins = false;
    await client.ready({ timeoutMs: 3_000 });
    const before = retries.length;
    server.dropAll();
    await until(() => retries.length === before + 1, 'the retry after the drop');
    expect(retries.at(-1)!.attempt).toBe(1);
    expect(retries.at(-1)!.delayMs).toBeLessThan(20);
  });
});

describe('AmiClient.close', () => {
  const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap').length;

  it('logs off and leaves no sockets or timers behind', async () => {
    const baseline = sockets();
    const clock = new FakeClock();
    const { server, client } = await startRig({ clock, keepaliveIntervalMs: 1_000 });
    client.start();
    await until(() => client.state === 'up', 'login');
    expect(clock.pending()).toBeGreaterThan(0);
    await client.close();

    expect(client.state).toBe('down');
    expect(clock.pending()).toBe(0);
    expect(server.actionsNamed('Logoff')).toHaveLength(1);
    await until(() => server.connections.length === 0, 'the server to see the close');
    await server.close();
    await until(() => sockets() <= baseline, 'sockets to be released');
  });

  it('stops a pending reconnect and a hung connection attempt', async () => {
    const clock = new FakeClock();
    const waiting = new AmiClient({ host: '127.0.0.1', port: await deadPort(), username: 'cti', secret: SECRET, clock, log: recordingLogger() });
    const scheduled = new Promise<void>((resolve) => waiting.onReconnectScheduled(() => resolve()));
    waiting.start();
    await scheduled;
    expect(clock.pending()).toBe(1);
    const ready = waiting.ready({ timeoutMs: 60_000 }).catch((e: unknown) => e);
    await waiting.close();
    expect(clock.pending()).toBe(0);
    expect(((await ready) as Error).message).toBe('AmiClient was closed before the link came up');

    const { server, client } = await startRig({ clock });
    server.hangNewConnections = true;
    client.start();
    await until(() => server.connections.length === 1, 'the hung connection');
    await client.close();
    expect(clock.pending()).toBe(0);
    expect(client.state).toBe('down');
  });
});
