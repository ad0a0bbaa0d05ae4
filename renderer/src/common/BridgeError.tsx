import { useTranslation } from 'react-i18next';
import { useUiPreferences } from './useUiPreferences.js';

/** Shown instead of the window when there is no bridge to the app at all. */
export function BridgeError({ message }: { message: string }) {
  const { t } = useTranslation();
  useUiPreferences(undefined);
  return (
    <main className="fatal" role="alert" data-testid="bridge-error">
      <h1 className="fatal__title">{t('common.bridgeErrorTitle')}</h1>
      <p className="fatal__message">{message}</p>
    </main>
  );
}
