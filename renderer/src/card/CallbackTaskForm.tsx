import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/contract/schemas.js';
import { formatWhen } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { request } from '../store.js';
import { DUE_CHOICES, dueAtOf, localInputValue, type DueChoice } from './callback-due.js';

/**
 * "Create task" on the card: call this number back at a chosen time, with a note. The task
 * joins the main window's Call back list, reminds the operator when due, and goes to the
 * journal (and so to the CRM).
 */
export function CallbackTaskForm({ call, onDone }: { call: CallView; onDone: (dueAt: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const whenId = useId();
  const customId = useId();
  const noteId = useId();
  const [choice, setChoice] = useState<DueChoice>('1h');
  const [custom, setCustom] = useState(() => localInputValue(Date.now() + 60 * 60_000));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dueAt = dueAtOf(choice, Date.now(), custom);
    if (dueAt === undefined) return setError(t('task.badTime'));
    setBusy(true);
    try {
      const task = await request((api) => api.scheduleCallback({ callId: call.id, dueAt, ...(note.trim() ? { note: note.trim() } : {}) }));
      onDone(task.dueAt ?? dueAt);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="task-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone(0)} noValidate data-testid="task-form">
      <div className="task-form__row">
        <label htmlFor={whenId}>{t('task.when')}</label>
        <select id={whenId} className="select" value={choice} autoFocus onChange={(e) => (setChoice(e.target.value as DueChoice), setError(null))} data-testid="task-when">
          {DUE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {c === 'custom' ? t('task.choices.custom') : t(`task.choices.${c}`, { time: formatWhen(dueAtOf(c, Date.now(), '') ?? 0, Date.now(), language) })}
            </option>
          ))}
        </select>
      </div>
      {choice === 'custom' && (
        <div className="task-form__row">
          <label htmlFor={customId}>{t('task.at')}</label>
          <input id={customId} className="input" type="datetime-local" value={custom} onChange={(e) => (setCustom(e.target.value), setError(null))} data-testid="task-at" />
        </div>
      )}
      <div className="task-form__row">
        <label htmlFor={noteId}>{t('task.note')}</label>
        <input id={noteId} className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('task.notePlaceholder')} data-testid="task-note" />
      </div>
      {error && (
        <p className="card-error" role="alert">
          {error}
        </p>
      )}
      <div className="task-form__actions">
        <button type="button" className="btn" onClick={() => onDone(0)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="task-save">
          {t('task.save')}
        </button>
      </div>
    </form>
  );
}
