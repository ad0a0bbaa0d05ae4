import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForNode } from './journal/bundle-for-node.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeAmiServer } from '../fakes/fake-ami-server.js';

const SECRET = 'monitor-secret-7f3a';
let cli: string;
let server: FakeAmiServer | undefined;

beforeAll(async () => {
  // The CLI exactly as shipped, bundled on the fly so this test does not depend on a prior build.
  cli = await bundleForNode('electron/cli/index.ts', mkdtempSync(join(tmpdir(), 'cti-cli-')), 'cli');
}, 60_000);

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('cti-launcher monitor (a real process)', () => {
  it('prints one JSON line per event until interrupted, exits 0, and never prints the secret', async () => {
    server = await FakeAmiServer.start({ users: { cti: SECRET } });
    const child = spawn(process.execPath, [cli, 'monitor', '--pbx', `ami://cti@127.0.0.1:${server.port}`, '--agent', 'SIP/101', '--queue', 'support'], {
      env: { ...process.env, CTI_AMI_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const lines = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    await vi.waitFor(() => expect(lines()).toContainEqual(expect.objectContaining({ kind: 'link', state: 'up' })), { timeout: 10_000 });
    await server.playTranscript('01-inbound-answered.ami');
    await vi.waitFor(() => expect(lines().filter((l) => l.kind === 'call').map((l) => l.type)).toEqual(['ringing', 'answered', 'ended']), { timeout: 10_000 });

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(lines().find((l) => l.type === 'ended')).toMatchObject({ kind: 'call', reason: 'completed' });
    expect(lines().find((l) => l.kind === 'link')).toMatchObject({ pbx: `ami://cti:***@127.0.0.1:${server.port}` });
    expect(stdout + stderr).not.toContain(SECRET);
  }, 30_000);

  it('says what is missing and exits 2', async () => {
    const child = spawn(process.execPath, [cli, 'monitor', '--pbx', 'ami://cti@127.0.0.1:1'], { env: { ...process.env, CTI_AMI_SECRET: 'x' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/at least one --agent/);
  }, 30_000);
});
