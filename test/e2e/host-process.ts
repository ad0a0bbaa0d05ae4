import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { FakeAmiServer } from '../fakes/fake-ami-server.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshots = join(repo, 'test-results', 'screenshots');

export interface HostProcess {
  urls: { card: string; main: string; dashboard: string };
  userData: string;
  output: () => string;
  /** A line on the host's standard input, e.g. `lock-screen`. */
  send(line: string): void;
  stop(): Promise<void>;
}

/** Starts the built browser host (dist/host/host.mjs) exactly as `npm start` falls back to it. */
export async function startHostProcess(args: string[] = []): Promise<HostProcess> {
  const userData = mkdtempSync(join(tmpdir(), 'cti-e2e-'));
  // CTI_E2E_RENDERER_DIR: run against a private renderer build (while dist/ is shared).
  const rendererArgs = process.env.CTI_E2E_RENDERER_DIR ? ['--renderer-dir', process.env.CTI_E2E_RENDERER_DIR] : [];
  const child: ChildProcess = spawn(process.execPath, [join(repo, 'dist', 'host', 'host.mjs'), '--user-data', userData, ...rendererArgs, ...args], {
    cwd: repo,
    env: { ...process.env, CTI_MACHINE_CONFIG: join(userData, 'no-machine-config.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const urls = await new Promise<HostProcess['urls']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000);
    const check = () => {
      const card = /Card window:\s+(\S+)/.exec(out)?.[1];
      const main = /Main window:\s+(\S+)/.exec(out)?.[1];
      const dashboard = /Dashboard:\s+(\S+)/.exec(out)?.[1];
      if (card && main && dashboard) {
        clearTimeout(timer);
        resolve({ card, main, dashboard });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
  return {
    urls,
    userData,
    output: () => out,
    send: (line) => void child.stdin!.write(`${line}\n`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AsteriskDesk {
  ami: FakeAmiServer;
  host: HostProcess;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The browser host configured for Asterisk on the in-repo AMI server (127.0.0.1, agent SIP/101,
 * secret from an environment variable), logged in, with Chromium ready. `config` adds to the
 * user config file.
 */
export async function startAsteriskDesk(config: { pbx?: Record<string, unknown>; [section: string]: unknown } = {}): Promise<AsteriskDesk> {
  const secret = 'e2e-ami-secret';
  mkdirSync(screenshots, { recursive: true });
  const ami = await FakeAmiServer.start({ users: { cti: secret } });
  const userConfig = join(mkdtempSync(join(tmpdir(), 'cti-e2e-config-')), 'config.json');
  const { pbx, ...rest } = config;
  writeFileSync(
    userConfig,
    JSON.stringify({
      pbx: { type: 'asterisk', host: '127.0.0.1', port: ami.port, username: 'cti', secretEnv: 'CTI_E2E_AMI_SECRET', interfaces: ['SIP/101'], ...pbx },
      pop: { hideAfterSeconds: 0 },
      ...rest,
    }),
  );
  process.env.CTI_USER_CONFIG = userConfig;
  process.env.CTI_E2E_AMI_SECRET = secret;
  let host: HostProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await host?.stop();
    await ami.close();
    delete process.env.CTI_USER_CONFIG;
    delete process.env.CTI_E2E_AMI_SECRET;
  };
  try {
    host = await startHostProcess();
    browser = await launchChromium();
    await ami.waitForLogins(1, 15_000);
    return { ami, host, browser, stop };
  } catch (err) {
    await stop(); // nothing left listening when the start fails half-way
    throw err;
  }
}
