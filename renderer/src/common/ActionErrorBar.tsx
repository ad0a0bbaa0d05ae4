import { useTranslation } from 'react-i18next';
import { clearActionError, useAppStore } from '../store.js';

/** The last action the core refused, until the operator dismisses it or the next action succeeds. */
export function ActionErrorBar() {
  const { t } = useTranslation();
  const message = useAppStore((s) => s.actionError);
  if (!message) return null;
  return (
    <div className="action-error" role="alert" data-testid="action-error">
      <span className="action-error__text">{message}</span>
      <button type="button" className="btn btn--ghost btn--small" onClick={clearActionError}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
