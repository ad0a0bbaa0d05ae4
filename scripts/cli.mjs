#!/usr/bin/env node
// `npx cti-launcher …`: the headless tools for IT (monitor, doctor). Builds them on first use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, root, run } from './lib/bootstrap.mjs';

const cli = join(root, 'dist', 'cli', 'cli.mjs');
if (!existsSync(cli)) {
  ensureDependencies();
  build();
}
process.exit(run(process.execPath, [cli, ...process.argv.slice(2)]));
