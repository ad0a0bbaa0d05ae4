import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { isSameLocalDay } from '../common/format.js';
import { AgentStatusPanel } from './AgentStatusPanel.js';
import { CallbacksPanel } from './CallbacksPanel.js';
import { CustomerSearch } from './CustomerSearch.js';
import { DialLinkConfirm } from './DialLinkConfirm.js';
import { DialForm } from './DialForm.js';
import { HistoryPage } from './HistoryPage.js';
import { LinkHealth } from './LinkHealth.js';
import { SettingsPage } from './SettingsPage.js';
import { TodayCalls } from './TodayCalls.js';

const PAGES = ['calls', 'history', 'settings'] as const;
type Page = (typeof PAGES)[number];

/**
 * What the address asks for: a page (#settings, from the tray's Settings item) or a callback
 * task (#callback=<id>, from a missed-call notification).
 */
export function viewFromHash(hash: string): { page: Page; callbackTaskId?: string } {
  const text = hash.replace(/^#/, '');
  const task = /^callback=([A-Za-z0-9-]{1,64})$/.exec(text)?.[1];
  if (task) return { page: 'calls', callbackTaskId: task };
  return { page: (PAGES as readonly string[]).includes(text) ? (text as Page) : 'calls' };
}

const currentHash = () => (typeof window === 'undefined' ? '' : window.location.hash);

export function MainWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>(() => viewFromHash(currentHash()).page);
  const [focusTask, setFocusTask] = useState<string | undefined>(() => viewFromHash(currentHash()).callbackTaskId);
  // The Electron notification reopens this window with a new #callback=… (or #settings).
  useEffect(() => {
    const onHash = () => {
      const view = viewFromHash(currentHash());
      setPage(view.page);
      setFocusTask(view.callbackTaskId);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const today = useMemo(() => {
    const now = Date.now();
    return snapshot.recentCalls.filter((c) => isSameLocalDay(c.ringingAt, now));
  }, [snapshot.recentCalls]);

  const onKey = (e: KeyboardEvent, current: Page) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = PAGES.indexOf(current);
    const next = PAGES[(i + (e.key === 'ArrowRight' ? 1 : PAGES.length - 1)) % PAGES.length]!;
    setPage(next);
    document.getElementById(`page-tab-${next}`)?.focus();
  };

  return (
    <div className="main-pages">
      <nav className="page-tabs" role="tablist" aria-label={t('pages.label')}>
        {PAGES.map((p) => (
          <button
            key={p}
            id={`page-tab-${p}`}
            type="button"
            role="tab"
            className="page-tabs__tab"
            aria-selected={page === p}
            aria-controls={`page-${p}`}
            tabIndex={page === p ? 0 : -1}
            onClick={() => setPage(p)}
            onKeyDown={(e) => onKey(e, p)}
            data-testid={`page-tab-${p}`}
          >
            {t(`pages.${p}`)}
            {p === 'calls' && snapshot.callbacks.some((c) => c.status === 'open') && (
              <span className="badge">{snapshot.callbacks.filter((c) => c.status === 'open').length}</span>
            )}
          </button>
        ))}
      </nav>
      <DialLinkConfirm canDial={snapshot.capabilities.dial} />
      {snapshot.sync.journalProblem && (
        <p className="action-error" role="alert" data-testid="journal-problem">
          <span className="action-error__text">{t('sync.journalProblem', { problem: snapshot.sync.journalProblem })}</span>
        </p>
      )}
      {page === 'calls' ? (
        <main className="main-layout" id="page-calls" role="tabpanel" aria-labelledby="page-tab-calls" data-testid="main-root">
          <div className="main-layout__side">
            <AgentStatusPanel agent={snapshot.agent} reasons={snapshot.reasons} />
            <DialForm />
            <CustomerSearch canDial={snapshot.capabilities.dial} canSearch={snapshot.capabilities.search} />
            <LinkHealth snapshot={snapshot} />
          </div>
          <div className="main-layout__content">
            <CallbacksPanel tasks={snapshot.callbacks} canDial={snapshot.capabilities.dial} focusTaskId={focusTask} />
            <TodayCalls calls={today} />
          </div>
        </main>
      ) : page === 'history' ? (
        <main className="main-layout main-layout--wide" id="page-history" role="tabpanel" aria-labelledby="page-tab-history">
          <HistoryPage snapshot={snapshot} />
        </main>
      ) : (
        <main className="main-layout main-layout--single" id="page-settings" role="tabpanel" aria-labelledby="page-tab-settings" data-testid="settings-root">
          <SettingsPage />
        </main>
      )}
    </div>
  );
}
