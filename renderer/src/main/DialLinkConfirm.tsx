import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dialableFromLink } from '../../../shared/domain/dial-link.js';
import { dial } from '../store.js';

/** The dial link in the address (`#dial=tel:…`), if any: what it asks to call, or that it is refused. */
export function dialLinkFromHash(hash: string): { number: string } | { refused: string } | undefined {
  const param = hash
    .replace(/^#/, '')
    .split('&')
    .find((part) => part.startsWith('dial='));
  if (param === undefined) return undefined;
  let link: string;
  try {
    link = decodeURIComponent(param.slice('dial='.length));
  } catch {
    return { refused: param.slice('dial='.length, 80) };
  }
  const number = dialableFromLink(/^(tel|callto|sips?):/i.test(link) ? link : `tel:${link}`);
  return number ? { number } : { refused: link.slice(0, 80) };
}

const clearDialFromHash = () => {
  const rest = window.location.hash.replace(/^#/, '').split('&').filter((part) => !part.startsWith('dial=')).join('&');
  history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
};

/**
 * A `tel:`/`callto:`/`sip:` link opened in the browser host (`main.html#dial=…`): the number
 * is shown and called only after the operator says so — never dialled by just opening a page.
 */
export function DialLinkConfirm({ canDial }: { canDial: boolean }) {
  const { t } = useTranslation();
  const [request, setRequest] = useState(() => (typeof window === 'undefined' ? undefined : dialLinkFromHash(window.location.hash)));
  const [busy, setBusy] = useState(false);
  const callButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // The request on screen now: another link may arrive while a call is being placed.
  const shown = useRef(request);
  shown.current = request;

  useEffect(() => {
    const onHash = () => setRequest(dialLinkFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    (request && 'number' in request && canDial ? callButton : cancelButton).current?.focus();
  }, [request, canDial]);

  if (!request) return null;
  const close = () => {
    clearDialFromHash();
    setRequest(undefined);
  };
  const call = async (asked: { number: string }) => {
    setBusy(true);
    const ok = await dial(asked.number);
    setBusy(false);
    if (ok && shown.current === asked) close(); // not a link that came in meanwhile
  };
  // Escape cancels; Tab stays between the dialog's two buttons.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      (document.activeElement === callButton.current ? cancelButton : callButton).current?.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="dial-link-title" onKeyDown={onKey} data-testid="dial-link">
        {'number' in request ? (
          <>
            <h2 id="dial-link-title" className="panel__title">
              {t('dialLink.title')}
            </h2>
            <p className="modal__number" dir="ltr" data-testid="dial-link-number">
              {request.number}
            </p>
            {!canDial && <p className="settings__error">{t('dialLink.cannotDial')}</p>}
            <div className="modal__actions">
              <button ref={callButton} type="button" className="btn btn--primary" disabled={busy || !canDial} onClick={() => void call(request)} data-testid="dial-link-call">
                {t('dialLink.call')}
              </button>
              <button ref={cancelButton} type="button" className="btn" onClick={close} data-testid="dial-link-cancel">
                {t('dialLink.cancel')}
              </button>
            </div>
          </>
        ) : (
          <>
            <h2 id="dial-link-title" className="panel__title">
              {t('dialLink.refusedTitle')}
            </h2>
            <p data-testid="dial-link-refused">{t('dialLink.refused', { link: request.refused })}</p>
            <div className="modal__actions">
              <button ref={cancelButton} type="button" className="btn" onClick={close} data-testid="dial-link-cancel">
                {t('dialLink.close')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
