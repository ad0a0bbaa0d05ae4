import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dialNumberSchema } from '../../../shared/contract/schemas.js';
import { dial } from '../store.js';

/** Separators people paste with numbers; everything else is left for the schema to judge. */
const SEPARATORS = /[\s().\-\u00a0]/g;

export function DialForm() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStarted(null);
    const parsed = dialNumberSchema.safeParse(value.replace(SEPARATORS, ''));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue ? t(`dial.errors.${issue.code}`, { defaultValue: issue.message }) : null);
      return;
    }
    setError(null);
    setBusy(true);
    const ok = await dial(parsed.data);
    setBusy(false);
    if (ok) {
      setValue('');
      setStarted(parsed.data);
    }
  };

  return (
    <section className="panel" aria-labelledby="dial-title">
      <h2 id="dial-title" className="panel__title">
        {t('dial.title')}
      </h2>
      <form className="dial" onSubmit={(e) => void submit(e)} noValidate>
        <label className="dial__label" htmlFor={inputId}>
          {t('dial.label')}
        </label>
        <div className="dial__row">
          <input
            id={inputId}
            className="input"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            dir="ltr"
            placeholder={t('dial.placeholder')}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            data-testid="dial-input"
          />
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid="dial-button">
            {t('dial.submit')}
          </button>
        </div>
        {error && (
          <p id={errorId} className="field-error" role="alert" data-testid="dial-error">
            {error}
          </p>
        )}
        {started && (
          <p className="muted" role="status">
            {t('dial.started', { number: started })}
          </p>
        )}
      </form>
    </section>
  );
}
