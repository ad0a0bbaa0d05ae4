import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A fault in one view must not leave the operator with a blank window: say so, keep the
 * message for IT, and offer a reload (the core keeps running and holds all state).
 */
export class WindowErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('CTI Launcher window fault:', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <ViewFault message={this.state.error.message} /> : this.props.children;
  }
}

function ViewFault({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <main className="fatal" role="alert" data-testid="view-fault">
      <h1 className="fatal__title">{t('common.viewFaultTitle')}</h1>
      <p className="fatal__message">{message}</p>
      <button type="button" className="btn btn--primary" onClick={() => window.location.reload()} autoFocus>
        {t('common.reload')}
      </button>
    </main>
  );
}
