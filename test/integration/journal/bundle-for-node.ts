import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

/** better-sqlite3 stays a native module loaded from this repository's node_modules. */
const nativeSqlite: Plugin = {
  name: 'native-better-sqlite3',
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: require.resolve('better-sqlite3'), external: true }));
  },
};

/** Bundles a TypeScript entry into `outDir` as one ESM file for `node` or a worker thread. */
export async function bundleForNode(entry: string, outDir: string, name: string): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [nativeSqlite],
    // CommonJS packages bundled into ESM still `require` Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}
