import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../store.js';

/** A note about the customer, journaled with the call and sent to the CRM. */
export function NoteBox({ callId, customerRef }: { callId: string; customerRef?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setState({ kind: 'saving' });
    try {
      await request((api) => api.saveNote({ callId, ...(customerRef ? { customerRef } : {}), text: text.trim() }));
      setText('');
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    }
  };
  return (
    <form className="note-box" onSubmit={(e) => void save(e)} data-testid="note-box">
      <label htmlFor={id} className="history__title">
        {t('note.label')}
      </label>
      <textarea
        id={id}
        className="input note-box__text"
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => (setText(e.target.value), setState({ kind: 'idle' }))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
        }}
        data-testid="note-text"
      />
      <div className="note-box__row">
        <button type="submit" className="btn btn--small" disabled={state.kind === 'saving' || !text.trim()} data-testid="note-save">
          {t('note.save')}
        </button>
        {state.kind === 'saved' && (
          <span className="muted" role="status">
            {t('note.saved')}
          </span>
        )}
        {state.kind === 'error' && (
          <span className="card-error" role="alert">
            {state.message}
          </span>
        )}
      </div>
    </form>
  );
}
