import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { isSameLocalDay } from '../common/format.js';
import { AgentStatusPanel } from './AgentStatusPanel.js';
import { CallbacksPanel } from './CallbacksPanel.js';
import { DialForm } from './DialForm.js';
import { LinkHealth } from './LinkHealth.js';
import { SettingsPage } from './SettingsPage.js';
import { TodayCalls } from './TodayCalls.js';

const PAGES = ['calls', 'settings'] as const;
type Page = (typeof PAGES)[number];

/** The page to open from the address (#settings), e.g. from the tray's Settings item. */
function initialPage(): Page {
  const hash = typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, '');
  return (PAGES as readonly string[]).includes(hash) ? (hash as Page) : 'calls';
}

export function MainWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>(initialPage);
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
      {page === 'calls' ? (
        <main className="main-layout" id="page-calls" role="tabpanel" aria-labelledby="page-tab-calls" data-testid="main-root">
          <div className="main-layout__side">
            <AgentStatusPanel agent={snapshot.agent} reasons={snapshot.reasons} />
            <DialForm />
            <LinkHealth snapshot={snapshot} />
          </div>
          <div className="main-layout__content">
            <CallbacksPanel tasks={snapshot.callbacks} canDial={snapshot.capabilities.dial} />
            <TodayCalls calls={today} />
          </div>
        </main>
      ) : (
        <main className="main-layout main-layout--single" id="page-settings" role="tabpanel" aria-labelledby="page-tab-settings" data-testid="settings-root">
          <SettingsPage />
        </main>
      )}
    </div>
  );
}
