import type { CallView, CustomerCard, Order } from '../../../shared/contract/schemas.js';

export { snapshot } from '../../fakes/snapshots.js';

export const NOW = Date.UTC(2025, 2, 14, 10, 30);

export function order(i: number, patch: Partial<Order> = {}): Order {
  return {
    id: `o${i}`,
    number: `ORD-${1000 + i}`,
    date: new Date(NOW - i * 86_400_000).toISOString().slice(0, 10),
    status: 'delivered',
    amount: 100 * (i + 1),
    currency: 'RUB',
    open: false,
    ...patch,
  };
}

export const customer: CustomerCard = {
  ref: 'c1',
  kind: 'contact',
  name: 'Константин Константинопольский',
  company: 'АО «Техностройкомплект»',
  manager: 'Екатерина Васильева',
  city: 'Санкт-Петербург',
  segment: 'VIP',
  phones: ['+79161234567'],
  orders: [order(0, { status: 'new', open: true }), order(1), order(2, { status: 'processing', open: true })],
  ordersTotal: 5,
  openOrders: 2,
  tags: [],
  invoices: [],
  interactions: [],
};

export function call(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    seq: 1,
    direction: 'inbound',
    phase: 'ringing',
    remote: { raw: '+79161234567', e164: '+79161234567', display: '+7 916 123-45-67', kind: 'external', country: 'RU' },
    queue: 'support',
    ringingAt: NOW,
    onCard: true,
    lookup: { status: 'looking' },
    ...patch,
  };
}

