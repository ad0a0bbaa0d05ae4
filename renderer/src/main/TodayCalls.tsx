import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { callbackNumber, callerName, talkSeconds } from '../common/calls.js';
import { DirectionIcon } from '../common/DirectionIcon.js';
import { formatDuration, formatTime } from '../common/format.js';
import { directionLabel, endReasonLabel, remoteLabel } from '../common/labels.js';
import { useLanguage } from '../common/useLanguage.js';
import { dial } from '../store.js';

/** Ended calls of this session that rang today, newest first (the core's order). */
export function TodayCalls({ calls }: { calls: readonly CallView[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel panel--wide" aria-labelledby="today-title">
      <h2 id="today-title" className="panel__title">
        {t('today.title')}
      </h2>
      {calls.length === 0 ? (
        <p className="muted" data-testid="today-empty">
          {t('today.empty')}
        </p>
      ) : (
        <div className="today-scroll">
          <table className="today" data-testid="today-calls">
            <thead>
              <tr>
                <th scope="col" className="today__direction">
                  <span className="sr-only">{t('today.direction')}</span>
                </th>
                <th scope="col">{t('today.caller')}</th>
                <th scope="col">{t('today.time')}</th>
                <th scope="col">{t('today.talk')}</th>
                <th scope="col">{t('today.result')}</th>
                <th scope="col">
                  <span className="sr-only">{t('today.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <TodayCallRow key={call.id} call={call} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TodayCallRow({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = callerName(call);
  const remote = remoteLabel(t, call.remote);
  const talk = talkSeconds(call);
  const number = callbackNumber(call);
  const missed = call.endReason === 'missed' || call.endReason === 'abandoned';
  return (
    <tr className={missed ? 'today__row today__row--missed' : 'today__row'} data-testid="today-call-row">
      <td className="today__direction">
        <DirectionIcon direction={call.direction} missed={missed} />
        <span className="sr-only">{directionLabel(t, call.direction)}</span>
      </td>
      <td className="today__caller">
        <span className={name ? 'today__name' : 'today__name today__name--number'} title={name ?? remote}>
          {name ?? remote}
        </span>
        {name && (
          <span className="today__number" dir="ltr">
            {remote}
          </span>
        )}
      </td>
      <td className="today__time">{formatTime(call.ringingAt, language)}</td>
      <td className="today__talk">{talk !== undefined ? formatDuration(talk) : t('common.noValue')}</td>
      <td className="today__result">{call.endReason ? endReasonLabel(t, call.endReason) : t('common.noValue')}</td>
      <td className="today__action">
        <button
          type="button"
          className="btn btn--small"
          disabled={!number}
          title={number ? t('actions.callBackTo', { number: call.remote.display }) : t('actions.callBackWithheld')}
          onClick={() => number && void dial(number)}
          data-testid="row-callback-button"
        >
          {t('actions.callBack')}
        </button>
      </td>
    </tr>
  );
}
