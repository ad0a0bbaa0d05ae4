import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema, type AppConfig } from './schema.js';

/** Where a piece of configuration came from, for error messages and `doctor`. */
export interface ConfigSource {
  kind: 'machine' | 'user' | 'env' | 'cli';
  /** File path, or a description such as "environment" / "command line". */
  origin: string;
}

export interface LoadedConfig {
  config: AppConfig;
  /** The PBX is the built-in simulator (the default when no file configures one). */
  demo: boolean;
  sources: ConfigSource[];
  /** Where it was loaded from (the settings page writes the user file). */
  locations: ConfigLocations;
}

/** One line per problem, each naming where it is, the key and what is expected. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigLocations {
  machineFile: string;
  userFile: string;
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
}

type Layer = { source: ConfigSource; data: Record<string, unknown> };

const ENV_PREFIX = 'CTI_CFG__';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Later layers win key by key; objects merge, everything else is replaced. A section that
 * names another `type` (e.g. the user's `crm: {type: "embedded"}` over the machine's REST CRM)
 * replaces the section: the other kind's keys mean nothing to it.
 */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const below = out[k];
    const merges = isPlainObject(v) && isPlainObject(below) && (v.type === undefined || v.type === below.type);
    out[k] = merges ? deepMerge(below, v) : v;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * Environment and command-line values arrive as text. Where the schema wants a number or a
 * boolean and the text spells one, use that; everything else stays as written.
 */
function coerceTextValues(merged: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): boolean {
  let changed = false;
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' || !['number', 'boolean'].includes(issue.expected)) continue;
    const text = valueAt(merged, issue.path);
    if (typeof text !== 'string') continue;
    const value = issue.expected === 'number' ? Number(text) : text === 'true' ? true : text === 'false' ? false : undefined;
    if (value === undefined || (typeof value === 'number' && (text.trim() === '' || !Number.isFinite(value)))) continue;
    setPath(merged, issue.path.map(String), value);
    changed = true;
  }
  return changed;
}

function readFileLayer(kind: 'machine' | 'user', file: string, problems: string[]): Layer | undefined {
  if (!existsSync(file)) return undefined;
  const source = { kind, origin: file };
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    problems.push(`${file}: cannot be read (${(err as Error).message})`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    problems.push(`${file}: is not valid JSON (${(err as Error).message})`);
    return undefined;
  }
  if (!isPlainObject(data)) {
    problems.push(`${file}: must contain a JSON object ({ ... }) at the top level`);
    return undefined;
  }
  const { $schema: _ignored, ...rest } = data;
  return { source, data: rest };
}

function envLayer(env: NodeJS.ProcessEnv): Layer | undefined {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    setPath(data, name.slice(ENV_PREFIX.length).split('__'), value);
  }
  return Object.keys(data).length ? { source: { kind: 'env', origin: 'environment' }, data } : undefined;
}

function cliLayer(argv: readonly string[], problems: string[]): Layer | undefined {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--set' && !arg.startsWith('--set=')) continue;
    const spec = arg === '--set' ? argv[++i] : arg.slice('--set='.length);
    const eq = spec?.indexOf('=') ?? -1;
    if (!spec || eq < 1) {
      problems.push(`command line: --set needs key.path=value, e.g. --set pbx.type=demo (got "${spec ?? ''}")`);
      continue;
    }
    setPath(data, spec.slice(0, eq).split('.'), spec.slice(eq + 1));
  }
  return Object.keys(data).length ? { source: { kind: 'cli', origin: 'command line' }, data } : undefined;
}

function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The layer that supplied a key last, so an error names the right file. */
function blame(layers: Layer[], path: PropertyKey[]): string {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    for (let n = path.length; n > 0; n--) {
      if (valueAt(layer.data, path.slice(0, n)) !== undefined) return layer.source.origin;
    }
  }
  return layers.at(-1)?.source.origin ?? 'configuration';
}

function formatIssue(issue: z.core.$ZodIssue, layers: Layer[], merged: unknown): string[] {
  const keyPath = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const full = [...issue.path, k];
      return `${blame(layers, full)}: unknown key "${full.join('.')}" (check the spelling; see resources/config.schema.json)`;
    });
  }
  const where = blame(layers, issue.path);
  const got = describeReceived(valueAt(merged, issue.path));
  return [`${where}: "${keyPath || '(top level)'}" ${issue.message} (got ${got})`];
}

/**
 * Loads the configuration. Precedence, lowest to highest: built-in defaults, machine file,
 * user file, `CTI_CFG__section__key` environment variables, `--set section.key=value` flags.
 * Throws ConfigError with every problem found; never returns a half-valid config.
 */
export function loadConfig(where: ConfigLocations): LoadedConfig {
  const problems: string[] = [];
  const layers = [
    readFileLayer('machine', where.machineFile, problems),
    readFileLayer('user', where.userFile, problems),
    envLayer(where.env),
    cliLayer(where.argv, problems),
  ].filter((l): l is Layer => l !== undefined);
  if (problems.length) throw new ConfigError(problems);

  const merged = layers.reduce<Record<string, unknown>>((acc, l) => deepMerge(acc, l.data), {});
  let parsed = configSchema.safeParse(merged);
  if (!parsed.success && coerceTextValues(merged, parsed.error.issues)) parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => formatIssue(issue, layers, merged)));
  }
  return {
    config: parsed.data,
    demo: parsed.data.pbx.type === 'demo',
    sources: layers.map((l) => l.source),
    locations: where,
  };
}

/** Default config file locations per platform; overridable for tests and IT. */
export function defaultConfigLocations(
  userDataDir: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  argv: readonly string[],
): ConfigLocations {
  const machineDefault =
    platform === 'win32'
      ? `${env.ProgramData ?? 'C:\\ProgramData'}\\CTI Launcher\\config.json`
      : platform === 'darwin'
        ? '/Library/Application Support/CTI Launcher/config.json'
        : '/etc/cti-launcher/config.json';
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    machineFile: env.CTI_MACHINE_CONFIG || machineDefault,
    userFile: env.CTI_USER_CONFIG || `${userDataDir}${sep}config.json`,
    env,
    argv,
  };
}
