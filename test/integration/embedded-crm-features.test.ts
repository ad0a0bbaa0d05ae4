import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/crm/embedded-crm-schema.js';
import { CrmDataError, EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { generateSampleData } from '../../electron/core/crm/sample-data.js';
import type { ActivityRecord } from '../../shared/domain/activity.js';

const opened: EmbeddedCrm[] = [];
afterEach(async () => {
  for (const crm of opened.splice(0)) await crm.close();
});

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'cti-crm-')), 'crm.sqlite');
}

function open(path = tempDb()): EmbeddedCrm {
  const crm = EmbeddedCrm.open(path);
  opened.push(crm);
  return crm;
}

function withCustomers(): EmbeddedCrm {
  const crm = open();
  crm.transaction(() => {
    crm.upsertCustomer({ externalId: 'a', name: 'Константин Константинопольский', company: 'ООО «Вектор»', city: 'Москва', phones: ['+74951234567'] });
    crm.upsertCustomer({ externalId: 'b', name: 'Оксана Коваленко', company: 'ТОВ «Зелена долина»', city: 'Київ', phones: ['+380671234567', '+380442345678'] });
    crm.upsertCustomer({ externalId: 'c', name: 'Anna Schneider', company: 'Nordlicht GmbH', phones: ['+4930123456789'] });
  });
  return crm;
}

const activity = (patch: Partial<ActivityRecord>): ActivityRecord => ({
  id: '019a0000-0000-7000-8000-000000000001',
  seq: 1,
  startedAt: Date.UTC(2026, 10, 22, 10, 0, 0),
  endedAt: Date.UTC(2026, 10, 22, 10, 2, 0),
  callId: 'call-1',
  section: 'call',
  action: 'ended',
  topic: 'Delivery',
  details: { direction: 'inbound', reason: 'completed', talkSeconds: 95 },
  operator: '101 Anna',
  customerRef: '1',
  source: 'auto',
  ...patch,
});

describe('embedded CRM', () => {
  it('upgrades a file made by the first schema with its data intact, and indexes it for the new lookups', async () => {
    const path = tempDb();
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma('user_version = 1');
    old.exec(`INSERT INTO companies (id, name, city) VALUES (1, 'АО «Техностройкомплект»', 'Казань');
      INSERT INTO customers (id, name, company_id, city, segment) VALUES (7, 'Мария Соколова', 1, 'Казань', 'VIP');
      INSERT INTO customer_phones (e164, customer_id) VALUES ('+78432123456', 7);
      INSERT INTO orders VALUES ('o1', 7, 'RU-1', '2026-11-01', 'shipped', 1200, 'RUB');`);
    old.close();

    const crm = open(path);
    const card = await crm.getCard('7');
    expect(card).toMatchObject({ name: 'Мария Соколова', company: 'АО «Техностройкомплект»', segment: 'VIP', ordersTotal: 1, openOrders: 1, tags: [], invoices: [] });
    expect(await crm.findByPhone('+18432123456', { lastDigits: 10 })).toMatchObject([{ ref: '7' }]);
    expect(await crm.search('техностр', { limit: 5 })).toMatchObject([{ ref: '7', phones: ['+78432123456'] }]);
  });

  it('refuses a file from a newer version, and says so', () => {
    const path = tempDb();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => EmbeddedCrm.open(path)).toThrow(CrmDataError);
    expect(() => EmbeddedCrm.open(path)).toThrow(/newer CTI Launcher/);
  });

  it('matches the exact number first, then the last N digits through an index', async () => {
    const crm = withCustomers();
    expect(await crm.findByPhone('+74951234567', { lastDigits: 10 })).toMatchObject([{ name: 'Константин Константинопольский' }]);
    // The same subscriber number written with another country code (a wrong default region on import):
    expect(await crm.findByPhone('+84951234567', { lastDigits: 10 })).toMatchObject([{ name: 'Константин Константинопольский' }]);
    expect(await crm.findByPhone('+84951234567')).toEqual([]);
    expect(await crm.findByPhone('+74951234568', { lastDigits: 10 })).toEqual([]);
    const plan = new Database(crm['db'].name, { readonly: true })
      .prepare("EXPLAIN QUERY PLAN SELECT customer_id FROM customer_phones WHERE reversed >= '7654' AND reversed < '7654:'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX customer_phones_by_reversed/);
  });

  it('searches by the start of any word of the name or company, in any script and case, or by phone digits', async () => {
    const crm = withCustomers();
    expect((await crm.search('константинопол', { limit: 10 })).map((m) => m.name)).toEqual(['Константин Константинопольский']);
    expect((await crm.search('КОВАЛ окс', { limit: 10 })).map((m) => m.name)).toEqual(['Оксана Коваленко']);
    expect((await crm.search('nordlicht', { limit: 10 })).map((m) => m.name)).toEqual(['Anna Schneider']);
    expect(await crm.search('234567', { limit: 10 })).toMatchObject([{ name: 'Константин Константинопольский' }, { name: 'Оксана Коваленко' }]);
    expect(await crm.search('45', { limit: 10 })).toEqual([]); // too few digits to mean anything
    expect(await crm.search('nobody', { limit: 10 })).toEqual([]);
  });

  it('creates a contact once per idempotency key, and finds it by its number at once', async () => {
    const crm = withCustomers();
    const draft = { name: 'Новый Клиент', phone: '+74957770011', company: 'ООО «Новое»', city: 'Москва', email: 'new@example.com', note: 'Called about prices' };
    const first = await crm.createContact(draft, 'call-9');
    const again = await crm.createContact(draft, 'call-9');
    expect(again).toEqual(first);
    expect(await crm.findByPhone('+74957770011')).toMatchObject([{ ref: first.ref, name: 'Новый Клиент', company: 'ООО «Новое»' }]);
    expect(await crm.getCard(first.ref)).toMatchObject({ notes: 'Called about prices', segment: 'New', phones: ['+74957770011'] });
    const other = await crm.createContact({ ...draft, name: 'Другой' }, 'call-10');
    expect(other.ref).not.toBe(first.ref);
  });

  it('logs each activity once; a finished call and a note show among the customer\'s recent contacts', async () => {
    const crm = withCustomers();
    const call = activity({});
    expect(await crm.logActivity(call, call.id)).toEqual({ crmId: call.id });
    expect(await crm.logActivity(call, call.id)).toEqual({ crmId: call.id });
    const note = activity({ id: '019a0000-0000-7000-8000-000000000002', section: 'note', action: 'saved', details: { text: 'Wants a callback on Monday' }, startedAt: Date.UTC(2026, 10, 22, 11) });
    await crm.logActivity(note, note.id);
    await crm.logActivity(activity({ id: '019a0000-0000-7000-8000-000000000003', section: 'card', action: 'shown', details: {} }), 'k3');
    const contacts = await crm.listInteractions('1', { limit: 10 });
    expect(contacts).toEqual([
      expect.objectContaining({ channel: 'note', summary: 'Wants a callback on Monday', operator: '101 Anna' }),
      expect.objectContaining({ channel: 'call', direction: 'inbound', summary: 'Delivery', durationSeconds: 95 }),
    ]);
    // An unknown customer reference is still logged (the call may have been with someone not in the CRM).
    await expect(crm.logActivity(activity({ id: '019a0000-0000-7000-8000-000000000004', customerRef: 'zzz' }), 'k4')).resolves.toEqual({
      crmId: '019a0000-0000-7000-8000-000000000004',
    });
  });

  it('gives the sample customers unpaid invoices, recent contacts with recordings, tags, notes and time zones', async () => {
    const crm = open();
    crm.importSample(generateSampleData({ seed: 3, customers: 200, now: new Date('2026-11-22T00:00:00Z') }));
    let unpaid = 0;
    let recordings = 0;
    let tagged = 0;
    for (let id = 1; id <= 200; id++) {
      const card = await crm.getCard(String(id));
      unpaid += card.invoices.length;
      tagged += card.tags.length > 0 ? 1 : 0;
      expect(card.timeZone).toMatch(/^Europe\//);
      const contacts = await crm.listInteractions(String(id), { limit: 10 });
      recordings += contacts.filter((c) => c.recordingUrl?.startsWith('https://recordings.example.invalid/')).length;
      expect(contacts.map((c) => c.at)).toEqual([...contacts.map((c) => c.at)].sort().reverse());
    }
    expect(unpaid).toBeGreaterThan(20);
    expect(recordings).toBeGreaterThan(20);
    expect(tagged).toBeGreaterThan(20);
  });

  it('refuses a reference that is not one of its own in plain words', async () => {
    const crm = withCustomers();
    await expect(crm.getCard('abc')).rejects.toThrow(/"abc" is not a customer of the embedded CRM/);
    await expect(crm.getCard('999')).rejects.toThrow(/customer 999 does not exist/);
  });
});
