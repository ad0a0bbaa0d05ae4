import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, CustomerMatch } from '../../../shared/contract/schemas.js';
import { retryLookup } from '../store.js';
import { CustomerDetails } from './CustomerDetails.js';

/** What the CRM said about the caller; the wrapper's data-state mirrors lookup.status. */
export function LookupView({ call }: { call: CallView }) {
  const { lookup } = call;
  return (
    <div className={`lookup lookup--${lookup.status}`} data-testid="lookup-state" data-state={lookup.status} aria-busy={lookup.status === 'looking'}>
      {lookup.status === 'looking' && <LookingUp />}
      {lookup.status === 'found' && <CustomerDetails card={lookup.card} />}
      {lookup.status === 'not-found' && <UnknownCaller call={call} />}
      {lookup.status === 'multiple' && <MatchList matches={lookup.matches} />}
      {lookup.status === 'skipped' && <SkippedLookup why={lookup.why} />}
      {lookup.status === 'error' && <LookupError callId={call.id} message={lookup.message} />}
    </div>
  );
}

function LookingUp() {
  const { t } = useTranslation();
  return (
    <div className="skeleton">
      <p className="skeleton__text" role="status">
        {t('lookup.looking')}
      </p>
      <div className="skeleton__bar skeleton__bar--title" aria-hidden="true" />
      <div className="skeleton__bar" aria-hidden="true" />
      <div className="skeleton__bar skeleton__bar--short" aria-hidden="true" />
      <div className="skeleton__block" aria-hidden="true" />
    </div>
  );
}

function UnknownCaller({ call }: { call: CallView }) {
  const { t } = useTranslation();
  return (
    <div className="notice">
      <h2 className="notice__title">{t('lookup.notFoundTitle')}</h2>
      <p className="notice__number">{call.remote.display}</p>
      <p className="muted">{t('lookup.notFoundHint')}</p>
    </div>
  );
}

function MatchList({ matches }: { matches: readonly CustomerMatch[] }) {
  const { t } = useTranslation();
  return (
    <div className="notice">
      <h2 className="notice__title">{t('lookup.multipleTitle', { count: matches.length })}</h2>
      <p className="muted">{t('lookup.multipleHint')}</p>
      <ul className="matches">
        {matches.map((m) => (
          <li key={m.ref} className="matches__item" data-testid="match-item">
            <span className="matches__name" title={m.name}>
              {m.name}
            </span>
            {m.company && (
              <span className="matches__company" title={m.company}>
                {m.company}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SkippedLookup({ why }: { why: 'internal' | 'anonymous' | 'invalid' }) {
  const { t } = useTranslation();
  return (
    <div className="notice">
      <p className="notice__title notice__title--small">{t(`lookup.skipped.${why}`)}</p>
    </div>
  );
}

function LookupError({ callId, message }: { callId: string; message: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    await retryLookup(callId);
    setBusy(false);
  };
  return (
    <div className="notice notice--error" role="alert">
      <h2 className="notice__title">{t('lookup.errorTitle')}</h2>
      <p className="notice__message">{message}</p>
      <button type="button" className="btn btn--primary" onClick={() => void retry()} disabled={busy} data-testid="retry-button">
        {t('lookup.retry')}
      </button>
    </div>
  );
}
