import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../../shared/contract/schemas.js';
import { dial, request } from '../store.js';

const DEBOUNCE_MS = 300;
const MIN_CHARS = 2;

/** Customers by name, company or phone digits, each number one click from a call. */
export function CustomerSearch({ canDial, canSearch }: { canDial: boolean; canSearch: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_CHARS) {
      setMatches(null);
      setError(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      request((api) => api.searchCustomers({ query: q, limit: 20 }))
        .then((found) => current && (setMatches(found.matches), setError(null)))
        .catch((err: unknown) => current && (setMatches(null), setError((err as Error).message)));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  if (!canSearch) return null;
  return (
    <section className="panel" aria-labelledby="search-title" data-testid="customer-search">
      <h2 id="search-title" className="panel__title">
        {t('search.title')}
      </h2>
      <label className="dial__label" htmlFor={inputId}>
        {t('search.label')}
      </label>
      <input
        id={inputId}
        className="input"
        type="search"
        maxLength={100}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('search.placeholder')}
        data-testid="search-input"
      />
      {error && (
        <p className="settings__error" role="alert">
          {error}
        </p>
      )}
      {matches && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <p className="muted" data-testid="search-empty">
              {t('search.none')}
            </p>
          ) : (
            <ul className="search-results">
              {matches.map((m) => (
                <li key={m.ref} className="search-results__item" data-testid="search-result">
                  <div className="search-results__who">
                    <span className="callbacks__name" title={m.name}>
                      {m.name}
                    </span>
                    <span className="muted search-results__where" title={[m.company, m.city].filter(Boolean).join(' · ')}>
                      {[m.company, m.city].filter(Boolean).join(' · ')}
                    </span>
                  </div>
                  <div className="search-results__phones">
                    {(m.phones ?? []).map((p) => (
                      <button
                        key={p}
                        type="button"
                        className="btn btn--small"
                        disabled={!canDial}
                        onClick={() => void dial(p)}
                        aria-label={t('search.callTo', { name: m.name, number: p })}
                        data-testid="search-call"
                        dir="ltr"
                      >
                        {p}
                      </button>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
