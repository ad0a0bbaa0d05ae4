import { callbackTaskSchema, type CallbackTask, type DeadLetterView, type HistoryEntry, type HistoryFilter, type SyncHealth } from '../../../shared/contract/schemas.js';
import type { ActivitySection } from '../../../shared/domain/activity.js';
import type { Clock, Logger } from '../ports.js';
import type { TrackedCall } from '../../../shared/domain/call-tracker.js';
import { callFromEnded } from './call-actions.js';
import type { Journal } from './journal-api.js';
import type { JournalSync } from './journal-sync.js';

/** One thing the operator (or the app on their behalf) did. */
export interface AppAction {
  section: ActivitySection;
  action: string;
  callId?: string;
  customerRef?: string;
  details?: Record<string, unknown>;
  /** `manual`: the operator did it by hand (a click); `auto`: the app noticed it. */
  source?: 'auto' | 'manual';
  startedAt?: number;
  endedAt?: number;
}

export interface CallTopicView {
  name: string;
  source: 'auto' | 'manual';
}

export interface ActionJournalOptions {
  journal: Journal;
  /** One per sink; the one named `crm` is what the tray and the main window report. */
  syncs: readonly JournalSync[];
  /** The operator's extension and name, as every record names them. */
  operator: string;
  topics: readonly string[];
  clock: Clock;
  log: Logger;
  /** Stops the retention schedule. */
  onClose?: () => void;
  /** Something the operator should hear about once (e.g. a damaged journal was moved aside). */
  notice?: string;
}

const MAX_TOPICS_KEPT = 200;
const DAY_MS = 86_400_000;
/** Open callback tasks missed longer ago than this are not restored. */
const CALLBACK_RESTORE_DAYS = 30;

/**
 * The app's side of the action journal: records what happens (never blocking the caller,
 * never losing an accepted action silently), keeps each call's topic at hand for the
 * snapshot, and summarises delivery for the tray and the main window.
 */
export class ActionJournal {
  private readonly topicByCall = new Map<string, CallTopicView>();
  private readonly listeners = new Set<() => void>();
  private health: SyncHealth;
  private journalProblem: string | undefined;
  /** Records still being written: close waits for them. */
  private inFlight = new Set<Promise<unknown>>();
  private readonly unsubscribe: Array<() => void> = [];
  private healthReading = false;
  private healthAgain = false;

  constructor(private readonly o: ActionJournalOptions) {
    this.health = { pending: 0, dead: 0, state: this.crmSync() ? 'idle' : 'off' };
    for (const sync of o.syncs) this.unsubscribe.push(sync.onChange(() => this.refreshHealth()));
  }

  get topics(): readonly string[] {
    return this.o.topics;
  }

  get notice(): string | undefined {
    return this.o.notice;
  }

  async start(): Promise<void> {
    for (const sync of this.o.syncs) await sync.start();
    this.refreshHealth();
  }

  /**
   * Writes the action (durably, in the journal's worker) and wakes the sync. Resolves to
   * whether it was written; a failure is logged and shown (`syncHealth().journalProblem`).
   */
  record(action: AppAction): Promise<boolean> {
    const at = this.o.clock.now();
    const write = this.o.journal
      .record({
        startedAt: action.startedAt ?? at,
        ...(action.endedAt === undefined ? {} : { endedAt: action.endedAt }),
        ...(action.callId === undefined ? {} : { callId: action.callId }),
        section: action.section,
        action: action.action,
        details: action.details ?? {},
        operator: this.o.operator,
        ...(action.customerRef === undefined ? {} : { customerRef: action.customerRef }),
        source: action.source ?? 'auto',
      })
      .then(async () => {
        this.setProblem(undefined);
        for (const sync of this.o.syncs) sync.notify();
        if (action.callId) await this.refreshTopic(action.callId);
        this.refreshHealth();
        return true;
      })
      .catch((err: unknown) => {
        const message = (err as Error)?.message ?? String(err);
        this.o.log.error({ section: action.section, action: action.action, callId: action.callId, err: message }, 'journal: an action could not be recorded');
        this.setProblem(message);
        return false;
      });
    this.track(write);
    return write;
  }

  /** Each callback task as its latest journal record has it: open ones, and ones done in the last day. */
  async latestCallbackTasks(now: number): Promise<CallbackTask[]> {
    const page = await this.o.journal.history({ section: 'callback', from: now - CALLBACK_RESTORE_DAYS * DAY_MS, limit: 1000 });
    const latest = new Map<string, CallbackTask>();
    for (const item of page.items) {
      const task = callbackTaskSchema.safeParse(item.details.task);
      if (task.success && !latest.has(task.data.id)) latest.set(task.data.id, task.data);
    }
    return [...latest.values()].filter((t) => t.status === 'open' || (t.doneAt ?? 0) > now - DAY_MS);
  }

  /** Calls that ended since `since`, newest first, named as their card showed them: the main window's "today". */
  async endedCallsSince(since: number, limit: number): Promise<TrackedCall[]> {
    const [calls, cards] = await Promise.all([
      this.o.journal.history({ section: 'call', from: since, limit: limit * 4 }),
      this.o.journal.history({ section: 'card', from: since, limit: limit * 4 }),
    ]);
    const names = new Map<string, string>();
    for (const card of cards.items) if (card.callId && typeof card.details.name === 'string') names.set(card.callId, card.details.name);
    return calls.items
      .filter((item) => item.action === 'ended')
      .map((item) => callFromEnded(item, item.callId ? names.get(item.callId) : undefined))
      .filter((call): call is TrackedCall => call !== undefined)
      .slice(0, limit);
  }

  topicOf(callId: string): CallTopicView | undefined {
    return this.topicByCall.get(callId);
  }

  /** The operator's choice for a call (`null`: let the rules decide again). */
  async setTopic(callId: string, topic: string | null, customerRef: string | undefined): Promise<void> {
    await this.o.journal.setCallTopic({ callId, topic, operator: this.o.operator, at: this.o.clock.now(), ...(customerRef ? { customerRef } : {}) });
    for (const sync of this.o.syncs) sync.notify();
    await this.refreshTopic(callId);
    this.refreshHealth();
  }

  async history(filter: HistoryFilter, limit: number, offset: number): Promise<{ items: HistoryEntry[]; total: number }> {
    const page = await this.o.journal.history({ ...filter, limit, offset });
    return { items: page.items.map(({ remoteIds: _ids, seq: _seq, ...item }) => item), total: page.total };
  }

  exportCsv(filter: HistoryFilter): Promise<string> {
    return this.o.journal.exportCsv(filter);
  }

  async deadLetters(): Promise<DeadLetterView[]> {
    const letters = await this.o.journal.deadLetters({});
    return letters.map(({ record, sink, error }) => ({
      actionId: record.id,
      sink,
      section: record.section,
      action: record.action,
      startedAt: record.startedAt,
      ...(record.customerRef === undefined ? {} : { customerRef: record.customerRef }),
      error,
    }));
  }

  async retryDead(actionId: string, sink: string | undefined): Promise<number> {
    const retried = await this.o.journal.retryDead({ actionId, ...(sink ? { sink } : {}) });
    for (const sync of this.o.syncs) if (!sink || sync.name === sink) sync.resume();
    this.refreshHealth();
    return retried;
  }

  /** Delivery to the CRM (the first sink) as the tray and the main window show it. */
  syncHealth(): SyncHealth {
    return this.journalProblem ? { ...this.health, journalProblem: this.journalProblem } : this.health;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for records being written, stops the syncs after their batch, closes the file. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    for (const u of this.unsubscribe.splice(0)) u();
    for (const sync of this.o.syncs) await sync.stop();
    this.o.onClose?.();
    await this.o.journal.close();
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async refreshTopic(callId: string): Promise<void> {
    try {
      const { topic, source } = await this.o.journal.callTopic(callId);
      const before = this.topicByCall.get(callId);
      if (topic === undefined) this.topicByCall.delete(callId);
      else {
        this.topicByCall.delete(callId); // re-insert: the newest calls stay when trimming
        this.topicByCall.set(callId, { name: topic, source: source === 'operator' ? 'manual' : 'auto' });
      }
      while (this.topicByCall.size > MAX_TOPICS_KEPT) this.topicByCall.delete(this.topicByCall.keys().next().value!);
      const after = this.topicByCall.get(callId);
      if (before?.name !== after?.name || before?.source !== after?.source) this.emit();
    } catch (err) {
      this.o.log.warn({ callId, err: (err as Error).message }, 'journal: the call topic could not be read');
    }
  }

  /** Coalesces bursts of sync changes into one read of the queue. */
  private refreshHealth(): void {
    const crm = this.crmSync();
    if (!crm) return;
    if (this.healthReading) {
      this.healthAgain = true;
      return;
    }
    this.healthReading = true;
    const read = crm
      .stats()
      .then((stats) => {
        const next: SyncHealth = {
          pending: stats.pending,
          dead: stats.dead,
          state: stats.state,
          ...(stats.problem ?? stats.lastError ? { lastError: stats.problem ?? stats.lastError } : {}),
          ...(stats.retryAt === undefined ? {} : { retryAt: stats.retryAt }),
        };
        const changed = JSON.stringify(next) !== JSON.stringify(this.health);
        this.health = next;
        if (changed) this.emit();
      })
      .catch((err: unknown) => this.o.log.warn({ err: (err as Error).message }, 'journal: the sync state could not be read'))
      .finally(() => {
        this.healthReading = false;
        if (this.healthAgain) {
          this.healthAgain = false;
          this.refreshHealth();
        }
      });
    this.track(read);
  }

  private crmSync(): JournalSync | undefined {
    return this.o.syncs.find((s) => s.name === 'crm');
  }

  private setProblem(problem: string | undefined): void {
    if (problem === this.journalProblem) return;
    this.journalProblem = problem;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
