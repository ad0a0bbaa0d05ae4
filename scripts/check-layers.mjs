// Layer rules from DESIGN.md, enforced on every import (static, dynamic, require, re-export).
// Usage: node scripts/check-layers.mjs [root]   — exits 1 and lists each violation.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** npm packages `shared/` may use: pure TypeScript/JavaScript with no platform access. */
const SHARED_PACKAGES = new Set(['zod', 'libphonenumber-js']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', 'test-results', '.git', 'fixtures']);

/** The layer a repository path belongs to, or undefined when no rule applies. */
function layerOf(rel) {
  const p = rel.split(sep).join('/');
  if (p.startsWith('shared/contract/')) return 'shared/contract';
  if (p.startsWith('shared/')) return 'shared';
  for (const l of ['electron/core', 'electron/main', 'electron/preload', 'electron/host', 'electron/cli']) if (p.startsWith(`${l}/`)) return l;
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('test/') || p.startsWith('scripts/')) return 'tooling';
  return undefined;
}

const inShared = (l) => l === 'shared' || l === 'shared/contract';

/** Which layers a layer may import from (relative imports), and what else it may import. */
const RULES = {
  shared: { layers: ['shared', 'shared/contract'], node: false, electron: false, packages: (n) => SHARED_PACKAGES.has(n) },
  'shared/contract': { layers: ['shared', 'shared/contract'], node: false, electron: false, packages: (n) => SHARED_PACKAGES.has(n) },
  'electron/core': { layers: ['electron/core', 'shared', 'shared/contract'], node: true, electron: false, packages: () => true },
  'electron/host': { layers: ['electron/host', 'electron/core', 'shared', 'shared/contract'], node: true, electron: false, packages: () => true },
  'electron/cli': { layers: ['electron/cli', 'electron/core', 'shared', 'shared/contract'], node: true, electron: false, packages: () => true },
  'electron/main': { layers: ['electron/main', 'electron/core', 'shared', 'shared/contract'], node: true, electron: true, packages: () => true },
  'electron/preload': { layers: ['electron/preload', 'shared/contract'], node: false, electron: true, packages: () => false },
  renderer: { layers: ['renderer', 'shared', 'shared/contract'], node: false, electron: false, packages: () => true },
  tooling: { layers: null, node: true, electron: false, packages: () => true },
};

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every module specifier in a file, with whether it only imports types. */
export function importsOf(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, spec, typeOnly) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push({ spec, typeOnly, line: line + 1 });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)) {
      add(node, node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* sourceFiles(join(dir, entry.name));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield join(dir, entry.name);
    }
  }
}

/** Checks one file's imports; returns human-readable violations. */
export function checkFile(rootDir, file, text) {
  const rel = relative(rootDir, file);
  const layer = layerOf(rel);
  if (!layer) return [];
  const rule = RULES[layer];
  const problems = [];
  const where = (i) => `${rel.split(sep).join('/')}:${i.line}`;
  for (const imp of importsOf(file, text)) {
    const { spec, typeOnly } = imp;
    if (spec === 'electron' || spec.startsWith('electron/')) {
      if (!typeOnly && !rule.electron) {
        problems.push(`${where(imp)}: ${layer} must not import "electron" (only electron/main and electron/preload may; "import type" is fine)`);
      }
      continue;
    }
    if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
      if (!rule.node && !typeOnly) problems.push(`${where(imp)}: ${layer} must not import the Node built-in "${spec}"`);
      else if (!rule.node && inShared(layer)) problems.push(`${where(imp)}: ${layer} must not depend on the Node built-in "${spec}", even for types`);
      continue;
    }
    if (spec.startsWith('.')) {
      const target = relative(rootDir, resolve(dirname(file), spec));
      const targetLayer = layerOf(target);
      if (rule.layers && !rule.layers.includes(targetLayer)) {
        problems.push(`${where(imp)}: ${layer} must not import from ${targetLayer ?? target.split(sep).join('/')} ("${spec}")`);
      }
      continue;
    }
    if (!typeOnly && !rule.packages(packageName(spec))) {
      problems.push(`${where(imp)}: ${layer} must not import the package "${spec}"`);
    }
  }
  return problems;
}

export function checkLayers(rootDir) {
  const problems = [];
  for (const top of ['shared', 'electron', 'renderer', 'test', 'scripts']) {
    let files;
    try {
      files = [...sourceFiles(join(rootDir, top))];
    } catch {
      continue;
    }
    for (const file of files) problems.push(...checkFile(rootDir, file, readFileSync(file, 'utf8')));
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rootDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkLayers(rootDir);
  if (problems.length) {
    process.stderr.write(`Layer rules broken (see DESIGN.md › Layout):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('[cti] layer rules: ok\n');
}
