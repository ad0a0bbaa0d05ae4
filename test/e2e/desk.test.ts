import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field } from '../../electron/core/pbx/ami/ami-message.js';
import type { FakeAmiServer } from '../fakes/fake-ami-server.js';
import { screenshots, startAsteriskDesk, type AsteriskDesk, type HostProcess } from './host-process.js';

/** QueuePause actions the PBX received, oldest first. */
function pauses(): Array<{ paused: string | undefined; reason: string | undefined; iface: string | undefined }> {
  return ami.actionsNamed('QueuePause').map((a) => ({ paused: field(a.message, 'Paused'), reason: field(a.message, 'Reason'), iface: field(a.message, 'Interface') }));
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text.replace(/^\uFEFF/, '');
}

let desk: AsteriskDesk;
let ami: FakeAmiServer;
let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  desk = await startAsteriskDesk({ pbx: { originateContext: 'agents-out' } });
  ({ ami, host, browser } = desk);
});

afterAll(() => desk?.stop());

describe('operator desk against an Asterisk (browser host + in-repo AMI server, Chromium)', () => {
  it('turns a missed queue call into a callback task, and calls back with one click', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 960, height: 680 } });
    const page = await context.newPage();
    await page.goto(host.urls.main);
    await page.locator('[data-testid="link-pbx"][data-state="up"]').waitFor({ timeout: 15_000 });

    await ami.playTranscript('12-queue-timeout-missed.ami');
    const task = page.locator('[data-testid="callback-task"][data-status="open"]');
    await task.waitFor({ timeout: 15_000 });
    await expect(task.textContent()).resolves.toContain('+7 495 765');
    await page.screenshot({ path: join(screenshots, 'main-callbacks-en-light.png') });

    await task.getByTestId('callback-call').click();
    await ami.waitFor(() => ami.actionsNamed('Originate').length === 1, 'Originate from the callback task');
    const originate = ami.actionsNamed('Originate')[0]!.message;
    expect(field(originate, 'Channel')).toBe('SIP/101');
    expect(field(originate, 'Exten')).toBe('+74957654321');
    expect(field(originate, 'Context')).toBe('agents-out');
    await context.close();
  });

  it('lists what happened in the History tab, filters it and exports it as CSV', async () => {
    for (const [locale, scheme, name] of [
      ['en-US', 'light', 'main-history-en-light'],
      ['ru-RU', 'dark', 'main-history-ru-dark'],
    ] as const) {
      const context = await browser.newContext({ locale, colorScheme: scheme, viewport: { width: 1100, height: 720 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(host.urls.main);
      await page.getByTestId('page-tab-history').click();
      const rows = page.getByTestId('history-row');
      // The missed call of the first test: rang, ended, and the callback task it left.
      await page.locator('[data-testid="history-row"][data-section="callback"][data-action="created"]').waitFor({ timeout: 15_000 });
      await expect(page.locator('[data-testid="history-row"][data-section="call"][data-action="ended"]').count()).resolves.toBeGreaterThan(0);
      await page.locator('[data-testid="history-delivery"][data-state="sent"]').first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

      await page.getByTestId('history-topic').selectOption('Callback');
      await page.getByTestId('history-apply').click();
      await expect
        .poll(async () => {
          const texts = await rows.allTextContents();
          return texts.length > 0 && texts.every((text) => text.includes('Callback'));
        }, { timeout: 10_000 })
        .toBe(true);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^cti-history-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await streamText(await download.createReadStream());
      expect(csv.split('\n')[0]).toMatch(/id.*section.*action/);
      expect(csv).toContain('callback');
      await context.close();
    }
  });

  it('pauses the agent on screen lock with the reason, and on unlock restores what the operator had chosen', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 960, height: 680 } });
    const page = await context.newPage();
    await page.goto(host.urls.main);
    const status = page.getByTestId('agent-status');
    await page.getByTestId('not-ready-reason').selectOption('lunch');
    await page.getByTestId('set-not-ready').click();
    await ami.waitFor(() => pauses().at(-1)?.reason === 'lunch', 'QueuePause for lunch');
    await page.locator('[data-testid="agent-status"][data-status="not-ready"]').waitFor();

    const before = pauses().length;
    host.send('lock-screen');
    await ami.waitFor(() => pauses().length > before && pauses().at(-1)!.reason === 'screen-locked', 'QueuePause for the lock');
    expect(pauses().at(-1)).toEqual({ paused: 'true', reason: 'screen-locked', iface: 'SIP/101' });
    await expect.poll(() => host.output()).toMatch(/\[tray\] not-ready reason=screen-locked by=lock pbx=up/);
    await expect.poll(() => status.textContent()).toContain('Screen locked');
    await page.screenshot({ path: join(screenshots, 'main-locked-en-light.png') });

    host.send('unlock-screen');
    await ami.waitFor(() => pauses().at(-1)!.reason === 'lunch', 'QueuePause restoring lunch');
    await expect.poll(() => host.output()).toMatch(/\[tray\] not-ready reason=lunch by=operator pbx=up[^\n]*\n(?![\s\S]*screen-locked by=lock pbx=up[^\n]*\n[\s\S]*$)/);
    await expect.poll(() => status.textContent()).toContain('Lunch');

    await page.getByTestId('set-available').click();
    await ami.waitFor(() => pauses().at(-1)!.paused === 'false', 'QueuePause off');
    await context.close();
  });

  it('calls a tel: link only after the operator confirms it, and refuses one that is not a number', async () => {
    for (const [locale, scheme, name] of [
      ['en-US', 'light', 'dial-confirm-en-light'],
      ['ru-RU', 'dark', 'dial-confirm-ru-dark'],
    ] as const) {
      const context = await browser.newContext({ locale, colorScheme: scheme, viewport: { width: 960, height: 680 } });
      const page = await context.newPage();
      await page.goto(host.urls.main);
      await page.getByTestId('agent-status').waitFor();
      const originates = ami.actionsNamed('Originate').length;
      await page.evaluate(() => (window.location.hash = `dial=${encodeURIComponent('tel:+7-495-123-45-67')}`));
      await expect(page.getByTestId('dial-link-number').textContent()).resolves.toBe('+74951234567');
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
      await page.keyboard.press('Escape');
      await page.getByTestId('dial-link').waitFor({ state: 'detached' });
      expect(ami.actionsNamed('Originate')).toHaveLength(originates);

      // The PBX takes its time to answer the Originate; meanwhile another (bad) link arrives.
      let answerOriginate = () => {};
      ami.handle('Originate', (action, connection) => {
        answerOriginate = () => connection.answer(action)?.forEach((p) => connection.send(p));
        return null;
      });
      await page.evaluate(() => (window.location.hash = `dial=${encodeURIComponent('tel:+74951234567')}`));
      await page.getByTestId('dial-link-call').click();
      await ami.waitFor(() => ami.actionsNamed('Originate').length === originates + 1, 'Originate after the confirmation');
      expect(field(ami.actionsNamed('Originate').at(-1)!.message, 'Exten')).toBe('+74951234567');

      await page.evaluate(() => (window.location.hash = `dial=${encodeURIComponent('tel:$(reboot)')}`));
      await page.getByTestId('dial-link-refused').waitFor();
      ami.handle('Originate', () => undefined);
      answerOriginate(); // the first call is placed now: its dialog is gone, the new one must stay
      await page.waitForTimeout(500);
      await expect(page.getByTestId('dial-link-refused').isVisible()).resolves.toBe(true);
      expect(page.getByTestId('dial-link-call')).toBeTruthy();
      await expect(page.getByTestId('dial-link-call').count()).resolves.toBe(0);
      await page.getByTestId('dial-link-cancel').click();
      expect(ami.actionsNamed('Originate')).toHaveLength(originates + 1);
      await context.close();
    }
  });

  it('tests the PBX and the CRM connections as typed and says in plain words what is missing or wrong', async () => {
    for (const [locale, scheme, name] of [
      ['en-US', 'light', 'settings-en-light'],
      ['ru-RU', 'dark', 'settings-ru-dark'],
      ['en-US', 'dark', 'settings-en-dark'],
      ['ru-RU', 'light', 'settings-ru-light'],
    ] as const) {
      const context = await browser.newContext({ locale, colorScheme: scheme, viewport: { width: 900, height: 900 } });
      const page = await context.newPage();
      await page.goto(host.urls.main);
      await page.getByTestId('page-tab-settings').click();
      await page.getByTestId('settings-form').waitFor();
      await expect(page.getByTestId('settings-host').inputValue()).resolves.toBe('127.0.0.1');
      await expect(page.getByTestId('settings-form').textContent()).resolves.toContain('CTI_E2E_AMI_SECRET'); // the secret's source, named
      await page.getByTestId('settings-secret').fill('not-the-secret');
      await page.getByTestId('settings-test').click();
      const checks = page.locator('[data-testid="settings-checks"][data-ok="false"]');
      await checks.waitFor({ timeout: 15_000 });
      await expect(checks.textContent()).resolves.toMatch(/manager\.conf/);
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

      // The CRM part: Bitrix24 needs its webhook, and the page says so before anything is saved.
      await page.getByTestId('settings-crm-type').selectOption('bitrix24');
      await page.getByTestId('settings-portal').fill('https://corp.bitrix24.ru');
      await page.getByTestId('settings-test-crm').click();
      await expect(page.getByTestId('settings-checks').getAttribute('data-ok')).resolves.toBe('false');
      const webhook = locale === 'ru-RU' ? '«Адрес входящего вебхука» не сохранён и не введён' : 'nothing is stored or typed for “Inbound webhook URL”';
      await expect(page.getByTestId('settings-checks').textContent()).resolves.toContain(webhook);
      await page.getByTestId('settings-crm-secret').focus();
      await page.screenshot({ path: join(screenshots, `${name}-crm.png`), fullPage: true });
      await context.close();
    }
  });

  it('places calls in one click from the card, today\'s list and the search, and shows the call going through on the card', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 720 } });
    const card = await context.newPage();
    await card.goto(host.urls.card);
    const main = await context.newPage();
    await main.goto(host.urls.main);
    await main.locator('[data-testid="link-pbx"][data-state="up"]').waitFor({ timeout: 15_000 });
    const lastExten = () => field(ami.actionsNamed('Originate').at(-1)!.message, 'Exten');

    // The PBX places a click-to-call (recorded): the operator's phone rings, then the customer answers.
    const played = ami.playTranscript('06-click-to-call.ami', { timing: { scale: 0.5 } });
    const phase = card.getByTestId('call-phase').first();
    await card.locator('[data-testid="call-phase"][data-phase="ringing"]').waitFor({ timeout: 10_000 });
    await expect(phase.textContent()).resolves.toBe('Calling…');
    await expect(card.getByTestId('call-direction').first().textContent()).resolves.toBe('Outgoing');
    await card.locator('[data-testid="call-phase"][data-phase="connected"]').waitFor({ timeout: 10_000 });
    await played;
    await card.locator('[data-testid="call-phase"][data-phase="ended"]').waitFor({ timeout: 10_000 });
    // A new customer: saved from the card, so that the search finds them below.
    await card.locator('[data-testid="lookup-state"][data-state="not-found"]').waitFor({ timeout: 10_000 });
    await card.getByTestId('new-contact').click();
    await card.getByTestId('contact-name').fill('Ivan Petrenko');
    await card.getByTestId('contact-save').click();
    await expect.poll(() => card.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Ivan Petrenko');

    // Call back from the card, with the keyboard.
    let originates = ami.actionsNamed('Originate').length;
    await card.getByTestId('callback-button').first().focus();
    await card.keyboard.press('Enter');
    await ami.waitFor(() => ami.actionsNamed('Originate').length === originates + 1, 'Originate from the card');
    expect(lastExten()).toMatch(/^\+?79161234567$/);

    // From today's calls.
    originates = ami.actionsNamed('Originate').length;
    const row = main.getByTestId('today-call-row').filter({ hasText: '916' }).first();
    await row.getByTestId('row-callback-button').click();
    await ami.waitFor(() => ami.actionsNamed('Originate').length === originates + 1, 'Originate from today\'s calls');
    expect(lastExten()).toMatch(/^\+?79161234567$/);

    // From the customer search.
    originates = ami.actionsNamed('Originate').length;
    await main.getByTestId('search-input').fill('Petrenko');
    const number = main.getByTestId('search-result').filter({ hasText: 'Ivan Petrenko' }).getByTestId('search-call');
    await expect(number.textContent()).resolves.toBe('+79161234567');
    await number.click();
    await ami.waitFor(() => ami.actionsNamed('Originate').length === originates + 1, 'Originate from the search');
    expect(lastExten()).toBe('+79161234567');

    // The operator's phone is off: the PBX reports the Originate failed, and both windows say why.
    const originate = ami.actionsNamed('Originate').at(-1)!;
    ami.emitEvent({ Event: 'OriginateResponse', Privilege: 'call,all', ActionID: originate.actionId, Response: 'Failure', Channel: 'SIP/101', Context: 'agents-out', Exten: '+79161234567', Reason: 0 });
    for (const page of [main, card]) {
      const failure = page.getByTestId('dial-failure');
      await failure.waitFor({ timeout: 10_000 });
      await expect(failure.textContent()).resolves.toBe('The call to +7 916 123 45 67 did not go through: your phone is not reachable — check that it is on and registered, or ask IT.');
    }
    await main.screenshot({ path: join(screenshots, 'main-dial-failed-en-light.png') });
    await context.close();
  });
});
