import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackTask } from '../../../shared/contract/schemas.js';
import { formatTime, formatWhen } from '../common/format.js';
import { useNow } from '../common/useNow.js';
import { useLanguage } from '../common/useLanguage.js';
import { callBack, completeCallback } from '../store.js';

/** Numbers to call back: open tasks first (due or missed earliest first), then those done today. */
export function CallbacksPanel({ tasks, canDial, focusTaskId }: { tasks: readonly CallbackTask[]; canDial: boolean; focusTaskId?: string }) {
  const { t } = useTranslation();
  const open = tasks.filter((task) => task.status === 'open');
  const done = tasks.filter((task) => task.status === 'done');
  return (
    <section className="panel panel--wide" aria-labelledby="callbacks-title" data-testid="callbacks">
      <h2 id="callbacks-title" className="panel__title">
        {t('callbacks.title')} {open.length > 0 && <span className="badge">{open.length}</span>}
      </h2>
      {tasks.length === 0 ? (
        <p className="muted">{t('callbacks.empty')}</p>
      ) : (
        <ul className="callbacks">
          {open.map((task) => (
            <CallbackRow key={task.id} task={task} canDial={canDial} focused={task.id === focusTaskId} />
          ))}
          {done.map((task) => (
            <CallbackRow key={task.id} task={task} canDial={canDial} focused={task.id === focusTaskId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CallbackRow({ task, canDial, focused }: { task: CallbackTask; canDial: boolean; focused: boolean }) {
  const { t } = useTranslation();
  const row = useRef<HTMLLIElement>(null);
  // Opened from the missed-call notification: bring the task into view, ready to call back.
  useEffect(() => {
    if (!focused) return;
    row.current?.scrollIntoView({ block: 'nearest' });
    row.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [focused]);
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  const isOpen = task.status === 'open';
  return (
    <li
      ref={row}
      className={`callbacks__item${isOpen ? '' : ' callbacks__item--done'}${focused ? ' callbacks__item--focused' : ''}`}
      data-testid="callback-task"
      data-status={task.status}
      data-focused={focused || undefined}
    >
      <div className="callbacks__who">
        <span className="callbacks__name" title={task.customerName ?? task.display}>
          {task.customerName ?? task.display}
        </span>
        {task.customerName && (
          <span className="callbacks__number" dir="ltr">
            {task.display}
          </span>
        )}
      </div>
      <div className="callbacks__when muted">
        {isOpen ? <OpenTaskWhen task={task} language={language} /> : t(task.doneBy === 'answered' ? 'callbacks.doneAnswered' : 'callbacks.doneManual', { time: formatTime(task.doneAt ?? 0, language) })}
        {task.note && (
          <span className="callbacks__note" title={task.note} data-testid="callback-note">
            {task.note}
          </span>
        )}
      </div>
      {isOpen && (
        <div className="callbacks__actions">
          <button
            type="button"
            className="btn btn--primary btn--small"
            disabled={busy || !canDial}
            onClick={() => void act(() => callBack(task.id))}
            aria-label={t('actions.callBackTo', { number: task.display })}
            data-testid="callback-call"
          >
            {t('actions.callBack')}
          </button>
          <button type="button" className="btn btn--small" disabled={busy} onClick={() => void act(() => completeCallback(task.id))} data-testid="callback-done">
            {t('callbacks.markDone')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Missed N times, and when it is due if the operator set a time (overdue ones stand out). */
function OpenTaskWhen({ task, language }: { task: CallbackTask; language: string }) {
  const { t } = useTranslation();
  const now = useNow(true, 30_000);
  const missed = task.missedCount > 0 ? t('callbacks.missed', { count: task.missedCount, time: formatTime(task.lastMissedAt, language) }) : t('callbacks.setFromCard');
  if (task.dueAt === undefined) return <>{missed}</>;
  const overdue = task.dueAt <= now;
  return (
    <>
      {missed} ·{' '}
      <span className={overdue ? 'callbacks__due callbacks__due--overdue' : 'callbacks__due'} data-testid="callback-due" data-overdue={overdue || undefined}>
        {t(overdue ? 'callbacks.overdue' : 'callbacks.due', { time: formatWhen(task.dueAt, now, language) })}
      </span>
    </>
  );
}
