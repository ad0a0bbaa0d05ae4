import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { formatTime } from '../common/format.js';
import { StatusDot } from '../common/StatusDot.js';
import { useLanguage } from '../common/useLanguage.js';

type LinkState = 'up' | 'connecting' | 'down';
const TONE = { up: 'ok', connecting: 'warn', down: 'bad' } as const;

export function LinkHealth({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title" className="panel__title">
        {t('links.title')}
      </h2>
      <dl className="links">
        <Link name={t('links.pbx')} kind={snapshot.pbxKind} state={snapshot.links.pbx} testId="link-pbx" />
        <Link name={t('links.crm')} kind={snapshot.crmKind} state={snapshot.links.crm} testId="link-crm" />
        <SyncRow sync={snapshot.sync} />
      </dl>
    </section>
  );
}

const SYNC_TONE = { idle: 'ok', sending: 'ok', retrying: 'warn', paused: 'bad', stopped: 'idle', off: 'idle' } as const;

/** The journal's delivery to the CRM: how many actions wait, and what went wrong last. */
function SyncRow({ sync }: { sync: AppSnapshot['sync'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="links__row links__row--sync" data-testid="link-sync" data-state={sync.state} data-pending={sync.pending}>
      <dt className="links__name">{t('sync.title')}</dt>
      <dd className="links__state">
        <StatusDot tone={sync.journalProblem ? 'bad' : SYNC_TONE[sync.state]} />
        {sync.state === 'off' ? t('sync.off') : sync.pending === 0 ? t('sync.allSent') : t('sync.waiting', { count: sync.pending })}
      </dd>
      {sync.state === 'retrying' && sync.retryAt !== undefined && (
        <dd className="links__detail muted">{t('sync.retryAt', { time: formatTime(sync.retryAt, language) })}</dd>
      )}
      {sync.state === 'paused' && <dd className="links__detail">{t('sync.paused')}</dd>}
      {sync.lastError && sync.state !== 'idle' && (
        <dd className="links__detail muted" title={sync.lastError}>
          {sync.lastError}
        </dd>
      )}
    </div>
  );
}

function Link({ name, kind, state, testId }: { name: string; kind: string; state: LinkState; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="links__row" data-testid={testId} data-state={state}>
      <dt className="links__name">
        {name} <span className="muted">({kind})</span>
      </dt>
      <dd className="links__state">
        <StatusDot tone={TONE[state]} />
        {t(`links.state.${state}`)}
      </dd>
    </div>
  );
}
