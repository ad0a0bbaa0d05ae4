import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, CustomerMatch } from '../../../shared/contract/schemas.js';
import { chooseCustomer, retryLookup } from '../store.js';
import { CustomerDetails, Fact } from './CustomerDetails.js';
import { NewContactForm } from './NewContactForm.js';

/** What the CRM said about the caller; the wrapper's data-state mirrors lookup.status. */
export function LookupView({ call, canCreateContact }: { call: CallView; canCreateContact: boolean }) {
  const { lookup } = call;
  return (
    <div className={`lookup lookup--${lookup.status}`} data-testid="lookup-state" data-state={lookup.status} aria-busy={lookup.status === 'looking' || lookup.status === 'matched'}>
      {lookup.status === 'looking' && <LookingUp />}
      {lookup.status === 'matched' && <MatchedCustomer match={lookup.match} />}
      {lookup.status === 'found' && <CustomerDetails card={lookup.card} callId={call.id} />}
      {lookup.status === 'not-found' && <UnknownCaller call={call} canCreateContact={canCreateContact} />}
      {lookup.status === 'multiple' && <MatchList callId={call.id} matches={lookup.matches} />}
      {lookup.status === 'skipped' && <SkippedLookup why={lookup.why} />}
      {lookup.status === 'error' && <LookupError callId={call.id} message={lookup.message} />}
    </div>
  );
}

function LookingUp() {
  const { t } = useTranslation();
  return <Skeleton label={t('lookup.looking')} bars={['skeleton__bar skeleton__bar--title', 'skeleton__bar', 'skeleton__bar skeleton__bar--short']} />;
}

/** Placeholder shapes while the CRM answers, with the words a screen reader says. */
function Skeleton({ label, bars }: { label: string; bars: readonly string[] }) {
  return (
    <div className="skeleton">
      <p className="skeleton__text" role="status">
        {label}
      </p>
      {bars.map((bar, i) => (
        <div key={i} className={bar} aria-hidden="true" />
      ))}
      <div className="skeleton__block" aria-hidden="true" />
    </div>
  );
}

/** The number matched one customer: their name now, the rest of the card as soon as it comes. */
function MatchedCustomer({ match }: { match: CustomerMatch }) {
  const { t } = useTranslation();
  return (
    <section className="customer">
      <div className="customer__title">
        <h2 className="customer__name" title={match.name} data-testid="customer-name">
          {match.name}
        </h2>
      </div>
      <dl className="facts">
        {match.company && <Fact label={t('customer.company')} value={match.company} testId="customer-company" />}
        {match.city && <Fact label={t('customer.city')} value={match.city} testId="customer-city" />}
      </dl>
      <Skeleton label={t('lookup.loadingCard')} bars={['skeleton__bar']} />
    </section>
  );
}

function UnknownCaller({ call, canCreateContact }: { call: CallView; canCreateContact: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  return (
    <div className="notice">
      <h2 className="notice__title">{t('lookup.notFoundTitle')}</h2>
      <p className="notice__number">{call.remote.display}</p>
      <p className="muted">{t('lookup.notFoundHint')}</p>
      {canCreateContact &&
        call.remote.e164 &&
        (creating ? (
          <NewContactForm call={call} onCancel={() => setCreating(false)} />
        ) : (
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)} data-testid="new-contact">
            {t('contact.create')}
          </button>
        ))}
    </div>
  );
}

/** Several customers share the number: the operator picks one (remembered for this number). */
function MatchList({ callId, matches }: { callId: string; matches: readonly CustomerMatch[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const pick = async (ref: string) => {
    setBusy(true);
    await chooseCustomer(callId, ref);
    setBusy(false);
  };
  return (
    <div className="notice">
      <h2 className="notice__title">{t('lookup.multipleTitle', { count: matches.length })}</h2>
      <p className="muted">{t('lookup.multipleHint')}</p>
      <ul className="matches">
        {matches.map((m) => (
          <li key={m.ref} className="matches__item" data-testid="match-item">
            <button type="button" className="matches__pick" disabled={busy} onClick={() => void pick(m.ref)} data-testid="match-pick">
              <span className="matches__name" title={m.name}>
                {m.name}
              </span>
              {(m.company || m.city) && (
                <span className="matches__company" title={[m.company, m.city].filter(Boolean).join(' · ')}>
                  {[m.company, m.city].filter(Boolean).join(' · ')}
                </span>
              )}
            </button>
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
