import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contactDraftSchema, type CallView } from '../../../shared/contract/schemas.js';
import { localized } from '../common/labels.js';
import { useLanguage } from '../common/useLanguage.js';
import { request } from '../store.js';

type Field = 'name' | 'company' | 'city' | 'email' | 'note';
const FIELDS: readonly Field[] = ['name', 'company', 'city', 'email', 'note'];

/** A new contact for an unknown caller, the number and region filled in; saved once however often Save is pressed. */
export function NewContactForm({ call, onCancel }: { call: CallView; onCancel: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    name: call.remoteName ?? '',
    company: '',
    city: call.remote.region ? localized(call.remote.region, language) : '',
    email: '',
    note: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (field: Field, value: string) => {
    setValues({ ...values, [field]: value });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const draft = Object.fromEntries(FIELDS.filter((f) => values[f].trim() !== '').map((f) => [f, values[f].trim()]));
    const parsed = contactDraftSchema.safeParse({ ...draft, phone: call.remote.e164 ?? '' });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(`contact.errors.${String(i.path[0])}`, { defaultValue: i.message })])));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await request((api) => api.createContact({ callId: call.id, draft: parsed.data }));
    } catch (err) {
      setFailure((err as Error).message);
      setSaving(false);
    }
  };

  return (
    <form className="contact-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()} noValidate data-testid="contact-form">
      <p className="muted" dir="ltr">
        {call.remote.e164}
      </p>
      {FIELDS.map((field, i) => (
        <div key={field} className="contact-form__field">
          <label htmlFor={`${id}-${field}`}>
            {t(`contact.${field}`)}
            {field === 'name' && ' *'}
          </label>
          {field === 'note' ? (
            <textarea id={`${id}-${field}`} className="input" rows={2} maxLength={2000} value={values[field]} onChange={(e) => change(field, e.target.value)} />
          ) : (
            <input
              id={`${id}-${field}`}
              className="input"
              type={field === 'email' ? 'email' : 'text'}
              maxLength={200}
              autoFocus={i === 0}
              value={values[field]}
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
              onChange={(e) => change(field, e.target.value)}
              data-testid={`contact-${field}`}
            />
          )}
          {errors[field] && (
            <span id={`${id}-${field}-error`} className="card-error">
              {errors[field]}
            </span>
          )}
        </div>
      ))}
      {failure && (
        <p className="card-error" role="alert">
          {failure}
        </p>
      )}
      <div className="contact-form__actions">
        <button type="submit" className="btn btn--primary" disabled={saving} data-testid="contact-save">
          {t('contact.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={saving}>
          {t('contact.cancel')}
        </button>
      </div>
    </form>
  );
}
