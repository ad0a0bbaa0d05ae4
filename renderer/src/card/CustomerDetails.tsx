import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard, Order } from '../../../shared/contract/schemas.js';
import { request } from '../store.js';
import { Interactions } from './Interactions.js';
import { Invoices } from './Invoices.js';
import { NoteBox } from './NoteBox.js';
import { OrdersTable } from './OrdersTable.js';

/** Orders fetched per "more". */
const PAGE = 20;

export function CustomerDetails({ card, callId }: { card: CustomerCard; callId: string }) {
  const { t } = useTranslation();
  const nameId = useId();
  // Views are journaled once per row per call (they feed the call's topic).
  const viewed = useRef(new Set<string>());
  useEffect(() => viewed.current.clear(), [callId]);

  return (
    <section className="customer" aria-labelledby={nameId}>
      <div className="customer__title">
        <h2 id={nameId} className="customer__name" title={card.name} data-testid="customer-name">
          {card.name}
        </h2>
        {card.crmUrl && (
          <a className="btn btn--small btn--ghost" href={card.crmUrl} target="_blank" rel="noopener noreferrer" data-testid="open-in-crm">
            {t('customer.openInCrm')}
          </a>
        )}
      </div>
      <div className="customer__badges">
        {card.kind !== 'contact' && <span className="badge">{t(`customer.kind.${card.kind}`)}</span>}
        {card.segment && (
          <span className="badge badge--segment" title={t('customer.segment')}>
            {card.segment}
          </span>
        )}
        {card.tags.map((tag) => (
          <span key={tag} className="badge badge--tag" data-testid="customer-tag">
            {tag}
          </span>
        ))}
        <span className={card.openOrders > 0 ? 'badge badge--open' : 'badge'} data-testid="open-orders">
          {card.openOrders > 0 ? t('customer.openOrders', { count: card.openOrders }) : t('customer.noOpenOrders')}
        </span>
      </div>
      <dl className="facts">
        {card.company && <Fact label={t('customer.company')} value={card.company} testId="customer-company" />}
        {card.manager && <Fact label={t('customer.manager')} value={card.manager} testId="customer-manager" />}
        {card.city && <Fact label={t('customer.city')} value={card.city} testId="customer-city" />}
      </dl>
      {card.notes && (
        <p className="customer__notes" data-testid="customer-notes">
          {card.notes}
        </p>
      )}
      {card.invoices.length > 0 && <Invoices invoices={card.invoices} customerRef={card.ref} callId={callId} viewed={viewed.current} />}
      <OrderHistory card={card} callId={callId} viewed={viewed.current} />
      {card.interactions.length > 0 && <Interactions interactions={card.interactions} />}
      <NoteBox callId={callId} customerRef={card.ref} />
    </section>
  );
}

export function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="facts__row">
      <dt className="facts__label">{label}</dt>
      <dd className="facts__value" title={value} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function OrderHistory({ card, callId, viewed }: { card: CustomerCard; callId: string; viewed: Set<string> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [more, setMore] = useState<Order[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setMore([]), [card.ref]);
  const orders = [...card.orders, ...more];
  const shown = orders.length;

  const loadMore = async () => {
    setLoading(true);
    try {
      const page = await request((api) => api.loadOrders({ ref: card.ref, offset: shown, limit: PAGE }));
      setMore((before) => [...before, ...page.orders]);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };

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
      {shown > 0 ? <OrdersTable orders={orders} customerRef={card.ref} callId={callId} viewed={viewed} /> : <p className="muted">{t('orders.none')}</p>}
      {error && (
        <p className="card-error" role="alert">
          {error}
        </p>
      )}
      {shown < card.ordersTotal && (
        <button type="button" className="btn btn--small" disabled={loading} onClick={() => void loadMore()} data-testid="orders-more">
          {t('orders.more', { count: Math.min(PAGE, card.ordersTotal - shown) })}
        </button>
      )}
    </section>
  );
}
