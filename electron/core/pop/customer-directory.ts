import { LRUCache } from 'lru-cache';
import type { Lookup, PhoneInfo } from '../../../shared/contract/schemas.js';
import type { CrmAdapter } from '../ports.js';

type Settled = Extract<Lookup, { status: 'found' | 'multiple' | 'not-found' }>;

export interface CustomerDirectoryOptions {
  crm: CrmAdapter;
  cacheTtlMs: number;
  ordersShown: number;
}

/**
 * Number → customer: skips numbers that cannot be customers, answers from a TTL cache, and
 * otherwise asks the CRM for matches and, for a single match, the card with its orders.
 */
export class CustomerDirectory {
  private readonly cache: LRUCache<string, Settled> | undefined;

  constructor(private readonly options: CustomerDirectoryOptions) {
    this.cache =
      options.cacheTtlMs > 0 ? new LRUCache<string, Settled>({ max: 2000, ttl: options.cacheTtlMs }) : undefined;
  }

  /** Immediate answer when no CRM round trip is needed (internal, anonymous, cached). */
  peek(phone: PhoneInfo): Lookup | undefined {
    if (phone.kind !== 'external' || !phone.e164) {
      return { status: 'skipped', why: phone.kind === 'external' ? 'invalid' : phone.kind };
    }
    return this.cache?.get(phone.e164);
  }

  async lookup(e164: string): Promise<Settled> {
    const cached = this.cache?.get(e164);
    if (cached) return cached;
    const { crm, ordersShown } = this.options;
    const matches = await crm.findByPhone(e164);
    let result: Settled;
    if (matches.length === 0) result = { status: 'not-found' };
    else if (matches.length > 1) result = { status: 'multiple', matches };
    else {
      const ref = matches[0]!.ref;
      const [card, orders] = await Promise.all([crm.getCard(ref), crm.listOrders(ref, { limit: ordersShown })]);
      result = { status: 'found', card: { ...card, orders } };
    }
    this.cache?.set(e164, result);
    return result;
  }

  invalidate(e164?: string): void {
    if (e164) this.cache?.delete(e164);
    else this.cache?.clear();
  }
}
