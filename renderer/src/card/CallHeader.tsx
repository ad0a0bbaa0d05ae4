import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { countryName, formatDuration } from '../common/format.js';
import { directionLabel, endReasonLabel, localized, phaseLabel, remoteLabel } from '../common/labels.js';
import { DirectionIcon } from '../common/DirectionIcon.js';
import { useLanguage } from '../common/useLanguage.js';
import { useNow } from '../common/useNow.js';

/** The time where the caller is (the customer's time zone, else the number's area), updated each minute. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow(true, 30_000);
  let time: string;
  try {
    time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  } catch {
    return null; // a time zone this browser does not know
  }
  return (
    <span className="call-header__local-time" data-testid="local-time" title={timeZone}>
      {t('card.localTime', { time })}
    </span>
  );
}

/** Who is on the line and where the call stands. */
export function CallHeader({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const showCallerId = call.remoteName && call.lookup.status !== 'found' && call.lookup.status !== 'matched';
  const timeZone = (call.lookup.status === 'found' ? call.lookup.card.timeZone : undefined) ?? call.remote.timeZone;

  return (
    <header className="call-header">
      <div className="call-header__line">
        <DirectionIcon direction={call.direction} missed={call.endReason === 'missed'} />
        <span className="call-header__number" data-testid="call-number" dir="ltr">
          {remoteLabel(t, call.remote)}
        </span>
        {call.remote.country && <span className="call-header__country">{countryName(call.remote.country, language)}</span>}
      </div>
      {(call.remote.region || timeZone) && (
        <p className="call-header__where">
          {call.remote.region && (
            <span className="call-header__region" data-testid="call-region" title={localized(call.remote.region, language)}>
              {localized(call.remote.region, language)}
            </span>
          )}
          {timeZone && <LocalTime timeZone={timeZone} />}
        </p>
      )}
      {showCallerId && (
        <p className="call-header__caller-id" title={call.remoteName}>
          {call.remoteName}
        </p>
      )}
      <p className="call-header__meta">
        <span data-testid="call-direction">{directionLabel(t, call.direction)}</span>
        <CallPhase call={call} />
        {call.queue && (
          <span className="call-header__queue" title={call.queue}>
            {t('card.queue')}: {call.queue}
          </span>
        )}
        {call.transferredBy && <span>{t('card.transferredBy', { name: call.transferredBy })}</span>}
      </p>
    </header>
  );
}

function CallPhase({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const live = call.phase === 'connected' || call.phase === 'held';
  const now = useNow(live);
  const talk = call.answeredAt !== undefined ? ((call.endedAt ?? now) - call.answeredAt) / 1000 : undefined;
  const text =
    call.phase === 'ended' && call.endReason
      ? `${phaseLabel(t, { phase: 'ended', direction: call.direction })} · ${endReasonLabel(t, call.endReason)}`
      : phaseLabel(t, call);
  return (
    <span className={`phase phase--${call.phase}`} data-testid="call-phase" data-phase={call.phase}>
      {text}
      {talk !== undefined && talk >= 0 && <span className="phase__timer"> · {formatDuration(talk)}</span>}
    </span>
  );
}
