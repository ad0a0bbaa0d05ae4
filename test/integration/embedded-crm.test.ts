import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedCrm, SAMPLE_CUSTOMERS } from '../../electron/core/boot.js';
import { EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { generateSampleData } from '../../electron/core/crm/sample-data.js';
import { silentLogger } from '../../electron/core/log.js';
import { describePhone } from '../../shared/domain/phone.js';

const opened: EmbeddedCrm[] = [];
afterEach(async () => {
  for (const crm of opened.splice(0)) await crm.close();
});

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'cti-crm-')), 'crm.sqlite');
}

describe('sample data', () => {
  const data = generateSampleData({ seed: 7, customers: SAMPLE_CUSTOMERS, now: new Date('2026-11-22T00:00:00Z') });

  it('is deterministic for a seed', () => {
    const again = generateSampleData({ seed: 7, customers: 20, now: new Date('2026-11-22T00:00:00Z') });
    expect(again.customers.map((c) => c.phones)).toEqual(data.customers.slice(0, 20).map((c) => c.phones));
  });

  it('has about a thousand customers with 3–30 orders, valid unique phones from several countries', () => {
    expect(data.customers).toHaveLength(1000);
    const countries = new Map<string, number>();
    const seen = new Set<string>();
    for (const c of data.customers) {
      expect(c.orders.length).toBeGreaterThanOrEqual(3);
      expect(c.orders.length).toBeLessThanOrEqual(30);
      for (const p of c.phones) {
        const info = describePhone(p, { defaultRegion: 'RU', maxInternalDigits: 5 });
        expect(info, p).toMatchObject({ kind: 'external', e164: p });
        countries.set(info.country!, (countries.get(info.country!) ?? 0) + 1);
        expect(seen.has(p)).toBe(false);
        seen.add(p);
      }
    }
    expect(countries.get('RU')).toBeGreaterThan(300);
    expect(countries.get('UA')).toBeGreaterThan(150);
    expect(countries.size).toBeGreaterThanOrEqual(4);
    expect(data.customers.some((c) => /[А-Яа-яІіЇї]/.test(c.name))).toBe(true);
  });
});

describe('embedded CRM', () => {
  it('is filled with the sample once and answers lookups by E.164 with card and orders', async () => {
    const path = tempDb();
    const crm = openEmbeddedCrm(path, { seed: 3 }, silentLogger);
    opened.push(crm);
    const phone = crm.samplePhones(1)[0]!;
    const matches = await crm.findByPhone(phone);
    expect(matches).toHaveLength(1);
    const card = await crm.getCard(matches[0]!.ref);
    expect(card.name).toBe(matches[0]!.name);
    expect(card.manager).toBeTruthy();
    expect(card.phones).toContain(phone);
    const orders = await crm.listOrders(card.ref, { limit: 50 });
    expect(orders).toHaveLength(card.ordersTotal);
    expect([...orders].sort((a, b) => b.date.localeCompare(a.date))).toEqual(orders);
    const open = await crm.listOrders(card.ref, { limit: 50, openOnly: true });
    expect(open).toHaveLength(card.openOrders);
    expect(open.every((o) => o.open)).toBe(true);
    await crm.close();

    const reopened = openEmbeddedCrm(path, { seed: 3 }, silentLogger);
    opened.push(reopened);
    expect(await reopened.findByPhone(phone)).toEqual(matches); // not imported twice
  });

  it('returns no match for an unknown number and a clear error for an unknown customer', async () => {
    const crm = openEmbeddedCrm(tempDb(), { seed: 3 }, silentLogger);
    opened.push(crm);
    expect(await crm.findByPhone('+79990000000')).toEqual([]);
    await expect(crm.getCard('999999')).rejects.toThrow(/customer 999999 does not exist/);
  });

  it('refuses a file that is not a database, and one written by a newer version, with a clear error', () => {
    const junk = tempDb();
    writeFileSync(junk, 'this is not sqlite '.repeat(100));
    expect(() => EmbeddedCrm.open(junk)).toThrow(/embedded CRM database .* cannot be opened/);
    const newer = tempDb();
    const crm = EmbeddedCrm.open(newer);
    crm['db'].pragma('user_version = 99');
    void crm.close();
    expect(() => EmbeddedCrm.open(newer)).toThrow(/newer CTI Launcher/);
  });
});
