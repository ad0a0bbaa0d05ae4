import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCoreService } from '../core/core-service.js';
import { ConfigError, defaultConfigLocations, loadConfig } from '../core/config/load.js';
import { defaultUserDataDir } from '../core/config/paths.js';
import { createLogger } from '../core/log.js';
import { FileSecretStore } from '../core/secrets/file-secret-store.js';
import { startBrowserHost } from './browser-host.js';
import { readPowerEvents, trayLine } from './host-console.js';

/**
 * `npm run preview`: the real core in Node with the UI in a browser, for machines without the
 * Electron binary (build machines, CI) and for UI work. Prints the page URLs with the token.
 */
function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const here = dirname(fileURLToPath(import.meta.url)); // dist/host
  const root = resolve(here, '..', '..');
  const userData = flag(argv, '--user-data') ?? defaultUserDataDir(process.platform, process.env, homedir());
  const portText = flag(argv, '--port') ?? process.env.CTI_PREVIEW_PORT;
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError([`command line: --port must be a number from 0 to 65535 (got "${portText}")`]);
  }

  const loaded = loadConfig(defaultConfigLocations(userData, process.env, process.platform, argv));
  const log = createLogger({ level: loaded.config.log.level, dir: join(userData, 'logs') });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let lastTray = '';
  const showTray = (line: string) => {
    if (line === lastTray) return;
    lastTray = line;
    say(line);
  };

  const core = await startCoreService({
    loaded,
    paths: { userData, logs: join(userData, 'logs'), resources: join(root, 'resources') },
    windows: { showCard: () => log.info('card shown'), hideCard: () => log.info('card hidden') },
    tray: { update: (s) => showTray(trayLine(s)) },
    notifier: { notify: (n) => say(`[notification] ${n.title}: ${n.body}`) },
    secrets: new FileSecretStore(join(userData, 'secrets.json')),
    log,
    journalWorker: join(here, 'journal-worker.mjs'),
    version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
  });
  // --renderer-dir: another renderer build (UI work against a running core).
  const rendererDir = flag(argv, '--renderer-dir') ?? join(root, 'dist', 'renderer');
  const host = await startBrowserHost({ core, rendererDir, log, port });

  say(`CTI Launcher browser host is running${loaded.demo ? ' in demo mode (simulated PBX, sample CRM)' : ''}.`);
  say(`  Card window:  ${host.pageUrl('card')}`);
  say(`  Main window:  ${host.pageUrl('main')}`);
  say(`  Dashboard:    ${host.pageUrl('dashboard')}`);
  say(`  Data: ${userData}   Logs: ${join(userData, 'logs')}   Secrets: a 0600 file (no OS keychain in the browser host)`);
  say('Press Ctrl+C to stop. Type lock-screen, unlock-screen, suspend, resume or shutdown to try the availability rules.');
  const stopReading = readPowerEvents(process.stdin, (event) => core.power(event), log);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopReading();
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`CTI Launcher cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`CTI Launcher failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
