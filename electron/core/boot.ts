import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventHub } from '../../shared/contract/rpc.js';
import { createCore, type CoreInstance, type SettingsHandlers } from './app.js';
import type { LoadedConfig } from './config/load.js';
import type { AppConfig } from './config/schema.js';
import { EmbeddedCrm } from './crm/embedded-crm.js';
import { openRemoteCrm } from './crm/open-remote-crm.js';
import { generateSampleData } from './crm/sample-data.js';
import { AsteriskPbx } from './pbx/asterisk-pbx.js';
import { DemoPbx } from './pbx/demo-pbx.js';
import { openActionJournal } from './journal/open-action-journal.js';
import { CallerRegions } from './pop/caller-region.js';
import { systemClock, type AppPaths, type Clock, type Logger, type NotifierPort, type SecretStore, type TrayPort, type WindowsPort } from './ports.js';

export const SAMPLE_CUSTOMERS = 1000;

export interface BootOptions {
  loaded: LoadedConfig;
  paths: AppPaths;
  windows: WindowsPort;
  tray: TrayPort;
  notifier: NotifierPort;
  secrets: SecretStore;
  log: Logger;
  version: string;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /**
   * The bundled journal worker (dist/…/journal-worker.mjs): SQLite off the main thread. Without
   * it (tests, tools) the journal runs in this thread.
   */
  journalWorker?: string;
  /** See CoreMeta: kept across restarts by the core service. */
  hub?: EventHub;
  settings?: SettingsHandlers;
}

/** Opens the embedded CRM, filling it with the sample customers the first time in demo mode. */
export function openEmbeddedCrm(path: string, sample: { seed: number } | undefined, log: Logger): EmbeddedCrm {
  const crm = EmbeddedCrm.open(path);
  if (sample && crm.isEmpty()) {
    log.info({ path }, 'creating the sample CRM for demo mode');
    crm.importSample(generateSampleData({ seed: sample.seed, customers: SAMPLE_CUSTOMERS, now: new Date() }));
  }
  return crm;
}

/** Builds the adapters the configuration asks for and starts the core. Shared by Electron and the browser host. */
export async function bootCore(options: BootOptions): Promise<CoreInstance> {
  const { loaded, paths, log } = options;
  const { config } = loaded;
  const clock = options.clock ?? systemClock;
  mkdirSync(paths.userData, { recursive: true });

  const seed = config.pbx.type === 'demo' ? config.pbx.seed : 1;
  const embedded =
    config.crm.type === 'embedded'
      ? openEmbeddedCrm(config.crm.path ?? join(paths.userData, loaded.demo ? 'demo-crm.sqlite' : 'crm.sqlite'), loaded.demo ? { seed } : undefined, log)
      : undefined;
  const crm = embedded ?? openRemoteCrm(config.crm as Exclude<AppConfig['crm'], { type: 'embedded' }>, { secrets: options.secrets, clock, log, env: options.env, userData: paths.userData });

  const pbx =
    config.pbx.type === 'asterisk'
      ? asteriskPbx(config.pbx, config, options, clock)
      : new DemoPbx({
          clock,
          log,
          callIntervalMs: config.pbx.callIntervalSeconds * 1000,
          firstCallMs: config.pbx.firstCallSeconds * 1000,
          seed,
          knownNumbers: embedded?.samplePhones(400) ?? [],
        });

  let journal;
  try {
    journal = await openActionJournal({
      config,
      path: join(paths.userData, loaded.demo ? 'demo-journal.sqlite' : 'journal.sqlite'),
      resources: paths.resources,
      workerPath: options.journalWorker,
      crm,
      secrets: options.secrets,
      clock,
      log,
    });
  } catch (err) {
    await crm.close();
    throw err;
  }

  const core = createCore(
    { pbx, crm, windows: options.windows, tray: options.tray, notifier: options.notifier, secrets: options.secrets, clock, paths, log },
    config,
    { version: options.version, demo: loaded.demo, hub: options.hub, settings: options.settings, journal, regions: new CallerRegions(log) },
  );
  await core.start();
  return core;
}

type AsteriskConfig = Extract<AppConfig['pbx'], { type: 'asterisk' }>;

/** The AMI secret is looked up at every login: an environment variable if configured, else the secret store. */
function asteriskPbx(pbx: AsteriskConfig, config: AppConfig, options: BootOptions, clock: Clock): AsteriskPbx {
  const env = options.env ?? process.env;
  return new AsteriskPbx({
    client: {
      host: pbx.host,
      port: pbx.port ?? (pbx.tls ? 5039 : 5038),
      tls: pbx.tls,
      username: pbx.username,
      allowPlainLogin: pbx.allowPlainLogin,
      secret: async () => {
        const secret = (pbx.secretEnv ? env[pbx.secretEnv] : undefined) ?? (await options.secrets.get(pbx.secretRef));
        if (!secret) {
          throw new Error(
            pbx.secretEnv
              ? `no AMI secret: the environment variable ${pbx.secretEnv} is empty`
              : `no AMI secret stored under "${pbx.secretRef}" (${options.secrets.backend}): enter it in Settings`,
          );
        }
        return secret;
      },
    },
    interfaces: pbx.interfaces,
    stateInterfaces: pbx.stateInterfaces,
    originateContext: pbx.originateContext,
    filters: pbx.filters,
    maxInternalDigits: config.phone.maxInternalDigits,
    clock,
    log: options.log,
  });
}
