import { afterEach, describe, expect, it } from 'vitest';
import { formatChecks, runDoctor } from '../../electron/core/pbx/ami/ami-doctor.js';
import { describeTarget, parseAmiUrl } from '../../electron/cli/pbx-url.js';
import { silentLogger } from '../../electron/core/log.js';
import { FakeAmiServer } from '../fakes/fake-ami-server.js';

let server: FakeAmiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ami:// targets', () => {
  it('parses user, secret, host and port, with TLS for amis://, and masks the secret', () => {
    const t = parseAmiUrl('amis://cti:p%40ss@pbx.local', {});
    expect(t).toEqual({ host: 'pbx.local', port: 5039, tls: true, username: 'cti', secret: 'p@ss' });
    expect(describeTarget(t)).toBe('amis://cti:***@pbx.local:5039');
    expect(parseAmiUrl('ami://cti@10.0.0.5:6038', { CTI_AMI_SECRET: 'from-env' })).toMatchObject({ port: 6038, secret: 'from-env', tls: false });
  });

  it('explains what is missing', () => {
    expect(() => parseAmiUrl('http://pbx', {})).toThrow(/must start with ami:\/\//);
    expect(() => parseAmiUrl('ami://pbx.local', {})).toThrow(/needs the AMI user name/);
    expect(() => parseAmiUrl('ami://cti@pbx.local', {})).toThrow(/CTI_AMI_SECRET/);
    expect(() => parseAmiUrl('not a url', {})).toThrow(/ami:\/\/USER:SECRET@HOST:PORT/);
  });
});

describe('cti-launcher doctor', () => {
  it('passes against a healthy PBX and reports the clock skew', async () => {
    server = await FakeAmiServer.start({ users: { cti: 'ok-secret' } });
    const checks = await runDoctor({ host: '127.0.0.1', port: server.port, tls: false, username: 'cti', secret: 'ok-secret' }, silentLogger);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual([
      'connect and log in',
      'clock skew',
      'permission: CoreShowChannels',
      'permission: Status',
      'permission: QueueStatus',
      'permission: Originate, QueuePause',
    ]);
    expect(formatChecks(checks)).not.toContain('ok-secret');
    // What doctor cannot try without placing a call is reported as information, never as a pass.
    expect(formatChecks(checks)).toMatch(/^info permission: Originate, QueuePause: not tried/m);
  });

  it('says how to fix a wrong secret, without printing it', async () => {
    server = await FakeAmiServer.start({ users: { cti: 'right' } });
    const checks = await runDoctor({ host: '127.0.0.1', port: server.port, tls: false, username: 'cti', secret: 'wrong-guess' }, silentLogger);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('manager.conf') });
    expect(formatChecks(checks)).not.toContain('wrong-guess');
  });

  it('names the missing manager.conf class when an action is refused, and flags a skewed clock', async () => {
    server = await FakeAmiServer.start({ users: { cti: 's' } });
    server.handle('QueueStatus', (a) => [{ Response: 'Error', ActionID: a.actionId, Message: 'Permission denied' }]);
    const checks = await runDoctor({ host: '127.0.0.1', port: server.port, tls: false, username: 'cti', secret: 's' }, silentLogger, () => Date.now() - 60_000);
    expect(checks.find((c) => c.name === 'permission: QueueStatus')).toMatchObject({ ok: false, fix: expect.stringContaining('read = agent') });
    expect(checks.find((c) => c.name === 'clock skew')).toMatchObject({ ok: false, detail: expect.stringMatching(/ahead of this computer/) });
  });

  it('says when nothing listens at the address', async () => {
    server = await FakeAmiServer.start();
    const port = server.port;
    await server.close();
    server = undefined;
    const checks = await runDoctor({ host: '127.0.0.1', port, tls: false, username: 'cti', secret: 's' }, silentLogger);
    expect(checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining(`127.0.0.1:${port}`) });
  });
});
