import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { callbackNumber } from '../common/calls.js';
import { dial, dismissCall } from '../store.js';

export function CallActions({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const number = callbackNumber(call);
  const ended = call.phase === 'ended';
  const hint = !number ? t('actions.callBackWithheld') : !ended ? t('actions.callBackWhenEnded') : t('actions.callBackTo', { number: call.remote.display });

  const act = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };

  return (
    <footer className="call-actions">
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy || !number || !ended}
        title={hint}
        onClick={() => number && void act(() => dial(number))}
        data-testid="callback-button"
      >
        {t('actions.callBack')}
      </button>
      {ended && (
        <button type="button" className="btn" disabled={busy} onClick={() => void act(() => dismissCall(call.id))} data-testid="dismiss-button">
          {t('actions.close')}
        </button>
      )}
    </footer>
  );
}
