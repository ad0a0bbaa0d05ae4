import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restCrmConfigSchema } from '../../electron/core/crm/crm-config.js';
import { CrmError } from '../../electron/core/crm/crm-error.js';
import { RestCrm } from '../../electron/core/crm/rest/rest-crm.js';
import { systemClock } from '../../electron/core/ports.js';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import { acmeConfig, RestCrmServer } from '../fakes/rest-crm-server.js';

let server: RestCrmServer;
const secrets = new Map<string, string>();

beforeEach(async () => {
  server = await RestCrmServer.start();
  secrets.clear();
});
afterEach(() => server.close());

function crm(auth?: unknown, patch: Record<string, unknown> = {}): RestCrm {
  const config = restCrmConfigSchema.parse({ ...acmeConfig(server.url, auth), ...patch });
  return new RestCrm({ config, secrets: async (ref) => secrets.get(ref), clock: systemClock });
}

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CrmError);
  return err as CrmError;
}

const activity: ActivityRecord = {
  id: '019a0000-0000-7000-8000-00000000000a',
  seq: 1,
  startedAt: Date.UTC(2026, 10, 22, 10),
  callId: 'call-1',
  section: 'call',
  action: 'ended',
  topic: 'Delivery',
  details: { talkSeconds: 60 },
  operator: '101',
  customerRef: '7',
  source: 'auto',
};

describe('generic REST CRM (the README example against "Acme CRM" on 127.0.0.1)', () => {
  it('finds a caller, reads the card with unpaid invoices, orders with mapped statuses, recent calls and searches', async () => {
    const acme = crm();
    expect(acme.capabilities).toEqual({ createContact: true, logActivity: true, interactions: true, invoices: true, search: true, maxActivityBatch: 1 });
    expect(await acme.findByPhone('+74951234567')).toEqual([{ ref: '7', kind: 'contact', name: 'Мария Соколова', company: 'ООО «Вектор»', city: 'Москва' }]);
    expect(await acme.findByPhone('+70000000000')).toEqual([]);
    expect(server.requests.at(-1)!.url).toBe('/api/contacts?phone=%2B70000000000');

    const card = await acme.getCard('7');
    expect(card).toMatchObject({
      ref: '7', name: 'Мария Соколова', manager: 'Ирина Громова', segment: 'VIP', tags: ['loyal'], timeZone: 'Europe/Moscow', notes: 'Звонить после 14:00',
      ordersTotal: 3, openOrders: 1, crmUrl: 'https://acme.example.com/contacts/7',
      invoices: [{ number: 'A-17', amount: 1200, dueDate: '2026-11-15', paid: false }],
    });
    expect(await acme.listOrders('7', { limit: 2 })).toEqual([
      { id: '301', number: 'AC-301', date: '2026-11-10', status: 'shipped', amount: 5100.5, currency: 'RUB', open: true },
      { id: '300', number: 'AC-300', date: '2026-10-01', status: 'delivered', amount: 100, currency: 'RUB', open: false },
    ]);
    expect(await acme.listOrders('7', { limit: 2, offset: 2 })).toMatchObject([{ number: 'AC-299', status: 'cancelled' }]);
    expect(await acme.listInteractions('7', { limit: 5 })).toEqual([
      { id: 'c1', at: '2026-11-20T09:00:00Z', channel: 'call', direction: 'inbound', summary: 'Asked about delivery', operator: '101', durationSeconds: 62, recordingUrl: 'https://rec.example.invalid/c1.mp3' },
    ]);
    expect(await acme.search('шевч', { limit: 5 })).toMatchObject([{ ref: '8', phones: ['+380442345678'] }]);
  });

  it('creates a contact and logs an activity once per idempotency key', async () => {
    const acme = crm();
    const draft = { name: 'Новый Клиент', phone: '+74957770011' };
    const first = await acme.createContact(draft, 'contact:call-9');
    expect(await acme.createContact(draft, 'contact:call-9')).toEqual(first);
    expect(server.created.size).toBe(1);
    expect(server.requests.at(-1)!.headers['idempotency-key']).toBe('contact:call-9');

    expect(await acme.logActivity(activity, activity.id)).toEqual({ crmId: `act-${activity.id}` });
    expect(await acme.logActivity(activity, activity.id)).toEqual({ crmId: `act-${activity.id}` });
    expect(server.activities.size).toBe(1);
    expect(server.activities.get(activity.id)).toEqual({ external_id: activity.id, kind: 'call.ended', contact_id: '7', at: '2026-11-22T10:00:00.000Z', topic: 'Delivery', data: { talkSeconds: 60 } });
  });

  it('maps failures to what the caller should do: retry, stop for credentials, or give up', async () => {
    const acme = crm();
    server.next(/contacts\?phone/, { kind: 'status', status: 503, headers: { 'Retry-After': '7' } });
    expect(await failure(acme.findByPhone('+74951234567'))).toMatchObject({ kind: 'transient', status: 503, retryAfterMs: 7000 });
    server.next(/contacts\?phone/, { kind: 'status', status: 429 });
    expect((await failure(acme.findByPhone('+74951234567'))).kind).toBe('transient');
    server.next(/contacts\?phone/, { kind: 'status', status: 500 });
    expect((await failure(acme.findByPhone('+74951234567'))).kind).toBe('transient');
    server.next(/contacts\?phone/, { kind: 'status', status: 401 });
    expect((await failure(acme.findByPhone('+74951234567'))).kind).toBe('auth');
    server.next(/contacts\?phone/, { kind: 'status', status: 403 });
    expect((await failure(acme.findByPhone('+74951234567'))).kind).toBe('auth');
    server.next(/POST \/api\/activities/, { kind: 'status', status: 422, body: '{"error":"topic too long"}' });
    const refused = await failure(acme.logActivity(activity, activity.id));
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toContain('topic too long');
    expect((await failure(acme.getCard('404'))).kind).toBe('permanent');
    server.next(/contacts\?phone/, { kind: 'stall', ms: 1500 });
    const slow = await failure(acme.findByPhone('+74951234567'));
    expect(slow).toMatchObject({ kind: 'transient' });
    expect(slow.message).toContain('no answer within 1.0 s');
    server.next(/contacts\?phone/, { kind: 'reset' });
    expect((await failure(acme.findByPhone('+74951234567'))).kind).toBe('transient');
    // A slow answer within the timeout is simply an answer.
    server.next(/contacts\?phone/, { kind: 'stall', ms: 300 });
    expect(await acme.findByPhone('+74951234567')).toHaveLength(1);
  });

  it('refuses a malformed answer naming the URL and the field, instead of showing an empty card', async () => {
    const acme = crm();
    server.next(/contacts\?phone/, { kind: 'body', body: '<html>maintenance</html>' });
    const notJson = await failure(acme.findByPhone('+74951234567'));
    expect(notJson.kind).toBe('malformed');
    expect(notJson.message).toContain(`${server.url}/api/contacts?phone=%2B74951234567`);
    server.next(/contacts\?phone/, { kind: 'body', body: '{"data": {"not": "a list"}}' });
    expect((await failure(acme.findByPhone('+74951234567'))).message).toMatch(/field list \(\$\.data\) is not a list/);
    server.next(/contacts\?phone/, { kind: 'body', body: '{"data": [{"id": 1, "full_name": 42}]}' });
    expect((await failure(acme.findByPhone('+74951234567'))).message).toMatch(/field name /);
    server.next(/contacts\/7$/, { kind: 'body', body: '{"id": 7}' });
    const noName = await failure(acme.getCard('7'));
    expect(noName).toMatchObject({ kind: 'malformed' });
    expect(noName.message).toMatch(/\/api\/contacts\/7: field name/);
  });

  it('authenticates with an API key or OAuth2 client credentials (a new token once when one expires), never showing the secret', async () => {
    server.apiKey = 'k-123-secret';
    secrets.set('crm.acme', 'k-123-secret');
    expect(await crm({ type: 'apiKey', header: 'X-Api-Key', secretRef: 'crm.acme' }).findByPhone('+74951234567')).toHaveLength(1);
    secrets.set('crm.acme', 'wrong-key-xyz');
    const bad = await failure(crm({ type: 'apiKey', header: 'X-Api-Key', secretRef: 'crm.acme' }).findByPhone('+74951234567'));
    expect(bad.kind).toBe('auth');
    expect(bad.message).not.toContain('wrong-key-xyz');
    server.apiKey = undefined;

    server.oauth = { clientId: 'cti', clientSecret: 'cs-987-secret' };
    secrets.set('crm.oauth', 'cs-987-secret');
    const oauth = crm({ type: 'oauth2', tokenUrl: `${server.url}/oauth/token`, clientId: 'cti', secretRef: 'crm.oauth' });
    expect(await oauth.findByPhone('+74951234567')).toHaveLength(1);
    expect(await oauth.findByPhone('+74951234567')).toHaveLength(1);
    expect(server.requests.filter((r) => r.url === '/oauth/token')).toHaveLength(1); // cached
    server.expireTokens();
    expect(await oauth.findByPhone('+74951234567')).toHaveLength(1);
    expect(server.requests.filter((r) => r.url === '/oauth/token')).toHaveLength(2);
    secrets.set('crm.oauth', 'not-it');
    const refused = await failure(crm({ type: 'oauth2', tokenUrl: `${server.url}/oauth/token`, clientId: 'cti', secretRef: 'crm.oauth' }).findByPhone('+7'));
    expect(refused.kind).toBe('auth');
    expect(refused.message).not.toContain('not-it');
    expect(await failure(crm({ type: 'bearer', secretRef: 'crm.none' }).findByPhone('+7'))).toMatchObject({ kind: 'auth' });
  });

  it('refuses a configuration that would send secrets in clear text or in the URL', () => {
    const bad = (patch: Record<string, unknown>) => restCrmConfigSchema.safeParse({ ...acmeConfig('http://127.0.0.1:1'), ...patch }).success;
    expect(bad({ baseUrl: 'http://crm.example.com/api' })).toBe(false);
    expect(bad({ baseUrl: 'https://user:pass@crm.example.com/api' })).toBe(false);
    expect(bad({ baseUrl: 'https://crm.example.com/api' })).toBe(true);
  });
});

describe('choosing the CRM in the configuration', () => {
  it('opens the REST or Bitrix24 adapter the crm section names, secrets from the environment or the store', async () => {
    const { configSchema } = await import('../../electron/core/config/schema.js');
    const { openRemoteCrm } = await import('../../electron/core/crm/open-remote-crm.js');
    const config = configSchema.parse({ crm: acmeConfig(server.url, { type: 'apiKey', header: 'X-Api-Key', secretRef: 'crm.acme', secretEnv: 'CTI_TEST_CRM_KEY' }) });
    expect(config.crm.type).toBe('rest');
    server.apiKey = 'from-env';
    const store = { backend: 'memory', get: async () => 'from-store', set: async () => {}, delete: async () => {} };
    const crmFromEnv = openRemoteCrm(config.crm as never, { secrets: store, clock: systemClock, log: { debug() {}, info() {}, warn() {}, error() {} }, env: { CTI_TEST_CRM_KEY: 'from-env' } });
    expect(crmFromEnv.kind).toBe('Acme CRM');
    expect(await crmFromEnv.findByPhone('+74951234567')).toHaveLength(1);
    const bitrix = configSchema.parse({ crm: { type: 'bitrix24', portalUrl: 'https://example.bitrix24.ru' } });
    expect(bitrix.crm).toMatchObject({ type: 'bitrix24', webhookRef: 'crm.bitrix24.webhook', rateLimit: { requests: 2, perSeconds: 1 } });
    expect(openRemoteCrm(bitrix.crm as never, { secrets: store, clock: systemClock, log: { debug() {}, info() {}, warn() {}, error() {} } }).kind).toBe('bitrix24');
    expect(configSchema.safeParse({ crm: { type: 'bitrix24', portalUrl: 'http://example.bitrix24.ru' } }).success).toBe(false);
  });
});
