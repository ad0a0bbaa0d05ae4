import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';

/** A click-to-call the PBX could not place, in plain words (the core clears it after a minute or at the next dial). */
export function DialFailureBar({ failure }: { failure: AppSnapshot['dialFailure'] }) {
  const { t } = useTranslation();
  if (!failure) return null;
  return (
    <div className="action-error" role="alert" data-testid="dial-failure" data-reason={failure.reason}>
      <span className="action-error__text">
        {t('dialFailure.text', { number: failure.number, reason: t(`dialFailure.reasons.${failure.reason}`) })}
      </span>
    </div>
  );
}
