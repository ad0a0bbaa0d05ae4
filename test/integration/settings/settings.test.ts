import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app.js';
import { defaultConfigLocations, loadConfig } from '../../../electron/core/config/load.js';
import { applySettingsForm, overriddenSections } from '../../../electron/core/config/user-settings.js';
import { startCoreService } from '../../../electron/core/core-service.js';
import { silentLogger } from '../../../electron/core/log.js';
import type { SecretStore } from '../../../electron/core/ports.js';
import { createBridgeApi, type CtiApi } from '../../../shared/contract/bridge.js';
import { createInMemoryTransport } from '../../../shared/contract/rpc.js';
import type { SettingsForm } from '../../../shared/contract/schemas.js';
import { Bitrix24Server } from '../../fakes/bitrix24-server.js';
import { acmeConfig, RestCrmServer } from '../../fakes/rest-crm-server.js';

function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    backend: 'memory',
    data,
    get: async (k) => data.get(k),
    set: async (k, v) => void data.set(k, v),
    delete: async (k) => void data.delete(k),
  };
}

let running: Core | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A store on a computer without a keyring: it refuses every read and write. */
function refusingSecrets(): SecretStore {
  const refuse = async (): Promise<never> => {
    throw new Error('CTI Launcher cannot store passwords safely on this computer: no system keyring is available (safeStorage backend "basic_text").');
  };
  return { backend: 'safeStorage:keyring', get: refuse, set: refuse, delete: refuse };
}

async function start(env: NodeJS.ProcessEnv = {}, argv: string[] = [], machine?: object, store?: SecretStore) {
  const dir = mkdtempSync(join(tmpdir(), 'cti-settings-'));
  if (machine) writeFileSync(join(dir, 'machine.json'), JSON.stringify(machine));
  const locations = defaultConfigLocations(dir, { ...env, CTI_MACHINE_CONFIG: join(dir, 'machine.json') }, 'linux', argv);
  const secrets = memorySecrets();
  const tested: Array<{ form: SettingsForm['pbx']; secret: string | undefined }> = [];
  running = await startCoreService({
    loaded: loadConfig(locations),
    paths: { userData: dir, logs: dir, resources: resolve(import.meta.dirname, '../../../resources') },
    windows: { showCard() {}, hideCard() {} },
    tray: { update() {} },
    notifier: { notify() {} },
    secrets: store ?? secrets,
    log: silentLogger,
    version: '0.0.0-test',
    testPbx: async (form, secret) => {
      tested.push({ form, secret });
      return [{ name: 'connect and log in', ok: secret === 'right', detail: secret === 'right' ? 'logged in' : 'Authentication failed', fix: 'check the secret' }];
    },
  });
  const api: CtiApi = createBridgeApi(createInMemoryTransport(running.server, running.events));
  return { api, dir, userFile: locations.userFile, secrets, tested };
}

const asterisk: SettingsForm['pbx'] = {
  type: 'asterisk',
  host: '127.0.0.1',
  port: 15038,
  tls: false,
  username: 'cti-desk',
  interfaces: ['PJSIP/101'],
  originateContext: 'from-internal',
};

describe('settings page back end', () => {
  it('shows the effective settings of a fresh install', async () => {
    const { api, userFile } = await start();
    const view = await api.getSettings();
    expect(view).toEqual({
      form: { agent: { extension: '101' }, pbx: { type: 'demo' }, crm: { type: 'embedded' }, ui: { language: 'system', theme: 'system' } },
      hasPbxSecret: false,
      restConfigured: false,
      secretBackend: 'memory',
      userConfigFile: userFile,
      overridden: [],
    });
  });

  it('saves valid settings to the user file and the secret to the secret store, then runs with them', async () => {
    const { api, userFile, secrets } = await start();
    const form = (await api.getSettings()).form;
    const saved = await api.saveSettings({ form: { ...form, pbx: asterisk, ui: { language: 'ru', theme: 'dark' } }, pbxSecret: 's3cret' });
    expect(saved.form.pbx).toEqual(asterisk);
    expect(saved.hasPbxSecret).toBe(true);
    const file = readFileSync(userFile, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ pbx: { type: 'asterisk', host: '127.0.0.1', username: 'cti-desk' }, ui: { language: 'ru' } });
    expect(file).not.toContain('s3cret');
    expect(secrets.data.get('pbx.asterisk')).toBe('s3cret');
    // The restarted core answers on the same contract and hub.
    await expect.poll(async () => (await api.getSnapshot()).pbxKind).toBe('asterisk');
    expect((await api.getSnapshot()).ui).toEqual({ language: 'ru', theme: 'dark' });
  });

  it('still opens when the computer cannot store passwords, says why, and refuses to save a typed one', async () => {
    const userFile = join(mkdtempSync(join(tmpdir(), 'cti-settings-keyring-')), 'config.json');
    writeFileSync(userFile, JSON.stringify({ pbx: { type: 'asterisk', host: '127.0.0.1', port: 1, username: 'u', interfaces: ['PJSIP/101'], secretEnv: 'CTI_AMI_SECRET' } }));
    const { api } = await start({ CTI_USER_CONFIG: userFile, CTI_AMI_SECRET: 'from-env' }, [], undefined, refusingSecrets());
    const view = await api.getSettings();
    expect(view).toMatchObject({ hasPbxSecret: false, pbxSecretEnv: 'CTI_AMI_SECRET', secretsUnavailable: expect.stringMatching(/no system keyring/) });
    const before = readFileSync(userFile, 'utf8');
    await expect(api.saveSettings({ form: { ...view.form, agent: { extension: '202' } }, pbxSecret: 'typed' })).rejects.toThrow(/cannot store passwords safely/);
    expect(readFileSync(userFile, 'utf8')).toBe(before); // nothing half-saved
  });

  it('says when the PBX secret comes from an environment variable', async () => {
    const userFile = join(mkdtempSync(join(tmpdir(), 'cti-settings-env-')), 'config.json');
    writeFileSync(userFile, JSON.stringify({ pbx: { type: 'asterisk', host: '127.0.0.1', port: 1, username: 'u', interfaces: ['PJSIP/101'], secretEnv: 'CTI_AMI_SECRET' } }));
    const { api } = await start({ CTI_USER_CONFIG: userFile });
    expect((await api.getSettings()).pbxSecretEnv).toBe('CTI_AMI_SECRET');
  });

  it('refuses invalid settings with the reason, and leaves the file alone', async () => {
    const { api, userFile } = await start();
    writeFileSync(userFile, JSON.stringify({ ui: { theme: 'dark' } }));
    const form = (await api.getSettings()).form;
    await expect(api.saveSettings({ form: { ...form, agent: { extension: '1x' } } })).rejects.toThrow(/agent\.extension.*2 to 8 digits/);
    await expect(api.saveSettings({ form: { ...form, pbx: { ...asterisk, interfaces: ['101'] } } })).rejects.toThrow(/interface/);
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toEqual({ ui: { theme: 'dark' } });
    expect((await api.getSnapshot()).pbxKind).toBe('demo');
  });

  it('tests a connection as typed, with the stored secret unless a new one is typed, in plain words', async () => {
    const { api, secrets, tested } = await start();
    secrets.data.set('pbx.asterisk', 'wrong');
    const form = { ...(await api.getSettings()).form, pbx: asterisk };
    const bad = await api.testConnection({ form });
    expect(bad).toEqual({ ok: false, checks: [expect.objectContaining({ ok: false, detail: 'Authentication failed', fix: 'check the secret' })] });
    const good = await api.testConnection({ form, pbxSecret: 'right' });
    expect(good.ok).toBe(true);
    expect(tested.map((t) => t.secret)).toEqual(['wrong', 'right']);
    expect((await api.getSnapshot()).pbxKind).toBe('demo'); // testing does not save
  });

  it('names the sections that the environment or the command line override', async () => {
    const { api } = await start({ CTI_CFG__ui__theme: 'dark' }, ['--set', 'agent.extension=102']);
    expect((await api.getSettings()).overridden).toEqual(['agent', 'ui']);
  });
});

describe('the CRM on the settings page', () => {
  it('switches to Bitrix24 with the webhook in the secret store, tests it as typed, and runs with it', async () => {
    const portal = await Bitrix24Server.start();
    try {
      const { api, userFile, secrets } = await start();
      const form = { ...(await api.getSettings()).form, crm: { type: 'bitrix24' as const, portalUrl: `http://127.0.0.1:${portal.port}` } };
      const missing = await api.testConnection({ form, part: 'crm' });
      expect(missing).toEqual({ ok: false, checks: [expect.objectContaining({ name: 'CRM secret', detail: 'no Bitrix24 inbound webhook URL is stored or typed' })] });
      const wrong = await api.testConnection({ form, part: 'crm', crmSecret: portal.webhook.replace(/\/rest\/1\/\w+/, '/rest/1/wrongtoken') });
      expect(wrong.ok).toBe(false);
      expect(wrong.checks[0]).toMatchObject({ name: 'CRM lookup', fix: expect.stringContaining('inbound webhook') });
      expect(JSON.stringify(wrong)).not.toContain('wrongtoken'); // the token is a password
      const right = await api.testConnection({ form, part: 'crm', crmSecret: portal.webhook });
      expect(right).toEqual({ ok: true, checks: [expect.objectContaining({ name: 'CRM lookup', ok: true })] });
      expect(secrets.data.size).toBe(0); // testing stores nothing

      const saved = await api.saveSettings({ form, crmSecret: portal.webhook });
      expect(saved.form.crm).toEqual({ type: 'bitrix24', portalUrl: `http://127.0.0.1:${portal.port}` });
      expect(saved.crmSecret).toEqual({ kind: 'webhook', stored: true });
      expect(secrets.data.get('crm.bitrix24.webhook')).toBe(portal.webhook);
      expect(readFileSync(userFile, 'utf8')).not.toContain(portal.webhook);
      await expect.poll(async () => (await api.getSnapshot()).crmKind).toBe('bitrix24');
      expect((await api.testConnection({ form, part: 'crm' })).ok).toBe(true); // now with the stored one
    } finally {
      await portal.close();
    }
  });

  it('offers the REST CRM that IT configured, tests its key, and lets the operator go back to the built-in directory', async () => {
    const server = await RestCrmServer.start();
    server.apiKey = 'k-right';
    try {
      const machine = { crm: acmeConfig(server.url, { type: 'apiKey', header: 'X-Api-Key', secretRef: 'crm.acme' }) };
      const { api, userFile } = await start({}, [], machine);
      const view = await api.getSettings();
      expect(view).toMatchObject({ restConfigured: true, crmSecret: { kind: 'apiKey', stored: false }, form: { crm: { type: 'rest', name: 'Acme CRM', baseUrl: `${server.url}/api` } } });
      const wrong = await api.testConnection({ form: view.form, part: 'crm', crmSecret: 'k-wrong' });
      expect(wrong.checks).toEqual([expect.objectContaining({ name: 'CRM lookup', ok: false, fix: expect.stringContaining('check the token, key or password') })]);
      expect((await api.testConnection({ form: view.form, part: 'crm', crmSecret: 'k-right' })).ok).toBe(true);
      // A wrong address is named before anything is sent.
      await expect(api.testConnection({ form: { ...view.form, crm: { type: 'rest', name: 'Acme', baseUrl: 'http://crm.example.com/api' } }, part: 'crm' })).rejects.toThrow(/crm\.baseUrl.*https/);

      const back = await api.saveSettings({ form: { ...view.form, crm: { type: 'embedded' } } });
      expect(back.form.crm).toEqual({ type: 'embedded' });
      expect(back.restConfigured).toBe(false);
      expect(JSON.parse(readFileSync(userFile, 'utf8')).crm).toEqual({ type: 'embedded' }); // the machine's mapping stays in its file
      await expect.poll(async () => (await api.getSnapshot()).crmKind).toBe('embedded');
    } finally {
      await server.close();
    }
  });

  it('says the built-in directory needs no connection', async () => {
    const { api } = await start();
    const { form } = await api.getSettings();
    expect(await api.testConnection({ form, part: 'crm' })).toEqual({ ok: true, checks: [expect.objectContaining({ name: 'customer directory', ok: true })] });
  });
});

describe('applying the form to the user file', () => {
  it('keeps keys the form does not show when the PBX type stays, and drops them when it changes', () => {
    const current = { pbx: { type: 'asterisk', host: 'old', filters: ['x'], secretEnv: 'AMI' }, log: { level: 'debug' } };
    const kept = applySettingsForm(current, { agent: { extension: '101' }, pbx: asterisk, ui: { language: 'en', theme: 'light' } });
    expect(kept).toMatchObject({ pbx: { host: '127.0.0.1', filters: ['x'], secretEnv: 'AMI' }, log: { level: 'debug' } });
    const demo = applySettingsForm(current, { agent: { extension: '101' }, pbx: { type: 'demo' }, ui: { language: 'en', theme: 'light' } });
    expect(demo.pbx).toEqual({ type: 'demo' });
  });

  it('only reports sections the form edits', () => {
    const loaded = loadConfig(defaultConfigLocations('/nonexistent', { CTI_MACHINE_CONFIG: '/nonexistent/m.json', CTI_CFG__log__level: 'debug' }, 'linux', []));
    expect(overriddenSections(loaded)).toEqual([]);
  });
});

describe('Test connection against a real AMI peer', () => {
  it('says in plain words that the password is wrong, and passes with the right one', async () => {
    const { testPbxSettings } = await import('../../../electron/core/pbx/pbx-connection-test.js');
    const { FakeAmiServer } = await import('../../fakes/fake-ami-server.js');
    const server = await FakeAmiServer.start({ users: { 'cti-desk': 'right-secret' } });
    try {
      const pbx = { ...asterisk, port: server.port };
      const wrong = await testPbxSettings(pbx, 'wrong-secret', silentLogger);
      expect(wrong).toEqual([
        expect.objectContaining({ name: 'connect and log in', ok: false, fix: expect.stringContaining('check the user and secret in manager.conf') }),
      ]);
      const right = await testPbxSettings(pbx, 'right-secret', silentLogger);
      expect(right.filter((c) => !c.ok)).toEqual([]);
      expect(await testPbxSettings(pbx, undefined, silentLogger)).toEqual([expect.objectContaining({ name: 'AMI secret', ok: false })]);
      expect(await testPbxSettings({ type: 'demo' }, undefined, silentLogger)).toEqual([expect.objectContaining({ ok: true })]);
    } finally {
      await server.close();
    }
  });
});
