import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot, CallView } from '../../../shared/contract/schemas.js';
import { cardCalls, chooseCall } from '../common/calls.js';
import { CallActions } from './CallActions.js';
import { CallHeader } from './CallHeader.js';
import { CallTabs, panelId, tabId } from './CallTabs.js';
import { LookupView } from './LookupView.js';

export function CardWindow({ snapshot }: { snapshot: AppSnapshot }) {
  const calls = useMemo(() => cardCalls(snapshot), [snapshot]);
  const [selected, select] = useCardSelection(calls);

  return (
    <main className="card" data-testid="card-root">
      {!selected ? (
        <WaitingForCalls />
      ) : (
        <>
          {calls.length > 1 && <CallTabs calls={calls} selectedId={selected.id} onSelect={select} />}
          <CallPanel call={selected} tabbed={calls.length > 1} />
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

function CallPanel({ call, tabbed }: { call: CallView; tabbed: boolean }) {
  const tabProps = tabbed ? { role: 'tabpanel', id: panelId(call.id), 'aria-labelledby': tabId(call.id) } : {};
  return (
    <section className="call-panel" {...tabProps} data-call-id={call.id}>
      <div className="call-panel__body">
        <CallHeader call={call} />
        <LookupView call={call} />
      </div>
      <CallActions call={call} />
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
