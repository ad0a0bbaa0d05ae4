import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../scripts/check-layers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fixtures = join(repo, 'test', 'fixtures', 'layers');

describe('layer rules', () => {
  const problems = checkLayers(join(fixtures, 'tree'));
  const about = (file: string) => problems.filter((p) => p.startsWith(file));

  it.each([
    ['shared/domain/uses-node.ts', 'must not import the Node built-in "node:fs"'],
    ['shared/domain/uses-electron.ts', 'must not import "electron"'],
    ['shared/domain/uses-react.ts', 'must not import the package "react-dom/client"'],
    ['electron/core/value-import.ts', 'electron/core must not import "electron"'],
    ['electron/core/uses-require.ts', 'electron/core must not import "electron"'],
    ['electron/core/dynamic-import.ts', 'electron/core must not import "electron"'],
    ['electron/core/re-export.ts', 'electron/core must not import "electron"'],
    ['electron/core/imports-main.ts', 'electron/core must not import from electron/main'],
    ['electron/preload/reaches-domain.ts', 'electron/preload must not import from shared'],
    ['electron/preload/uses-package.ts', 'electron/preload must not import the package "zod"'],
    ['renderer/src/uses-fs.ts', 'renderer must not import the Node built-in "fs"'],
    ['renderer/src/reaches-core.ts', 'renderer must not import from electron/core'],
    ['renderer/src/uses-electron.ts', 'renderer must not import "electron"'],
    ['test/uses-electron.ts', 'must not import "electron"'],
  ])('flags %s', (file, message) => {
    expect(about(file)).toEqual([expect.stringContaining(message)]);
    expect(about(file)[0]).toMatch(new RegExp(`^${file}:\\d+: `));
  });

  it('allows type-only electron imports, main importing electron, node and core, and preload importing the contract', () => {
    for (const file of ['shared/domain/type-only-ok.ts', 'shared/domain/helper.ts', 'electron/main/tray.ts', 'electron/core/ok.ts', 'electron/preload/ok.ts']) {
      expect(about(file), file).toEqual([]);
    }
    expect(problems).toHaveLength(14);
  });

  it('passes on this repository', () => {
    expect(checkLayers(repo)).toEqual([]);
  });

  it('compiles shared/ without DOM or Node globals, so platform code there fails the type check', () => {
    const configFile = join(repo, 'shared', 'tsconfig.json');
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, (f) => readFileSync(f, 'utf8')).config, ts.sys, dirname(configFile));
    const fixture = join(fixtures, 'globals-in-shared.ts');
    const program = ts.createProgram([fixture], parsed.options);
    const messages = ts.getPreEmitDiagnostics(program, program.getSourceFile(fixture)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([expect.stringContaining("Cannot find name 'document'"), expect.stringContaining("Cannot find name 'process'")]);
  });
});
