import { createContractServer, createEventHub, type ContractHandlers, type EventHub } from '../../shared/contract/rpc.js';
import { ContractError } from '../../shared/contract/bridge.js';
import type { AgentView, AppSnapshot, CallView, CallbackTask, Lookup } from '../../shared/contract/schemas.js';
import type { AgentEvent, CallEvent, DialFailure, LinkState } from '../../shared/domain/call-events.js';
import { applyCallEvent, emptyCallTracker, RECENT_CALLS_LIMIT, type CallTrackerState, type TrackedCall } from '../../shared/domain/call-tracker.js';
import { LRUCache } from 'lru-cache';
import type { PhoneInfo } from '../../shared/contract/schemas.js';
import { describePhone, type PhoneOptions } from '../../shared/domain/phone.js';
import type { AppConfig } from './config/schema.js';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { CallbackTasks, type CallbackChange } from './callbacks/callback-tasks.js';
import { ActionJournal, type AppAction } from './journal/action-journal.js';
import { callAction } from './journal/call-actions.js';
import { CallerRegions } from './pop/caller-region.js';
import { PresenceController } from './presence/presence-controller.js';
import type { PresenceTransition } from './presence/presence-policy.js';
import { CustomerDirectory } from './pop/customer-directory.js';
import { MatchChoices } from './pop/match-choices.js';
import { PopOrchestrator } from './pop/pop-orchestrator.js';
import type { CorePorts, TimerHandle, TrayState } from './ports.js';
import { JournalError } from './journal/journal-error.js';

export type PowerEvent = 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume' | 'shutdown';

export type SettingsHandlers = Pick<ContractHandlers, 'getSettings' | 'saveSettings' | 'testConnection'>;

export interface CoreMeta {
  version: string;
  demo: boolean;
  /** Outlives this core when the app restarts it with new settings (windows stay subscribed). */
  hub?: EventHub;
  /** The settings page lives outside the core (it restarts it); absent in tools and tests. */
  settings?: SettingsHandlers;
  /** The action journal; without it (tools, some tests) actions are only logged. */
  journal?: ActionJournal;
  /** Caller city/region and time zone; without it calls show the country only. */
  regions?: CallerRegions;
}

const refuseSettings = (): never => {
  throw new ContractError('failed', 'Settings cannot be changed in this mode');
};
const noSettings: SettingsHandlers = { getSettings: refuseSettings, saveSettings: refuseSettings, testConnection: refuseSettings };

/** Ended calls that stay as tabs on the card when the next call rings before it hid. */
const ENDED_TABS_KEPT = 3;
const MISSED_REASONS = new Set(['missed', 'abandoned']);
/** The call is someone else's now: its card goes at once (a missed call stays as a missed entry). */
const GONE_ELSEWHERE = new Set(['answered-elsewhere', 'transferred-away']);
const DAY_MS = 86_400_000;
/**
 * A call back can be set this far ahead from the card (later ones belong in the CRM's own
 * tasks): well inside the journal's 30 days of restored tasks and Node's longest timer.
 */
const CALLBACK_AHEAD_MAX_MS = 14 * DAY_MS;
const PREFETCH_MAX = 50;
/** How long a failed click-to-call stays on screen. */
const DIAL_FAILURE_SHOWN_MS = 60_000;

const POWER_INPUT = {
  'lock-screen': 'screen-locked',
  'unlock-screen': 'screen-unlocked',
  suspend: 'suspend',
  resume: 'resume',
  shutdown: 'shutdown',
} as const satisfies Record<PowerEvent, string>;

/**
 * The composition root. The core owns call, agent and link state; windows and the tray only
 * render the snapshots it publishes, and reach it only through the contract handlers.
 */
export function createCore(ports: CorePorts, config: AppConfig, meta: CoreMeta) {
  const { pbx, crm, windows, tray, notifier, clock, log } = ports;
  const phoneOptions: PhoneOptions = {
    defaultRegion: config.phone.defaultRegion as PhoneOptions['defaultRegion'],
    maxInternalDigits: config.phone.maxInternalDigits,
  };
  const hub = meta.hub ?? createEventHub();
  // Every snapshot lists up to ~50 calls: parse each number once, not on every publish.
  const phones = new LRUCache<string, PhoneInfo>({ max: 500 });
  const phoneOf = (raw: string): PhoneInfo => {
    let info = phones.get(raw);
    if (!info) {
      phones.set(raw, (info = describePhone(raw, phoneOptions)));
      if (info.e164 && meta.regions) addRegion(raw, info.e164);
    }
    return info;
  };
  /** The frame shows at once; the city and local time follow a moment later. */
  function addRegion(raw: string, e164: string): void {
    void meta.regions!.lookup(e164).then((found) => {
      const info = phones.get(raw);
      if (!info || (!found.region && !found.timeZone)) return;
      phones.set(raw, { ...info, ...found });
      schedulePublish();
    });
  }
  const { journal } = meta;

  let calls: CallTrackerState = emptyCallTracker;
  let pbxLink: LinkState = 'connecting';
  let crmUp = true;
  const onCard = new Set<string>();
  const callbacks = new CallbackTasks(uuidv7);
  const reminders = new Map<string, TimerHandle>();
  let hideTimer: TimerHandle | undefined;
  /** The queues the PBX says this operator is a member of. */
  const memberOf = new Set<string>();
  let dialFailure: { shown: NonNullable<AppSnapshot['dialFailure']>; timer: TimerHandle } | undefined;
  const cardWindow: AppSnapshot['cardWindow'] = { pinned: false, size: config.card.size };
  /** Calls whose card showed a customer (recorded once per customer). */
  const cardShown = new Map<string, string>();
  let publishQueued = false;
  const unsubscribers: Array<() => void> = [];

  const directory = new CustomerDirectory({
    crm,
    choices: new MatchChoices(join(ports.paths.userData, 'customer-choices.json'), log),
    cacheTtlMs: config.pop.cacheTtlSeconds * 1000,
    ordersShown: config.pop.ordersShown,
    interactionsShown: config.pop.interactionsShown,
    matchLastDigits: config.pop.matchLastDigits,
  });
  const pop = new PopOrchestrator({
    directory,
    clock,
    log,
    lookupTimeoutMs: config.pop.lookupTimeoutMs,
    onChange: (callId) => {
      const lookup = pop.get(callId);
      crmUp = lookup?.status !== 'error';
      if (lookup?.status === 'found' && onCard.has(callId) && cardShown.get(callId) !== lookup.card.ref) {
        cardShown.set(callId, lookup.card.ref);
        record({ section: 'card', action: 'shown', callId, customerRef: lookup.card.ref, details: { name: lookup.card.name } });
      }
      schedulePublish();
    },
  });

  /** Journals an action; without a journal it is logged (the journal's own errors are handled there). */
  function record(action: AppAction): void {
    if (journal) void journal.record(action);
    else log.info({ action }, 'operator action');
  }

  const presence = new PresenceController({
    pbx,
    clock,
    log,
    config: config.presence,
    onChange: () => {
      if (presence.view().status !== 'wrap-up' && !hideTimer) scheduleCardHide();
      schedulePublish();
    },
    onTransition: (t: PresenceTransition) =>
      record({
        section: 'status',
        action: 'changed',
        startedAt: t.at,
        source: t.cause === 'manual' ? 'manual' : 'auto',
        details: { from: t.from, to: t.to, cause: t.cause, ...(t.reason === undefined ? {} : { reason: t.reason }) },
      }),
  });

  function agentView(): AgentView {
    const view = presence.view();
    return { extension: config.agent.extension, ...view };
  }

  const customerOf = (callId: string): string | undefined => {
    const lookup = pop.get(callId);
    if (lookup?.status === 'found') return lookup.card.ref;
    return lookup?.status === 'matched' ? lookup.match.ref : undefined;
  };

  /**
   * Only calls on the card need their customer in full; the others (the day's list) need the
   * header, so orders, invoices, contacts and notes stay out of every snapshot sent to the windows.
   */
  function lookupView(callId: string): Lookup {
    const lookup = pop.get(callId) ?? { status: 'looking' };
    if (lookup.status !== 'found' || onCard.has(callId)) return lookup;
    const { notes: _notes, ...header } = lookup.card;
    return { status: 'found', card: { ...header, orders: [], invoices: [], interactions: [] } };
  }

  function callView(call: TrackedCall): CallView {
    return {
      id: call.id,
      seq: call.seq,
      direction: call.direction,
      phase: call.phase,
      remote: phoneOf(call.remoteRaw),
      remoteName: call.remoteName,
      queue: call.queue,
      did: call.did,
      transferredBy: call.transferredBy,
      transferredTo: call.transferredTo,
      ringingAt: call.ringingAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      endReason: call.endReason,
      onCard: onCard.has(call.id),
      lookup: lookupView(call.id),
      topic: journal?.topicOf(call.id),
    };
  }

  function snapshot(): AppSnapshot {
    return {
      version: meta.version,
      mode: meta.demo ? 'demo' : 'configured',
      pbxKind: pbx.kind,
      crmKind: crm.kind,
      agent: agentView(),
      links: { pbx: pbxLink, crm: crmUp ? 'up' : 'down' },
      capabilities: {
        dial: pbx.capabilities.originate,
        hangup: pbx.capabilities.hangup,
        blindTransfer: pbx.capabilities.blindTransfer,
        attendedTransfer: pbx.capabilities.attendedTransfer,
        hold: pbx.capabilities.hold,
        spy: pbx.capabilities.spy,
        createContact: crm.capabilities.createContact,
        search: crm.capabilities.search,
      },
      activeCalls: calls.active.map(callView),
      recentCalls: calls.recent.map(callView),
      callbacks: callbacks.list(clock.now()),
      ui: { language: config.ui.language, theme: config.ui.theme },
      reasons: config.presence.reasons.map((r) => ({ code: r.code, label: r.label })),
      topics: [...(journal?.topics ?? [])],
      sync: journal?.syncHealth() ?? { pending: 0, dead: 0, state: 'off' },
      cardWindow: { ...cardWindow },
      ...(dialFailure ? { dialFailure: { ...dialFailure.shown } } : {}),
    };
  }

  function trayState(): TrayState {
    const agent = agentView();
    const sync = journal?.syncHealth();
    const error: TrayState['error'] = sync?.journalProblem ? 'journal' : pbxLink === 'down' ? 'pbx-link' : undefined;
    const status: TrayState['status'] = error ? 'error' : agent.status;
    const parts = [
      `CTI Launcher — ${agent.status}${agent.reason ? ` (${agent.reason})` : ''}`,
      `PBX: ${pbxLink}`,
      `CRM: ${crmUp ? 'up' : 'down'}`,
    ];
    if (sync && sync.pending > 0) parts.push(`${sync.pending} actions waiting to sync`);
    if (sync?.journalProblem) parts.push(`Journal: ${sync.journalProblem}`);
    if (meta.demo) parts.push('Demo mode');
    return {
      status,
      tooltip: parts.join('\n'),
      ...(agent.reason === undefined ? {} : { reason: agent.reason }),
      ...(agent.reasonBy === undefined ? {} : { reasonBy: agent.reasonBy }),
      ...(agent.offline === undefined ? {} : { offline: agent.offline }),
      ...(error === undefined ? {} : { error }),
      extension: config.agent.extension,
      links: { pbx: pbxLink, crm: crmUp ? 'up' : 'down' },
      pendingSync: sync?.pending ?? 0,
      demo: meta.demo,
    };
  }

  /** Many events can arrive in one tick; windows get one snapshot for all of them. */
  function schedulePublish(): void {
    if (publishQueued) return;
    publishQueued = true;
    queueMicrotask(() => {
      publishQueued = false;
      hub.publish('snapshot', snapshot());
      tray.update(trayState());
    });
  }

  /** Back-to-back calls keep the card from hiding: their ended tabs do not pile up past a few. */
  function keepFewEndedOnCard(): void {
    const active = new Set(calls.active.map((c) => c.id));
    const keep = new Set(calls.recent.filter((c) => onCard.has(c.id)).slice(0, ENDED_TABS_KEPT).map((c) => c.id));
    for (const id of onCard) if (!active.has(id) && !keep.has(id)) onCard.delete(id);
  }

  /** The card goes away a while after the last call and its wrap-up (unless pinned). */
  function scheduleCardHide(): void {
    hideTimer?.cancel();
    hideTimer = undefined;
    if (onCard.size === 0 || calls.active.length > 0 || config.pop.hideAfterSeconds === 0) return;
    if (presence.view().status === 'wrap-up') return;
    hideTimer = clock.setTimeout(() => {
      hideTimer = undefined;
      if (calls.active.length > 0) return;
      onCard.clear();
      windows.hideCard();
      schedulePublish();
    }, config.pop.hideAfterSeconds * 1000);
  }

  function onCallEvent(event: CallEvent): void {
    const { state, change } = applyCallEvent(calls, event);
    if (change.kind === 'ignored') {
      log.debug({ event, why: change.why }, 'call event ignored');
      return;
    }
    calls = state;
    const call = change.call;
    if (change.kind === 'opened') {
      hideTimer?.cancel();
      hideTimer = undefined;
      onCard.add(call.id);
      keepFewEndedOnCard();
      pop.begin(call.id, phoneOf(call.remoteRaw));
      windows.showCard({ ringing: true });
    } else if (change.kind === 'updated' && event.type === 'transferred' && event.remote) {
      pop.begin(call.id, phoneOf(call.remoteRaw)); // the card follows the new party
    }
    const action = callAction(event, call, phoneOf(call.remoteRaw), customerOf(call.id));
    if (action) record(action);
    if (change.kind === 'closed' && call.endReason && MISSED_REASONS.has(call.endReason) && call.direction === 'inbound') noteMissed(call);
    if (change.kind === 'closed' && call.endReason && GONE_ELSEWHERE.has(call.endReason) && onCard.delete(call.id) && onCard.size === 0) {
      windows.hideCard();
    }
    if (event.type === 'answered') {
      const e164 = phoneOf(call.remoteRaw).e164;
      if (e164) noteCallback(callbacks.noteAnswered(e164, clock.now()), call.id);
    }
    windows.setCardRinging?.(calls.active.some((c) => c.phase === 'ringing'));
    pop.retain(new Set([...calls.active, ...calls.recent].map((c) => c.id)));
    presence.input({ type: 'calls-changed', connected: calls.active.filter((c) => c.phase === 'connected' || c.phase === 'held').length });
    if (change.kind === 'closed') scheduleCardHide();
    schedulePublish();
  }

  /** Journals a callback task's change with the whole task, so open tasks can be restored at start. */
  function noteCallback(change: CallbackChange | undefined, callId?: string): void {
    if (!change) return;
    remindOf(change.task);
    record({
      section: 'callback',
      action: change.kind,
      ...(callId ? { callId } : {}),
      ...(change.task.customerRef ? { customerRef: change.task.customerRef } : {}),
      source: change.kind === 'done' && change.task.doneBy === 'manual' ? 'manual' : 'auto',
      details: { task: change.task },
    });
  }

  /** A task set for a time reminds the operator then, once, if it is still open. */
  function remindOf(task: CallbackTask): void {
    reminders.get(task.id)?.cancel();
    reminders.delete(task.id);
    if (task.status !== 'open' || task.dueAt === undefined) return;
    const wait = task.dueAt - clock.now();
    if (wait <= 0) return; // overdue: the list shows it first
    const timer = clock.setTimeout(() => {
      reminders.delete(task.id);
      const current = callbacks.get(task.id);
      if (current?.status !== 'open') return;
      const who = current.customerName ?? current.display;
      notifier.notify({ kind: 'callback-due', title: 'Time to call back', body: current.note ? `${who}: ${current.note}` : who, target: { kind: 'callback-task', taskId: current.id } });
    }, wait);
    reminders.set(task.id, timer);
  }

  function noteMissed(call: TrackedCall): void {
    const phone = phoneOf(call.remoteRaw);
    if (!phone.e164) {
      notifier.notify({ kind: 'missed-call', title: 'Missed call', body: phone.display });
      return; // withheld or invalid: nobody to call back
    }
    const lookup = pop.get(call.id);
    const card = lookup?.status === 'found' ? lookup.card : undefined;
    const change = callbacks.noteMissed({
      callId: call.id,
      at: call.endedAt ?? clock.now(),
      e164: phone.e164,
      display: phone.display,
      customerName: card?.name ?? call.remoteName,
      customerRef: card?.ref,
    });
    notifier.notify({ kind: 'missed-call', title: 'Missed call', body: phone.display, target: { kind: 'callback-task', taskId: change.task.id } });
    noteCallback(change, call.id);
  }

  function onAgentEvent(event: AgentEvent): void {
    if (event.type === 'paused') presence.input({ type: 'pbx-paused', ...(event.reason ? { reason: event.reason } : {}) });
    else if (event.type === 'unpaused') presence.input({ type: 'pbx-unpaused' });
    else if (event.type === 'dial-failed') noteDialFailed(event.number, event.reason);
    else if (event.type === 'member-added' || event.type === 'member-removed') noteMembership(event.type === 'member-added', event.queue);
  }

  /** Leaving the last queue is logging off on the PBX: the operator is offline there until they join one again. */
  function noteMembership(member: boolean, queue: string): void {
    const before = memberOf.size;
    if (member) memberOf.add(queue);
    else memberOf.delete(queue);
    if (before > 0 && memberOf.size === 0) presence.input({ type: 'pbx-logged-off', loggedOff: true });
    else if (before === 0 && memberOf.size > 0) presence.input({ type: 'pbx-logged-off', loggedOff: false });
  }

  /** A click-to-call the PBX could not place: every window says so for a minute, and the journal keeps it. */
  function noteDialFailed(number: string, reason: DialFailure): void {
    const display = phoneOf(number).display;
    clearDialFailure();
    const timer = clock.setTimeout(() => {
      dialFailure = undefined;
      schedulePublish();
    }, DIAL_FAILURE_SHOWN_MS);
    dialFailure = { shown: { number: display, reason, at: clock.now() }, timer };
    record({ section: 'dial', action: 'failed', details: { number, reason } });
    notifier.notify({ kind: 'dial-failed', title: 'The call did not go through', body: display });
    schedulePublish();
  }

  function clearDialFailure(): void {
    dialFailure?.timer.cancel();
    dialFailure = undefined;
  }

  function onLinkState(state: LinkState): void {
    pbxLink = state;
    presence.input({ type: 'pbx-link', up: state === 'up' });
    schedulePublish();
  }

  /** Today's ended calls survive a restart: the journal has each one's "call ended" record. */
  async function restoreTodaysCalls(): Promise<void> {
    if (!journal) return;
    try {
      const midnight = new Date(clock.now()).setHours(0, 0, 0, 0);
      const restored = await journal.endedCallsSince(midnight, RECENT_CALLS_LIMIT);
      const known = new Set([...calls.recent, ...calls.active].map((c) => c.id));
      const recent = [...calls.recent, ...restored.filter((c) => !known.has(c.id))].sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
      calls = { ...calls, recent: recent.slice(0, RECENT_CALLS_LIMIT) };
      schedulePublish();
    } catch (err) {
      log.warn({ err: (err as Error).message }, "today's calls could not be restored from the journal");
    }
  }

  /** Open callback tasks survive a restart: the journal has every change with the whole task. */
  async function restoreCallbacks(): Promise<void> {
    if (!journal) return;
    try {
      callbacks.restore(await journal.latestCallbackTasks(clock.now()));
      for (const task of callbacks.list(clock.now())) remindOf(task);
      schedulePublish();
      const today = callbacks
        .list(clock.now())
        .filter((t) => t.status === 'open' && t.lastMissedAt > clock.now() - DAY_MS)
        .slice(0, PREFETCH_MAX)
        .map((t) => t.e164);
      void directory.prefetch(today);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'callback tasks could not be restored from the journal');
    }
  }

  function requireActive(callId: string): void {
    if (!calls.active.some((c) => c.id === callId)) throw new ContractError('failed', `Call ${callId} is not in progress`);
  }

  async function originate(number: string): Promise<{ callId: string }> {
    if (!pbx.capabilities.originate) throw new ContractError('failed', 'This PBX connection cannot place calls');
    try {
      return await pbx.originate(number);
    } catch (err) {
      throw new ContractError('failed', `The PBX could not place the call: ${(err as Error).message}`);
    }
  }

  async function pbxCommand(what: string, command: () => Promise<void>): Promise<void> {
    try {
      await command();
    } catch (err) {
      throw new ContractError('failed', `The PBX could not ${what}: ${(err as Error).message}`);
    }
  }

  function requireJournal(): ActionJournal {
    if (!journal) throw new ContractError('failed', 'The action journal is not available in this mode');
    return journal;
  }

  /** Journal failures reach the window in plain words (disk full, damaged file). */
  async function fromJournal<T>(what: string, run: (j: ActionJournal) => Promise<T>): Promise<T> {
    const j = requireJournal();
    try {
      return await run(j);
    } catch (err) {
      const message = err instanceof JournalError || err instanceof Error ? err.message : String(err);
      throw new ContractError('failed', `The journal could not ${what}: ${message}`);
    }
  }

  function setStatusFrom(input: Parameters<PresenceController['input']>[0]): AgentView {
    const refused = presence.input(input);
    if (refused) throw new ContractError('bad-input', refused);
    return agentView();
  }

  async function dialFor(number: string, details: Record<string, unknown>, customerRef?: string): Promise<{ callId: string }> {
    if (dialFailure) {
      clearDialFailure();
      schedulePublish();
    }
    const placed = await originate(number);
    record({ section: 'dial', action: 'placed', source: 'manual', callId: placed.callId, ...(customerRef ? { customerRef } : {}), details: { number, ...details } });
    return placed;
  }

  const handlers: ContractHandlers = {
    ...(meta.settings ?? noSettings),
    getSnapshot: () => snapshot(),
    setStatus: (choice) => setStatusFrom({ type: 'set-status', choice }),
    endWrapUp: () => setStatusFrom({ type: 'end-wrap-up' }),
    extendWrapUp: ({ seconds }) => setStatusFrom({ type: 'extend-wrap-up', seconds }),
    dial: ({ number }) => dialFor(number, {}),
    callBack: ({ taskId }) => {
      const task = callbacks.get(taskId);
      if (!task) throw new ContractError('failed', 'This callback task no longer exists');
      return dialFor(task.e164, { callbackTask: taskId }, task.customerRef);
    },
    scheduleCallback: ({ callId, dueAt, note }) => {
      const call = [...calls.active, ...calls.recent].find((c) => c.id === callId);
      if (!call) throw new ContractError('failed', `Call ${callId} is no longer known`);
      const phone = phoneOf(call.remoteRaw);
      if (!phone.e164) throw new ContractError('failed', 'This caller\'s number is withheld or not a phone number: there is nothing to call back');
      const now = clock.now();
      if (dueAt < now - 60_000) throw new ContractError('bad-input', 'That time has already passed: choose a later one');
      if (dueAt > now + CALLBACK_AHEAD_MAX_MS) throw new ContractError('bad-input', 'A call back can be set up to two weeks ahead; longer-term tasks belong in the CRM');
      const lookup = pop.get(callId);
      const customer = lookup?.status === 'found' ? { name: lookup.card.name, ref: lookup.card.ref } : lookup?.status === 'matched' ? { name: lookup.match.name, ref: lookup.match.ref } : undefined;
      const change = callbacks.schedule({
        callId,
        at: now,
        e164: phone.e164,
        display: phone.display,
        ...(customer ? { customerName: customer.name, customerRef: customer.ref } : call.remoteName ? { customerName: call.remoteName } : {}),
        dueAt,
        ...(note ? { note } : {}),
      });
      noteCallback(change, callId);
      schedulePublish();
      return change.task;
    },
    completeCallback: ({ taskId }) => {
      const change = callbacks.complete(taskId, clock.now());
      if (!change) throw new ContractError('failed', 'This callback task is not open');
      noteCallback(change);
      schedulePublish();
    },
    hangup: async ({ callId }) => {
      requireActive(callId);
      if (!pbx.capabilities.hangup) throw new ContractError('failed', 'This PBX connection cannot hang up calls');
      await pbxCommand('hang up', () => pbx.hangup(callId));
    },
    transfer: async ({ callId, target, kind }) => {
      requireActive(callId);
      const able = kind === 'blind' ? pbx.capabilities.blindTransfer : pbx.capabilities.attendedTransfer;
      if (!able) throw new ContractError('failed', `This PBX connection cannot make ${kind} transfers`);
      await pbxCommand('transfer the call', () =>
        kind === 'blind' ? pbx.blindTransfer(callId, target) : pbx.attendedTransfer(callId, target),
      );
      const customerRef = customerOf(callId);
      record({ section: 'transfer', action: 'requested', source: 'manual', callId, ...(customerRef ? { customerRef } : {}), details: { kind, target } });
    },
    chooseCustomer: ({ callId, ref }) => {
      const lookup = pop.get(callId);
      const phone = pop.phone(callId);
      if (lookup?.status !== 'multiple' || !phone?.e164) throw new ContractError('failed', `Call ${callId} has no customers to choose from`);
      if (!lookup.matches.some((m) => m.ref === ref)) throw new ContractError('bad-input', `Customer ${ref} is not one of the matches for this number`);
      directory.choose(phone.e164, ref);
      pop.refresh(callId);
      schedulePublish();
    },
    createContact: async ({ callId, draft }) => {
      const phone = pop.phone(callId);
      if (pop.get(callId)?.status !== 'not-found' || !phone?.e164) {
        throw new ContractError('failed', 'A new contact can only be created for an unknown caller on the card');
      }
      if (!crm.capabilities.createContact) throw new ContractError('failed', `The ${crm.kind} CRM connection cannot create contacts`);
      let created: { ref: string };
      try {
        // The key makes a double click (or a retry after a timeout) create one contact.
        created = await crm.createContact({ ...draft, phone: phone.e164 }, `contact:${callId}:${phone.e164}`);
      } catch (err) {
        throw new ContractError('failed', `The CRM did not save the contact: ${(err as Error).message}`);
      }
      record({ section: 'contact', action: 'created', source: 'manual', callId, customerRef: created.ref, details: { name: draft.name, phone: phone.e164 } });
      pop.refresh(callId);
      schedulePublish();
      return created;
    },
    loadOrders: async ({ ref, offset, limit }) => {
      try {
        return { orders: await crm.listOrders(ref, { offset, limit }) };
      } catch (err) {
        throw new ContractError('failed', `The CRM did not return more orders: ${(err as Error).message}`);
      }
    },
    searchCustomers: async ({ query, limit }) => {
      if (!crm.capabilities.search) throw new ContractError('failed', `The ${crm.kind} CRM connection cannot search customers`);
      try {
        return { matches: await crm.search(query, { limit }) };
      } catch (err) {
        throw new ContractError('failed', `The CRM search failed: ${(err as Error).message}`);
      }
    },
    setCallTopic: async ({ callId, topic }) => {
      await fromJournal('set the topic', (j) => j.setTopic(callId, topic, customerOf(callId)));
      schedulePublish();
    },
    trackView: ({ callId, customerRef, kind, id, number, status }) => {
      record({ section: kind, action: 'viewed', source: 'manual', customerRef, ...(callId ? { callId } : {}), details: { id, number, ...(status ? { status } : {}) } });
    },
    saveNote: async ({ callId, customerRef, text }) => {
      const j = requireJournal();
      const saved = await j.record({ section: 'note', action: 'saved', source: 'manual', ...(callId ? { callId } : {}), ...(customerRef ? { customerRef } : {}), details: { text } });
      if (!saved) throw new ContractError('failed', `The note was not saved: ${j.syncHealth().journalProblem ?? 'the journal refused it'}`);
    },
    history: ({ filter, limit, offset }) => fromJournal('read the history', (j) => j.history(filter, limit, offset)),
    exportHistory: async ({ filter }) => {
      const csv = await fromJournal('export the history', (j) => j.exportCsv(filter));
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return { csv, fileName: `cti-history-${day}.csv` };
    },
    deadLetters: async () => ({ items: await fromJournal('list the refused actions', (j) => j.deadLetters()) }),
    retryDeadLetter: async ({ actionId, sink }) => {
      const retried = await fromJournal('queue the action again', (j) => j.retryDead(actionId, sink));
      if (retried === 0) throw new ContractError('failed', 'This action is no longer waiting for a retry');
      schedulePublish();
      return { retried };
    },
    retryLookup: ({ callId }) => {
      if (!pop.retry(callId)) throw new ContractError('failed', `No lookup to retry for call ${callId}`);
      schedulePublish();
    },
    setCardWindow: ({ pinned, size }) => {
      if (pinned !== undefined) {
        cardWindow.pinned = pinned;
        windows.setCardPinned?.(pinned);
      }
      if (size !== undefined) {
        cardWindow.size = size;
        windows.setCardSize?.(size);
      }
      schedulePublish();
    },
    dismissCall: ({ callId }) => {
      if (calls.active.some((c) => c.id === callId)) {
        throw new ContractError('failed', 'A call that is still going on cannot be dismissed');
      }
      onCard.delete(callId);
      if (onCard.size === 0) windows.hideCard();
      schedulePublish();
    },
  };

  return {
    server: createContractServer(handlers),
    events: hub,
    snapshot,
    /**
     * Lock/unlock and power events from the OS (Electron powerMonitor in the app). Resolves
     * once the PBX has answered the pause it caused (suspend and shutdown wait for that).
     */
    power(event: PowerEvent): Promise<void> {
      log.info({ event }, 'power event');
      presence.input({ type: POWER_INPUT[event] });
      return presence.settled();
    },
    async start(): Promise<void> {
      unsubscribers.push(pbx.onCallEvent(onCallEvent), pbx.onAgentEvent(onAgentEvent), pbx.onLinkState(onLinkState));
      if (journal) {
        unsubscribers.push(journal.onChange(schedulePublish));
        await journal.start();
        if (journal.notice) notifier.notify({ title: 'Action journal', body: journal.notice });
        await restoreCallbacks();
        // Only the main window's list: the PBX need not wait for it (calls ending meanwhile are merged).
        void restoreTodaysCalls();
      }
      tray.update(trayState());
      await pbx.connect();
    },
    async stop(): Promise<void> {
      hideTimer?.cancel();
      clearDialFailure();
      for (const timer of reminders.values()) timer.cancel();
      presence.stop();
      await pbx.disconnect(); // still subscribed: windows see the link go down
      for (const u of unsubscribers.splice(0)) u();
      await journal?.close();
      await crm.close();
    },
  };
}

export type CoreInstance = ReturnType<typeof createCore>;
/** What the Electron main process and the browser host use of a running core. */
export type Core = Pick<CoreInstance, 'server' | 'events' | 'snapshot' | 'power' | 'stop'>;
