import { createContractServer, createEventHub, type ContractHandlers, type EventHub } from '../../shared/contract/rpc.js';
import { ContractError } from '../../shared/contract/bridge.js';
import type { AgentView, AppSnapshot, CallView } from '../../shared/contract/schemas.js';
import type { AgentEvent, CallEvent, LinkState } from '../../shared/domain/call-events.js';
import { applyCallEvent, emptyCallTracker, type CallTrackerState, type TrackedCall } from '../../shared/domain/call-tracker.js';
import { LRUCache } from 'lru-cache';
import type { PhoneInfo } from '../../shared/contract/schemas.js';
import { describePhone, type PhoneOptions } from '../../shared/domain/phone.js';
import {
  effectiveStatus,
  initialPresence,
  reducePresence,
  wantsPaused,
  type PresenceInput,
  type PresenceState,
} from '../../shared/domain/presence.js';
import type { AppConfig } from './config/schema.js';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { CallbackTasks } from './callbacks/callback-tasks.js';
import { CustomerDirectory } from './pop/customer-directory.js';
import { MatchChoices } from './pop/match-choices.js';
import { PopOrchestrator } from './pop/pop-orchestrator.js';
import type { CorePorts, TimerHandle, TrayState } from './ports.js';

export type PowerEvent = 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume' | 'shutdown';

export type SettingsHandlers = Pick<ContractHandlers, 'getSettings' | 'saveSettings' | 'testConnection'>;

export interface CoreMeta {
  version: string;
  demo: boolean;
  /** Outlives this core when the app restarts it with new settings (windows stay subscribed). */
  hub?: EventHub;
  /** The settings page lives outside the core (it restarts it); absent in tools and tests. */
  settings?: SettingsHandlers;
}

const refuseSettings = (): never => {
  throw new ContractError('failed', 'Settings cannot be changed in this mode');
};
const noSettings: SettingsHandlers = { getSettings: refuseSettings, saveSettings: refuseSettings, testConnection: refuseSettings };

const MISSED_REASONS = new Set(['missed', 'abandoned']);

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
    if (!info) phones.set(raw, (info = describePhone(raw, phoneOptions)));
    return info;
  };

  let calls: CallTrackerState = emptyCallTracker;
  let presence: PresenceState = initialPresence;
  let pbxLink: LinkState = 'connecting';
  let crmUp = true;
  const onCard = new Set<string>();
  const callbacks = new CallbackTasks(uuidv7);
  let hideTimer: TimerHandle | undefined;
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
      crmUp = pop.get(callId)?.status !== 'error';
      schedulePublish();
    },
  });

  function agentView(): AgentView {
    const eff = effectiveStatus(presence);
    return {
      extension: config.agent.extension,
      status: eff.status,
      reason: eff.reason,
      screenLocked: presence.screenLocked,
    };
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
      lookup: pop.get(call.id) ?? { status: 'looking' },
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
      },
      activeCalls: calls.active.map(callView),
      recentCalls: calls.recent.map(callView),
      callbacks: callbacks.list(clock.now()),
      ui: { language: config.ui.language, theme: config.ui.theme },
    };
  }

  function trayState(): TrayState {
    const agent = agentView();
    const status: TrayState['status'] = pbxLink === 'down' ? 'error' : agent.status;
    const parts = [
      `CTI Launcher — ${agent.status}${agent.reason ? ` (${agent.reason})` : ''}`,
      `PBX: ${pbxLink}`,
      `CRM: ${crmUp ? 'up' : 'down'}`,
    ];
    if (meta.demo) parts.push('Demo mode');
    return { status, tooltip: parts.join('\n') };
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

  function updatePresence(input: PresenceInput): void {
    const before = presence;
    presence = reducePresence(presence, input);
    if (presence === before) return;
    if (wantsPaused(before) !== wantsPaused(presence) && pbxLink === 'up') {
      const reason = presence.manual.status === 'not-ready' ? presence.manual.reason : undefined;
      pbx.setPaused(wantsPaused(presence), reason).catch((err: unknown) =>
        log.warn({ err: String(err) }, 'the PBX did not accept the pause change'),
      );
    }
    schedulePublish();
  }

  function scheduleCardHide(): void {
    hideTimer?.cancel();
    hideTimer = undefined;
    if (calls.active.length > 0 || config.pop.hideAfterSeconds === 0) return;
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
      onCard.add(call.id);
      pop.begin(call.id, phoneOf(call.remoteRaw));
      windows.showCard();
    } else if (change.kind === 'updated' && event.type === 'transferred' && event.remote) {
      pop.begin(call.id, phoneOf(call.remoteRaw)); // the card follows the new party
    } else if (change.kind === 'closed') {
      if (call.endReason && MISSED_REASONS.has(call.endReason) && call.direction === 'inbound') noteMissed(call);
      scheduleCardHide();
    }
    if (event.type === 'answered') {
      const e164 = phoneOf(call.remoteRaw).e164;
      if (e164) callbacks.noteAnswered(e164, clock.now());
    }
    pop.retain(new Set([...calls.active, ...calls.recent].map((c) => c.id)));
    updatePresence({ type: 'calls-changed', active: calls.active.filter((c) => c.phase !== 'ringing').length });
    schedulePublish();
  }

  function noteMissed(call: TrackedCall): void {
    const phone = phoneOf(call.remoteRaw);
    notifier.notify({ title: 'Missed call', body: phone.display });
    if (!phone.e164) return; // withheld or invalid: nobody to call back
    const lookup = pop.get(call.id);
    const card = lookup?.status === 'found' ? lookup.card : undefined;
    callbacks.noteMissed({
      callId: call.id,
      at: call.endedAt ?? clock.now(),
      e164: phone.e164,
      display: phone.display,
      customerName: card?.name ?? call.remoteName,
      customerRef: card?.ref,
    });
  }

  function onAgentEvent(event: AgentEvent): void {
    if (event.type === 'paused') updatePresence({ type: 'pbx-paused', reason: event.reason });
    else if (event.type === 'unpaused') updatePresence({ type: 'pbx-unpaused' });
  }

  function onLinkState(state: LinkState): void {
    pbxLink = state;
    updatePresence({ type: 'pbx-link', up: state === 'up' });
    schedulePublish();
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

  const handlers: ContractHandlers = {
    ...(meta.settings ?? noSettings),
    getSnapshot: () => snapshot(),
    setStatus: ({ status, reason }) => {
      updatePresence({
        type: 'manual',
        status: status === 'available' ? { status } : { status, reason: reason ?? 'not ready' },
      });
      return agentView();
    },
    dial: ({ number }) => originate(number),
    callBack: ({ taskId }) => {
      const task = callbacks.get(taskId);
      if (!task) throw new ContractError('failed', 'This callback task no longer exists');
      return originate(task.e164);
    },
    completeCallback: ({ taskId }) => {
      if (!callbacks.complete(taskId, clock.now())) throw new ContractError('failed', 'This callback task is not open');
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
      try {
        // The key makes a double click (or a retry after a timeout) create one contact.
        const created = await crm.createContact({ ...draft, phone: phone.e164 }, `contact:${callId}:${phone.e164}`);
        pop.refresh(callId);
        schedulePublish();
        return created;
      } catch (err) {
        throw new ContractError('failed', `The CRM did not save the contact: ${(err as Error).message}`);
      }
    },
    loadOrders: async ({ ref, offset, limit }) => {
      try {
        return { orders: await crm.listOrders(ref, { offset, limit }) };
      } catch (err) {
        throw new ContractError('failed', `The CRM did not return more orders: ${(err as Error).message}`);
      }
    },
    retryLookup: ({ callId }) => {
      if (!pop.retry(callId)) throw new ContractError('failed', `No lookup to retry for call ${callId}`);
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
    /** Lock/unlock and power events from the OS (Electron powerMonitor in the app). */
    power(event: PowerEvent): void {
      log.info({ event }, 'power event');
      if (event === 'lock-screen') updatePresence({ type: 'screen-locked' });
      else if (event === 'unlock-screen') updatePresence({ type: 'screen-unlocked' });
    },
    async start(): Promise<void> {
      unsubscribers.push(pbx.onCallEvent(onCallEvent), pbx.onAgentEvent(onAgentEvent), pbx.onLinkState(onLinkState));
      tray.update(trayState());
      await pbx.connect();
    },
    async stop(): Promise<void> {
      hideTimer?.cancel();
      await pbx.disconnect(); // still subscribed: windows see the link go down
      for (const u of unsubscribers.splice(0)) u();
      await crm.close();
    },
  };
}

export type CoreInstance = ReturnType<typeof createCore>;
/** What the Electron main process and the browser host use of a running core. */
export type Core = Pick<CoreInstance, 'server' | 'events' | 'snapshot' | 'power' | 'stop'>;
