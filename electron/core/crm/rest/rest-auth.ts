import { z } from 'zod';
import type { Clock } from '../../ports.js';
import type { RestAuth } from '../crm-config.js';
import { CrmError } from '../crm-error.js';

/** Where a secret comes from: an environment variable when configured, else the secret store. */
export type SecretLookup = (ref: string, env?: string) => Promise<string | undefined>;

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional(), token_type: z.string().optional() });
/** A token is renewed this long before it expires. */
const EARLY_MS = 30_000;

/** The Authorization (or API key) header for each request; OAuth2 client-credentials tokens are cached until they expire. */
export class RestAuthenticator {
  private token: { value: string; until: number } | undefined;

  constructor(
    private readonly auth: RestAuth,
    private readonly secrets: SecretLookup,
    private readonly clock: Clock,
  ) {}

  get canRefresh(): boolean {
    return this.auth.type === 'oauth2';
  }

  invalidate(): void {
    this.token = undefined;
  }

  async headers(): Promise<Record<string, string>> {
    const auth = this.auth;
    switch (auth.type) {
      case 'none':
        return {};
      case 'bearer':
        return { Authorization: `Bearer ${await this.secret(auth.secretRef, auth.secretEnv)}` };
      case 'apiKey':
        return { [auth.header]: await this.secret(auth.secretRef, auth.secretEnv) };
      case 'basic':
        return { Authorization: `Basic ${Buffer.from(`${auth.username}:${await this.secret(auth.secretRef, auth.secretEnv)}`).toString('base64')}` };
      case 'oauth2':
        return { Authorization: `Bearer ${await this.oauthToken(auth)}` };
    }
  }

  private async secret(ref: string, env: string | undefined): Promise<string> {
    const value = await this.secrets(ref, env);
    if (!value) {
      throw new CrmError('auth', env ? `no CRM secret: the environment variable ${env} is empty` : `no CRM secret stored under "${ref}": enter it in Settings or ask IT`);
    }
    return value;
  }

  private async oauthToken(auth: Extract<RestAuth, { type: 'oauth2' }>): Promise<string> {
    if (this.token && this.token.until > this.clock.now()) return this.token.value;
    const clientSecret = await this.secret(auth.secretRef, auth.secretEnv);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: clientSecret, ...(auth.scope ? { scope: auth.scope } : {}) });
    // Sent as a form, as RFC 6749 asks; CrmHttp sends JSON, so this one request goes direct.
    let answer: unknown;
    try {
      const response = await fetch(auth.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        throw new CrmError('auth', `the CRM's token endpoint ${auth.tokenUrl} refused the client credentials (${response.status}): check clientId and the client secret`, { status: response.status });
      }
      if (!response.ok) throw new CrmError('transient', `the CRM's token endpoint ${auth.tokenUrl} answered ${response.status}`, { status: response.status });
      answer = await response.json();
    } catch (err) {
      if (err instanceof CrmError) throw err;
      throw new CrmError('transient', `the CRM's token endpoint ${auth.tokenUrl} did not answer: ${(err as Error).message}`, { cause: err });
    }
    const parsed = tokenAnswer.safeParse(answer);
    if (!parsed.success) throw new CrmError('malformed', `the CRM's token endpoint ${auth.tokenUrl} answered without an access_token`);
    const lifetime = (parsed.data.expires_in ?? 3600) * 1000;
    this.token = { value: parsed.data.access_token, until: this.clock.now() + Math.max(0, lifetime - EARLY_MS) };
    return this.token.value;
  }
}
