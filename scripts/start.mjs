// `npm start`: the Electron app; where the Electron binary is missing, the browser host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, root, run, say } from './lib/bootstrap.mjs';

ensureDependencies();
build();

const electronDir = join(root, 'node_modules', 'electron');
const electronBinary = () => {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
};

// Desktop machines fetch the binary on first start; Linux build machines and CI never try.
if (!electronBinary() && (process.platform === 'win32' || process.platform === 'darwin') && !process.env.CI) {
  say('Downloading the Electron binary for this desktop (first start only)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
    timeout: 180_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
}

const binary = electronBinary();
const args = process.argv.slice(2);
if (binary) {
  process.exit(run(binary, ['.', ...args]));
}
say('The Electron binary is not installed on this machine, so CTI Launcher runs in the browser host instead (open the card link below).');
process.exit(run(process.execPath, [join(root, 'dist', 'host', 'host.mjs'), ...args]));
