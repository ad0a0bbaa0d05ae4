import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../shared/contract/schemas.js';
import { formatDate, formatMoney } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { trackView } from '../store.js';

/** Unpaid invoices, overdue ones marked; opening one is journaled (it points the call's topic at billing). */
export function Invoices({ invoices, customerRef, callId, viewed }: { invoices: readonly Invoice[]; customerRef: string; callId: string; viewed: Set<string> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const [open, setOpen] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const toggle = (invoice: Invoice) => {
    setOpen((current) => (current === invoice.id ? null : invoice.id));
    if (viewed.has(`invoice:${invoice.id}`)) return;
    viewed.add(`invoice:${invoice.id}`);
    void trackView({ callId, customerRef, kind: 'invoice', id: invoice.id, number: invoice.number, status: invoice.paid ? 'paid' : 'unpaid' });
  };
  return (
    <section className="history" aria-labelledby={titleId} data-testid="invoices">
      <h3 id={titleId} className="history__title">
        {t('invoices.title', { count: invoices.length })}
      </h3>
      <ul className="invoices">
        {invoices.map((invoice) => {
          const overdue = invoice.dueDate !== undefined && invoice.dueDate < today;
          return (
            <li key={invoice.id} className={overdue ? 'invoices__item invoices__item--overdue' : 'invoices__item'} data-testid="invoice">
              <button type="button" className="orders__toggle" aria-expanded={open === invoice.id} onClick={() => toggle(invoice)} data-testid="invoice-toggle">
                {invoice.number}
              </button>
              <span className="invoices__amount">{formatMoney(invoice.amount, invoice.currency, language)}</span>
              <span className="invoices__due muted">
                {invoice.dueDate ? t(overdue ? 'invoices.overdue' : 'invoices.due', { date: formatDate(invoice.dueDate, language) }) : formatDate(invoice.date, language)}
              </span>
              {open === invoice.id && (
                <p className="invoices__details" data-testid="invoice-details">
                  {t('invoices.details', { number: invoice.number, date: formatDate(invoice.date, language) })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
