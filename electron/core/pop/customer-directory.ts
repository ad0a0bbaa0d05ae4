import { LRUCache } from 'lru-cache';
import type { CustomerCard, CustomerMatch, Lookup, PhoneInfo } from '../../../shared/contract/schemas.js';
import type { CrmAdapter } from '../ports.js';
import type { MatchChoices } from './match-choices.js';

type Settled = Extract<Lookup, { status: 'found' | 'multiple' | 'not-found' }>;

export interface CustomerDirectoryOptions {
  crm: CrmAdapter;
  choices: MatchChoices;
  cacheTtlMs: number;
  ordersShown: number;
  interactionsShown: number;
  /** When no number matches exactly, try numbers ending in this many digits (0: off). */
  matchLastDigits: number;
}

/**
 * Number → customer: skips numbers that cannot be customers, answers from a TTL cache, and
 * otherwise asks the CRM for matches; a single match (or the one the operator picked before
 * for this number) comes back as a full card with orders and recent interactions.
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

  /** `onMatch` hears of the single customer as soon as it is known, before the card is fetched. */
  async lookup(e164: string, onMatch?: (match: CustomerMatch) => void): Promise<Settled> {
    const cached = this.cache?.get(e164);
    if (cached) return cached;
    const { crm, choices, matchLastDigits } = this.options;
    const matches = await crm.findByPhone(e164, matchLastDigits > 0 ? { lastDigits: matchLastDigits } : undefined);
    let result: Settled;
    if (matches.length === 0) result = { status: 'not-found' };
    else {
      const chosen = choices.get(e164);
      const pick = matches.length === 1 ? matches[0] : matches.find((m) => m.ref === chosen);
      if (pick) onMatch?.(pick);
      result = pick ? { status: 'found', card: await this.card(pick.ref) } : { status: 'multiple', matches };
    }
    this.cache?.set(e164, result);
    return result;
  }

  /**
   * Warms the cache for numbers likely to call soon (today's missed callers), one at a time so
   * the CRM is not flooded; failures are ignored (the ring will look the number up anyway).
   */
  async prefetch(numbers: readonly string[]): Promise<number> {
    if (!this.cache) return 0;
    let fetched = 0;
    for (const e164 of numbers) {
      if (this.cache.has(e164)) continue;
      try {
        await this.lookup(e164);
        fetched++;
      } catch {
        // the ring will try again
      }
    }
    return fetched;
  }

  /** The operator's pick among several customers with this number. */
  choose(e164: string, ref: string): void {
    this.options.choices.remember(e164, ref);
    this.invalidate(e164);
  }

  invalidate(e164?: string): void {
    if (e164) this.cache?.delete(e164);
    else this.cache?.clear();
  }

  private async card(ref: string): Promise<CustomerCard> {
    const { crm, ordersShown, interactionsShown } = this.options;
    const [card, orders, interactions] = await Promise.all([
      crm.getCard(ref),
      crm.listOrders(ref, { limit: ordersShown }),
      crm.capabilities.interactions ? crm.listInteractions(ref, { limit: interactionsShown }) : undefined,
    ]);
    return {
      ...card,
      orders,
      interactions: interactions ?? card.interactions,
      crmUrl: card.crmUrl ?? crm.recordUrl(ref),
    };
  }
}
