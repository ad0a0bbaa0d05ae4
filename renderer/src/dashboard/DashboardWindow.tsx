import { useTranslation } from 'react-i18next';

/** Placeholder until the supervisor dashboard lands. */
export function DashboardWindow() {
  const { t } = useTranslation();
  return (
    <main className="placeholder" data-testid="dashboard-root">
      <h1 className="placeholder__title">{t('dashboard.title')}</h1>
      <p className="placeholder__hint">{t('dashboard.hint')}</p>
    </main>
  );
}
