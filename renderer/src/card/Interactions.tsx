import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../../shared/contract/schemas.js';
import { formatDate, formatDuration, formatTime } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';

/** Recent contacts, newest first; a call recording plays in place (never opened as a page). */
export function Interactions({ interactions }: { interactions: readonly Interaction[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId} data-testid="interactions">
      <h3 id={titleId} className="history__title">
        {t('interactions.title')}
      </h3>
      <ul className="interactions">
        {interactions.map((item) => {
          const at = new Date(item.at).getTime();
          return (
            <li key={item.id} className="interactions__item" data-testid="interaction">
              <div className="interactions__line">
                <span className="interactions__channel">{t(`interactions.channel.${item.channel}`)}</span>
                {item.direction && <span className="muted">{t(`direction.${item.direction}`)}</span>}
                <span className="muted">
                  {formatDate(item.at, language)} {Number.isNaN(at) ? '' : formatTime(at, language)}
                </span>
                {item.durationSeconds !== undefined && <span className="muted">{formatDuration(item.durationSeconds)}</span>}
              </div>
              {(item.summary || item.operator) && (
                <p className="interactions__summary" title={item.summary}>
                  {item.summary}
                  {item.operator && <span className="muted"> · {item.operator}</span>}
                </p>
              )}
              {item.recordingUrl && (
                <audio className="interactions__audio" controls preload="none" src={item.recordingUrl} data-testid="recording" aria-label={t('interactions.recording')} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
