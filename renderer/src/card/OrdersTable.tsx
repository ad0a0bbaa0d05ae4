import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../shared/contract/schemas.js';
import { formatDate, formatMoney } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { trackView } from '../store.js';
import { DEFAULT_ORDER_SORT, nextSort, sortOrders, type OrderSort, type OrderSortKey } from './orders-sort.js';

const COLUMNS: readonly OrderSortKey[] = ['number', 'date', 'status', 'amount'];

interface OrdersTableProps {
  orders: readonly Order[];
  customerRef: string;
  callId: string;
  /** Rows already journaled as viewed on this call. */
  viewed: Set<string>;
}

export function OrdersTable({ orders, customerRef, callId, viewed }: OrdersTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [sort, setSort] = useState<OrderSort>(DEFAULT_ORDER_SORT);
  const [open, setOpen] = useState<string | null>(null);
  const rows = useMemo(() => sortOrders(orders, sort), [orders, sort]);
  const toggle = (order: Order) => {
    setOpen((current) => (current === order.id ? null : order.id));
    if (viewed.has(`order:${order.id}`)) return;
    viewed.add(`order:${order.id}`);
    void trackView({ callId, customerRef, kind: 'order', id: order.id, number: order.number, status: order.status });
  };

  return (
    <div className="orders-scroll">
      <table className="orders" data-testid="orders-table">
        <caption className="sr-only">{t('orders.title')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((key) => (
              <SortableHeader key={key} column={key} sort={sort} onSort={() => setSort((s) => nextSort(s, key))} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => (
            <Fragment key={order.id}>
              <tr className={order.open ? 'orders__row orders__row--open' : 'orders__row'} data-testid="order-row">
                <td className="orders__number">
                  <button
                    type="button"
                    className="orders__toggle"
                    aria-expanded={open === order.id}
                    aria-controls={`order-${order.id}`}
                    onClick={() => toggle(order)}
                    data-testid="order-toggle"
                  >
                    {order.number}
                  </button>
                  {order.open && <span className="sr-only"> ({t('orders.openMarker')})</span>}
                </td>
                <td className="orders__date">{formatDate(order.date, language)}</td>
                <td>
                  <span className={`order-status order-status--${order.status}`}>{t(`orderStatus.${order.status}`)}</span>
                </td>
                <td className="orders__amount">{formatMoney(order.amount, order.currency, language)}</td>
              </tr>
              {open === order.id && (
                <tr className="orders__details" id={`order-${order.id}`} data-testid="order-details">
                  <td colSpan={4}>
                    {t('orders.details', {
                      number: order.number,
                      date: formatDate(order.date, language),
                      status: t(`orderStatus.${order.status}`),
                      amount: formatMoney(order.amount, order.currency, language),
                    })}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortableHeader({ column, sort, onSort }: { column: OrderSortKey; sort: OrderSort; onSort: () => void }) {
  const { t } = useTranslation();
  const active = sort.key === column;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const label = t(`orders.${column}`);
  return (
    <th scope="col" aria-sort={ariaSort} className={`orders__head orders__head--${column}`}>
      <button type="button" className="orders__sort" onClick={onSort} title={t('orders.sortBy', { column: label })}>
        {label}
        <span className="orders__arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
