import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/contract/schemas.js';
import { agentStatusLabel, NOT_READY_REASONS, reasonLabel } from '../common/labels.js';
import { StatusDot } from '../common/StatusDot.js';
import { setStatus } from '../store.js';

const TONE = { available: 'ok', 'not-ready': 'warn', 'on-call': 'busy', offline: 'idle' } as const;

export function AgentStatusPanel({ agent }: { agent: AgentView }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string>(NOT_READY_REASONS[0]);
  const [busy, setBusy] = useState(false);

  const change = async (status: 'available' | 'not-ready') => {
    setBusy(true);
    await setStatus(status, status === 'not-ready' ? reason : undefined);
    setBusy(false);
  };

  return (
    <section className="panel" aria-labelledby="agent-title">
      <h2 id="agent-title" className="panel__title">
        {t('agent.title')}
      </h2>
      <p className="agent-status" data-testid="agent-status" data-status={agent.status}>
        <StatusDot tone={TONE[agent.status]} />
        <span className="agent-status__label">{agentStatusLabel(t, agent)}</span>
      </p>
      <p className="muted">{t('agent.extension', { extension: agent.extension })}</p>
      {agent.screenLocked && <p className="hint">{t('agent.screenLocked')}</p>}
      <div className="status-controls">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || agent.status === 'available'}
          onClick={() => void change('available')}
          data-testid="set-available"
        >
          {t('agent.setAvailable')}
        </button>
        <div className="status-controls__not-ready">
          <label className="sr-only" htmlFor="not-ready-reason">
            {t('agent.reason')}
          </label>
          <select id="not-ready-reason" className="select" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="not-ready-reason">
            {NOT_READY_REASONS.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(t, r)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={busy || (agent.status === 'not-ready' && agent.reason === reason)}
            onClick={() => void change('not-ready')}
            data-testid="set-not-ready"
          >
            {t('agent.setNotReady')}
          </button>
        </div>
      </div>
    </section>
  );
}
