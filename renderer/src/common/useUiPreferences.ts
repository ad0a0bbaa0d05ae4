import { useLayoutEffect } from 'react';
import type { AppSnapshot } from '../../../shared/contract/schemas.js';
import { applyLanguage, resolveLanguage, systemLanguage } from '../i18n.js';
import { applyTheme } from '../theme.js';

/** Applies the snapshot's language and theme to the document ('system' follows the OS live). */
export function useUiPreferences(ui: AppSnapshot['ui'] | undefined): void {
  const language = ui?.language ?? 'system';
  const theme = ui?.theme ?? 'system';

  useLayoutEffect(() => {
    const update = () => applyLanguage(resolveLanguage(language, systemLanguage()));
    update();
    if (language !== 'system') return;
    window.addEventListener('languagechange', update);
    return () => window.removeEventListener('languagechange', update);
  }, [language]);

  useLayoutEffect(() => applyTheme(theme), [theme]);
}
