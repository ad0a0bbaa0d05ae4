import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, type UiLanguage } from '../../../renderer/src/i18n.js';
import { filterOf } from '../../../renderer/src/main/HistoryPage.js';
import { actionLabel, detailSummary } from '../../../renderer/src/main/history-labels.js';
import { MainWindow, viewFromHash } from '../../../renderer/src/main/MainWindow.js';
import { SettingsEditor } from '../../../renderer/src/main/SettingsPage.js';
import type { SettingsView } from '../../../shared/contract/schemas.js';
import { snapshot } from '../../fakes/snapshots.js';

const render = (element: ReactElement, language: UiLanguage = 'en') =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

describe('main window: pages, delivery and the journal', () => {
  it('opens the page or the callback task the address names (tray Settings, missed-call notification)', () => {
    expect(viewFromHash('#settings')).toEqual({ page: 'settings' });
    expect(viewFromHash('#history')).toEqual({ page: 'history' });
    expect(viewFromHash('#callback=0196c1a2-7e4b-7000-8000-000000000001')).toEqual({ page: 'calls', callbackTaskId: '0196c1a2-7e4b-7000-8000-000000000001' });
    expect(viewFromHash('#callback=<script>')).toEqual({ page: 'calls' });
    expect(viewFromHash('#token=abc')).toEqual({ page: 'calls' });
  });

  it('turns the typed days into a range that covers the whole last day, in local time', () => {
    const f = filterOf({ from: '2026-11-01', to: '2026-11-02', customerRef: ' 42 ', topic: 'Delivery' });
    expect(f).toEqual({ from: new Date(2026, 10, 1).getTime(), to: new Date(2026, 10, 3).getTime(), customerRef: '42', topic: 'Delivery' });
    expect(filterOf({ from: '', to: 'not a date', customerRef: '', topic: '' })).toEqual({});
  });

  it('names each journal action and sums up its details in the window\'s language', () => {
    const t = createI18n('ru').t;
    expect(actionLabel(t, 'call', 'ended')).toBe('Вызов завершён');
    expect(actionLabel(t, 'call', 'something-new')).toBe('call something-new');
    expect(detailSummary(t, { section: 'call', action: 'ended', details: { number: '+74951234567', reason: 'missed', talkSeconds: 0 } })).toBe('+74951234567 · Пропущен');
    expect(detailSummary(t, { section: 'status', action: 'changed', details: { from: 'available', to: 'not-ready', reason: 'lunch' } })).toBe('Доступен → Не готов · lunch');
  });

  it('shows how many actions wait for the CRM, and warns when the journal cannot write', () => {
    const html = render(<MainWindow snapshot={snapshot({ sync: { pending: 3, dead: 0, state: 'retrying', retryAt: Date.UTC(2026, 10, 22, 9, 30), lastError: 'HTTP 503 from the CRM' } })} />);
    expect(html).toContain('data-testid="link-sync" data-state="retrying" data-pending="3"');
    expect(html).toContain('3 actions waiting');
    expect(html).toContain('HTTP 503 from the CRM');
    expect(html).not.toContain('data-testid="journal-problem"');

    const broken = render(<MainWindow snapshot={snapshot({ sync: { pending: 0, dead: 0, state: 'idle', journalProblem: 'the disk is full' } })} />, 'uk');
    expect(broken).toContain('data-testid="journal-problem"');
    expect(broken).toContain('Дії не записуються: the disk is full');
  });

  it('offers customer search only when the CRM can search', () => {
    expect(render(<MainWindow snapshot={snapshot()} />)).toContain('data-testid="customer-search"');
    const noSearch = snapshot();
    expect(render(<MainWindow snapshot={{ ...noSearch, capabilities: { ...noSearch.capabilities, search: false } }} />)).not.toContain('data-testid="customer-search"');
  });
});

describe('settings page', () => {
  const view: SettingsView = {
    form: { agent: { extension: '101' }, pbx: { type: 'asterisk', host: 'pbx.local', port: 5038, tls: false, username: 'cti', interfaces: ['PJSIP/101'], originateContext: 'from-internal' }, crm: { type: 'embedded' }, ui: { language: 'system', theme: 'system' } },
    hasPbxSecret: false,
    restConfigured: false,
    secretBackend: 'safeStorage:keyring',
    userConfigFile: '/home/op/.config/cti-launcher/config.json',
    overridden: [],
  };

  it('says where a typed secret will be kept', () => {
    const html = render(<SettingsEditor view={view} onSaved={() => {}} />);
    expect(html).toContain('it will be kept in');
    expect(html).not.toContain('data-testid="settings-secrets-unavailable"');
  });

  it('says plainly when this computer cannot keep passwords, in the operator\'s language', () => {
    const html = render(<SettingsEditor view={{ ...view, secretsUnavailable: 'no system keyring is available (safeStorage backend "basic_text")' }} onSaved={() => {}} />, 'ru');
    expect(html).toContain('data-testid="settings-secrets-unavailable"');
    expect(html).toContain('Пароли нельзя надёжно хранить на этом компьютере');
    expect(html).toContain('Не может быть сохранён на этом компьютере');
    expect(html).not.toContain('будет храниться в');
  });
});
