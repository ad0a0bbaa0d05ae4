import type { CustomerMatch, Lookup, PhoneInfo } from '../../../shared/contract/schemas.js';
import type { Clock, Logger } from '../ports.js';
import type { CustomerDirectory } from './customer-directory.js';

export interface PopOrchestratorOptions {
  directory: CustomerDirectory;
  clock: Clock;
  log: Logger;
  lookupTimeoutMs: number;
  /** Called whenever a call's lookup changes, so the app can push a new snapshot. */
  onChange: (callId: string) => void;
}

interface Entry {
  phone: PhoneInfo;
  lookup: Lookup;
  /** Bumped on retry so that a late answer of an older attempt cannot overwrite a newer one. */
  attempt: number;
}

/**
 * Ring → card: the frame (number, region, "looking up…") is available at once; the customer
 * fills in when the directory answers: the customer's name as soon as the number matches, then the
 * whole card. One lookup chain per call however often it rings;
 * after the timeout the card says so and offers a retry, and a late answer still fills it.
 */
export class PopOrchestrator {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: PopOrchestratorOptions) {}

  begin(callId: string, phone: PhoneInfo): void {
    const existing = this.entries.get(callId);
    if (existing && existing.phone.raw === phone.raw) return; // coalesce repeated ring events
    const immediate = this.options.directory.peek(phone);
    const entry: Entry = { phone, lookup: immediate ?? { status: 'looking' }, attempt: 0 };
    this.entries.set(callId, entry);
    if (!immediate && phone.e164) this.run(callId, entry, phone.e164);
  }

  retry(callId: string): boolean {
    const entry = this.entries.get(callId);
    if (!entry?.phone.e164 || pending(entry.lookup)) return false;
    return this.refresh(callId);
  }

  /** Looks the caller up again past the cache (after a pick, a new contact, or a retry). */
  refresh(callId: string): boolean {
    const entry = this.entries.get(callId);
    if (!entry?.phone.e164) return false;
    this.options.directory.invalidate(entry.phone.e164);
    entry.lookup = { status: 'looking' };
    this.run(callId, entry, entry.phone.e164);
    return true;
  }

  get(callId: string): Lookup | undefined {
    return this.entries.get(callId)?.lookup;
  }

  phone(callId: string): PhoneInfo | undefined {
    return this.entries.get(callId)?.phone;
  }

  /** Drops lookups of calls the app no longer shows. */
  retain(callIds: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!callIds.has(id)) this.entries.delete(id);
  }

  private run(callId: string, entry: Entry, e164: string): void {
    const attempt = ++entry.attempt;
    const current = () => this.entries.get(callId) === entry && entry.attempt === attempt;
    const seconds = (this.options.lookupTimeoutMs / 1000).toFixed(1);
    const timer = this.options.clock.setTimeout(() => {
      if (!current() || !pending(entry.lookup)) return;
      entry.lookup = { status: 'error', message: `The CRM did not answer within ${seconds} s` };
      this.options.onChange(callId);
    }, this.options.lookupTimeoutMs);

    const matched = (match: CustomerMatch) => {
      if (!current() || entry.lookup.status !== 'looking') return;
      entry.lookup = { status: 'matched', match };
      this.options.onChange(callId);
    };
    this.options.directory.lookup(e164, matched).then(
      (result) => {
        timer.cancel();
        if (!current()) return;
        entry.lookup = result;
        this.options.onChange(callId);
      },
      (err: unknown) => {
        timer.cancel();
        this.options.log.warn({ callId, err: String(err) }, 'customer lookup failed');
        if (!current()) return;
        entry.lookup = { status: 'error', message: `CRM lookup failed: ${(err as Error)?.message ?? String(err)}` };
        this.options.onChange(callId);
      },
    );
  }
}

/** Still waiting for the CRM (the customer may already be known, the card not yet). */
function pending(lookup: Lookup): boolean {
  return lookup.status === 'looking' || lookup.status === 'matched';
}
