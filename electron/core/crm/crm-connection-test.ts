import type { ConnectionCheck, CrmSecretKind } from '../../../shared/contract/schemas.js';
import type { AppConfig } from '../config/schema.js';
import type { Clock, Logger, SecretStore } from '../ports.js';
import { CrmError } from './crm-error.js';
import { openRemoteCrm } from './open-remote-crm.js';

type CrmConfig = AppConfig['crm'];

/** Where the CRM's secret is kept and what it is; undefined when the CRM needs none. */
export function crmSecretOf(crm: CrmConfig): { ref: string; env?: string; kind: CrmSecretKind } | undefined {
  if (crm.type === 'bitrix24' && crm.oauth) {
    const { refreshTokenRef, refreshTokenEnv } = crm.oauth;
    return { ref: refreshTokenRef, ...(refreshTokenEnv ? { env: refreshTokenEnv } : {}), kind: 'refreshToken' };
  }
  if (crm.type === 'bitrix24') return { ref: crm.webhookRef, ...(crm.webhookEnv ? { env: crm.webhookEnv } : {}), kind: 'webhook' };
  if (crm.type !== 'rest' || crm.auth.type === 'none') return undefined;
  const kinds = { bearer: 'token', apiKey: 'apiKey', basic: 'password', oauth2: 'clientSecret' } as const;
  return { ref: crm.auth.secretRef, ...(crm.auth.secretEnv ? { env: crm.auth.secretEnv } : {}), kind: kinds[crm.auth.type] };
}

/** A number no customer should have: the lookup proves sign-in and mapping, not data. */
const PROBE_NUMBER = '+15550100999';

export interface CrmTestDeps {
  secrets: SecretStore;
  /** Typed on the page and not saved yet: used instead of the stored one. */
  typedSecret?: string;
  clock: Clock;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/**
 * "Test connection" for the CRM of the form as typed: is its secret there, and does a lookup
 * (sign-in, the address, the answer's shape) work. Says what is wrong and what to do, in plain words.
 */
export async function testCrmSettings(crm: CrmConfig, deps: CrmTestDeps): Promise<ConnectionCheck[]> {
  if (crm.type === 'embedded') {
    return [{ name: 'customer directory', ok: true, detail: 'the built-in customer directory needs no connection', say: { name: 'directory', detail: 'directoryNoConnection' } }];
  }
  const secret = crmSecretOf(crm);
  const env = deps.env ?? process.env;
  const secrets: SecretStore =
    secret && deps.typedSecret ? { ...deps.secrets, get: async (ref) => (ref === secret.ref ? deps.typedSecret : deps.secrets.get(ref)) } : deps.secrets;
  if (secret && !(secret.env && env[secret.env]) && !(await secrets.get(secret.ref))) {
    return [
      {
        name: 'CRM secret',
        ok: false,
        detail: `no ${SECRET_WORDS[secret.kind]} is stored or typed`,
        fix: `type the ${SECRET_WORDS[secret.kind]} and test again`,
        say: { name: 'crmSecret', detail: 'noCrmSecret', fix: 'typeCrmSecret', values: { secret: secret.kind } },
      },
    ];
  }
  const adapter = openRemoteCrm(crm, { secrets, clock: deps.clock, log: deps.log, env, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const where = crm.type === 'bitrix24' ? crm.portalUrl : crm.baseUrl;
  const started = deps.clock.now();
  try {
    const matches = await adapter.findByPhone(PROBE_NUMBER);
    const ms = deps.clock.now() - started;
    return [
      {
        name: 'CRM lookup',
        ok: true,
        detail: `${where} answered a lookup by phone in ${ms} ms (${matches.length} customer(s) with the test number ${PROBE_NUMBER})`,
        say: { name: 'crmLookup', detail: 'lookupAnswered', values: { where, ms, count: matches.length, number: PROBE_NUMBER } },
      },
    ];
  } catch (err) {
    return [lookupFailure(err, crm.type)];
  } finally {
    await adapter.close();
  }
}

const SECRET_WORDS: Record<CrmSecretKind, string> = {
  webhook: 'Bitrix24 inbound webhook URL',
  refreshToken: 'Bitrix24 refresh token',
  token: 'API token',
  apiKey: 'API key',
  password: 'password',
  clientSecret: 'OAuth client secret',
};

type Fixes = Record<CrmError['kind'], string>;
const REST_FIXES: Fixes = {
  auth: 'check the token, key or password (and its rights) with the CRM administrator',
  transient: 'check the address, and that this computer can reach the CRM (proxy, firewall); try again if the CRM is busy',
  permanent: 'check the findByPhone request in the CRM mapping (README › Connecting your CRM)',
  malformed: 'the answer does not fit the mapping: check findByPhone\'s list and field paths in the config file',
};
const BITRIX24_FIXES: Fixes = {
  auth: 'create an inbound webhook with the crm and telephony rights (Developer resources › Other › Inbound webhook) and paste its whole URL; with OAuth, authorize the application again and store its refresh token',
  transient: 'check the portal address and that this computer can reach it; try again if the portal is busy',
  permanent: 'check the webhook\'s rights: it needs crm and telephony',
  malformed: 'the portal answered something that is not Bitrix24\'s REST API: check the webhook URL',
};

function lookupFailure(err: unknown, type: 'rest' | 'bitrix24'): ConnectionCheck {
  const kind = err instanceof CrmError ? err.kind : 'transient';
  const fixes = type === 'bitrix24' ? BITRIX24_FIXES : REST_FIXES;
  const detail = err instanceof Error ? err.message : String(err);
  return { name: 'CRM lookup', ok: false, detail, fix: fixes[kind], say: { name: 'crmLookup', fix: `${type}.${kind}` } };
}
