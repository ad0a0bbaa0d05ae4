import type { Clock, CrmAdapter, Logger, SecretStore } from '../ports.js';
import { Bitrix24Crm } from './bitrix24/bitrix24-crm.js';
import type { Bitrix24CrmConfig, RestCrmConfig } from './crm-config.js';
import { RestCrm } from './rest/rest-crm.js';
import type { SecretLookup } from './rest/rest-auth.js';

export interface RemoteCrmDeps {
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Per-user data folder (Bitrix24 keeps the CALL_IDs of registered calls there). */
  userData?: string;
  fetch?: typeof fetch;
}

/** A secret from the environment variable when one is named, else from the secret store. */
export function secretLookup(secrets: SecretStore, env: NodeJS.ProcessEnv): SecretLookup {
  return async (ref, name) => (name ? env[name] : undefined) || (await secrets.get(ref));
}

/** The CRM adapter for a `rest` or `bitrix24` configuration. */
export function openRemoteCrm(config: RestCrmConfig | Bitrix24CrmConfig, deps: RemoteCrmDeps): CrmAdapter {
  const secrets = secretLookup(deps.secrets, deps.env ?? process.env);
  const fetchOption = deps.fetch ? { fetch: deps.fetch } : {};
  return config.type === 'rest'
    ? new RestCrm({ config, secrets, clock: deps.clock, ...fetchOption })
    : new Bitrix24Crm({
        config,
        secrets,
        store: deps.secrets,
        env: deps.env ?? process.env,
        clock: deps.clock,
        log: deps.log,
        ...(deps.userData ? { stateDir: deps.userData } : {}),
        ...fetchOption,
      });
}
