import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfigLocations, loadConfig, type ConfigLocations } from '../../electron/core/config/load.js';

function setup(files: { machine?: unknown; user?: unknown } = {}, env: NodeJS.ProcessEnv = {}, argv: string[] = []): ConfigLocations {
  const dir = mkdtempSync(join(tmpdir(), 'cti-config-'));
  const where = { machineFile: join(dir, 'machine.json'), userFile: join(dir, 'user.json'), env, argv };
  const write = (file: string, v: unknown) => writeFileSync(file, typeof v === 'string' ? v : JSON.stringify(v));
  if (files.machine !== undefined) write(where.machineFile, files.machine);
  if (files.user !== undefined) write(where.userFile, files.user);
  return where;
}

function problemsOf(where: ConfigLocations): string[] {
  try {
    loadConfig(where);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs the demo with defaults when there is no file at all', () => {
    const loaded = loadConfig(setup());
    expect(loaded.demo).toBe(true);
    expect(loaded.sources).toEqual([]);
    expect(loaded.config).toMatchObject({ pbx: { type: 'demo' }, crm: { type: 'embedded' }, agent: { extension: '101' }, phone: { defaultRegion: 'RU' } });
  });

  it('applies machine < user < environment < command line, key by key', () => {
    const loaded = loadConfig(
      setup(
        { machine: { phone: { defaultRegion: 'UA' }, pop: { lookupTimeoutMs: 900, ordersShown: 5 } }, user: { pop: { lookupTimeoutMs: 1200 }, ui: { theme: 'dark' } } },
        { CTI_CFG__pop__lookupTimeoutMs: '2000', CTI_CFG__ui__language: 'uk' },
        ['--set', 'ui.language=ru', '--set=agent.extension=205'],
      ),
    );
    expect(loaded.config.phone.defaultRegion).toBe('UA');
    expect(loaded.config.pop).toMatchObject({ lookupTimeoutMs: 2000, ordersShown: 5 });
    expect(loaded.config.ui).toEqual({ theme: 'dark', language: 'ru' });
    expect(loaded.config.agent.extension).toBe('205');
    expect(loaded.sources.map((s) => s.kind)).toEqual(['machine', 'user', 'env', 'cli']);
  });

  it('reports every problem on its own line, naming the file, the key and what is expected', () => {
    const where = setup({ machine: { pop: { lookupTimeoutMs: 'fast' } }, user: { phone: { defaultRegion: 'russia' }, pbx: { type: 'demo', hots: 'x' } } });
    const problems = problemsOf(where);
    expect(problems).toHaveLength(3);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${where.machineFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: "pop.lookupTimeoutMs" .*number.*got "fast"`)));
    expect(problems).toContainEqual(expect.stringContaining(`${where.userFile}: "phone.defaultRegion" a two-letter ISO country code`));
    expect(problems).toContainEqual(expect.stringContaining(`${where.userFile}: unknown key "pbx.hots"`));
  });

  it('explains broken JSON and wrong top-level shapes without crashing', () => {
    const broken = setup({ machine: '{ "pbx": ', user: '[1, 2]' });
    const problems = problemsOf(broken);
    expect(problems[0]).toMatch(/machine\.json: is not valid JSON/);
    expect(problems[1]).toMatch(/user\.json: must contain a JSON object/);
  });

  it('rejects unknown PBX types and malformed --set flags', () => {
    expect(problemsOf(setup({ user: { pbx: { type: 'avaya' } } }))[0]).toContain('"pbx.type"');
    expect(problemsOf(setup({}, {}, ['--set', 'nonsense']))[0]).toContain('--set needs key.path=value');
  });

  it('accepts a UTF-8 BOM and a $schema key (editors add both)', () => {
    const loaded = loadConfig(setup({ machine: `\uFEFF${JSON.stringify({ $schema: './config.schema.json', ui: { theme: 'light' } })}` }));
    expect(loaded.config.ui.theme).toBe('light');
  });

  it('knows the machine-wide file location per platform and honours overrides', () => {
    expect(defaultConfigLocations('C:\\u', { ProgramData: 'C:\\ProgramData' }, 'win32', []).machineFile).toBe('C:\\ProgramData\\CTI Launcher\\config.json');
    expect(defaultConfigLocations('/home/u/.config/x', {}, 'linux', []).machineFile).toBe('/etc/cti-launcher/config.json');
    expect(defaultConfigLocations('/u', { CTI_MACHINE_CONFIG: '/tmp/m.json' }, 'linux', []).machineFile).toBe('/tmp/m.json');
    expect(defaultConfigLocations('/u', {}, 'linux', []).userFile).toBe('/u/config.json');
  });
});

describe('configuration sections without a type', () => {
  it('keep the default PBX and CRM kinds when only other keys are set', () => {
    const loaded = loadConfig(setup({ user: { crm: { path: '/data/crm.sqlite' } } }, {}, ['--set', 'pbx.callIntervalSeconds=5']));
    expect(loaded.config.pbx).toEqual({ type: 'demo', callIntervalSeconds: 5, firstCallSeconds: 2, seed: 20261122 });
    expect(loaded.config.crm).toEqual({ type: 'embedded', path: '/data/crm.sqlite' });
  });
});

describe('layers that change a section\'s kind', () => {
  const machine = {
    pbx: { type: 'asterisk', host: 'pbx.corp', username: 'cti', interfaces: ['PJSIP/101'] },
    crm: { type: 'bitrix24', portalUrl: 'https://corp.bitrix24.ru' },
  };

  it('replace the section instead of mixing two kinds\' keys', () => {
    const loaded = loadConfig(setup({ machine, user: { pbx: { type: 'demo' }, crm: { type: 'embedded' } } }));
    expect(loaded.config.pbx).toMatchObject({ type: 'demo' });
    expect(loaded.config.pbx).not.toHaveProperty('host');
    expect(loaded.config.crm).toEqual({ type: 'embedded' });
  });

  it('merge key by key while the kind stays the same', () => {
    const loaded = loadConfig(setup({ machine, user: { pbx: { type: 'asterisk', host: 'pbx2.corp' }, crm: { portalUrl: 'https://other.bitrix24.ru' } } }));
    expect(loaded.config.pbx).toMatchObject({ type: 'asterisk', host: 'pbx2.corp', username: 'cti', interfaces: ['PJSIP/101'] });
    expect(loaded.config.crm).toMatchObject({ type: 'bitrix24', portalUrl: 'https://other.bitrix24.ru' });
  });
});
