import type { AppSnapshot } from '../../shared/contract/schemas.js';

export type ThemeSetting = AppSnapshot['ui']['theme'];
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, systemPrefersDark: boolean): Theme {
  if (setting !== 'system') return setting;
  return systemPrefersDark ? 'dark' : 'light';
}

const systemPrefersDark = (): boolean =>
  typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;

/** Sets data-theme on <html>; with 'system' it follows OS changes until the returned stop is called. */
export function applyTheme(setting: ThemeSetting): () => void {
  const root = document.documentElement;
  const apply = () => {
    const theme = resolveTheme(setting, systemPrefersDark());
    root.dataset.theme = theme;
  };
  apply();
  if (setting !== 'system' || typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
