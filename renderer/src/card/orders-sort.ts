import type { Order } from '../../../shared/contract/schemas.js';

export type OrderSortKey = 'number' | 'date' | 'status' | 'amount';
export interface OrderSort {
  key: OrderSortKey;
  dir: 'asc' | 'desc';
}

/** Newest first, as the CRM sends them. */
export const DEFAULT_ORDER_SORT: OrderSort = { key: 'date', dir: 'desc' };

const STATUS_RANK: Record<Order['status'], number> = { new: 0, processing: 1, shipped: 2, delivered: 3, returned: 4, cancelled: 5 };

const COMPARE: Record<OrderSortKey, (a: Order, b: Order) => number> = {
  number: (a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }),
  date: (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  status: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
  amount: (a, b) => a.amount - b.amount,
};

/** A sorted copy; ties keep the CRM's order. */
export function sortOrders(orders: readonly Order[], sort: OrderSort): Order[] {
  const compare = COMPARE[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...orders].sort((a, b) => sign * compare(a, b));
}

/** Clicking the sorted column flips it; another column starts in its natural direction. */
export function nextSort(current: OrderSort, key: OrderSortKey): OrderSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'date' || key === 'amount' ? 'desc' : 'asc' };
}
