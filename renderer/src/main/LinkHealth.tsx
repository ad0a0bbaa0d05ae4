import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { StatusDot } from '../common/StatusDot.js';

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
      </dl>
    </section>
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
