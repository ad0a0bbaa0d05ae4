import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { setCallTopic } from '../store.js';

/** The call's main topic (derived from what the operator did), changed in one click. */
export function TopicChip({ call, topics }: { call: CallView; topics: readonly string[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const choose = async (topic: string | null) => {
    setOpen(false);
    await setCallTopic(call.id, topic);
  };
  return (
    <div className="topic" data-testid="topic">
      <button
        type="button"
        className={`topic__chip${call.topic?.source === 'manual' ? ' topic__chip--manual' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t(call.topic?.source === 'manual' ? 'topic.manualHint' : 'topic.autoHint')}
        data-testid="topic-chip"
        data-source={call.topic?.source}
      >
        {t('topic.label')}: {call.topic?.name ?? t('topic.none')}
      </button>
      {open && (
        <ul className="topic__menu" role="list" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {topics.map((topic) => (
            <li key={topic}>
              <button type="button" className="topic__option" aria-current={call.topic?.name === topic || undefined} onClick={() => void choose(topic)} data-testid="topic-option">
                {topic}
              </button>
            </li>
          ))}
          {call.topic?.source === 'manual' && (
            <li>
              <button type="button" className="topic__option topic__option--auto" onClick={() => void choose(null)} data-testid="topic-auto">
                {t('topic.letAppDecide')}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
