/** The app's own origin: every window loads `app://cti/<page>.html`, served from dist/renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cti';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type AppPage = 'card' | 'main' | 'dashboard';

export const appPageUrl = (page: AppPage): string => `${APP_ORIGIN}/${page}.html`;

/** True for any URL served by the app:// handler (and nothing else, e.g. not `app://cti.evil/`). */
export const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);

/** What the main window opens on: its page, or a callback task on the calls page. */
export type MainView = { page: 'calls'; callbackTaskId?: string } | { page: 'settings' };

/** Task ids are UUIDs; anything else is not put in a URL. */
const TASK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The renderer reads the page from the hash: `#settings`, `#calls`, or `#callback=<task id>`. */
export function mainPageUrl(view?: MainView): string {
  const base = appPageUrl('main');
  if (!view) return base;
  if (view.page === 'settings') return `${base}#settings`;
  return view.callbackTaskId && TASK_ID.test(view.callbackTaskId) ? `${base}#callback=${view.callbackTaskId}` : `${base}#calls`;
}
