import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiAuthError, type AmiError } from '../../../electron/core/pbx/ami/ami-errors.js';
import type { AmiReconnectInfo } from '../../../electron/core/pbx/ami/ami-client.js';
import { field } from '../../../electron/core/pbx/ami/ami-message.js';
import { SECRET, closeRigs, next, startRig, until } from './support.js';
import { tlsMaterial } from './tls-material.js';

const tls = tlsMaterial();

afterEach(closeRigs);

describe('AMI login', () => {
  it('logs in with the MD5 challenge; the server checks the key; the secret never travels', async () => {
    const { server, client } = await startRig({ events: 'call,agent' });
    const states: string[] = [];
    client.onLinkState((s) => states.push(s));
    const session = next(client.onSessionReady.bind(client));
    client.start();
    await client.ready({ timeoutMs: 3_000 });

    expect(await session).toEqual({ session: 1, reconnected: false, greeting: 'Asterisk Call Manager/9.0.0' });
    expect(states).toEqual(['connecting', 'up']);
    const [challenge, login] = server.actions;
    expect(challenge!.name).toBe('Challenge');
    expect(field(challenge!.message, 'AuthType')).toBe('MD5');
    expect(login!.name).toBe('Login');
    expect(field(login!.message, 'AuthType')).toBe('MD5');
    expect(field(login!.message, 'Username')).toBe('cti');
    expect(field(login!.message, 'Events')).toBe('call,agent');
    expect(field(login!.message, 'Key')).toMatch(/^[0-9a-f]{32}$/);
    expect(field(login!.message, 'Key')).not.toBe(createHash('md5').update(SECRET).digest('hex'));
    expect(field(login!.message, 'Secret')).toBeUndefined();
    expect(server.logins).toBe(1);
    expect(server.connections[0]!.username).toBe('cti');
  });

  it('takes the secret from a function at each login (e.g. the SecretStore)', async () => {
    let asked = 0;
    const { server, client } = await startRig({ secret: async () => (asked++, SECRET) });
    client.start();
    await client.ready({ timeoutMs: 3_000 });
    server.dropAll();
    await server.waitForLogins(2);
    expect(asked).toBe(2);
  });

  it('refuses to fall back to a plain-text secret unless allowed', async () => {
    const { server, client, log } = await startRig({ reconnect: false }, { md5: false });
    client.start();
    const error = await client.ready({ timeoutMs: 3_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiAuthError);
    expect((error as Error).message).toBe(
      'AMI login as "cti" refused: the server refused the MD5 challenge (Must specify AuthType); plain-text login is disabled (allowPlainLogin)',
    );
    expect(server.actionsNamed('Login')).toEqual([]);
    expect(client.state).toBe('down');
    expect(log.lines.join('\n')).not.toContain(SECRET);
  });

  it('uses the plain secret when the server has no MD5 and plain login is allowed', async () => {
    const { server, client } = await startRig({ allowPlainLogin: true }, { md5: false });
    client.start();
    await client.ready({ timeoutMs: 3_000 });
    const [login] = server.actionsNamed('Login');
    expect(field(login!.message, 'Secret')).toBe(SECRET);
    expect(field(login!.message, 'Key')).toBeUndefined();
  });

  it('still prefers MD5 when plain login is allowed', async () => {
    const { server, client } = await startRig({ allowPlainLogin: true });
    client.start();
    await client.ready({ timeoutMs: 3_000 });
    expect(field(server.actionsNamed('Login')[0]!.message, 'AuthType')).toBe('MD5');
  });

  it('reports a wrong secret clearly, retries with growing delays, and never logs the secret', async () => {
    const { server, client, log } = await startRig({ secret: 'wrong-secret', reconnect: { baseMs: 20, capMs: 160, minMs: 10 }, random: () => 0.999 });
    const errors: AmiError[] = [];
    const retries: AmiReconnectInfo[] = [];
    client.onError((e) => errors.push(e));
    client.onReconnectScheduled((r) => retries.push(r));
    client.start();
    await until(() => retries.length >= 5, '5 scheduled retries');

    expect(errors[0]).toBeInstanceOf(AmiAuthError);
    expect(errors[0]!.message).toBe('AMI login as "cti" refused: Authentication failed');
    expect(retries.slice(0, 5).map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(retries.slice(0, 5).map((r) => r.delayMs)).toEqual([19, 39, 79, 159, 159]);
    expect(retries.every((r) => r.reason.includes('Authentication failed'))).toBe(true);
    expect(server.logins).toBe(0);
    expect(client.state).not.toBe('up');
    const seen = [...log.lines, ...errors.map((e) => e.message), ...retries.map((r) => r.reason)].join('\n');
    expect(seen).not.toContain('wrong-secret');
    expect(seen).not.toContain(SECRET);
  });

  it('answers a refused login exactly like Asterisk and closes the connection', async () => {
    const { server, client } = await startRig({ reconnect: false });
    server.refuseLogins = true;
    client.start();
    const error = await client.ready({ timeoutMs: 3_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('AMI login as "cti" refused: Authentication failed');
    await server.waitFor(() => server.connections.length === 0, 'the refused connection to close');
  });

  it('logs in over TLS, verifying the server certificate', async () => {
    const { server, client } = await startRig({ tls: { ca: tls.cert } }, { tls });
    client.start();
    await client.ready({ timeoutMs: 3_000 });
    const pong = await client.send('Ping');
    expect(field(pong, 'Ping')).toBe('Pong');
    expect(server.logins).toBe(1);
  });
});
