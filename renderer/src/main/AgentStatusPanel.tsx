import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView, AppSnapshot } from '../../../shared/contract/schemas.js';
import { agentStatusLabel, localized } from '../common/labels.js';
import { StatusDot } from '../common/StatusDot.js';
import { useLanguage } from '../common/useLanguage.js';
import { useNow } from '../common/useNow.js';
import { endWrapUp, extendWrapUp, setStatus } from '../store.js';

const TONE = { available: 'ok', 'not-ready': 'warn', 'on-call': 'busy', 'wrap-up': 'busy', offline: 'idle' } as const;
const EXTEND_SECONDS = 60;

export function AgentStatusPanel({ agent, reasons }: { agent: AgentView; reasons: AppSnapshot['reasons'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow(agent.status === 'wrap-up');
  const [reason, setReason] = useState<string>(reasons[0]?.code ?? '');
  const [busy, setBusy] = useState(false);
  const chosen = reasons.some((r) => r.code === reason) ? reason : (reasons[0]?.code ?? '');

  const act = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  const wrapUpLeft = agent.wrapUpUntil === undefined ? 0 : Math.max(0, Math.ceil((agent.wrapUpUntil - now) / 1000));

  return (
    <section className="panel" aria-labelledby="agent-title">
      <h2 id="agent-title" className="panel__title">
        {t('agent.title')}
      </h2>
      <p className="agent-status" data-testid="agent-status" data-status={agent.status}>
        <StatusDot tone={TONE[agent.status]} />
        <span className="agent-status__label">{agentStatusLabel(t, agent, reasons, language)}</span>
      </p>
      <p className="muted">{t('agent.extension', { extension: agent.extension })}</p>
      {agent.screenLocked && <p className="hint">{t('agent.screenLocked')}</p>}
      {agent.reasonBy === 'pbx' && <p className="hint">{t('agent.pbxPauseHint')}</p>}
      {agent.status === 'wrap-up' && (
        <div className="status-controls" data-testid="wrap-up">
          <p className="hint" role="timer" aria-live="off">
            {t('agent.wrapUpLeft', { count: wrapUpLeft })}
          </p>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void act(endWrapUp)} data-testid="end-wrap-up">
            {t('agent.endWrapUp')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void act(() => extendWrapUp(EXTEND_SECONDS))} data-testid="extend-wrap-up">
            {t('agent.extendWrapUp', { count: EXTEND_SECONDS })}
          </button>
        </div>
      )}
      <div className="status-controls">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || (agent.status === 'available' && !agent.screenLocked)}
          onClick={() => void act(() => setStatus({ status: 'available' }))}
          data-testid="set-available"
        >
          {t('agent.setAvailable')}
        </button>
        <div className="status-controls__not-ready">
          <label className="sr-only" htmlFor="not-ready-reason">
            {t('agent.reason')}
          </label>
          <select id="not-ready-reason" className="select" value={chosen} onChange={(e) => setReason(e.target.value)} data-testid="not-ready-reason">
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {localized(r.label, language)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={busy || !chosen || (agent.status === 'not-ready' && agent.reason === chosen)}
            onClick={() => void act(() => setStatus({ status: 'not-ready', reason: chosen }))}
            data-testid="set-not-ready"
          >
            {t('agent.setNotReady')}
          </button>
        </div>
      </div>
    </section>
  );
}
