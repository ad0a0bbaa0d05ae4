import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { useAppStore } from '../store.js';
import { ActionErrorBar } from './ActionErrorBar.js';
import { DemoBanner } from './DemoBanner.js';
import { DialFailureBar } from './DialFailureBar.js';
import { useUiPreferences } from './useUiPreferences.js';

export type WindowName = 'card' | 'main' | 'dashboard';

/** What every window shares: language, theme, title, demo banner, connection and action errors. */
export function AppFrame({ name, children }: { name: WindowName; children: (snapshot: AppSnapshot) => ReactNode }) {
  const { t } = useTranslation();
  const snapshot = useAppStore((s) => s.snapshot);
  const connectionError = useAppStore((s) => s.connectionError);
  useUiPreferences(snapshot?.ui);

  useEffect(() => {
    document.title = t(`app.title.${name}`);
  }, [t, name]);

  return (
    <div className={`window window--${name}`}>
      {snapshot?.mode === 'demo' && <DemoBanner />}
      <ActionErrorBar />
      <DialFailureBar failure={snapshot?.dialFailure} />
      {snapshot ? children(snapshot) : <Connecting error={connectionError} />}
    </div>
  );
}

function Connecting({ error }: { error: string | null }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <p className="connecting connecting--error" role="alert" data-testid="connection-error">
        {t('common.connectionError', { message: error })}
      </p>
    );
  }
  return (
    <p className="connecting" role="status">
      {t('common.connecting')}
    </p>
  );
}
