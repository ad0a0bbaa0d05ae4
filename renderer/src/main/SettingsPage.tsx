import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck, CrmSecretKind, PbxSettings, SettingsForm, SettingsView } from '../../../shared/contract/schemas.js';
import { settingsFormSchema } from '../../../shared/contract/schemas.js';
import { request } from '../store.js';
import { checkTexts } from './check-texts.js';
import { fromCrmFields, fromPbxFields, toCrmFields, toPbxFields, type CrmFields, type PbxFields } from './settings-form.js';

type Outcome = { kind: 'saved' } | { kind: 'error'; message: string } | { kind: 'tested'; ok: boolean; checks: ConnectionCheck[] };

/** Connection settings: operator, PBX, CRM, language and theme; "Test connection" checks the PBX or the CRM as typed. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<SettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    request((api) => api.getSettings()).then(setView, (err: Error) => setLoadError(err.message));
  }, []);

  if (loadError) {
    return (
      <p className="field-error" role="alert">
        {loadError}
      </p>
    );
  }
  if (!view) return <p className="muted">{t('common.loading')}</p>;
  return <SettingsEditor view={view} onSaved={setView} />;
}

export function SettingsEditor({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const { t } = useTranslation();
  const [agent, setAgent] = useState(view.form.agent);
  const [ui, setUi] = useState(view.form.ui);
  const [pbx, setPbx] = useState<PbxFields>(() => toPbxFields(view.form.pbx));
  const [secret, setSecret] = useState('');
  const [crm, setCrm] = useState<CrmFields>(() => toCrmFields(view.form.crm));
  const [crmSecret, setCrmSecret] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    outcomeRef.current?.scrollIntoView?.({ block: 'nearest' }); // the result may be below the fold
  }, [outcome]);

  const form = (): SettingsForm | string => {
    const candidate = { agent: { extension: agent.extension, name: agent.name || undefined }, pbx: fromPbxFields(pbx), crm: fromCrmFields(crm), ui };
    const parsed = settingsFormSchema.safeParse(candidate);
    return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };

  const run = async (what: NonNullable<Busy>) => {
    const f = form();
    if (typeof f === 'string') return setOutcome({ kind: 'error', message: f });
    setBusy(what);
    setOutcome(null);
    const input = { form: f, ...(secret ? { pbxSecret: secret } : {}), ...(crmSecret ? { crmSecret } : {}) };
    try {
      if (what !== 'save') {
        const result = await request((api) => api.testConnection({ ...input, part: what === 'test-crm' ? 'crm' : 'pbx' }));
        setOutcome({ kind: 'tested', ...result });
      } else {
        onSaved(await request((api) => api.saveSettings(input)));
        setSecret('');
        setCrmSecret('');
        setOutcome({ kind: 'saved' });
      }
    } catch (err) {
      setOutcome({ kind: 'error', message: (err as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('save');
  };

  return (
    <form className="settings" onSubmit={submit} noValidate data-testid="settings-form">
      {view.secretsUnavailable && (
        <p className="field-error" role="alert" title={view.secretsUnavailable} data-testid="settings-secrets-unavailable">
          {t('settings.secretsUnavailable')}
        </p>
      )}
      {view.overridden.length > 0 && (
        <p className="hint" role="note">
          {t('settings.overridden', { sections: view.overridden.join(', ') })}
        </p>
      )}
      <fieldset className="settings__group">
        <legend>{t('settings.operator')}</legend>
        <Field label={t('settings.extension')}>
          {(id) => <input id={id} className="input" value={agent.extension} inputMode="numeric" onChange={(e) => setAgent({ ...agent, extension: e.target.value })} data-testid="settings-extension" />}
        </Field>
        <Field label={t('settings.name')}>
          {(id) => <input id={id} className="input" value={agent.name ?? ''} onChange={(e) => setAgent({ ...agent, name: e.target.value })} />}
        </Field>
      </fieldset>

      <fieldset className="settings__group">
        <legend>{t('settings.pbx')}</legend>
        <Field label={t('settings.pbxType')}>
          {(id) => (
            <select id={id} className="select" value={pbx.type} onChange={(e) => setPbx({ ...pbx, type: e.target.value as PbxSettings['type'] })} data-testid="settings-pbx-type">
              <option value="demo">{t('settings.pbxDemo')}</option>
              <option value="asterisk">{t('settings.pbxAsterisk')}</option>
            </select>
          )}
        </Field>
        {pbx.type === 'asterisk' && (
          <>
            <Field label={t('settings.host')}>
              {(id) => <input id={id} className="input" value={pbx.host} onChange={(e) => setPbx({ ...pbx, host: e.target.value })} data-testid="settings-host" />}
            </Field>
            <Field label={t('settings.port')} hint={t('settings.portHint')}>
              {(id) => <input id={id} className="input" value={pbx.port} inputMode="numeric" onChange={(e) => setPbx({ ...pbx, port: e.target.value })} data-testid="settings-port" />}
            </Field>
            <label className="settings__check">
              <input type="checkbox" checked={pbx.tls} onChange={(e) => setPbx({ ...pbx, tls: e.target.checked })} /> {t('settings.tls')}
            </label>
            <Field label={t('settings.username')}>
              {(id) => <input id={id} className="input" value={pbx.username} autoComplete="off" onChange={(e) => setPbx({ ...pbx, username: e.target.value })} data-testid="settings-username" />}
            </Field>
            <Field
              label={t('settings.secret')}
              hint={
                view.pbxSecretEnv
                  ? t('settings.secretFromEnv', { name: view.pbxSecretEnv })
                  : storedSecretHint(t, view, view.hasPbxSecret)
              }
            >
              {(id) => <input id={id} className="input" type="password" value={secret} autoComplete="new-password" onChange={(e) => setSecret(e.target.value)} data-testid="settings-secret" />}
            </Field>
            <Field label={t('settings.interfaces')} hint={t('settings.interfacesHint')}>
              {(id) => <input id={id} className="input" value={pbx.interfaces} onChange={(e) => setPbx({ ...pbx, interfaces: e.target.value })} data-testid="settings-interfaces" />}
            </Field>
            <Field label={t('settings.context')}>
              {(id) => <input id={id} className="input" value={pbx.originateContext} onChange={(e) => setPbx({ ...pbx, originateContext: e.target.value })} />}
            </Field>
          </>
        )}
        <TestButton busy={busy} what="test-pbx" label={t('settings.test')} onTest={run} testId="settings-test" />
      </fieldset>

      <CrmFieldset view={view} crm={crm} onChange={setCrm} secret={crmSecret} onSecret={setCrmSecret}>
        <TestButton busy={busy} what="test-crm" label={t('settings.testCrm')} onTest={run} testId="settings-test-crm" />
      </CrmFieldset>

      <fieldset className="settings__group">
        <legend>{t('settings.appearance')}</legend>
        <Field label={t('settings.language')}>
          {(id) => (
            <select id={id} className="select" value={ui.language} onChange={(e) => setUi({ ...ui, language: e.target.value as SettingsForm['ui']['language'] })}>
              <option value="system">{t('settings.followSystem')}</option>
              <option value="en">English</option>
              <option value="ru">Русский</option>
              <option value="uk">Українська</option>
            </select>
          )}
        </Field>
        <Field label={t('settings.theme')}>
          {(id) => (
            <select id={id} className="select" value={ui.theme} onChange={(e) => setUi({ ...ui, theme: e.target.value as SettingsForm['ui']['theme'] })}>
              <option value="system">{t('settings.followSystem')}</option>
              <option value="light">{t('settings.light')}</option>
              <option value="dark">{t('settings.dark')}</option>
            </select>
          )}
        </Field>
      </fieldset>

      <div className="settings__actions">
        <button type="submit" className="btn btn--primary" disabled={busy !== null} data-testid="settings-save">
          {t('settings.save')}
        </button>
      </div>
      <p className="muted">{t('settings.savedTo', { file: view.userConfigFile })}</p>
      {outcome && (
        <div ref={outcomeRef}>
          <OutcomeView outcome={outcome} />
        </div>
      )}
    </form>
  );
}

type Busy = 'test-pbx' | 'test-crm' | 'save' | null;

function TestButton(props: { busy: Busy; what: 'test-pbx' | 'test-crm'; label: string; onTest: (what: 'test-pbx' | 'test-crm') => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="settings__test">
      <button type="button" className="btn" disabled={props.busy !== null} onClick={() => props.onTest(props.what)} data-testid={props.testId}>
        {props.busy === props.what ? t('settings.testing') : props.label}
      </button>
    </div>
  );
}

/** Built-in directory, Bitrix24, or (when IT configured a mapping) a REST CRM; its secret goes to the secret store. */
function CrmFieldset(props: { view: SettingsView; crm: CrmFields; onChange: (crm: CrmFields) => void; secret: string; onSecret: (s: string) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const { view, crm, onChange } = props;
  // What the secret is for the kind chosen; whether one is stored is known only for the saved kind.
  const saved = view.form.crm?.type === crm.type ? view.crmSecret : undefined;
  // (A REST CRM can only be the saved kind: its mapping comes from the config file.)
  const kind: CrmSecretKind | undefined = saved?.kind ?? (crm.type === 'bitrix24' ? 'webhook' : undefined);
  const secretHint = saved?.env
    ? t('settings.crmSecretFromEnv', { name: saved.env })
    : storedSecretHint(t, view, saved?.stored === true);
  return (
    <fieldset className="settings__group">
      <legend>{t('settings.crm')}</legend>
      <Field label={t('settings.crmType')}>
        {(id) => (
          <select id={id} className="select" value={crm.type} onChange={(e) => onChange({ ...crm, type: e.target.value as CrmFields['type'] })} data-testid="settings-crm-type">
            <option value="embedded">{t('settings.crmEmbedded')}</option>
            <option value="bitrix24">{t('settings.crmBitrix24')}</option>
            {view.restConfigured && <option value="rest">{t('settings.crmRest')}</option>}
          </select>
        )}
      </Field>
      {crm.type === 'bitrix24' && (
        <Field label={t('settings.portalUrl')} hint={t('settings.portalUrlHint')}>
          {(id) => <input id={id} className="input" type="url" value={crm.portalUrl} onChange={(e) => onChange({ ...crm, portalUrl: e.target.value })} data-testid="settings-portal" />}
        </Field>
      )}
      {crm.type === 'rest' && (
        <>
          <Field label={t('settings.crmName')}>
            {(id) => <input id={id} className="input" value={crm.name} onChange={(e) => onChange({ ...crm, name: e.target.value })} />}
          </Field>
          <Field label={t('settings.baseUrl')} hint={t('settings.restHint')}>
            {(id) => <input id={id} className="input" type="url" value={crm.baseUrl} onChange={(e) => onChange({ ...crm, baseUrl: e.target.value })} data-testid="settings-base-url" />}
          </Field>
        </>
      )}
      {kind && (
        <Field label={t(`settings.crmSecretKinds.${kind}`)} hint={secretHint}>
          {(id) => (
            <input id={id} className="input" type="password" value={props.secret} autoComplete="new-password" onChange={(e) => props.onSecret(e.target.value)} data-testid="settings-crm-secret" />
          )}
        </Field>
      )}
      {props.children}
    </fieldset>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'saved') {
    return (
      <p className="notice-ok" role="status" data-testid="settings-saved">
        {t('settings.saved')}
      </p>
    );
  }
  if (outcome.kind === 'error') {
    return (
      <p className="field-error settings__error" role="alert" data-testid="settings-error">
        {outcome.message}
      </p>
    );
  }
  return (
    <div role="status" data-testid="settings-checks" data-ok={outcome.ok}>
      <p className={outcome.ok ? 'notice-ok' : 'field-error'}>{outcome.ok ? t('settings.testOk') : t('settings.testFailed')}</p>
      <ul className="checks">
        {outcome.checks.map((c) => {
          const text = checkTexts(c, t);
          return (
            <li key={c.name} className={c.ok ? 'checks__item checks__item--ok' : c.info ? 'checks__item checks__item--info' : 'checks__item checks__item--bad'} data-testid="settings-check">
              <span className="checks__mark" aria-hidden="true">
                {c.ok ? '✓' : c.info ? 'i' : '✗'}
              </span>
              <span className="checks__name">{text.name}</span>
              <span className="checks__detail">{text.detail}</span>
              {!c.ok && text.fix && <span className="checks__fix">{t('settings.fix', { fix: text.fix })}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Whether a secret is stored and where a typed one goes, or that none can be stored here. */
function storedSecretHint(t: (key: string, values?: Record<string, string>) => string, view: SettingsView, stored: boolean): string {
  if (view.secretsUnavailable) return t('settings.secretNotStorable');
  return t(stored ? 'settings.secretStored' : 'settings.secretMissing', { backend: backendWords(t, view.secretBackend) });
}

/** "safeStorage:dpapi" → "Windows' protected storage (DPAPI)", in the UI language. */
function backendWords(t: (key: string) => string, backend: string): string {
  const kind = backend.startsWith('safeStorage:') ? backend.slice('safeStorage:'.length) : backend;
  return ['dpapi', 'keychain', 'keyring', 'file-0600'].includes(kind) ? t(`settings.backends.${kind}`) : backend;
}

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="settings__field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <span className="muted settings__hint">{hint}</span>}
    </div>
  );
}
