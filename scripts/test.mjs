// `npm test`: installs what is missing, builds, then runs every check and test suite:
// type check (app, shared without platform globals, renderer), layer rules, unit +
// integration + Electron-wiring tests (vitest, Node), end-to-end tests (Chromium).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, ensureTestPackages, root, run, say } from './lib/bootstrap.mjs';

const extra = process.argv.slice(2);
ensureDependencies();
const chromium = ensureTestPackages();
build();

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

const failedSteps = [];
function step(name, cmd, args, env = {}) {
  say(`${name}…`);
  const status = run(cmd, args, { env: { ...process.env, ...env } });
  if (status !== 0) failedSteps.push(name);
  return status;
}

for (const project of ['tsconfig.json', 'shared/tsconfig.json', 'renderer/tsconfig.json']) {
  step(`type check (${project})`, process.execPath, [tsc, '-p', project]);
}
step('layer rules', process.execPath, [join(root, 'scripts', 'check-layers.mjs')]);

const suites = [
  { name: 'unit, integration and wiring tests', config: 'vitest.config.ts', report: 'vitest-node.json' },
  { name: 'end-to-end tests (Chromium)', config: 'vitest.e2e.config.ts', report: 'vitest-e2e.json' },
];
let passed = 0;
let failed = 0;
for (const suite of suites) {
  const report = join(results, suite.report);
  rmSync(report, { force: true });
  step(suite.name, process.execPath, [vitest, 'run', '--config', suite.config, '--reporter=default', `--reporter=json`, `--outputFile.json=${report}`, ...extra], { CHROMIUM_PATH: chromium });
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  } else {
    failed += 1;
  }
}

if (failedSteps.length) say(`failed: ${failedSteps.join('; ')}`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length || failed ? 1 : 0);
