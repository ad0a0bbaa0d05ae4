import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot, CallView } from '../../../shared/contract/schemas.js';
import { cardCalls, chooseCall } from '../common/calls.js';
import { CallActions } from './CallActions.js';
import { CallHeader } from './CallHeader.js';
import { CallTabs, panelId, tabId } from './CallTabs.js';
import { LookupView } from './LookupView.js';
import { TopicChip } from './TopicChip.js';
import { setCardWindow } from '../store.js';

export function CardWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const calls = useMemo(() => cardCalls(snapshot), [snapshot]);
  const [selected, select] = useCardSelection(calls);

  return (
    <main className={`card card--${snapshot.cardWindow.size}`} data-testid="card-root">
      <CardToolbar cardWindow={snapshot.cardWindow} />
      {!selected ? (
        <WaitingForCalls />
      ) : (
        <>
          {calls.length > 1 && <CallTabs calls={calls} selectedId={selected.id} onSelect={select} />}
          <CallPanel call={selected} tabbed={calls.length > 1} snapshot={snapshot} />
        </>
      )}
    </main>
  );
}

/** The operator's pick, overridden when a new call rings (see chooseCall). */
function useCardSelection(calls: readonly CallView[]): [CallView | undefined, (id: string) => void] {
  const [picked, setPicked] = useState<string | null>(null);
  const known = useRef<ReadonlySet<string>>(new Set());
  const selected = chooseCall(calls, picked, known.current);
  useEffect(() => {
    known.current = new Set(calls.map((c) => c.id));
    if (selected && selected.id !== picked) setPicked(selected.id);
  }, [calls, selected, picked]);
  return [selected, setPicked];
}

/** Pin (the card stays after the call) and compact/expanded. */
function CardToolbar({ cardWindow }: { cardWindow: AppSnapshot['cardWindow'] }) {
  const { t } = useTranslation();
  const compact = cardWindow.size === 'compact';
  return (
    <div className="card-toolbar">
      <button
        type="button"
        className="btn btn--ghost btn--small"
        aria-pressed={cardWindow.pinned}
        title={t(cardWindow.pinned ? 'card.unpinHint' : 'card.pinHint')}
        onClick={() => void setCardWindow({ pinned: !cardWindow.pinned })}
        data-testid="card-pin"
      >
        {t(cardWindow.pinned ? 'card.pinned' : 'card.pin')}
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        onClick={() => void setCardWindow({ size: compact ? 'expanded' : 'compact' })}
        data-testid="card-size"
      >
        {t(compact ? 'card.expand' : 'card.compact')}
      </button>
    </div>
  );
}

function CallPanel({ call, tabbed, snapshot }: { call: CallView; tabbed: boolean; snapshot: AppSnapshot }) {
  const tabProps = tabbed ? { role: 'tabpanel', id: panelId(call.id), 'aria-labelledby': tabId(call.id) } : {};
  return (
    <section className="call-panel" {...tabProps} data-call-id={call.id}>
      <div className="call-panel__body">
        <CallHeader call={call} />
        {snapshot.topics.length > 0 && snapshot.sync.state !== 'off' && <TopicChip call={call} topics={snapshot.topics} />}
        <LookupView call={call} canCreateContact={snapshot.capabilities.createContact} />
      </div>
      <CallActions call={call} capabilities={snapshot.capabilities} />
    </section>
  );
}

function WaitingForCalls() {
  const { t } = useTranslation();
  return (
    <div className="waiting" role="status">
      <div className="waiting__icon" aria-hidden="true">
        ☎
      </div>
      <h1 className="waiting__title">{t('card.waitingTitle')}</h1>
      <p className="waiting__hint">{t('card.waitingHint')}</p>
    </div>
  );
}
