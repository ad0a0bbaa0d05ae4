import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const common = { bundle: true, platform: 'node', target: 'node20', write: false, absWorkingDir: ROOT, logLevel: 'silent' } as const;

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('Electron bundles (built the way scripts/build.mjs builds them)', () => {
  it('the preload is one CommonJS file whose only require is electron (a sandboxed preload can load nothing else)', async () => {
    const out = await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'preload.cjs', format: 'cjs', external: ['electron'] });
    const code = out.outputFiles[0]!.text;
    const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    // Validation happens in the main process: the preload must not carry zod (it is loaded by every window).
    expect(code).not.toMatch(/ZodError|\$ZodType/);
  });

  it('the main process imports only electron, Node built-ins and runtime dependencies', async () => {
    const out = await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'main.js', format: 'esm', packages: 'external' });
    const code = out.outputFiles[0]!.text;
    // Import statements start a line in esbuild's output (SQL text inside the code may say "from").
    const specs = new Set(
      [...code.matchAll(/^import\s[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]!),
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)]);
    const builtins = new Set(builtinModules);
    const strays = [...specs].filter((s) => !s.startsWith('node:') && !builtins.has(s) && !allowed.has(packageName(s)));
    expect(strays).toEqual([]);
    expect(specs).toContain('electron');
  });
});
