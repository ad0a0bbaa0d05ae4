// Bootstrap shared by `npm start`, `npm test` and `npm run preview`: installs what is missing
// on a fresh machine and says what it is doing. Only Node built-ins here: it runs before npm ci.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'node_modules', '.cti-deps-stamp');

export function say(line) {
  process.stdout.write(`[cti] ${line}\n`);
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: false, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(cmd, args, options = {}) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    say(`"${[cmd, ...args].join(' ')}" failed with exit code ${status}`);
    process.exit(status);
  }
}

function lockHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256').update(readFileSync(lock)).update(process.version).digest('hex');
}

function sqliteLoads() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** `npm ci` when node_modules is missing or older than package-lock.json (or Node changed). */
export function ensureDependencies() {
  const wanted = lockHash();
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (current === wanted && sqliteLoads()) return;
  say(existsSync(join(root, 'node_modules')) ? 'Dependencies changed: running npm ci…' : 'First run: installing dependencies with npm ci (better-sqlite3 builds from source, about 2 minutes)…');
  // The Electron binary is fetched only on machines that can run it (see scripts/start.mjs).
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' };
  runOrExit('npm', ['ci', '--no-audit', '--no-fund'], { env });
  if (!sqliteLoads()) {
    say('better-sqlite3 does not load for this Node version: rebuilding it…');
    runOrExit('npm', ['rebuild', 'better-sqlite3'], { env });
  }
  writeFileSync(stamp, wanted);
}

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** Debian packages the tests need: Chromium (end to end) and openssl (TLS test certificates). */
const TEST_PACKAGES = [
  { name: 'chromium', found: findChromium },
  { name: 'openssl', found: () => ['/usr/bin/openssl', '/bin/openssl'].find((p) => existsSync(p)) },
];

/** Installs missing test packages with apt-get when root, else prints the exact command. Returns Chromium's path. */
export function ensureTestPackages() {
  let missing = TEST_PACKAGES.filter((p) => !p.found()).map((p) => p.name);
  if (missing.length === 0) return findChromium();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    say(`Installing Debian packages the tests need: ${missing.join(', ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    runOrExit('apt-get', ['update', '-qq'], { env });
    runOrExit('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
    missing = TEST_PACKAGES.filter((p) => !p.found()).map((p) => p.name);
    if (missing.length === 0) return findChromium();
  }
  say(`The tests need ${missing.join(' and ')}. Install with:`);
  say(hasApt ? `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}` : `  your package manager's ${missing.join(', ')} (set CHROMIUM_PATH for a Chromium elsewhere)`);
  process.exit(1);
}

/** Builds the renderer (Vite) and the Electron/host bundles (esbuild). */
export function build() {
  say('Building the app…');
  runOrExit(process.execPath, [join(root, 'scripts', 'build.mjs')]);
}
