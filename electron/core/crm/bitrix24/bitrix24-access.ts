import { z } from 'zod';
import type { Clock, SecretStore } from '../../ports.js';
import type { Bitrix24CrmConfig } from '../crm-config.js';
import { CrmError } from '../crm-error.js';
import { CrmHttp } from '../http/crm-http.js';
import type { SecretLookup } from '../rest/rest-auth.js';

/** Where REST methods are called, and the `auth` parameter to send with them (OAuth only). */
export interface Bitrix24Endpoint {
  base: string;
  auth?: string;
}

/** How the adapter reaches the portal: an inbound webhook, or a local application's OAuth. */
export interface Bitrix24Access {
  endpoint(): Promise<Bitrix24Endpoint>;
  /** The portal said the access token expired: get a new one. False when nothing can be renewed. */
  renew(): Promise<boolean>;
}

export interface Bitrix24AccessDeps {
  secrets: SecretLookup;
  /** Where a renewed refresh token is kept (Bitrix24 issues a new one with every access token). */
  store?: SecretStore;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  fetch?: typeof fetch;
}

export function bitrix24Access(config: Bitrix24CrmConfig, deps: Bitrix24AccessDeps): Bitrix24Access {
  return config.oauth ? new OAuthAccess(config, config.oauth, deps) : new WebhookAccess(config, deps.secrets);
}

class WebhookAccess implements Bitrix24Access {
  constructor(
    private readonly config: Bitrix24CrmConfig,
    private readonly secrets: SecretLookup,
  ) {}

  async endpoint(): Promise<Bitrix24Endpoint> {
    const { webhookRef, webhookEnv } = this.config;
    const webhook = await this.secrets(webhookRef, webhookEnv);
    if (!webhook) {
      throw new CrmError('auth', webhookEnv ? `no Bitrix24 webhook: the environment variable ${webhookEnv} is empty` : `no Bitrix24 webhook URL stored under "${webhookRef}": enter it in Settings or ask IT`);
    }
    return { base: webhook.endsWith('/') ? webhook : `${webhook}/` };
  }

  async renew(): Promise<boolean> {
    return false; // a webhook does not expire
  }
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().default(3600),
});

/** Renew a little before the portal would refuse the token. */
const EARLY_MS = 60_000;

class OAuthAccess implements Bitrix24Access {
  private token: { access: string; expiresAt: number } | undefined;
  private renewing: Promise<void> | undefined;
  private readonly http: CrmHttp;

  constructor(
    private readonly config: Bitrix24CrmConfig,
    private readonly oauth: NonNullable<Bitrix24CrmConfig['oauth']>,
    private readonly deps: Bitrix24AccessDeps,
  ) {
    this.http = new CrmHttp({
      timeoutMs: config.timeoutMs,
      rateLimit: { requests: 5, perSeconds: 1 },
      now: () => deps.clock.now(),
      // The token request carries the client secret and the refresh token in its query.
      safeUrl: (url) => url.replace(/([?&](?:client_secret|refresh_token)=)[^&]*/g, '$1••••'),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  async endpoint(): Promise<Bitrix24Endpoint> {
    if (!this.token || this.deps.clock.now() >= this.token.expiresAt - EARLY_MS) await this.renewOnce();
    return { base: new URL('/rest/', this.config.portalUrl).toString(), auth: this.token!.access };
  }

  async renew(): Promise<boolean> {
    this.token = undefined;
    await this.renewOnce();
    return true;
  }

  /** Concurrent requests share one renewal: a refresh token can be used only once. */
  private renewOnce(): Promise<void> {
    this.renewing ??= this.refresh().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async refresh(): Promise<void> {
    const { clientId, clientSecretRef, clientSecretEnv, refreshTokenRef, refreshTokenEnv, tokenUrl } = this.oauth;
    const clientSecret = await this.deps.secrets(clientSecretRef, clientSecretEnv);
    if (!clientSecret) throw new CrmError('auth', `no Bitrix24 client secret (secret store "${clientSecretRef}"${clientSecretEnv ? ` or ${clientSecretEnv}` : ''}): ask IT`);
    // The latest refresh token is the stored one; the environment only seeds the first.
    const refreshToken = (await this.deps.store?.get(refreshTokenRef)) ?? (refreshTokenEnv ? this.deps.env[refreshTokenEnv] : undefined);
    if (!refreshToken) throw new CrmError('auth', `no Bitrix24 refresh token (secret store "${refreshTokenRef}"): authorize the application again (README › Bitrix24 with OAuth)`);

    const url = new URL(tokenUrl);
    for (const [k, v] of Object.entries({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken })) url.searchParams.set(k, v);
    let json: unknown;
    try {
      json = (await this.http.request({ method: 'GET', url: url.toString(), what: 'Bitrix24: renewing the access token' })).json;
    } catch (err) {
      // invalid_grant / invalid_client come back as 400 or 401: nothing works until IT re-authorizes.
      if (err instanceof CrmError && err.status !== undefined && err.status < 500 && err.status !== 429) {
        throw new CrmError('auth', `${err.message} — authorize the application again (README › Bitrix24 with OAuth)`, { status: err.status });
      }
      throw err;
    }
    const answer = tokenAnswerSchema.safeParse(json);
    if (!answer.success) throw new CrmError('malformed', `Bitrix24: renewing the access token: ${this.http.safe(url.toString())} answered without access_token and refresh_token`);
    await this.deps.store?.set(refreshTokenRef, answer.data.refresh_token);
    this.token = { access: answer.data.access_token, expiresAt: this.deps.clock.now() + answer.data.expires_in * 1000 };
  }
}
