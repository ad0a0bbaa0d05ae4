import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetterView } from '../../../shared/contract/schemas.js';
import { formatDate, formatTime } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { request } from '../store.js';
import { actionLabel } from './history-labels.js';

/** Actions the CRM refused, with its words, and a retry once the data is fixed in the CRM. */
export function NotDelivered({ count }: { count: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [items, setItems] = useState<DeadLetterView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    try {
      setItems((await request((api) => api.deadLetters())).items);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, [count]);

  const retry = async (item: DeadLetterView) => {
    setBusy(item.actionId);
    try {
      await request((api) => api.retryDeadLetter({ actionId: item.actionId, sink: item.sink }));
      await load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel panel--wide panel--alert" aria-labelledby="dead-title" data-testid="not-delivered">
      <h2 id="dead-title" className="panel__title">
        {t('sync.notDelivered', { count })}
      </h2>
      <p className="muted">{t('sync.notDeliveredHint')}</p>
      {error && (
        <p className="settings__error" role="alert">
          {error}
        </p>
      )}
      <ul className="dead-letters">
        {items.map((item) => (
          <li key={`${item.sink}:${item.actionId}`} className="dead-letters__item" data-testid="dead-letter">
            <div>
              <strong>{actionLabel(t, item.section, item.action)}</strong>{' '}
              <span className="muted">
                {formatDate(new Date(item.startedAt).toISOString(), language)} {formatTime(item.startedAt, language)}
                {item.customerRef ? ` · ${item.customerRef}` : ''} · {item.sink}
              </span>
              <div className="dead-letters__error">{item.error}</div>
            </div>
            <button type="button" className="btn btn--small" disabled={busy === item.actionId} onClick={() => void retry(item)} data-testid="dead-letter-retry">
              {t('sync.retry')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
