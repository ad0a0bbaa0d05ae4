import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedCrm } from '../../electron/core/crm/embedded-crm.js';
import { bundleForNode } from './journal/bundle-for-node.js';

let cli: string;
let dir: string;

beforeAll(async () => {
  // The CLI exactly as shipped, bundled on the fly so this test does not depend on a prior build.
  cli = await bundleForNode('electron/cli/index.ts', mkdtempSync(join(tmpdir(), 'cti-cli-')), 'cli');
}, 60_000);

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'crm', 'import', ...args], { encoding: 'utf8', env: { ...process.env, CTI_USER_DATA: dir } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('cti-launcher crm import (a real process)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cti-import-'));
  });

  it('imports good rows in one go, reports each bad one with file, line, field and why, and exits 1', async () => {
    const customers = file(
      'customers.csv',
      [
        'external_id,name,company,manager,city,segment,email,tags,notes,time_zone,phones',
        'c-1,Мария Соколова,ООО «Вектор»,Ирина Громова,Москва,VIP,maria@example.com,loyal;wholesale,Звонить после 14:00,Europe/Moscow,8 (495) 123-45-67',
        'c-2,Тарас Шевченко,,,Київ,,,,,,+380 44 234 5678;+380671234567',
        ',Без идентификатора,,,,,,,,,+74951112233',
        'c-4,Bad Phone,,,,,,,,,12ab',
        'c-5,Bad Mail,,,,,not-mail,,,,+74951112244',
      ].join('\n'),
    );
    const orders = file(
      'orders.csv',
      [
        'id,customer_external_id,number,date,status,amount,currency',
        'o-1,c-1,RU-1,2026-11-01,shipped,"1 250,50",RUB',
        'o-2,c-9,RU-2,2026-11-02,new,100,RUB',
        'o-3,c-2,UA-3,01.11.2026,lost,100,UAH',
      ].join('\n'),
    );
    const invoices = file('invoices.json', JSON.stringify([{ id: 'i-1', customer_external_id: 'c-1', number: 'INV-1', date: '2026-11-01', due_date: '2026-11-15', amount: 1250.5, currency: 'RUB', paid: 'no' }]));
    const { code, out, err } = run('--customers', customers, '--orders', orders, '--invoices', invoices);
    expect({ code, err }).toEqual({ code: 1, err: '' });
    expect(out).toContain('customers: 2 added, 0 updated');
    expect(out).toContain('orders: 1 imported');
    expect(out).toContain('invoices: 1 imported');
    expect(out).toContain('rejected: 5 rows');
    expect(out).toContain(`${customers}:4 external_id: required: the id of this customer in your system`);
    expect(out).toContain(`${customers}:5 phones: "12ab" is not a phone number (with --region RU)`);
    expect(out).toContain(`${customers}:6 email: not an e-mail address`);
    expect(out).toContain(`${orders}:3 customer_external_id: no customer "c-9" (import the customers first)`);
    expect(out).toMatch(new RegExp(`${orders.replace(/[.]/g, '\\.')}:4 date: a date like 2026-11-22`));
    expect(out).toMatch(new RegExp(`${orders.replace(/[.]/g, '\\.')}:4 status: `));

    const crm = EmbeddedCrm.open(join(dir, 'crm.sqlite'));
    try {
      const [maria] = await crm.findByPhone('+74951234567');
      const card = await crm.getCard(maria!.ref);
      expect(card).toMatchObject({ name: 'Мария Соколова', company: 'ООО «Вектор»', manager: 'Ирина Громова', tags: ['loyal', 'wholesale'], timeZone: 'Europe/Moscow', openOrders: 1 });
      expect(card.invoices).toMatchObject([{ number: 'INV-1', amount: 1250.5, paid: false }]);
      expect(await crm.listOrders(maria!.ref, { limit: 5 })).toMatchObject([{ number: 'RU-1', amount: 1250.5 }]);
      expect((await crm.findByPhone('+380671234567'))[0]!.name).toBe('Тарас Шевченко');
    } finally {
      await crm.close();
    }
  });

  it('updates instead of duplicating on a second import, and exits 0 when nothing was rejected', async () => {
    // As a spreadsheet set to Ukrainian saves it: ";" between columns.
    const customers = file('again.csv', 'external_id;name;city;phones\nc-2;Тарас Шевченко;Львів;+380322345678\n');
    const { code, out } = run('--customers', customers);
    expect(code).toBe(0);
    expect(out).toContain('customers: 0 added, 1 updated');
    const crm = EmbeddedCrm.open(join(dir, 'crm.sqlite'));
    try {
      expect(await crm.findByPhone('+380671234567')).toEqual([]);
      expect(await crm.findByPhone('+380322345678')).toMatchObject([{ name: 'Тарас Шевченко', city: 'Львів' }]);
    } finally {
      await crm.close();
    }
  });

  it('says how to use it, and refuses unreadable files, with exit code 2', () => {
    expect(run()).toMatchObject({ code: 2, err: expect.stringContaining('crm import needs --customers, --orders and/or --invoices') });
    expect(run('--customers', join(dir, 'missing.csv'))).toMatchObject({ code: 2, err: expect.stringContaining('missing.csv cannot be read') });
    expect(run('--customers', file('bad.json', '{"not": "an array"}'))).toMatchObject({ code: 2, err: expect.stringContaining('must hold a JSON array') });
    expect(run('--region', 'Russia', '--customers', 'x.csv')).toMatchObject({ code: 2, err: expect.stringContaining('--region must be a two-letter country code') });
  });
});
