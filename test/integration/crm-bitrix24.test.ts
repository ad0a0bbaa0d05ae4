import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bitrix24Crm } from '../../electron/core/crm/bitrix24/bitrix24-crm.js';
import { bitrix24CrmConfigSchema } from '../../electron/core/crm/crm-config.js';
import { CrmError } from '../../electron/core/crm/crm-error.js';
import { crmActivitySink } from '../../electron/core/journal/activity-sink.js';
import { inProcessJournal } from '../../electron/core/journal/journal-api.js';
import { JournalStore } from '../../electron/core/journal/journal-store.js';
import { JournalSync } from '../../electron/core/journal/journal-sync.js';
import { recordingLogger } from '../wiring/support.js';
import { systemClock, type SecretStore } from '../../electron/core/ports.js';
import type { ActivityRecord } from '../../shared/domain/activity.js';
import { Bitrix24Server, OAUTH_CLIENT, WEBHOOK_TOKEN } from '../fakes/bitrix24-server.js';
import { FakeClock } from '../fakes/fake-clock.js';

let portal: Bitrix24Server;
let log: ReturnType<typeof recordingLogger>;
let dir: string;

beforeEach(async () => {
  portal = await Bitrix24Server.start();
  log = recordingLogger();
  dir = mkdtempSync(join(tmpdir(), 'cti-b24-'));
});
afterEach(() => portal.close());

function bitrix(webhook: string | null = portal.webhook): Bitrix24Crm {
  return new Bitrix24Crm({
    config: bitrix24CrmConfigSchema.parse({ type: 'bitrix24', portalUrl: 'https://example.bitrix24.ru', timeoutMs: 1000, rateLimit: { requests: 50, perSeconds: 1 } }),
    secrets: async () => webhook ?? undefined,
    clock: systemClock,
    log,
    stateDir: dir,
  });
}

const ended = (patch: Partial<ActivityRecord> = {}): ActivityRecord => ({
  id: '019a0000-0000-7000-8000-0000000000b1',
  seq: 1,
  startedAt: Date.UTC(2026, 10, 22, 10),
  endedAt: Date.UTC(2026, 10, 22, 10, 2),
  callId: 'call-1',
  section: 'call',
  action: 'ended',
  topic: 'Delivery',
  details: { number: '+74951234567', direction: 'inbound', talkSeconds: 95, reason: 'completed' },
  operator: '101 Anna',
  customerRef: 'C12',
  source: 'auto',
  ...patch,
});

describe('Bitrix24 through an inbound webhook (a local portal with the documented shapes)', () => {
  it('finds the caller by any stored form of the number, as a contact and as a company', async () => {
    const matches = await bitrix().findByPhone('+74951234567');
    expect(matches).toEqual([
      { ref: 'C12', kind: 'contact', name: 'Мария Соколова', city: 'Москва' },
      { ref: 'CO5', kind: 'company', name: 'ООО «Вектор»' },
    ]);
    expect(portal.calls[0]).toEqual({ method: 'crm.duplicate.findbycomm', params: { type: 'PHONE', values: ['+74951234567', '74951234567', '84951234567'] } });
    expect(await bitrix().findByPhone('+74959999999')).toEqual([]);
  });

  it('reads the card: company, manager, deals as orders, a link to the record', async () => {
    const card = await bitrix().getCard('C12');
    expect(card).toMatchObject({
      ref: 'C12', kind: 'contact', name: 'Мария Соколова', company: 'ООО «Вектор»', manager: 'Ирина Громова', city: 'Москва', notes: 'VIP клиент',
      phones: ['84951234567'], ordersTotal: 2, openOrders: 1, crmUrl: 'https://example.bitrix24.ru/crm/contact/details/12/',
    });
    expect(await bitrix().listOrders('C12', { limit: 5 })).toEqual([
      { id: '90', number: 'Поставка ноябрь', date: '2026-11-10', status: 'processing', amount: 15000, currency: 'RUB', open: true },
      { id: '80', number: 'Поставка октябрь', date: '2026-10-10', status: 'delivered', amount: 9000, currency: 'RUB', open: false },
    ]);
    expect(await bitrix().getCard('CO5')).toMatchObject({ kind: 'company', name: 'ООО «Вектор»' });
    await expect(bitrix().getCard('12')).rejects.toThrow(/not a Bitrix24 reference/);
  });

  it('creates a contact once: a retry with the same key finds the one made before (ORIGIN_ID)', async () => {
    const draft = { name: 'Ольга Новикова', phone: '+74957770011', email: 'olga@example.com' };
    const first = await bitrix().createContact(draft, 'contact:call-9');
    expect(await bitrix().createContact(draft, 'contact:call-9')).toEqual(first);
    expect(portal.calls.filter((c) => c.method === 'crm.contact.add')).toHaveLength(1);
    expect(portal.contacts.at(-1)).toMatchObject({ NAME: 'Ольга', LAST_NAME: 'Новикова', ORIGIN_ID: 'cti:contact:call-9' });
  });

  it('logs a finished call as a registered and finished external call, once, even across a restart after register', async () => {
    portal.fail('telephony.externalcall.finish', 503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
    const first = await bitrix()
      .logActivity(ended(), 'k1')
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(CrmError);
    expect(first).toMatchObject({ kind: 'transient' });
    // The app restarts; the journal sends the same action again.
    const again = await bitrix().logActivity(ended(), 'k1');
    expect(portal.externalCalls.size).toBe(1);
    const [callId, call] = [...portal.externalCalls.entries()][0]!;
    expect(again).toEqual({ crmId: callId });
    expect(call.params).toMatchObject({ USER_PHONE_INNER: '101', PHONE_NUMBER: '+74951234567', TYPE: 2, CRM_CREATE: 0, CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 12 });
    expect(call.finished).toMatchObject({ CALL_ID: callId, DURATION: 95, STATUS_CODE: 200 });
    expect(await bitrix().logActivity(ended(), 'k1')).toEqual({ crmId: callId });
    expect(portal.calls.filter((c) => c.method === 'telephony.externalcall.finish')).toHaveLength(2); // the failed one and the retry

    const note = await bitrix().logActivity(ended({ id: 'n1', section: 'note', action: 'saved', details: { text: 'Жалоба' } }), 'k2');
    expect(note.crmId).toMatch(/^comment:/);
    expect(portal.comments[0]).toMatchObject({ ENTITY_ID: 12, ENTITY_TYPE: 'contact', COMMENT: expect.stringContaining('Жалоба') });
  });

  it('adds a timeline comment once, even when the answer was lost and the app restarted before the retry', async () => {
    const note = (id: string) => ended({ id, section: 'note', action: 'saved', details: { text: 'Перезвонить после обеда' } });
    portal.loseAnswer('crm.timeline.comment.add');
    await expect(bitrix().logActivity(note('n7'), 'k7')).rejects.toMatchObject({ kind: 'transient' });
    expect(portal.comments).toHaveLength(1); // the portal has it; the app could not know

    // The retry (a new adapter: the app restarted) finds it on the timeline instead of adding another.
    const again = await bitrix().logActivity(note('n7'), 'k7');
    expect(again).toEqual({ crmId: 'comment:1' });
    expect(portal.comments).toHaveLength(1);
    expect(portal.calls.filter((c) => c.method === 'crm.timeline.comment.list')).toHaveLength(1);
    expect(await bitrix().logActivity(note('n7'), 'k7')).toEqual({ crmId: 'comment:1' }); // known now: no look-up
    expect(portal.calls.filter((c) => c.method === 'crm.timeline.comment.list')).toHaveLength(1);

    // A comment that never reached the portal is sent on the retry after the look-up finds nothing.
    portal.fail('crm.timeline.comment.add', 503, 'INTERNAL_SERVER_ERROR');
    await expect(bitrix().logActivity(note('n8'), 'k8')).rejects.toMatchObject({ kind: 'transient' });
    expect(await bitrix().logActivity(note('n8'), 'k8')).toEqual({ crmId: 'comment:2' });
    expect(portal.comments.map((c) => c.COMMENT)).toEqual([expect.stringContaining('(CTI Launcher n7)'), expect.stringContaining('(CTI Launcher n8)')]);
  });

  it('says what went wrong in Bitrix24\'s words, and never shows the webhook token', async () => {
    portal.fail('crm.duplicate.findbycomm', 503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
    const busy = (await bitrix().findByPhone('+74951234567').catch((e: unknown) => e)) as CrmError;
    expect(busy).toMatchObject({ kind: 'transient' });
    expect(busy.retryAfterMs).toBeGreaterThan(0);
    expect(busy.message).toContain('QUERY_LIMIT_EXCEEDED');
    expect(busy.message).toContain('/rest/1/••••/crm.duplicate.findbycomm.json');
    expect(busy.message).not.toContain(WEBHOOK_TOKEN);

    const wrong = (await bitrix(portal.webhook.replace(WEBHOOK_TOKEN, 'not-the-token')).findByPhone('+7').catch((e: unknown) => e)) as CrmError;
    expect(wrong).toMatchObject({ kind: 'auth' });
    expect(wrong.message).toContain('INVALID_CREDENTIALS');
    expect(wrong.message).not.toContain('not-the-token');

    portal.fail('crm.contact.add', 400, '', 'Не заполнено обязательное поле "Имя"');
    const refused = (await bitrix().createContact({ name: 'X', phone: '+74950000001' }, 'k9').catch((e: unknown) => e)) as CrmError;
    expect(refused).toMatchObject({ kind: 'permanent' });
    expect(refused.message).toContain('Не заполнено обязательное поле');

    await expect(bitrix(null).findByPhone('+7')).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('no Bitrix24 webhook URL stored') });
    expect(JSON.stringify(log.lines)).not.toContain(WEBHOOK_TOKEN);
  });

  it('delivers journaled calls through the sync exactly once, while the portal is busy now and then', async () => {
    const crm = bitrix();
    const store = JournalStore.open({ path: join(dir, 'journal.sqlite'), sinks: ['crm'] });
    const journal = inProcessJournal(store);
    for (let i = 0; i < 6; i++) {
      store.record({ startedAt: Date.UTC(2026, 10, 22, 10, i), endedAt: Date.UTC(2026, 10, 22, 10, i, 30), callId: `call-${i}`, section: 'call', action: 'ended', details: { number: '+74951234567', talkSeconds: 30 }, operator: '101', customerRef: 'C12', source: 'auto' });
    }
    portal.fail('telephony.externalcall.register', 503, 'QUERY_LIMIT_EXCEEDED');
    portal.fail('telephony.externalcall.finish', 503, 'QUERY_LIMIT_EXCEEDED');
    const sync = new JournalSync({ journal, sink: crmActivitySink(crm), clock: systemClock, log, backoff: { baseMs: 20, capMs: 100, minMs: 10 } });
    await sync.start();
    await vi.waitFor(async () => expect((await sync.stats()).pending).toBe(0), { timeout: 10_000 });
    await sync.stop();
    expect(portal.externalCalls.size).toBe(6);
    expect([...portal.externalCalls.values()].every((c) => c.finished)).toBe(true);
    await journal.close();
  });
});

describe('Bitrix24 with a local application\'s OAuth', () => {
  function oauthBitrix(store: Map<string, string>, clock = new FakeClock(), env: NodeJS.ProcessEnv = { CTI_B24_REFRESH: 'r3fresh-0' }) {
    const secretStore: SecretStore = { backend: 'memory', get: async (k) => store.get(k), set: async (k, v) => void store.set(k, v), delete: async (k) => void store.delete(k) };
    return new Bitrix24Crm({
      config: bitrix24CrmConfigSchema.parse({
        type: 'bitrix24',
        portalUrl: `http://127.0.0.1:${portal.port}`,
        timeoutMs: 1000,
        rateLimit: { requests: 50, perSeconds: 1 },
        oauth: { clientId: OAUTH_CLIENT.id, tokenUrl: portal.tokenUrl, refreshTokenEnv: 'CTI_B24_REFRESH' },
      }),
      secrets: async (ref, name) => (name ? env[name] : undefined) || store.get(ref),
      store: secretStore,
      env,
      clock,
      log,
    });
  }

  it('gets an access token with the refresh token, keeps the renewed refresh token, and renews an expired access token once', async () => {
    const store = new Map([['crm.bitrix24.clientSecret', OAUTH_CLIENT.secret]]);
    const crm = oauthBitrix(store);
    expect(await crm.findByPhone('+74951234567')).toHaveLength(2);
    expect(portal.tokenRequests).toBe(1);
    expect(store.get('crm.bitrix24.refreshToken')).toBe('r3fresh-1'); // Bitrix24 replaced it: the stored one is the one to use
    await crm.getCard('C12');
    expect(portal.tokenRequests).toBe(1);

    portal.expireAccessTokens();
    const [a, b] = await Promise.all([crm.findByPhone('+74951234567'), crm.getCard('C12')]);
    expect(a).toHaveLength(2);
    expect(b.name).toBe('Мария Соколова');
    expect(portal.tokenRequests).toBe(2); // one renewal for both requests: a refresh token works once
    expect(store.get('crm.bitrix24.refreshToken')).toBe('r3fresh-2');

    // After a restart the stored token is used, not the stale one from the environment.
    expect(await oauthBitrix(store).findByPhone('+74951234567')).toHaveLength(2);
    expect(store.get('crm.bitrix24.refreshToken')).toBe('r3fresh-3');
  });

  it('renews ahead of the hour the portal gives an access token', async () => {
    const store = new Map([['crm.bitrix24.clientSecret', OAUTH_CLIENT.secret]]);
    const clock = new FakeClock();
    const crm = oauthBitrix(store, clock);
    await crm.findByPhone('+74951234567');
    await clock.advance(58 * 60_000);
    await crm.findByPhone('+74951234567');
    expect(portal.tokenRequests).toBe(1);
    await clock.advance(60_000);
    await crm.findByPhone('+74951234567');
    expect(portal.tokenRequests).toBe(2);
  });

  it('says to authorize the app again when the refresh token is refused, without showing a secret', async () => {
    const store = new Map([['crm.bitrix24.clientSecret', OAUTH_CLIENT.secret], ['crm.bitrix24.refreshToken', 'r3fresh-revoked']]);
    const err = await oauthBitrix(store).findByPhone('+74951234567').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CrmError);
    expect(err).toMatchObject({ kind: 'auth', message: expect.stringContaining('invalid_grant') });
    expect((err as Error).message).toMatch(/authorize the application again/);
    expect((err as Error).message).not.toMatch(/r3fresh-revoked|cl13nt-s3cret/);

    const noSecret = await oauthBitrix(new Map()).findByPhone('+74951234567').then(() => undefined, (e: unknown) => e);
    expect(noSecret).toMatchObject({ kind: 'auth', message: expect.stringContaining('no Bitrix24 client secret') });
  });
});
