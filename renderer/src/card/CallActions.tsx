import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dialNumberSchema, type AppSnapshot, type CallView } from '../../../shared/contract/schemas.js';
import { callbackNumber } from '../common/calls.js';
import { formatWhen } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { dial, dismissCall, hangup, transfer } from '../store.js';
import { CallbackTaskForm } from './CallbackTaskForm.js';

type Capabilities = AppSnapshot['capabilities'];

export function CallActions({ call, capabilities }: { call: CallView; capabilities: Capabilities }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [tasking, setTasking] = useState(false);
  const [taskDueAt, setTaskDueAt] = useState<number | null>(null);
  const language = useLanguage();
  const number = callbackNumber(call);
  const ended = call.phase === 'ended';
  const live = call.phase === 'connected' || call.phase === 'held';
  const canTransfer = live && (capabilities.blindTransfer || capabilities.attendedTransfer);
  const hint = !number ? t('actions.callBackWithheld') : !ended ? t('actions.callBackWhenEnded') : t('actions.callBackTo', { number: call.remote.display });

  const act = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };

  return (
    <footer className="call-actions">
      {transferring && canTransfer && <TransferForm call={call} capabilities={capabilities} onDone={() => setTransferring(false)} />}
      {tasking && (
        <CallbackTaskForm
          call={call}
          onDone={(dueAt) => {
            setTasking(false);
            if (dueAt > 0) setTaskDueAt(dueAt);
          }}
        />
      )}
      {taskDueAt !== null && !tasking && (
        <p className="call-actions__note" role="status" data-testid="task-set">
          {t('actions.taskSet', { time: formatWhen(taskDueAt, Date.now(), language) })}
        </p>
      )}
      <div className="call-actions__row">
        {ended ? (
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || !number || !capabilities.dial}
            title={hint}
            onClick={() => number && void act(() => dial(number))}
            data-testid="callback-button"
          >
            {t('actions.callBack')}
          </button>
        ) : (
          capabilities.hangup && (
            <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void act(() => hangup(call.id))} data-testid="hangup-button">
              {t('actions.hangup')}
            </button>
          )
        )}
        {canTransfer && !transferring && (
          <button type="button" className="btn" disabled={busy} onClick={() => setTransferring(true)} data-testid="transfer-button">
            {t('actions.transfer')}
          </button>
        )}
        {!ended && !capabilities.hangup && (
          <button type="button" className="btn btn--primary" disabled title={hint} data-testid="callback-button">
            {t('actions.callBack')}
          </button>
        )}
        {number && !tasking && (
          <button type="button" className="btn" disabled={busy} onClick={() => setTasking(true)} data-testid="create-task-button">
            {t('actions.createTask')}
          </button>
        )}
        {ended && (
          <button type="button" className="btn" disabled={busy} onClick={() => void act(() => dismissCall(call.id))} data-testid="dismiss-button">
            {t('actions.close')}
          </button>
        )}
      </div>
    </footer>
  );
}

function TransferForm({ call, capabilities, onDone }: { call: CallView; capabilities: Capabilities; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<'blind' | 'attended'>(capabilities.attendedTransfer ? 'attended' : 'blind');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = dialNumberSchema.safeParse(target.replace(/[\s().-]/g, ''));
    if (!parsed.success) {
      setError(t('actions.transferInvalid'));
      return;
    }
    setBusy(true);
    const ok = await transfer(call.id, parsed.data, kind);
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <form className="transfer-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()} noValidate data-testid="transfer-form">
      <label htmlFor={id}>{t('actions.transferTo')}</label>
      <div className="transfer-form__row">
        <input
          id={id}
          className="input"
          type="tel"
          autoFocus
          maxLength={32}
          value={target}
          onChange={(e) => (setTarget(e.target.value), setError(null))}
          aria-invalid={error ? true : undefined}
          data-testid="transfer-target"
        />
        <select className="select" value={kind} onChange={(e) => setKind(e.target.value as 'blind' | 'attended')} aria-label={t('actions.transferKind')} data-testid="transfer-kind">
          {capabilities.attendedTransfer && <option value="attended">{t('actions.transferAttended')}</option>}
          {capabilities.blindTransfer && <option value="blind">{t('actions.transferBlind')}</option>}
        </select>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="transfer-submit">
          {t('actions.transferGo')}
        </button>
      </div>
      {error && (
        <p className="card-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
