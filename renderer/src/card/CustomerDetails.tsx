import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../../shared/contract/schemas.js';
import { OrdersTable } from './OrdersTable.js';

export function CustomerDetails({ card }: { card: CustomerCard }) {
  const { t } = useTranslation();
  const nameId = useId();
  return (
    <section className="customer" aria-labelledby={nameId}>
      <h2 id={nameId} className="customer__name" title={card.name} data-testid="customer-name">
        {card.name}
      </h2>
      <div className="customer__badges">
        {card.segment && (
          <span className="badge badge--segment" title={t('customer.segment')}>
            {card.segment}
          </span>
        )}
        <span className={card.openOrders > 0 ? 'badge badge--open' : 'badge'} data-testid="open-orders">
          {card.openOrders > 0 ? t('customer.openOrders', { count: card.openOrders }) : t('customer.noOpenOrders')}
        </span>
      </div>
      <dl className="facts">
        {card.company && <Fact label={t('customer.company')} value={card.company} testId="customer-company" />}
        {card.manager && <Fact label={t('customer.manager')} value={card.manager} testId="customer-manager" />}
        {card.city && <Fact label={t('customer.city')} value={card.city} testId="customer-city" />}
      </dl>
      <OrderHistory card={card} />
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="facts__row">
      <dt className="facts__label">{label}</dt>
      <dd className="facts__value" title={value} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function OrderHistory({ card }: { card: CustomerCard }) {
  const { t } = useTranslation();
  const shown = card.orders.length;
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId}>
      <h3 id={titleId} className="history__title">
        {t('orders.title')}
        <span className="history__count">
          {' · '}
          {t('orders.orderCount', { count: card.ordersTotal })}
          {shown < card.ordersTotal && `, ${t('orders.showingLatest', { shown })}`}
        </span>
      </h3>
      {shown > 0 ? <OrdersTable orders={card.orders} /> : <p className="muted">{t('orders.none')}</p>}
    </section>
  );
}
