import { useTranslation } from 'react-i18next';

/** The active UI language, for Intl formatters. */
export function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language ?? 'en';
}
