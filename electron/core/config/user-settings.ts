import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { CrmSettings, SettingsForm } from '../../../shared/contract/schemas.js';
import { ConfigError, loadConfig, type LoadedConfig } from './load.js';
import type { AppConfig } from './schema.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings page's view of the effective configuration. */
export function settingsFormOf(config: AppConfig): SettingsForm {
  const { pbx } = config;
  return {
    agent: { extension: config.agent.extension, name: config.agent.name },
    pbx:
      pbx.type === 'asterisk'
        ? {
            type: 'asterisk',
            host: pbx.host,
            port: pbx.port,
            tls: pbx.tls,
            username: pbx.username,
            interfaces: [...pbx.interfaces],
            originateContext: pbx.originateContext,
          }
        : { type: 'demo' },
    crm: crmSettingsOf(config.crm),
    ui: { ...config.ui },
  };
}

function crmSettingsOf(crm: AppConfig['crm']): CrmSettings {
  if (crm.type === 'bitrix24') return { type: 'bitrix24', portalUrl: crm.portalUrl };
  if (crm.type === 'rest') return { type: 'rest', name: crm.name, baseUrl: crm.baseUrl };
  return { type: 'embedded' };
}

/** Sections the environment or command line set: they win over the user file. */
export function overriddenSections(loaded: LoadedConfig): string[] {
  const { env, argv } = loaded.locations;
  const sections = new Set<string>();
  for (const name of Object.keys(env)) {
    if (name.startsWith('CTI_CFG__')) sections.add(name.slice('CTI_CFG__'.length).split('__')[0]!);
  }
  argv.forEach((arg, i) => {
    const spec = arg === '--set' ? argv[i + 1] : arg.startsWith('--set=') ? arg.slice(6) : undefined;
    const section = spec?.split('.')[0];
    if (section) sections.add(section);
  });
  return [...sections].filter((s) => ['agent', 'pbx', 'crm', 'ui'].includes(s)).sort();
}

function readUserFile(file: string): Json {
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError([`${file}: is not valid JSON (${(err as Error).message}); fix or delete it, then save again`]);
  }
  if (!isObject(data)) throw new ConfigError([`${file}: must contain a JSON object; fix or delete it, then save again`]);
  return data;
}

/**
 * The user file with the form applied; keys the form does not show (e.g. pbx.filters, the REST
 * mapping) are kept while the kind stays the same.
 */
export function applySettingsForm(current: Json, form: SettingsForm): Json {
  const previousPbx = isObject(current.pbx) ? current.pbx : {};
  const samePbxType = (previousPbx.type ?? 'demo') === form.pbx.type;
  const agent: Json = { ...(isObject(current.agent) ? current.agent : {}), extension: form.agent.extension };
  if (form.agent.name) agent.name = form.agent.name;
  else delete agent.name;
  const pbx: Json = { ...(samePbxType ? previousPbx : {}), ...form.pbx };
  if (form.pbx.type === 'asterisk' && form.pbx.port === undefined) delete pbx.port;
  const next: Json = { ...current, agent, pbx, ui: { ...(isObject(current.ui) ? current.ui : {}), ...form.ui } };
  if (form.crm) {
    const previousCrm = isObject(current.crm) ? current.crm : {};
    // The user file may hold only part of the section (the rest in the machine file): same kind, merge.
    next.crm = { ...((previousCrm.type ?? form.crm.type) === form.crm.type ? previousCrm : {}), ...form.crm };
  }
  return next;
}

/**
 * Writes the form into the per-user config file, but only if the whole configuration (machine,
 * user, environment, command line) is still valid with it; otherwise throws ConfigError and the
 * file is untouched. Returns the configuration as it will be loaded from now on.
 */
export function saveSettingsForm(loaded: LoadedConfig, form: SettingsForm): LoadedConfig {
  return withFormApplied(loaded, form, 'keep');
}

/** The configuration the form would give, checked like saving it, without saving it. */
export function previewSettingsForm(loaded: LoadedConfig, form: SettingsForm): LoadedConfig {
  return withFormApplied(loaded, form, 'discard');
}

function withFormApplied(loaded: LoadedConfig, form: SettingsForm, file: 'keep' | 'discard'): LoadedConfig {
  const userFile = loaded.locations.userFile;
  const next = applySettingsForm(readUserFile(userFile), form);
  const tmp = `${userFile}.${file === 'keep' ? 'saving' : 'preview'}`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  try {
    const reloaded = loadConfig({ ...loaded.locations, userFile: tmp });
    if (file === 'keep') renameSync(tmp, userFile);
    return { ...reloaded, sources: reloaded.sources.map((s) => (s.origin === tmp ? { ...s, origin: userFile } : s)), locations: loaded.locations };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.problems.map((p) => p.replaceAll(tmp, 'settings')));
    throw err;
  } finally {
    if (file === 'discard' || existsSync(tmp)) rmSync(tmp, { force: true });
  }
}
