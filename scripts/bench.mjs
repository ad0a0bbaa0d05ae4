// `npm run bench` runs every benchmark in test/bench, one at a time; `npm run bench -- <name>` runs one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ensureDependencies, root, runOrExit, say } from './lib/bootstrap.mjs';

ensureDependencies();
const benchDir = join(root, 'test', 'bench');
const all = readdirSync(benchDir).filter((f) => f.endsWith('.ts') && f !== 'bench-result.ts').map((f) => f.slice(0, -3));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  say(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : all) {
  const outfile = join(root, 'dist', 'bench', `${name}.mjs`);
  await build({ entryPoints: [join(benchDir, `${name}.ts`)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  say(`benchmark ${name}…`);
  runOrExit(process.execPath, [outfile]);
}
