import { createEventHub } from '../../shared/contract/rpc.js';
import { ContractError } from '../../shared/contract/bridge.js';
import type { ConnectionCheck, SettingsForm, SettingsView } from '../../shared/contract/schemas.js';
import type { Core, CoreInstance, SettingsHandlers } from './app.js';
import { bootCore, type BootOptions } from './boot.js';
import { ConfigError, type LoadedConfig } from './config/load.js';
import { DEFAULT_PBX_SECRET_REF } from './config/schema.js';
import { overriddenSections, previewSettingsForm, saveSettingsForm, settingsFormOf } from './config/user-settings.js';
import { crmSecretOf, testCrmSettings } from './crm/crm-connection-test.js';
import { systemClock } from './ports.js';
import { testPbxSettings } from './pbx/pbx-connection-test.js';

export interface CoreServiceOptions extends Omit<BootOptions, 'hub' | 'settings'> {
  /** The checks behind "Test connection"; default: the same as `cti-launcher doctor`. */
  testPbx?: (form: SettingsForm['pbx'], secret: string | undefined) => Promise<ConnectionCheck[]>;
}

const secretRefOf = (loaded: LoadedConfig): string | undefined =>
  loaded.config.pbx.type === 'asterisk' ? loaded.config.pbx.secretRef : undefined;

/**
 * The running core as the app sees it: one contract server and one event hub for the app's
 * lifetime, while the core behind them is restarted when the settings page saves new
 * connection settings. A restart that fails falls back to the previous settings.
 */
export async function startCoreService(options: CoreServiceOptions): Promise<Core> {
  const { secrets, log } = options;
  const testPbx = options.testPbx ?? ((form, secret) => testPbxSettings(form, secret, log));
  const hub = createEventHub();
  let loaded = options.loaded;
  let restarting: Promise<void> = Promise.resolve();

  async function view(): Promise<SettingsView> {
    const ref = secretRefOf(loaded);
    const crmSecret = crmSecretOf(loaded.config.crm);
    // A store that refuses to work (no keyring) must not take the whole page down with it.
    let secretsUnavailable: string | undefined;
    const isStored = async (key: string): Promise<boolean> => {
      try {
        return (await secrets.get(key)) !== undefined;
      } catch (err) {
        secretsUnavailable = err instanceof Error ? err.message : String(err);
        return false;
      }
    };
    const hasPbxSecret = ref ? await isStored(ref) : false;
    const crmStored = crmSecret ? await isStored(crmSecret.ref) : false;
    return {
      form: settingsFormOf(loaded.config),
      hasPbxSecret,
      ...(loaded.config.pbx.type === 'asterisk' && loaded.config.pbx.secretEnv ? { pbxSecretEnv: loaded.config.pbx.secretEnv } : {}),
      ...(crmSecret ? { crmSecret: { kind: crmSecret.kind, stored: crmStored, ...(crmSecret.env ? { env: crmSecret.env } : {}) } } : {}),
      restConfigured: loaded.config.crm.type === 'rest',
      secretBackend: secrets.backend,
      ...(secretsUnavailable ? { secretsUnavailable } : {}),
      userConfigFile: loaded.locations.userFile,
      overridden: overriddenSections(loaded),
    };
  }

  const settings: SettingsHandlers = {
    getSettings: () => view(),
    saveSettings: async ({ form, pbxSecret, crmSecret }) => {
      // Secrets first: a store that refuses them leaves the file as it was.
      const preview = checked(() => previewSettingsForm(loaded, form));
      const ref = secretRefOf(preview);
      if (pbxSecret && ref) await secrets.set(ref, pbxSecret);
      const crmRef = crmSecretOf(preview.config.crm)?.ref;
      if (crmSecret && crmRef) await secrets.set(crmRef, crmSecret);
      const next = checked(() => saveSettingsForm(loaded, form));
      const previous = loaded;
      loaded = next;
      log.info({ sources: next.sources }, 'settings saved; reconnecting');
      restarting = restarting
        .then(() => restart(previous))
        .catch((err: unknown) => log.error({ err: (err as Error).message }, 'the core could not be restarted'));
      return view();
    },
    testConnection: async ({ form, pbxSecret, crmSecret, part }) => {
      let checks: ConnectionCheck[];
      if (part === 'crm') {
        const { config } = checked(() => previewSettingsForm(loaded, form));
        checks = await testCrmSettings(config.crm, { secrets, typedSecret: crmSecret, clock: options.clock ?? systemClock, log, env: options.env });
      } else {
        const ref = secretRefOf(loaded) ?? DEFAULT_PBX_SECRET_REF; // what saving this form would use
        checks = await testPbx(form.pbx, pbxSecret ?? (await secrets.get(ref)));
      }
      return { ok: checks.every((c) => c.ok || c.info), checks };
    },
  };

  /** The form's configuration, or the page's error naming what is wrong with it. */
  function checked(apply: () => LoadedConfig): LoadedConfig {
    try {
      return apply();
    } catch (err) {
      if (err instanceof ConfigError) throw new ContractError('bad-input', err.problems.join('\n'));
      throw err;
    }
  }

  const boot = (config: LoadedConfig) => bootCore({ ...options, loaded: config, hub, settings });
  let current: CoreInstance = await boot(loaded);

  async function restart(previous: LoadedConfig): Promise<void> {
    await current.stop();
    try {
      current = await boot(loaded);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'cannot start with the new settings; going back to the previous ones');
      loaded = previous;
      current = await boot(previous);
    }
  }

  return {
    server: { handle: (channel, payload) => current.server.handle(channel, payload) },
    events: hub,
    snapshot: () => current.snapshot(),
    power: (event) => current.power(event),
    stop: async () => {
      await restarting;
      await current.stop();
    },
  };
}
