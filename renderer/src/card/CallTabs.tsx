import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { callerName } from '../common/calls.js';
import { DirectionIcon } from '../common/DirectionIcon.js';
import { phaseLabel, remoteLabel } from '../common/labels.js';

export const tabId = (callId: string) => `call-tab-${callId}`;
export const panelId = (callId: string) => `call-panel-${callId}`;

/** One tab per call on the card; arrow keys, Home and End move between them (roving tabindex). */
export function CallTabs({ calls, selectedId, onSelect }: { calls: readonly CallView[]; selectedId: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const focusAt = (index: number) => {
    const call = calls[(index + calls.length) % calls.length];
    if (!call) return;
    onSelect(call.id);
    refs.current.get(call.id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = calls.findIndex((c) => c.id === selectedId);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: calls.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusAt(target);
  };

  return (
    <div className="call-tabs" role="tablist" aria-label={t('card.callsLabel')} onKeyDown={onKeyDown} data-testid="call-tabs">
      {calls.map((call) => {
        const selected = call.id === selectedId;
        return (
          <button
            key={call.id}
            ref={(el) => {
              if (el) refs.current.set(call.id, el);
              else refs.current.delete(call.id);
            }}
            type="button"
            role="tab"
            id={tabId(call.id)}
            aria-selected={selected}
            aria-controls={panelId(call.id)}
            tabIndex={selected ? 0 : -1}
            className={`call-tab call-tab--${call.phase}`}
            onClick={() => onSelect(call.id)}
            data-testid="call-tab"
          >
            <DirectionIcon direction={call.direction} missed={call.endReason === 'missed'} />
            <span className="call-tab__label">{callerName(call) ?? remoteLabel(t, call.remote)}</span>
            <span className="call-tab__phase">{phaseLabel(t, call)}</span>
          </button>
        );
      })}
    </div>
  );
}
