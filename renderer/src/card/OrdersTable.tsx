import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../shared/contract/schemas.js';
import { formatDate, formatMoney } from '../common/format.js';
import { useLanguage } from '../common/useLanguage.js';
import { DEFAULT_ORDER_SORT, nextSort, sortOrders, type OrderSort, type OrderSortKey } from './orders-sort.js';

const COLUMNS: readonly OrderSortKey[] = ['number', 'date', 'status', 'amount'];

export function OrdersTable({ orders }: { orders: readonly Order[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [sort, setSort] = useState<OrderSort>(DEFAULT_ORDER_SORT);
  const rows = useMemo(() => sortOrders(orders, sort), [orders, sort]);

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
            <tr key={order.id} className={order.open ? 'orders__row orders__row--open' : 'orders__row'} data-testid="order-row">
              <td className="orders__number">
                {order.number}
                {order.open && <span className="sr-only"> ({t('orders.openMarker')})</span>}
              </td>
              <td className="orders__date">{formatDate(order.date, language)}</td>
              <td>
                <span className={`order-status order-status--${order.status}`}>{t(`orderStatus.${order.status}`)}</span>
              </td>
              <td className="orders__amount">{formatMoney(order.amount, order.currency, language)}</td>
            </tr>
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
