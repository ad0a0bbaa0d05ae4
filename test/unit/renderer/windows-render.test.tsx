import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { CardWindow } from '../../../renderer/src/card/CardWindow.js';
import { createI18n, type UiLanguage } from '../../../renderer/src/i18n.js';
import { CallbacksPanel } from '../../../renderer/src/main/CallbacksPanel.js';
import { MainWindow } from '../../../renderer/src/main/MainWindow.js';
import { WindowErrorBoundary } from '../../../renderer/src/common/WindowErrorBoundary.js';
import { call, customer, NOW, snapshot } from './fixtures.js';

const render = (element: ReactElement, language: UiLanguage = 'en') =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('card window markup', () => {
  it('waits calmly when no call is on the card', () => {
    const html = render(<CardWindow snapshot={snapshot()} />);
    expect(html).toContain('data-testid="card-root"');
    expect(html).toContain('Waiting for calls');
  });

  it('shows a found customer with manager, company and orders, newest first', () => {
    const found = call('a', { phase: 'connected', answeredAt: NOW, lookup: { status: 'found', card: customer } });
    const html = render(<CardWindow snapshot={snapshot({ activeCalls: [found] })} />, 'ru');
    expect(html).toContain('data-testid="lookup-state" data-state="found"');
    expect(html).toContain('data-testid="call-phase" data-phase="connected"');
    expect(html).toMatch(/data-testid="customer-name"[^>]*>Константин Константинопольский</);
    expect(html).toMatch(/data-testid="customer-manager"[^>]*>Екатерина Васильева</);
    expect(html).toContain('2 открытых заказа');
    expect(html).toContain('Россия');
    expect(count(html, 'data-testid="order-row"')).toBe(3);
    expect(html.indexOf('ORD-1000')).toBeLessThan(html.indexOf('ORD-1001'));
    expect(html).not.toContain('role="tablist"');
  });

  it('names a matched customer while the rest of the card loads', () => {
    const matched = call('a', { remoteName: 'CID NAME', lookup: { status: 'matched', match: { ref: 'c1', kind: 'contact', name: 'Олена Петренко', company: 'ТОВ Ромашка', city: 'Київ' } } });
    const html = render(<CardWindow snapshot={snapshot({ activeCalls: [matched] })} />, 'uk');
    expect(html).toContain('data-state="matched" aria-busy="true"');
    expect(html).toMatch(/data-testid="customer-name"[^>]*>Олена Петренко</);
    expect(html).toMatch(/data-testid="customer-company"[^>]*>ТОВ Ромашка</);
    expect(html).toContain('Завантаження замовлень та історії…');
    expect(html).not.toContain('CID NAME'); // the CRM's name, not the caller ID's
  });

  it('offers tabs for several calls, retry after a failed lookup, and close for ended calls', () => {
    const failed = call('a', { lookup: { status: 'error', message: 'The CRM did not answer within 1.5 s' } });
    const ended = call('b', { seq: 2, phase: 'ended', endReason: 'missed', lookup: { status: 'not-found' } });
    const html = render(<CardWindow snapshot={snapshot({ activeCalls: [failed], recentCalls: [ended] })} />);
    expect(html).toContain('role="tablist"');
    expect(count(html, 'role="tab"')).toBe(2);
    expect(html).toContain('data-testid="retry-button"');
    expect(html).toContain('The CRM did not answer within 1.5 s');

    const endedOnly = render(<CardWindow snapshot={snapshot({ recentCalls: [ended] })} />, 'uk');
    expect(endedOnly).toContain('data-testid="dismiss-button"');
    expect(endedOnly).toContain('Пропущено');
    expect(/<button[^>]*data-testid="callback-button"[^>]*>/.exec(endedOnly)?.[0]).not.toContain('disabled');
  });

  it('does not offer to call back a withheld number', () => {
    const anonymous = call('a', { phase: 'ended', remote: { raw: 'anonymous', display: 'anonymous', kind: 'anonymous' }, lookup: { status: 'skipped', why: 'anonymous' } });
    const html = render(<CardWindow snapshot={snapshot({ recentCalls: [anonymous] })} />);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="callback-button"/);
    expect(html).toContain('Withheld number');
  });
});

describe('main window markup', () => {
  it('shows status with reason, link health and today\'s calls', () => {
    const today = call('r', { phase: 'ended', ringingAt: Date.now(), answeredAt: 1_000, endedAt: 63_000, endReason: 'completed', lookup: { status: 'found', card: customer } });
    const html = render(
      <MainWindow snapshot={snapshot({ agent: { extension: '101', status: 'not-ready', reason: 'lunch', screenLocked: false }, links: { pbx: 'down', crm: 'up' }, recentCalls: [today] })} />,
      'ru',
    );
    expect(html).toContain('Не готов (Обед)');
    expect(html).toMatch(/data-testid="link-pbx" data-state="down"/);
    expect(html).toContain('1:02');
    expect(html).toContain('Константин Константинопольский');
    expect(html).toContain('data-testid="dial-input"');
  });
});

describe('call backs', () => {
  it('lists a call back set from the card with its time and note, overdue ones marked, and offers it on the card', () => {
    const base = { e164: '+380441234567', display: '+380 44 123 4567', firstMissedAt: NOW - 7_200_000, lastMissedAt: NOW - 7_200_000, lastCallId: 'x', status: 'open' as const };
    const later = { ...base, id: 't1', missedCount: 0, customerName: 'Олена Петренко', dueAt: Date.now() + 3_600_000, note: 'надіслати копію рахунку' };
    const overdue = { ...base, id: 't2', e164: '+380441234568', missedCount: 2, dueAt: Date.now() - 60_000 };
    const html = render(<CallbacksPanel tasks={[overdue, later]} canDial />, 'uk');
    expect(count(html, 'data-testid="callback-due"')).toBe(2);
    expect(html).toMatch(/data-testid="callback-due" data-overdue="true">Прострочено з /);
    expect(html).toContain('Призначено з картки');
    expect(html).toMatch(/data-testid="callback-note"[^>]*>надіслати копію рахунку</);

    const ended = call('e', { phase: 'ended', endReason: 'completed', lookup: { status: 'not-found' } });
    expect(render(<CardWindow snapshot={snapshot({ recentCalls: [ended] })} />)).toMatch(/data-testid="create-task-button"[^>]*>Create task</);
    const withheld = call('w', { phase: 'ended', remote: { raw: '', display: 'Withheld', kind: 'anonymous' }, lookup: { status: 'skipped', why: 'anonymous' } });
    expect(render(<CardWindow snapshot={snapshot({ recentCalls: [withheld] })} />)).not.toContain('create-task-button');
  });
});

describe('a fault in a view', () => {
  it('shows what happened and a reload instead of a blank window', () => {
    const boundary = new WindowErrorBoundary({ children: <p>the view</p> });
    expect(render(boundary.render() as ReactElement)).toBe('<p>the view</p>');
    boundary.state = WindowErrorBoundary.getDerivedStateFromError(new Error('w is not a function'));
    const html = render(boundary.render() as ReactElement, 'uk');
    expect(html).toContain('role="alert"');
    expect(html).toContain('У цьому вікні сталася помилка');
    expect(html).toContain('w is not a function');
    expect(html).toMatch(/<button[^>]*>Перезавантажити<\/button>/);
  });
});
