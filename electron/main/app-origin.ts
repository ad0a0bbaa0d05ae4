/** The app's own origin: every window loads `app://cti/<page>.html`, served from dist/renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cti';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type AppPage = 'card' | 'main' | 'dashboard';

export const appPageUrl = (page: AppPage): string => `${APP_ORIGIN}/${page}.html`;

/** True for any URL served by the app:// handler (and nothing else, e.g. not `app://cti.evil/`). */
export const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);
