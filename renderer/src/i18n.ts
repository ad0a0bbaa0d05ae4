import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AppSnapshot } from '../../shared/contract/schemas.js';
import en from './locales/en.json';
import ru from './locales/ru.json';
import uk from './locales/uk.json';

export type UiLanguage = 'en' | 'ru' | 'uk';
export type LanguageSetting = AppSnapshot['ui']['language'];

export const resources = {
  en: { translation: en },
  ru: { translation: ru },
  uk: { translation: uk },
} as const;

/** 'system' follows the OS/browser language: Russian and Ukrainian when asked for, else English. */
export function resolveLanguage(setting: LanguageSetting, systemLanguage: string | undefined): UiLanguage {
  if (setting !== 'system') return setting;
  const tag = (systemLanguage ?? '').toLowerCase();
  if (tag.startsWith('ru')) return 'ru';
  if (tag.startsWith('uk')) return 'uk';
  return 'en';
}

export const systemLanguage = (): string | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.language;

/** One i18next instance per window; resources are bundled, so init is synchronous. */
export function createI18n(language: UiLanguage): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ru', 'uk'],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  return instance;
}

export const i18n = createI18n(resolveLanguage('system', systemLanguage()));

/** Switches the active language and keeps `<html lang>` in step. */
export function applyLanguage(language: UiLanguage, instance: I18n = i18n): void {
  if (instance.language !== language) void instance.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
