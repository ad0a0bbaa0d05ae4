import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots, startHostProcess, type HostProcess } from './host-process.js';

let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  host = await startHostProcess(['--set', 'pbx.firstCallSeconds=1', '--set', 'pbx.callIntervalSeconds=3', '--set', 'pop.hideAfterSeconds=0']);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** What the sample CRM holds for a number, read straight from its SQLite file. */
function crmRecord(e164: string) {
  const db = new Database(join(host.userData, 'demo-crm.sqlite'), { readonly: true });
  try {
    const customer = db
      .prepare(`SELECT c.id, c.name, co.name AS company, m.name AS manager FROM customer_phones p JOIN customers c ON c.id = p.customer_id
                LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN managers m ON m.id = c.manager_id WHERE p.e164 = ?`)
      .get(e164) as { id: number; name: string; company: string | null; manager: string } | undefined;
    const orders = customer
      ? (db.prepare('SELECT number FROM orders WHERE customer_id = ? ORDER BY date DESC, id DESC').all(customer.id) as { number: string }[])
      : [];
    return { customer, orders };
  } finally {
    db.close();
  }
}

async function waitForKnownCaller(page: Page): Promise<void> {
  await page.locator('[data-testid="lookup-state"][data-state="found"]').first().waitFor({ timeout: 50_000 });
}

async function openCard(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US', colorScheme: options.colorScheme ?? 'light', viewport: { width: 440, height: 620 } });
  const page = await context.newPage();
  await page.goto(host.urls.card);
  return page;
}

describe('demo ring in the card window (browser host, Chromium)', () => {
  it('pops the card with the right customer, manager and order history', async () => {
    const page = await openCard();
    await page.getByTestId('demo-banner').waitFor();
    await waitForKnownCaller(page);

    const number = (await page.getByTestId('call-number').first().innerText()).replace(/[^0-9+]/g, '');
    const { customer, orders } = crmRecord(number.startsWith('+') ? number : `+${number}`);
    expect(customer, `no customer for ${number}`).toBeDefined();
    expect(await page.getByTestId('customer-name').first().innerText()).toBe(customer!.name);
    expect(await page.getByTestId('customer-manager').first().innerText()).toContain(customer!.manager);
    if (customer!.company) expect(await page.getByTestId('customer-company').first().innerText()).toContain(customer!.company);

    const rows = page.getByTestId('order-row');
    expect(await rows.count()).toBe(Math.min(20, orders.length));
    expect(await rows.first().innerText()).toContain(orders[0]!.number);
    expect(page.url()).not.toContain('token='); // the token is taken out of the address bar

    await page.screenshot({ path: join(screenshots, 'card-en-light.png') });
    await page.context().close();
  });

  it('renders in Russian and English with either theme, and in Ukrainian', async () => {
    const ru = await openCard({ locale: 'ru-RU', colorScheme: 'dark' });
    await waitForKnownCaller(ru);
    expect(await ru.locator('html').getAttribute('lang')).toBe('ru');
    expect(await ru.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await ru.getByTestId('demo-banner').innerText()).toMatch(/[Дд]емо/);
    await ru.screenshot({ path: join(screenshots, 'card-ru-dark.png') });
    await ru.context().close();

    // The other two of English/Russian × light/dark.
    for (const [locale, colorScheme, name] of [
      ['en-US', 'dark', 'card-en-dark'],
      ['ru-RU', 'light', 'card-ru-light'],
    ] as const) {
      const page = await openCard({ locale, colorScheme });
      await waitForKnownCaller(page);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(colorScheme);
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
      await page.context().close();
    }

    const uk = await openCard({ locale: 'uk-UA' });
    await waitForKnownCaller(uk);
    expect(await uk.locator('html').getAttribute('lang')).toBe('uk');
    expect(await uk.getByTestId('demo-banner').innerText()).toMatch(/[Дд]емо/);
    await uk.screenshot({ path: join(screenshots, 'card-uk-light.png') });
    await uk.context().close();
  });

  it('shows the main window with status and today\'s calls, and the dashboard placeholder', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 900, height: 640 } });
    const page = await context.newPage();
    await page.goto(host.urls.main);
    await page.getByTestId('demo-banner').waitFor();
    await page.screenshot({ path: join(screenshots, 'main-en-light.png') });
    await page.goto(host.urls.dashboard);
    await page.getByTestId('demo-banner').waitFor();
    await context.close();
  });

  it('finds sample customers by name or phone digits and offers each number as one click to call', async () => {
    for (const [locale, scheme, query, name] of [
      ['en-US', 'dark', 'ива', 'main-calls-en-dark'],
      ['ru-RU', 'light', 'шевч', 'main-calls-ru-light'],
    ] as const) {
      const context = await browser.newContext({ locale, colorScheme: scheme, viewport: { width: 1000, height: 760 } });
      const page = await context.newPage();
      await page.goto(host.urls.main);
      await page.getByTestId('search-input').fill(query);
      const results = page.getByTestId('search-result');
      await results.first().waitFor({ timeout: 10_000 });
      for (const result of (await results.all()).slice(0, 5)) await expect(result.textContent()).resolves.toMatch(new RegExp(query, 'i'));
      await expect(results.first().getByTestId('search-call').first().textContent()).resolves.toMatch(/^\+\d+$/);
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
      await context.close();
    }
  });

  it('refuses to work without the token and says where to get the link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.urls.card.replace(/#.*$/, ''));
    expect(await page.getByTestId('bridge-error').innerText()).toContain('npm start');
    await context.close();
  });
});
