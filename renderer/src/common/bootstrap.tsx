import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { connectBridge } from '../bridge.js';
import { i18n } from '../i18n.js';
import { startMirroring } from '../store.js';
import { AppFrame, type WindowName } from './AppFrame.js';
import { BridgeError } from './BridgeError.js';
import { WindowErrorBoundary } from './WindowErrorBoundary.js';

/** Entry point of every window: bridge, store mirror, i18n and theme, then the window's view. */
export function startWindow(name: WindowName, View: ComponentType<{ snapshot: AppSnapshot }>): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element');
  const root = createRoot(container);

  const bridge = connectBridge();
  if ('error' in bridge) {
    root.render(
      <I18nextProvider i18n={i18n}>
        <BridgeError message={bridge.error} />
      </I18nextProvider>,
    );
    return;
  }

  startMirroring(bridge.api);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <AppFrame name={name}>
          {(snapshot) => (
            <WindowErrorBoundary>
              <View snapshot={snapshot} />
            </WindowErrorBoundary>
          )}
        </AppFrame>
      </I18nextProvider>
    </StrictMode>,
  );
}
